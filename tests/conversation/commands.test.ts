import { buttonCommand, buttonKind, typedCommand } from '../../src/conversation/commands';

describe('typed commands', () => {
  it.each([
    ['', { name: 'help' }],
    ['hjælp', { name: 'help' }],
    [' /Help! ', { name: 'help' }],
    ['kom godt i gang', { name: 'tour' }],
    ['Kom godt i gang med Sikker By', { name: 'tour' }],
    ['Show me around, please', { name: 'tour' }],
    ['Jeg er ny, hvem er min kontakt?', { name: 'ask', question: 'Jeg er ny, hvem er min kontakt?' }],
    ['påmindelser', { name: 'admin', command: 'upcoming' }],
    ['genindlæs', { name: 'admin', command: 'reload' }],
    ['Hvad er Sikker By? ', { name: 'ask', question: 'Hvad er Sikker By?' }],
    ['hjælp til ansøgning', { name: 'ask', question: 'hjælp til ansøgning' }],
  ])('%j in a 1:1 chat with admin commands', (text, command) => {
    expect(typedCommand(text, true)).toEqual(command);
  });

  it('are questions where admin commands are not recognised (channels, or no admins configured)', () => {
    expect(typedCommand('status', false)).toEqual({ name: 'ask', question: 'status' });
    expect(typedCommand('hjælp', false)).toEqual({ name: 'help' });
  });
});

describe('buttons', () => {
  it('map each card’s data to its command and metric', () => {
    const cases = [
      [{ action: 'tour.go', step: 2 }, { name: 'tour', action: { action: 'tour.go', step: 2 } }, 'tour'],
      [{ action: 'ask', question: 'Og i 2025?' }, { name: 'ask', question: 'Og i 2025?' }, 'ask'],
      [{ action: 'feedback', rating: 'down', answerId: 'a1' }, { name: 'rate', answerId: 'a1', rating: 'down' }, 'feedback'],
      [{ action: 'feedback', rating: 'meh', answerId: 'a1' }, { name: 'unknown button' }, 'unknown'],
      ['not an object', { name: 'unknown button' }, 'unknown'],
    ] as const;
    for (const [value, command, kind] of cases) {
      expect(buttonCommand(value)).toEqual(command);
      expect(buttonKind(buttonCommand(value))).toBe(kind);
    }
  });

  it('recognise a reminder card’s Action.Submit', () => {
    const command = buttonCommand({ action: 'reminder.reported', deadlineId: 'exit-kk-midtvejsstatus', occurrence: '2026-10-01' });
    expect(command.name).toBe('reminder');
    expect(buttonKind(command)).toBe('reminder');
  });
});
