// Buttons on the cards: Action.Submit arrives as a message whose value is the button's data.
import { cardIn, message, submit, submitData } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

/** Asks a question in a new personal chat and returns the answer card's activity and its feedback buttons. */
async function askAndGetCard(question: string) {
  const from = t.from('personal');
  const activity = message(question, from);
  expect((await t.post(activity)).status).toBe(200);
  const reply = t.connector.to(activity.conversation.id).find((s) => cardIn(s.activity));
  const buttons = submitData(cardIn(reply!.activity));
  const feedback = buttons.filter((d) => d.action === 'feedback');
  expect(feedback.map((d) => d.rating)).toEqual(['up', 'down']);
  return { from: { ...from, conversationId: activity.conversation.id }, reply: reply!, answerId: String(feedback[0]!.answerId) };
}

describe('feedback buttons', () => {
  it('store the rating with the question and answer title, and thank in place of the buttons', async () => {
    const { from, reply, answerId } = await askAndGetCard('Hvad er Sikker By?');
    const click = submit({ action: 'feedback', rating: 'down', answerId }, { ...from, replyToId: reply.id });
    expect((await t.post(click)).status).toBe(200);

    const asked = t.asked.find((a) => a.conversationId === from.conversationId)!;
    const [stored] = (await t.bot.store.listFeedback(50)).filter((f) => f.answerId === answerId);
    expect(stored).toMatchObject({ answerId, rating: 'down', question: 'Hvad er Sikker By?', answerTitle: asked.answer.title });

    const update = await t.connector.waitFor((s) => s.method === 'PUT' && s.conversationId === from.conversationId);
    expect(update.id).toBe(reply.id);
    expect(JSON.stringify(cardIn(update.activity))).toContain('Tak for din feedback');
    expect(submitData(cardIn(update.activity)).filter((d) => d.action === 'feedback')).toEqual([]);
    expect(update.activity.summary).toBe(asked.answer.summary);
  });

  it('for an answer the bot no longer remembers: store what the button says and thank in a message', async () => {
    const from = t.from('personal', { conversationId: 'a:old-card', locale: 'en-US' });
    await t.post(submit({ action: 'feedback', rating: 'up', answerId: 'answer-from-last-week' }, { ...from, replyToId: 'old' }));
    const [stored] = (await t.bot.store.listFeedback(50)).filter((f) => f.answerId === 'answer-from-last-week');
    expect(stored).toMatchObject({ rating: 'up', question: '', answerTitle: '' });
    expect(t.connector.to('a:old-card').map((s) => s.activity.text)).toEqual(['Thank you for your feedback.']);
  });
});

describe('question buttons', () => {
  it('ask their question, in a channel too, where the click carries no @mention', async () => {
    for (const scope of ['personal', 'channel'] as const) {
      const from = t.from(scope, { conversationId: `ask-button-${scope}` });
      await t.post(submit({ action: 'ask', question: 'Hvad er Sikker By?' }, from));
      expect(t.asked.filter((a) => a.conversationId === from.conversationId).map((a) => a.question.text)).toEqual(['Hvad er Sikker By?']);
      expect(cardIn(t.connector.to(from.conversationId!).at(-1)!.activity)).toBeDefined();
    }
  });
});

describe('a button the bot does not know', () => {
  it.each([
    ['an unknown action', { action: 'dance' }],
    ['a feedback value without an answer id', { action: 'feedback', rating: 'up' }],
    ['a rating that does not exist', { action: 'feedback', rating: 'meh', answerId: 'a1' }],
    ['an empty question', { action: 'ask', question: '   ' }],
    ['a plain string', 'hello'],
    ['an array', [1, 2, 3]],
  ])('gets a friendly reply, not a crash: %s', async (_name, value) => {
    const from = t.from('personal');
    const activity = submit(value, from);
    expect((await t.post(activity)).status).toBe(200);
    expect(t.connector.to(activity.conversation.id).map((s) => s.activity.text)).toEqual([
      'Den knap forstod jeg ikke. Skriv gerne dit spørgsmål i stedet.',
    ]);
  });

  it('is explained in English to an English client', async () => {
    const activity = submit({ action: 'dance' }, t.from('personal', { locale: 'en-US' }));
    await t.post(activity);
    expect(t.connector.to(activity.conversation.id)[0]?.activity.text).toBe("I didn't understand that button. Please type your question instead.");
  });
});
