// The reminder card's buttons and the conversation references reminders need,
// through the real HTTP endpoint, with a fake Bot Connector.
import { cardIn, installationUpdate, invoke, message, submit, USER } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

const OWNER = 'owner@kk.dk';
const target = { deadlineId: 'dl-effektopfoelgning', occurrence: '2026-10-01', owner: OWNER };
const texts = (card: unknown): string => JSON.stringify(card);

describe('Indberettet / Udsæt as Action.Execute', () => {
  it('records who reported and answers with the card in its new state, without buttons to press again', async () => {
    const res = await t.post(
      invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'reminder.reported', data: target }, trigger: 'manual' }, t.from('personal')),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(body.value)).toContain(USER.name);
    expect(texts(body.value)).not.toContain('reminder.reported');
    const acks = await t.bot.store.listAcknowledgements();
    expect(acks).toEqual([expect.objectContaining({ ...target, by: USER.name })]);
  });

  it('answers an unknown action with an error card response, not a crash', async () => {
    const res = await t.post(invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'reminder.delete', data: target } }, t.from('personal')));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { statusCode: number }).statusCode).toBe(400);
  });
});

describe('Indberettet / Udsæt as the Action.Submit fallback', () => {
  it('snoozes and updates the pressed card in place', async () => {
    const activity = submit({ action: 'reminder.snooze', ...target, occurrence: '2027-10-01' }, { ...t.from('personal'), replyToId: 'reminder-card-1' });
    expect((await t.post(activity)).status).toBe(200);
    const updated = t.connector.to(activity.conversation.id).find((s) => s.method === 'PUT' && s.targetId === 'reminder-card-1');
    expect(updated).toBeDefined();
    expect(texts(cardIn(updated!.activity))).toMatch(/Udsat til/);
    expect(updated!.activity.summary).toMatch(/Udsat/);
    const snoozes = await t.bot.store.listSnoozes();
    expect(snoozes).toEqual([expect.objectContaining({ deadlineId: target.deadlineId, occurrence: '2027-10-01', owner: OWNER })]);
    // Three days on, moved into working time: after the press, never before.
    expect(snoozes[0]!.until.getTime()).toBeGreaterThan(Date.now() + 2.9 * 24 * 3600_000);
  });
});

describe('conversation references for reminders', () => {
  it('are saved from a personal message with the user\'s Entra id, and removed on uninstall', async () => {
    const from = t.from('personal', { conversationId: 'a:reminder-ref-1' });
    const someone = { ...USER, id: '29:someone', aadObjectId: '99999999-2222-4333-8444-555555555555' };
    expect((await t.post({ ...message('Hvad er Sikker By?', from), from: someone })).status).toBe(200);
    const saved = await t.bot.store.findPersonalConversation(someone.aadObjectId.toUpperCase());
    expect(saved).toMatchObject({ conversationId: 'a:reminder-ref-1', kind: 'personal', serviceUrl: t.connector.url });
    expect((await t.post({ ...installationUpdate('remove', from), from: someone })).status).toBe(200);
    expect(await t.bot.store.findPersonalConversation(someone.aadObjectId)).toBeUndefined();
  });
});
