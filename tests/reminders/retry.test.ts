// The retry decision for failed proactive deliveries: which failures are
// retried and when, which mean nobody can be reached, which are final.
import { backoffMs, decideRetry, DEFAULT_RETRY_POLICY, retryAfterMs, RetryDecision, type DeliveryFailure } from '../../src/reminders/retry';
import { seededRandom } from '../../src/random';

const NOW = new Date('2026-03-02T08:00:00.000Z');

// A seeded uniform source, so jitter is random but repeatable.
const http = (status: number, extra: Partial<DeliveryFailure> = {}): DeliveryFailure => ({ status, error: `HTTP ${status}`, ...extra });
const decide = (failure: DeliveryFailure, attempt = 1, random = seededRandom(1)) => RetryDecision.parse(decideRetry(failure, { attempt, now: NOW, random }));

describe('failures that mean nobody can be reached', () => {
  it.each(['BotNotInConversationRoster', 'ConversationBlockedByUser', 'BotDisabledByAdmin', undefined])('403 %s is unreachable', (code) => {
    const decision = decide(http(403, code ? { code } : {}));
    expect(decision).toEqual({ kind: 'unreachable', error: code ? `HTTP 403 ${code}` : 'HTTP 403' });
  });

  it('404 ConversationNotFound is unreachable', () => {
    expect(decide(http(404, { code: 'ConversationNotFound' }))).toEqual({ kind: 'unreachable', error: 'HTTP 404 ConversationNotFound' });
  });

  it('is unreachable on the last attempt too, not failed', () => {
    expect(decide(http(403), DEFAULT_RETRY_POLICY.maxAttempts).kind).toBe('unreachable');
  });
});

describe('failures that retrying cannot fix', () => {
  it.each([
    [400, undefined],
    [401, undefined],
    [404, undefined],
    [404, 'ActivityNotFound'],
    [409, undefined],
    [413, 'MessageSizeTooBig'],
    [501, undefined],
    [505, undefined],
  ])('%i %s fails at once', (status, code) => {
    const decision = decide(http(status, code ? { code, retryAfter: '1' } : { retryAfter: '1' }));
    expect(decision).toEqual({ kind: 'failed', error: code ? `HTTP ${status} ${code}` : `HTTP ${status}` });
  });
});

describe('transient failures', () => {
  it.each([408, 412, 429, 500, 502, 503, 504, 599])('%i is retried after a backoff', (status) => {
    const decision = decide(http(status));
    expect(decision.kind).toBe('retry');
  });

  it.each(['timeout', 'RestError: ECONNREFUSED', 'RestError: ECONNRESET'])('%s (no status) is retried after a backoff', (error) => {
    const decision = decide({ error }, 3);
    if (decision.kind !== 'retry') throw new Error(`expected a retry, got ${decision.kind}`);
    expect(decision.delayMs).toBeLessThan(4000);
    expect(decision.error).toBe(error);
  });

  it('gives the time of the retry as well as the delay', () => {
    const decision = decide(http(503), 2);
    if (decision.kind !== 'retry') throw new Error('expected a retry');
    expect(decision.at.getTime()).toBe(NOW.getTime() + decision.delayMs);
  });
});

describe('Retry-After', () => {
  it.each([412, 429, 500, 502, 503, 504])('is honoured in seconds for %i', (status) => {
    expect(decide(http(status, { retryAfter: '7' }))).toEqual({
      kind: 'retry',
      delayMs: 7000,
      at: new Date(NOW.getTime() + 7000),
      error: `HTTP ${status}`,
    });
  });

  it('is honoured as an HTTP date', () => {
    const decision = decide(http(429, { retryAfter: 'Mon, 02 Mar 2026 08:00:42 GMT' }));
    expect(decision).toMatchObject({ kind: 'retry', delayMs: 42_000, at: new Date('2026-03-02T08:00:42.000Z') });
  });

  it('in the past means now', () => {
    expect(decide(http(429, { retryAfter: 'Mon, 02 Mar 2026 07:59:00 GMT' }))).toMatchObject({ kind: 'retry', delayMs: 0 });
    expect(decide(http(429, { retryAfter: '0' }))).toMatchObject({ kind: 'retry', delayMs: 0 });
  });

  it('is clamped to the cap', () => {
    expect(decide(http(429, { retryAfter: '3600' }))).toMatchObject({ kind: 'retry', delayMs: DEFAULT_RETRY_POLICY.maxDelayMs });
    expect(decide(http(503, { retryAfter: 'Tue, 03 Mar 2026 08:00:00 GMT' }))).toMatchObject({ delayMs: 300_000 });
  });

  it('that cannot be read falls back to the backoff', () => {
    for (const retryAfter of ['soon', '-1', '2026-03-02', '', '1e3']) {
      const decision = decide(http(429, { retryAfter }), 1, () => 0.5);
      expect(decision).toMatchObject({ kind: 'retry', delayMs: 500 });
    }
  });

  it.each([
    ['0', 0],
    ['120', 120_000],
    [' 5 ', 5_000],
    ['1.5', 1_500],
    ['Mon, 02 Mar 2026 08:01:00 GMT', 60_000],
    ['Monday, 02-Mar-26 08:01:00 GMT', 60_000],
    ['Mon Mar  2 08:01:00 2026 GMT', 60_000],
  ])('reads %j as %i ms', (value, ms) => {
    expect(retryAfterMs(value, NOW)).toBe(ms);
  });

  it.each(['', 'now', '-5', '2026-03-02', '12:00', 'Mon, 99 Foo 2026 08:01:00 GMT'])('cannot read %j', (value) => {
    expect(retryAfterMs(value, NOW)).toBeUndefined();
  });
});

describe('exponential backoff with full jitter', () => {
  it('stays within [0, base·2^(attempt−1)) and uses the whole range', () => {
    const random = seededRandom(42);
    for (let attempt = 1; attempt <= 7; attempt++) {
      const ceiling = 1000 * 2 ** (attempt - 1);
      const delays = Array.from({ length: 500 }, () => backoffMs(attempt, random));
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...delays)).toBeLessThan(ceiling);
      expect(Math.min(...delays)).toBeLessThan(ceiling * 0.05);
      expect(Math.max(...delays)).toBeGreaterThan(ceiling * 0.95);
      expect(new Set(delays).size).toBeGreaterThan(400);
    }
  });

  it('is the same for the same seed', () => {
    const run = () => Array.from({ length: 7 }, (_, i) => decide(http(503), i + 1, seededRandom(7))).map((d) => (d.kind === 'retry' ? d.delayMs : -1));
    expect(run()).toEqual(run());
  });

  it('reaches the ends of its range', () => {
    expect(backoffMs(4, () => 0)).toBe(0);
    expect(backoffMs(4, () => 0.999999)).toBe(7999);
  });

  it('is capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 100 };
    expect(backoffMs(10, () => 0.999999, policy)).toBe(299_999);
    expect(backoffMs(60, () => 0.5, policy)).toBe(150_000);
    expect(backoffMs(2000, () => 0.5, policy)).toBe(150_000);
    const decision = decideRetry(http(502), { attempt: 50, now: NOW, random: () => 0.999999 }, policy);
    expect(decision).toMatchObject({ kind: 'retry', delayMs: 299_999 });
  });

  it('follows the policy it is given', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, maxAttempts: 3 };
    expect(decideRetry(http(503), { attempt: 2, now: NOW, random: () => 0.5 }, policy)).toMatchObject({ kind: 'retry', delayMs: 100 });
    expect(decideRetry(http(429, { retryAfter: '5' }), { attempt: 1, now: NOW, random: () => 0.5 }, policy)).toMatchObject({ delayMs: 1000 });
    expect(decideRetry(http(503), { attempt: 3, now: NOW, random: () => 0.5 }, policy).kind).toBe('failed');
  });
});

describe('too many attempts', () => {
  it(`retries up to attempt ${DEFAULT_RETRY_POLICY.maxAttempts - 1} and fails after attempt ${DEFAULT_RETRY_POLICY.maxAttempts}`, () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    for (let attempt = 1; attempt < 8; attempt++) expect(decide(http(503), attempt).kind).toBe('retry');
    expect(decide(http(503), 8)).toEqual({ kind: 'failed', error: 'HTTP 503 (gave up after 8 attempts)' });
    expect(decide({ error: 'timeout' }, 9)).toEqual({ kind: 'failed', error: 'timeout (gave up after 9 attempts)' });
  });

  it('also when the connector names a time to come back', () => {
    expect(decide(http(429, { retryAfter: '1' }), 8).kind).toBe('failed');
  });
});

describe('bad input', () => {
  it.each([0, -1, 1.5, Number.NaN])('rejects attempt %p', (attempt) => {
    expect(() => decideRetry(http(503), { attempt, now: NOW, random: Math.random })).toThrow(RangeError);
  });

  it.each([1, -0.1, Number.NaN])('rejects a random source that returns %p', (r) => {
    expect(() => decideRetry(http(503), { attempt: 1, now: NOW, random: () => r })).toThrow(RangeError);
  });
});
