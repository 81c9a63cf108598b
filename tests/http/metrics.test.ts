// GET /metrics through the real bot: what a Prometheus scrape sees after a
// few messages. Each bot has its own registry, so the counts start at 0 here.
import { message, submit } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(() => t.close());

async function scrape(): Promise<{ contentType: string | null; text: string }> {
  const res = await fetch(`${t.bot.url}/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), text: await res.text() };
}

/** The value of one series, e.g. `sikker_by_messages_total{outcome="answered"}`; undefined when it is not there. */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('is Prometheus text with every series at 0 and the knowledge version before any message', async () => {
    const { contentType, text } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const outcome of ['answered', 'suggested', 'fallback', 'help']) expect(value(text, `sikker_by_messages_total{outcome="${outcome}"}`)).toBe(0);
    for (const outcome of ['sent', 'retried', 'failed', 'unreachable']) expect(value(text, `sikker_by_reminders_total{outcome="${outcome}"}`)).toBe(0);
    expect(value(text, 'sikker_by_answer_duration_seconds_count')).toBe(0);
    const ready = (await (await fetch(`${t.bot.url}/readyz`)).json()) as { knowledgeVersion: string };
    expect(value(text, `sikker_by_knowledge_info{version="${ready.knowledgeVersion}"}`)).toBe(1);
    // The process's own metrics come along (memory, event loop, …).
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('counts an answered question and its latency', async () => {
    expect((await t.post(message('Hvad er Sikker By?', t.from()))).status).toBe(200);
    const { text } = await scrape();
    expect(value(text, 'sikker_by_messages_total{outcome="answered"}')).toBe(1);
    expect(value(text, 'sikker_by_messages_total{outcome="fallback"}')).toBe(0);
    expect(value(text, 'sikker_by_answer_duration_seconds_count')).toBe(1);
    expect(value(text, 'sikker_by_answer_duration_seconds_bucket{le="+Inf"}')).toBe(1);
    expect(value(text, 'sikker_by_answer_duration_seconds_sum')).toBeGreaterThan(0);
  });

  it('counts a question it cannot answer as fallback, help, and card buttons', async () => {
    await t.post(message('Hvad koster en pizza på Mars?', t.from()));
    await t.post(message('hjælp', t.from()));
    await t.post(submit({ action: 'no-such-button' }, t.from()));
    const { text } = await scrape();
    expect(value(text, 'sikker_by_messages_total{outcome="fallback"}')).toBe(1);
    expect(value(text, 'sikker_by_messages_total{outcome="answered"}')).toBe(0);
    expect(value(text, 'sikker_by_messages_total{outcome="help"}')).toBe(1);
    expect(value(text, 'sikker_by_card_actions_total{action="unknown"}')).toBe(1);
    expect(value(text, 'sikker_by_answer_duration_seconds_count')).toBe(1);
  });
});
