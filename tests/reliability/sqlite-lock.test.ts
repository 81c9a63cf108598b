// The SQLite file locked by another process (a backup tool, a second bot started by
// mistake): the event loop never waits for the lock, so /healthz stays instant and
// questions are answered; feedback waits in the durable queue until the lock goes.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { ask, metric, rateUp, report, seen, timed } from '../support/faults';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvad er Sikker By?';
const root = path.resolve(__dirname, '..', '..');

/** Another process that holds an exclusive write lock on the file until its stdin closes. */
async function lockFile(file: string): Promise<ChildProcess> {
  const script = `
    const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    process.stdin.resume();
    process.stdin.on('end', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}

let t: TestBot;
let file: string;
beforeAll(async () => {
  t = await startTestBot();
  file = t.sqlitePath;
});
afterAll(() => t.close());

it('answers at once while another process holds the lock, keeps /healthz instant, and loses no feedback', async () => {
  const before = await ask(t, QUESTION);
  const feedbackBefore = (await t.bot.store.listFeedback(1000)).length;
  const locker = await lockFile(file);
  let during;
  try {
    during = await ask(t, QUESTION);
    expect(during.status).toBe(200);
    expect(seen(t, during.conversationId)).toBe(seen(t, before.conversationId));
    expect(await rateUp(t, during.conversationId)).toBe(200);
    expect(t.bot.store.queueDepth()).toBeGreaterThanOrEqual(1);
    // The old busy timeout blocked the event loop for 5 s per statement; now nothing waits.
    const health = await Promise.all([1, 2, 3, 4, 5].map(() => timed(() => fetch(`${t.bot.url}/healthz`).then((r) => r.status))));
    expect(health.map((h) => h.value)).toEqual([200, 200, 200, 200, 200]);
    expect(Math.max(...health.map((h) => h.ms))).toBeLessThan(1000);
    expect((await fetch(`${t.bot.url}/readyz`)).status).toBe(503);
    expect(await metric(t, 'sikker_by_store_errors_total')).toBeGreaterThanOrEqual(1);
    report('SQLite locked by another process', { answerMs: during.ms, healthzMaxMs: Math.max(...health.map((h) => h.ms)), saw: seen(t, during.conversationId) });
  } finally {
    locker.stdin!.end();
    await once(locker, 'exit');
  }
  const recovery = await timed(async () => {
    for (let i = 0; i < 100 && t.bot.store.queueDepth() > 0; i++) {
      await t.bot.store.drain();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  expect(t.bot.store.queueDepth()).toBe(0);
  const feedback = await t.bot.store.listFeedback(1000);
  expect(feedback).toHaveLength(feedbackBefore + 1);
  expect(feedback[0]).toMatchObject({ rating: 'up', question: QUESTION });
  expect((await fetch(`${t.bot.url}/readyz`)).status).toBe(200);
  report('SQLite locked: recovery', { recoveredMs: recovery.ms, lostFeedback: feedbackBefore + 1 - feedback.length });
});
