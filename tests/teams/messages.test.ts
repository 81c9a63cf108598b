// Questions through the real HTTP endpoint, answered by the real assistant,
// replies received by a fake Bot Connector.
import { renderWelcomeCard } from '../../src/cards/render';
import { MAX_QUESTION_CHARS } from '../../src/protocol/activity';
import { ADAPTIVE_CARD, cardIn, mentionMessage, message, type TeamsActivity } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
  // The first question builds the search index; after it, "quick" means an ordinary answer.
  expect((await t.post(message('Hvad er Sikker By?', t.from('personal', { conversationId: 'a:warm-up' })))).status).toBe(200);
});
afterAll(() => t.close());

/** Posts an activity and returns what the bot sent back to its conversation (the turn is over when the POST returns). */
async function exchange(activity: TeamsActivity) {
  const res = await t.post(activity);
  expect(res.status).toBe(200);
  return t.connector.to(activity.conversation.id).map((s) => s.activity);
}

const askedIn = (activity: TeamsActivity) => t.asked.filter((a) => a.conversationId === activity.conversation.id);

describe('a slow answer', () => {
  let slow: TestBot;
  beforeAll(async () => {
    slow = await startTestBot({
      assistant: (real) => ({
        help: (lang) => real.help(lang),
        ask: async (question, conversationId, alongside) => {
          await new Promise((resolve) => setTimeout(resolve, 600));
          return real.ask(question, conversationId, alongside);
        },
      }),
    });
  });
  afterAll(() => slow.close());

  it('gets a typing indicator first, then the card', async () => {
    const activity = message('Hvad er Sikker By?', slow.from('personal'));
    expect((await slow.post(activity)).status).toBe(200);
    expect(slow.connector.to(activity.conversation.id).map((s) => s.activity.type)).toEqual(['typing', 'message']);
  });
});

describe('a question in personal chat', () => {
  it('is answered with one activity holding the card and its summary (no typing indicator when the answer is quick)', async () => {
    const activity = message('Hvad er Sikker By?', t.from('personal'));
    const sent = await exchange(activity);
    expect(sent.map((a) => a.type)).toEqual(['message']);
    const reply = sent[0]!;
    const [asked] = askedIn(activity);
    expect(asked?.question).toEqual({ text: 'Hvad er Sikker By?', localeLang: 'da' });
    expect(reply.summary).toBe(asked?.answer.summary);
    expect(reply.text).toBeUndefined();
    expect(reply.attachments).toHaveLength(1);
    expect(reply.attachments[0].contentType).toBe(ADAPTIVE_CARD);
    expect(JSON.stringify(cardIn(reply))).toContain(JSON.stringify(asked?.answer.title).slice(1, -1));
    expect(reply.replyToId).toBe(activity.id);
  });

  it('is answered in English when the client locale is English', async () => {
    const activity = message('Who do I contact about the Sikker By strategy?', t.from('personal', { locale: 'en-US' }));
    const sent = await exchange(activity);
    const [asked] = askedIn(activity);
    expect(asked?.question.localeLang).toBe('en');
    expect(asked?.answer.lang).toBe('en');
    expect(sent.at(-1)?.summary).toBe(asked?.answer.summary);
    expect(JSON.stringify(cardIn(sent.at(-1)!))).toContain('Was this helpful?');
  });

  it('passes the default language as the hint for a Danish client', async () => {
    const activity = message('Hvem er kontaktperson for Sikker By?', t.from('personal', { locale: 'da-DK' }));
    const sent = await exchange(activity);
    expect(askedIn(activity)[0]?.answer.lang).toBe('da');
    expect(JSON.stringify(cardIn(sent.at(-1)!))).toContain('Var svaret nyttigt?');
  });
});

describe('group chats and channels', () => {
  it('ignore a message that does not @mention the bot', async () => {
    for (const scope of ['channel', 'groupChat'] as const) {
      const activity = message('Hvad er Sikker By?', t.from(scope));
      expect(await exchange(activity)).toEqual([]);
      expect(askedIn(activity)).toEqual([]);
    }
  });

  it('answer an @mention, with the mention removed from the question', async () => {
    for (const scope of ['channel', 'groupChat'] as const) {
      const activity = mentionMessage('Hvad er Sikker By?', t.from(scope));
      const sent = await exchange(activity);
      expect(askedIn(activity).map((a) => a.question.text)).toEqual(['Hvad er Sikker By?']);
      expect(cardIn(sent.at(-1)!)).toBeDefined();
    }
  });

  it('answer a mention-only message with the help card', async () => {
    const activity = mentionMessage('', t.from('channel'));
    const sent = await exchange(activity);
    expect(askedIn(activity)).toEqual([]);
    expect(cardIn(sent.at(-1)!)).toEqual(renderWelcomeCard(t.help('da')));
  });
});

describe('help and odd messages', () => {
  it.each(['hjælp', 'Hjaelp', 'help', '/help', 'HJÆLP!'])('"%s" shows the welcome card', async (text) => {
    const activity = message(text, t.from('personal'));
    const [reply, ...rest] = await exchange(activity);
    expect(rest).toEqual([]);
    expect(reply?.summary).toBe(t.help('da').summary);
    expect(cardIn(reply!)).toEqual(renderWelcomeCard(t.help('da')));
    expect(askedIn(activity)).toEqual([]);
  });

  it('shows English help to an English client', async () => {
    const [reply] = await exchange(message('help', t.from('personal', { locale: 'en-GB' })));
    expect(cardIn(reply!)).toEqual(renderWelcomeCard(t.help('en')));
  });

  it.each([
    ['an empty message', ''],
    ['only whitespace', '  \n\t '],
    ['only markup', '<p></p>'],
  ])('answers %s with the help card', async (_name, text) => {
    const [reply] = await exchange(message(text, t.from('personal')));
    expect(reply?.summary).toBe(t.help('da').summary);
  });

  it('cuts a 5,000-character message before it reaches the core', async () => {
    const activity = message(`Hvad er Sikker By? ${'tryghed '.repeat(625)}`, t.from('personal'));
    const sent = await exchange(activity);
    const question = askedIn(activity)[0]?.question.text ?? '';
    expect(question.startsWith('Hvad er Sikker By?')).toBe(true);
    expect(question.length).toBeLessThanOrEqual(MAX_QUESTION_CHARS);
    expect(cardIn(sent.at(-1)!)).toBeDefined();
  });

  it('answers a message full of emoji', async () => {
    const activity = message('🚓🙂 hvad er sikker by? 👍🏽👨‍👩‍👧', t.from('personal'));
    const sent = await exchange(activity);
    expect(askedIn(activity)[0]?.question.text).toBe('🚓🙂 hvad er sikker by? 👍🏽👨‍👩‍👧');
    expect(cardIn(sent.at(-1)!)).toBeDefined();
  });

  it('strips HTML from a message and decodes its entities', async () => {
    const activity = message('<p>Hvad er <b>tryghed</b> &amp; trivsel?</p><script>alert(1)</script>', t.from('personal'));
    const sent = await exchange(activity);
    expect(askedIn(activity)[0]?.question.text).toBe('Hvad er tryghed & trivsel? alert(1)');
    expect(cardIn(sent.at(-1)!)).toBeDefined();
  });
});
