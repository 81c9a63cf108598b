// The pacer against a fake clock: bursts are spread so that no window Teams
// documents is exceeded, callers are served in order, quiet buckets refill.
import { createPacer, localSendBudget, TEAMS_LIMITS, type PacerLimits } from '../../src/reminders/pacer';
import type { SendRate } from '../../src/storage/reminder-store';

/** A clock that moves only when every sleeper has been woken in time order. */
class FakeClock {
  t = Date.parse('2026-03-02T08:00:00.000Z');
  readonly sleeps: number[] = [];
  private timers: { at: number; wake: () => void }[] = [];
  readonly now = () => new Date(this.t);
  readonly sleep = (ms: number) => {
    this.sleeps.push(ms);
    return new Promise<void>((wake) => this.timers.push({ at: this.t + ms, wake }));
  };
  /** Runs until nobody sleeps any more. */
  async run(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      next.wake();
    }
  }
}

/** The most requests that fall into any window of `windowMs`. */
function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let start = 0, end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

/**
 * Takes for the given conversations (`id` or `tenant/id`), all at once; resolves with the time each was let
 * through, in call order. Without a rate, the pacer's own default budget (TENANT_RATE).
 */
async function burst(conversationIds: readonly string[], limits: PacerLimits = TEAMS_LIMITS, rate?: SendRate) {
  const clock = new FakeClock();
  const budget = rate && localSendBudget(rate, () => clock.t);
  const pacer = createPacer({ limits, now: clock.now, sleep: clock.sleep, ...(budget ? { budget } : {}) });
  const start = clock.t;
  const released: number[] = new Array(conversationIds.length);
  const done = conversationIds.map((id, i) => {
    const [tenant, conversation] = id.includes('/') ? id.split('/') : ['', id];
    return pacer.take(conversation!, tenant).then(() => (released[i] = clock.t - start));
  });
  await clock.run();
  await Promise.all(done);
  return { released, clock };
}

/** A tenant budget too large to matter, for the tests of the per-conversation limits. */
const UNLIMITED: SendRate = { perSecond: 10_000, burst: 10_000 };

describe('one conversation', () => {
  it(`stays under Teams' per-conversation limits for a long burst`, async () => {
    const { released } = await burst(Array.from({ length: 2000 }, () => 'a:busy'));
    expect(busiestWindow(released, 1_000)).toBeLessThanOrEqual(7);
    expect(busiestWindow(released, 2_000)).toBeLessThanOrEqual(8);
    expect(busiestWindow(released, 30_000)).toBeLessThanOrEqual(60);
    expect(busiestWindow(released, 3_600_000)).toBeLessThanOrEqual(1800);
    // …but not far under them: the sustained rate is about one every two seconds.
    expect(released.at(-1)!).toBeLessThan(2000 * 2.1 * 1000);
  });

  it('lets a small burst through at once', async () => {
    const { released, clock } = await burst(['a:x', 'a:x', 'a:x', 'a:x'], TEAMS_LIMITS, UNLIMITED);
    expect(released).toEqual([0, 0, 0, 0]);
    expect(clock.sleeps).toEqual([]);
  });

  it('serves callers in the order they called', async () => {
    const { released } = await burst(Array.from({ length: 30 }, () => 'a:x'));
    expect(released).toEqual([...released].sort((a, b) => a - b));
    expect(released.slice(4, 7)).toEqual([500, 1000, 1500]);
  });

  it('refills while the conversation is quiet', async () => {
    const clock = new FakeClock();
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep, budget: localSendBudget(UNLIMITED, () => clock.t) });
    for (let i = 0; i < 4; i++) await pacer.take('a:x');
    expect(clock.sleeps).toEqual([]);
    clock.t += 2_000;
    for (let i = 0; i < 4; i++) await pacer.take('a:x');
    expect(clock.sleeps).toEqual([]);
    const fifth = pacer.take('a:x');
    await clock.run();
    await fifth;
    expect(clock.sleeps).toEqual([500]);
  });
});

describe('many conversations', () => {
  it(`stays under the tenant's limit of 50 a second, at 45 a second`, async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `a:${i}`);
    const { released } = await burst(ids);
    expect(busiestWindow(released, 1_000)).toBeLessThanOrEqual(46);
    expect(released[0]).toBe(0);
    // One slot every 1/45 s: 500 take 499/45 s (each sleep is rounded up to the millisecond).
    expect(Math.abs(released.at(-1)! - (499 * 1000) / 45)).toBeLessThan(2);
  });

  it('give each tenant a budget of its own', async () => {
    const ids = Array.from({ length: 90 }, (_, i) => `${i % 2 === 0 ? 't1' : 't2'}/a:${i}`);
    const { released } = await burst(ids);
    // 45 per tenant: both done within the first second.
    expect(Math.max(...released)).toBeLessThan(1_000);
    expect(busiestWindow(released.filter((_, i) => i % 2 === 0), 1_000)).toBeLessThanOrEqual(46);
  });

  it('do not wait for one busy conversation', async () => {
    const ids = [...Array.from({ length: 10 }, () => 'a:busy'), 'a:quiet'];
    const { released } = await burst(ids, TEAMS_LIMITS, UNLIMITED);
    expect(released.at(-1)).toBe(0);
    expect(released.slice(4, 10).every((t) => t > 0)).toBe(true);
  });

  it('forget idle conversations, but not the limits of busy ones', async () => {
    const limits: PacerLimits = { perConversation: [{ capacity: 2, perSecond: 0.01 }] };
    const ids = ['a:busy', 'a:busy', ...Array.from({ length: 300 }, (_, i) => `a:${i}`), 'a:busy'];
    // The 256th take sweeps the full buckets of the 254 idle conversations; a:busy's empty bucket stays.
    const { released } = await burst(ids, limits, { perSecond: 1000, burst: 1000 });
    expect(released.slice(0, -1).every((t) => t === 0)).toBe(true);
    expect(released.at(-1)).toBe(100_000);
  });
});

describe('a busy process', () => {
  it('gives up a slot it woke too late for and takes a new one, so that late sends do not bunch', async () => {
    const clock = new FakeClock();
    const reserved: number[] = [];
    const budget = { reserve: async () => (reserved.push(clock.t), 100) };
    let overslept = false;
    // The first sleep ends 80 ms late, as when the event loop was busy; the others on time.
    const sleep = (ms: number) => {
      const extra = overslept ? 0 : 80;
      overslept = true;
      return clock.sleep(ms + extra);
    };
    const pacer = createPacer({ now: clock.now, sleep, budget });
    const start = clock.t;
    const done = pacer.take('a:x', 't').then(() => clock.t - start);
    await clock.run();
    // Woken at 180 ms for a slot at 100: a new slot is reserved then, at 280.
    expect(reserved.map((t) => t - start)).toEqual([0, 180]);
    expect(await done).toBe(280);
  });
});

describe('configuration', () => {
  it('follows the limits it is given', async () => {
    const limits: PacerLimits = { perConversation: [{ capacity: 1, perSecond: 1 }] };
    const { released } = await burst(['a', 'a', 'b', 'c', 'a'], limits, { perSecond: 10, burst: 2 });
    // b takes the tenant's second slot at once, c waits 100 ms for the next; a waits for its own bucket only.
    expect(released).toEqual([0, 1000, 0, 100, 2000]);
  });

  it.each([
    { capacity: 0, perSecond: 1 },
    { capacity: 1, perSecond: 0 },
    { capacity: Number.NaN, perSecond: 1 },
  ])('rejects the bucket %j', (bucket) => {
    expect(() => createPacer({ limits: { perConversation: [bucket] } })).toThrow(RangeError);
  });

  it('sleeps for real by default', async () => {
    const pacer = createPacer({ limits: { perConversation: [{ capacity: 1, perSecond: 20 }] } });
    await pacer.take('a');
    const before = Date.now();
    await pacer.take('a');
    expect(Date.now() - before).toBeGreaterThanOrEqual(40);
  });
});
