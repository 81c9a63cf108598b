// An activity delivered twice and three times (Teams delivers again when a turn took
// longer than about 15 s): answered once, recognised by its id through the store,
// also when the deliveries arrive at once and at different instances.
import { message } from '../support/teams-activities';
import { metric, replies, report, timed } from '../support/faults';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { startTestBot, type TestBot } from '../support/test-bot';

const QUESTION = 'Hvad er Sikker By?';

describe('one bot on SQLite', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
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

  it('answers every delivery of an activity without an id (nothing to recognise it by)', async () => {
    const { id: _id, ...activity } = message(QUESTION, t.from());
    await t.post(activity);
    await t.post(activity);
    expect(replies(t, activity.conversation.id)).toHaveLength(2);
  });
});

describe('two bots on one PostgreSQL', () => {
  let pg: OwnPostgres;
  let a: TestBot;
  let b: TestBot;
  beforeAll(async () => {
    pg = await startOwnPostgres();
    a = await startTestBot({ env: { DATABASE_URL: pg.url } });
    b = await startTestBot({ env: { DATABASE_URL: pg.url } });
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
});
