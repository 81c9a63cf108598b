// The bot driven through Microsoft 365 Agents Playground, Microsoft's own local
// Teams-like client (README: `npm run playground`): what a newcomer sees there,
// from installing the bot to the tour. The playground runs as a real process with
// its mocked Bot Connector; the bot is the real one on an ephemeral port.
import { buttonsOf, cardOf, startPlayground, type Playground, type PlaygroundMessage } from '../support/playground';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
let p: Playground;
beforeAll(async () => {
  t = await startTestBot();
  p = await startPlayground({ endpoint: `${t.bot.url}/api/messages` });
}, 60_000);
afterAll(async () => {
  await p?.close();
  await t?.close();
});

/** The text of a card's heading: its title. */
const titleOf = (m: PlaygroundMessage) => {
  const body = (cardOf(m)?.body ?? []) as { type?: string; text?: string; style?: string }[];
  return body.find((b) => b.type === 'TextBlock' && b.style === 'heading')?.text;
};
const textOf = (m: PlaygroundMessage) => JSON.stringify(cardOf(m) ?? {});
const newCard = (conversationId: string) => (m: PlaygroundMessage) =>
  m.action === 'createMessage' && m.conversationId === conversationId && cardOf(m) !== undefined;

/** What the playground shows for the last question that reached the assistant: an answer card with its title and source. */
async function expectAnswerCard(conversationId: string, since: number, question: string): Promise<PlaygroundMessage> {
  const shown = await p.waitFor(newCard(conversationId), { since });
  const asked = t.asked.at(-1);
  expect(asked?.question.text).toBe(question);
  expect(asked?.answer.citations.length).toBeGreaterThan(0);
  expect(titleOf(shown)).toBe(asked?.answer.title);
  expect(textOf(shown)).toContain(asked?.answer.citations[0]?.title);
  return shown;
}

let welcome: PlaygroundMessage;

it('installing the bot in the personal chat shows the welcome card', async () => {
  const personal = p.conversationId('personal');
  const since = p.messages.length;
  await p.install('personal');
  welcome = await p.waitFor(newCard(personal), { since });
  // The playground's client says en-US, so the bot speaks English.
  expect(titleOf(welcome)).toBe('Welcome to the Sikker By assistant');
  expect(buttonsOf(cardOf(welcome)).map((b) => (b.data as { action?: string }).action)).toContain('tour.resume');
});

let answer: PlaygroundMessage;

it('a question in the personal chat gets an answer card with its source', async () => {
  const since = p.messages.length;
  await p.say('What are the focus areas of the strategy?');
  answer = await expectAnswerCard(p.conversationId('personal'), since, 'What are the focus areas of the strategy?');
  expect(buttonsOf(cardOf(answer)).map((b) => b.title)).toEqual(expect.arrayContaining(['👍', '👎']));
});

it('an @mention in a team channel gets an answer there; a message without one is left alone', async () => {
  const channel = p.conversationId('channel');
  const installed = p.messages.length;
  await p.install('channel');
  // The team's welcome comes first; the answer must not be mistaken for it.
  expect(titleOf(await p.waitFor(newCard(channel), { since: installed }))).toBe('Welcome to the Sikker By assistant');
  const asked = t.asked.length;
  await p.say('Hvem samarbejder i Sikker By?', 'channel', { mention: false });
  const since = p.messages.length;
  await p.say('Hvem samarbejder i Sikker By?', 'channel');
  await expectAnswerCard(channel, since, 'Hvem samarbejder i Sikker By?');
  // The unmentioned message never reached the assistant; the mentioned one did, once.
  expect(t.asked.length).toBe(asked + 1);
});

it('pressing 👍 on an answer replaces the buttons with thanks in place and stores the rating with its question', async () => {
  const up = buttonsOf(cardOf(answer)).find((b) => b.title === '👍');
  const since = p.messages.length;
  await p.submit(up?.data, answer.messageId);
  const updated = await p.waitFor((m) => m.action === 'updateMessage' && m.messageId === answer.messageId, { since });
  expect(buttonsOf(cardOf(updated)).map((b) => b.title)).not.toContain('👍');
  expect(titleOf(updated)).toBe(titleOf(answer));
  const stored = await t.bot.store.listFeedback(10);
  expect(stored).toContainEqual(expect.objectContaining({ rating: 'up', question: 'What are the focus areas of the strategy?' }));
});

it("the welcome card's tour button starts the tour in a card of its own (the welcome stays), and its next button moves on in place", async () => {
  const start = buttonsOf(cardOf(welcome)).find((b) => (b.data as { action?: string }).action === 'tour.resume');
  let since = p.messages.length;
  await p.submit(start?.data, welcome.messageId);
  const first = await p.waitFor(newCard(p.conversationId('personal')), { since });
  expect(textOf(first)).toMatch(/1 of \d+/);
  expect(p.messages.slice(since).some((m) => m.messageId === welcome.messageId)).toBe(false);
  const next = buttonsOf(cardOf(first)).find((b) => (b.data as { action?: string }).action === 'tour.go');
  expect(next?.data).toEqual({ action: 'tour.go', step: 1 });
  since = p.messages.length;
  await p.submit(next?.data, first.messageId);
  const second = await p.waitFor((m) => m.messageId === first.messageId && m.action === 'updateMessage', { since });
  expect(textOf(second)).toMatch(/2 of \d+/);
});
