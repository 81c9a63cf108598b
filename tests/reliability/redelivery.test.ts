// An activity delivered twice and three times (Teams delivers again when a turn took
// longer than about 15 s): answered once, recognised by its id through the store,
// also when the deliveries arrive at once and at different instances. A turn that
// fails gives its claim back, so the redelivery that follows is answered. Runs on both
// edges (jest's "agents" project too): the claim is protocol/endpoint.ts's, shared.
import type { Assistant } from '../../src/answering/assistant';
import { message } from '../support/teams-activities';
import { metric, replies, report, seen, timed } from '../support/faults';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvad er Sikker By?';
const APOLOGY = 'text: Beklager, noget gik galt hos mig. Prøv igen om lidt.';

/** Makes the next `crashes.left` questions fail (the turn throws after the activity was claimed), on any bot built with it. */
function crashing(crashes: { left: number }) {
  return (real: Assistant): Assistant => ({
    help: (lang) => real.help(lang),
    ask: (question, conversationId, alongside) => {
      if (crashes.left > 0) {
        crashes.left--;
        return Promise.reject(new Error('the turn crashed'));
      }
      return real.ask(question, conversationId, alongside);
    },
  });
}

describe('one bot on SQLite', () => {
  const crashes = { left: 0 };
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ assistant: crashing(crashes) });
  });
  afterAll(() => t.close());

  it('answers an activity delivered twice once; the second delivery gets 200 and nothing', async () => {
    const activity = message(QUESTION, t.from());
    expect((await t.post(activity)).status).toBe(200);
    const again = await timed(() => t.post(activity));
    expect(again.value.status).toBe(200);
    expect(replies(t, activity.conversation.id)).toHaveLength(1);
    expect(t.asked.filter((a) => a.conversationId === activity.conversation.id)).toHaveLength(1);
    expect(t.logs).toContainEqual(expect.stringMatching(/^info ignored a redelivered activity /));
    expect(await metric(t, 'sikker_by_redeliveries_total')).toBeGreaterThanOrEqual(1);
    report('delivered twice (SQLite)', { redeliveryMs: again.ms, answers: 1 });
  });

  it('answers an activity delivered three times at once once', async () => {
    const activity = message(QUESTION, t.from());
    const statuses = await Promise.all([1, 2, 3].map(() => t.post(activity).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    expect(replies(t, activity.conversation.id)).toHaveLength(1);
  });

  it('still answers another activity with the same text, and the same id in another conversation', async () => {
    const first = message(QUESTION, t.from());
    const second = message(QUESTION, t.from());
    const sameId = { ...message(QUESTION, t.from()), id: first.id };
    for (const activity of [first, second, sameId]) expect((await t.post(activity)).status).toBe(200);
    for (const activity of [first, second, sameId]) expect(replies(t, activity.conversation.id)).toHaveLength(1);
  });

  it('answers the redelivery of an activity whose turn crashed after claiming it, and ignores the one after', async () => {
    const activity = message(QUESTION, t.from());
    crashes.left = 1;
    expect((await t.post(activity)).status).toBe(200);
    expect(seen(t, activity.conversation.id)).toBe(APOLOGY);
    const again = await timed(() => t.post(activity));
    expect(again.value.status).toBe(200);
    expect(seen(t, activity.conversation.id)).toMatch(/^card: /);
    // The answered delivery holds its claim: a third one is a duplicate.
    expect((await t.post(activity)).status).toBe(200);
    expect(replies(t, activity.conversation.id).map((r) => (r.activity.attachments ? 'card' : 'text'))).toEqual(['text', 'card']);
    report('turn crashed after its claim, then redelivered (SQLite)', { redeliveryMs: again.ms, saw: seen(t, activity.conversation.id) });
  });

  it('answers every delivery of an activity without an id (nothing to recognise it by)', async () => {
    const { id: _id, ...activity } = message(QUESTION, t.from());
    await t.post(activity);
    await t.post(activity);
    expect(replies(t, activity.conversation.id)).toHaveLength(2);
  });
});

describe('two bots on one PostgreSQL', () => {
  const crashes = { left: 0 };
  let pg: OwnPostgres;
  let a: TestBot;
  let b: TestBot;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    a = await startTestBot({ env: { DATABASE_URL: pg.url }, assistant: crashing(crashes) });
    b = await startTestBot({ env: { DATABASE_URL: pg.url }, assistant: crashing(crashes) });
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pg?.close();
  });

  it('answers an activity delivered three times, to either instance, once', async () => {
    // Both bots answer through a's connector, as the activity names it.
    const activity = message(QUESTION, a.from());
    const statuses = await Promise.all([a, b, a].map((bot) => bot.post(activity).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200]);
    expect(replies(a, activity.conversation.id)).toHaveLength(1);
    expect(a.asked.length + b.asked.length).toBe(1);
    report('delivered three times to two instances (PostgreSQL)', { answers: replies(a, activity.conversation.id).length });
  });

  it('answers, on the other instance, the redelivery of an activity whose turn crashed on the first', async () => {
    const activity = message(QUESTION, a.from());
    crashes.left = 1;
    expect((await a.post(activity)).status).toBe(200);
    expect(seen(a, activity.conversation.id)).toBe(APOLOGY);
    expect((await b.post(activity)).status).toBe(200);
    expect(seen(a, activity.conversation.id)).toMatch(/^card: /);
    expect((await a.post(activity)).status).toBe(200);
    expect(replies(a, activity.conversation.id)).toHaveLength(2);
    report('turn crashed on one instance, redelivered to the other (PostgreSQL)', { saw: seen(a, activity.conversation.id) });
  });
});
