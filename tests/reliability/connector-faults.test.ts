// A Bot Connector that hangs: every request to it has a time limit and is aborted
// (its socket closed) when it passes, so /api/messages answers well inside Teams'
// 15 s instead of for as long as the connector hangs; the turn counts as failed.
import { ask, metric, report, seen } from '../support/faults';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvad er Sikker By?';
const TEAMS_TIMEOUT_MS = 15_000;

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(() => t.close());

it('answers the request in time when the reply hangs, and the apology gets through', async () => {
  await ask(t, QUESTION); // warms the search index: no typing indicator below
  t.connector.fail({ route: 'send', hang: true, times: 1 });
  const asked = await ask(t, QUESTION);
  expect(asked.status).toBe(200);
  expect(asked.ms).toBeLessThan(TEAMS_TIMEOUT_MS);
  await t.connector.waitForAttempt((a) => a.conversationId === asked.conversationId && a.outcome === 'ok' && a.body.type === 'message');
  const attempts = t.connector.attempts.filter((a) => a.conversationId === asked.conversationId && a.body.type === 'message');
  // The hung reply was aborted by the bot, not left open.
  expect(attempts.map((a) => a.outcome)).toEqual(['aborted', 'ok']);
  expect(seen(t, asked.conversationId)).toBe('text: Beklager, noget gik galt hos mig. Prøv igen om lidt.');
  expect(await metric(t, 'sikker_by_apologies_total')).toBe(1);
  report('connector hangs (reply)', { answerMs: asked.ms, saw: seen(t, asked.conversationId) });
});

it('answers the request in time when every request hangs, and answers normally once the connector is back', async () => {
  t.connector.fail({ route: 'send', hang: true, times: 2 });
  const asked = await ask(t, QUESTION);
  expect(asked.status).toBe(200);
  expect(asked.ms).toBeLessThan(TEAMS_TIMEOUT_MS);
  // The bot closed both hung requests (the connector notices a moment later).
  await t.connector.waitForAttempt((a) => a.conversationId === asked.conversationId && a.outcome === 'aborted' && a.body.type === 'message' && a.body.attachments === undefined);
  const attempts = t.connector.attempts.filter((a) => a.conversationId === asked.conversationId && a.body.type === 'message');
  expect(attempts.map((a) => a.outcome)).toEqual(['aborted', 'aborted']);
  expect(await metric(t, 'sikker_by_turns_failed_total')).toBeGreaterThanOrEqual(2);
  const after = await ask(t, QUESTION);
  expect(seen(t, after.conversationId)).toMatch(/^card: /);
  report('connector hangs (every request)', { answerMs: asked.ms, saw: seen(t, asked.conversationId), nextAnswerMs: after.ms });
});

it('answers by the turn deadline whatever the turn still waits for', async () => {
  const slow = await startTestBot({
    deadlines: { turnMs: 1_000, tokenCheckMs: 1_000 },
    assistant: (real) => ({ help: (lang) => real.help(lang), ask: (q, c, alongside) => new Promise((resolve) => setTimeout(() => resolve(real.ask(q, c, alongside)), 3_000)) }),
  });
  try {
    const asked = await ask(slow, QUESTION);
    expect(asked.status).toBe(200);
    expect(asked.ms).toBeLessThan(2_500);
    expect(slow.logs).toContainEqual(expect.stringMatching(/^error the turn passed its deadline/));
    expect(await metric(slow, 'sikker_by_turns_failed_total{reason="deadline"}')).toBe(1);
    // The turn went on and its answer still arrived.
    await slow.connector.waitFor((s) => s.conversationId === asked.conversationId && s.activity.type === 'message', 5_000);
    expect(seen(slow, asked.conversationId)).toMatch(/^card: /);
  } finally {
    await slow.close();
  }
});

it('lets a turn that outlived its request finish before closing: its answer is sent', async () => {
  const slow = await startTestBot({
    deadlines: { turnMs: 1_000, tokenCheckMs: 1_000 },
    assistant: (real) => ({ help: (lang) => real.help(lang), ask: (q, c, alongside) => new Promise((resolve) => setTimeout(() => resolve(real.ask(q, c, alongside)), 2_500)) }),
  });
  const asked = await ask(slow, QUESTION);
  expect(asked.status).toBe(200);
  // Closed at once, while the turn still waits for its answer; the bot's close comes before the connector's.
  await slow.close();
  expect(seen(slow, asked.conversationId)).toMatch(/^card: /);
  expect(slow.logs).not.toContainEqual(expect.stringMatching(/^warn closing with turns still running/));
});
