// PostgreSQL stopped and frozen under a running bot (a server of the test's own):
// questions are still answered from the knowledge base, well inside Teams' 15 s;
// feedback given meanwhile waits in the durable queue and reaches the database
// when it is back; /readyz tells the truth; the bot recovers by itself.
import { ask, metric, rateUp, report, seen, timed } from '../support/faults';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvad er Sikker By?';
// What Teams waits before it gives up and delivers again.
const TEAMS_TIMEOUT_MS = 15_000;

let pg: OwnPostgres;
let t: TestBot;
beforeAll(async () => {
  pg = await startOwnPostgres();
  t = await startTestBot({ env: { DATABASE_URL: pg.url } });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await pg?.close();
});

const readyz = async () => (await fetch(`${t.bot.url}/readyz`)).status;

/** Waits (a few seconds at most) until the queued writes reached the store. */
async function drained(): Promise<void> {
  for (let i = 0; i < 100 && t.bot.store.queueDepth() > 0; i++) {
    await t.bot.store.drain();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function outage(fault: string, cause: () => Promise<void>, cure: () => Promise<void>) {
  const before = await ask(t, QUESTION);
  expect(before.status).toBe(200);
  const feedbackBefore = (await t.bot.store.listFeedback(1000)).length;
  await cause();
  try {
    const during = await ask(t, QUESTION);
    expect(during.status).toBe(200);
    expect(during.ms).toBeLessThan(TEAMS_TIMEOUT_MS);
    // An answer card, not an apology.
    expect(seen(t, during.conversationId)).toBe(seen(t, before.conversationId));
    // A second question meets a store known to be down: no wait for a deadline.
    const next = await ask(t, QUESTION);
    expect(seen(t, next.conversationId)).toBe(seen(t, before.conversationId));
    const rated = await timed(() => rateUp(t, during.conversationId));
    expect(rated.value).toBe(200);
    expect(t.bot.store.queueDepth()).toBeGreaterThanOrEqual(1);
    expect(await metric(t, 'sikker_by_write_queue_depth')).toBeGreaterThanOrEqual(1);
    expect(await metric(t, 'sikker_by_store_errors_total')).toBeGreaterThanOrEqual(1);
    const ready = await timed(readyz);
    expect(ready.value).toBe(503);
    report(fault, { firstAnswerMs: during.ms, nextAnswerMs: next.ms, feedbackMs: rated.ms, readyzMs: ready.ms, saw: seen(t, during.conversationId) });
  } finally {
    await cure();
  }
  const recovery = await timed(async () => {
    for (let i = 0; i < 100 && (await readyz()) !== 200; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await drained();
  });
  expect(await readyz()).toBe(200);
  expect(t.bot.store.queueDepth()).toBe(0);
  // Nothing lost: the 👍 given during the outage is in the database.
  const feedback = await t.bot.store.listFeedback(1000);
  expect(feedback.length).toBe(feedbackBefore + 1);
  expect(feedback[0]).toMatchObject({ rating: 'up', question: QUESTION });
  const after = await ask(t, QUESTION);
  expect(seen(t, after.conversationId)).toBe(seen(t, before.conversationId));
  report(`${fault}: recovery`, { recoveredMs: recovery.ms, lostFeedback: feedbackBefore + 1 - feedback.length });
}

it('answers while PostgreSQL is stopped, queues the feedback, and delivers it when the server is back', async () => {
  await outage('PostgreSQL stopped', () => pg.stop(), () => pg.start());
}, 60_000);

it('answers while PostgreSQL is frozen (SIGSTOP), queues the feedback, and delivers it when it thaws', async () => {
  await outage('PostgreSQL frozen', () => pg.freeze(), () => pg.thaw());
}, 60_000);
