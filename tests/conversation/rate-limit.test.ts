// The per-user message limit: the pure token bucket, and the friendly reply
// through the real endpoint.
import { createRateLimiter } from '../../src/conversation/rate-limit';
import { message, USER } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('the token bucket', () => {
  it('lets a burst through, then one message per refill interval, per user', () => {
    let now = 0;
    const limiter = createRateLimiter({ burst: 3, perMinute: 6, now: () => now });
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now += 9_999;
    expect(limiter.take('a')).toBe(false);
    now += 1;
    expect(limiter.take('a')).toBe(true);
    now += 60 * 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
  });

  it('forgets the least recently seen users beyond its size', () => {
    const limiter = createRateLimiter({ burst: 1, perMinute: 1, now: () => 0, maxUsers: 2 });
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    expect(limiter.take('c')).toBe(true); // "a" is forgotten
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('c')).toBe(false);
  });
});

describe('through the endpoint', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { RATE_LIMIT_PER_MINUTE: '1', RATE_LIMIT_BURST: '2' } });
  });
  afterAll(() => t.close());

  it('answers a burst, then says once to slow down and drops the rest; other users are not affected', async () => {
    const from = t.from('personal', { conversationId: 'a:chatty' });
    for (let i = 0; i < 5; i++) expect((await t.post(message(`Hvad er Sikker By? ${i}`, from))).status).toBe(200);
    const sent = t.connector.to('a:chatty').map((s) => s.activity);
    expect(t.asked.filter((a) => a.conversationId === 'a:chatty')).toHaveLength(2);
    expect(sent.filter((a) => /Vent et øjeblik/.test(a.text ?? ''))).toHaveLength(1);

    const other = { ...USER, id: '29:other', aadObjectId: '99999999-9999-4999-8999-999999999999' };
    expect((await t.post({ ...message('Hvad er Sikker By?', t.from('personal', { conversationId: 'a:calm' })), from: other })).status).toBe(200);
    expect(t.asked.filter((a) => a.conversationId === 'a:calm')).toHaveLength(1);
  });
});
