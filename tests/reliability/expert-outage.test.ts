// Ask an expert while PostgreSQL is stopped (a server of the test's own): the
// question is not lost. The asker is told so at once, well inside Teams' 15 s;
// the question waits in the durable write queue, reaches the database when the
// server is back, and the background resend posts it in the experts' channel,
// with the CPR number, e-mail address and phone number masked, where it is
// answered and the answer reaches the asker.
import { cardIn, invoke, message, submit, submitData, USER } from '../support/teams-activities';
import { report, timed } from '../support/faults';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { startTestBot, type TestBot } from '../support/test-bot';

const CHANNEL = '19:experts@thread.tacv2';
const EXPERT = { id: '29:expert', name: 'Anna Dahl', aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000a1' };
const PERSONAL = ['010203-1234', 'mette.holm@example.dk', '12 34 56 78'];
const QUESTION = `Jeg hedder Mette (CPR ${PERSONAL[0]}, ${PERSONAL[1]}, tlf. ${PERSONAL[2]}). Hvordan booker jeg en tryghedsvandring?`;
const MASKED = 'Jeg hedder Mette (CPR [CPR-nummer], [e-mail], tlf. [telefonnummer]). Hvordan booker jeg en tryghedsvandring?';
const TEAMS_TIMEOUT_MS = 15_000;

let pg: OwnPostgres;
let t: TestBot;
beforeAll(async () => {
  pg = await startOwnPostgres();
  // A reminder tick of a second: the background resend runs on it.
  t = await startTestBot({ env: { DATABASE_URL: pg.url, EXPERT_CHANNEL_ID: CHANNEL, REMINDER_TICK_SECONDS: '1' } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await pg?.close();
});

const texts = (activity: Record<string, unknown> | undefined) => JSON.stringify(cardIn(activity ?? {}) ?? activity?.['text'] ?? '');

it('keeps a question for the experts asked while PostgreSQL is stopped, and delivers it masked when the server is back', async () => {
  const asker = t.from('personal', { conversationId: 'a:outage-asker' });
  await pg.stop();
  let queuedMs: number;
  try {
    // The question, answered from the knowledge base in memory (the fallback, offering the experts).
    expect((await t.post(message(QUESTION, asker))).status).toBe(200);
    const fallback = t.connector.to('a:outage-asker').find((s) => s.activity['type'] === 'message');
    const offered = submitData(cardIn(fallback!.activity)).find((d) => d['action'] === 'expert.ask');
    expect(offered).toBeDefined();
    // The unanswered question and its outcome wait in the queue already.
    const depth = t.bot.store.queueDepth();
    const pressed = await timed(() => t.post(submit(offered, { ...asker, replyToId: fallback!.id })));
    queuedMs = pressed.ms;
    expect(pressed.value.status).toBe(200);
    expect(pressed.ms).toBeLessThan(TEAMS_TIMEOUT_MS);
    expect(t.connector.to('a:outage-asker').at(-1)?.activity.text).toMatch(/^Jeg har modtaget dit spørgsmål til Team Sikker By, men kan ikke sende det lige nu\. Det går ikke tabt/);
    // A second press while it waits queues nothing more.
    await t.post(submit(offered, { ...asker, replyToId: fallback!.id }));
    expect(t.bot.store.queueDepth()).toBe(depth + 1);
    expect(t.connector.to(CHANNEL)).toEqual([]);
  } finally {
    await pg.start();
  }

  // Back: the queue reaches the database, the resend posts the card.
  const recovered = await timed(() => t.connector.waitFor((s) => s.conversationId === CHANNEL && s.method === 'POST', 20_000));
  const posted = recovered.value;
  expect(texts(posted.activity)).toContain(MASKED);
  for (const personal of PERSONAL) expect(texts(posted.activity)).not.toContain(personal);
  expect(texts(posted.activity)).toContain(USER.name);
  expect(t.bot.store.queueDepth()).toBe(0);
  // The card's place is recorded just after the post.
  for (let i = 0; i < 50 && (await t.bot.store.listExpertQuestions({ limit: 1 }))[0]?.card === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const [stored, ...more] = await t.bot.store.listExpertQuestions({ limit: 10 });
  expect(more).toEqual([]);
  expect(stored).toMatchObject({ question: MASKED, asker: { id: USER.aadObjectId, name: USER.name }, card: { conversationId: CHANNEL, activityId: posted.id } });
  expect(JSON.stringify(stored)).not.toContain(PERSONAL[0]);

  // The question is as good as one asked on a good day: answered, and the answer reaches the asker.
  const res = await t.post({
    ...invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'expert.answer', data: { questionId: stored!.id, answer: 'Skriv til Team Sikker By med bydel og ønsket dato.' } } }, t.from('channel', { conversationId: `${CHANNEL};messageid=1` })),
    from: EXPERT,
  });
  expect(res.status).toBe(200);
  const delivered = t.connector.to('a:outage-asker').at(-1);
  expect(texts(delivered?.activity)).toContain('Skriv til Team Sikker By med bydel og ønsket dato.');
  expect((await t.bot.store.getExpertQuestion(stored!.id))?.status).toBe('delivered');
  report('PostgreSQL stopped: ask an expert', { toldMs: queuedMs, postedAfterRestartMs: recovered.ms, questionsStored: more.length + 1 });
}, 90_000);
