// The pacer against a fake clock: bursts are spread so that no window Teams
// documents is exceeded, callers are served in order, quiet buckets refill.
import { createPacer, TEAMS_LIMITS, type PacerLimits } from '../../src/reminders/pacer';

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

/** Takes for the given conversations, all at once; resolves with the time each was let through, in call order. */
async function burst(conversationIds: readonly string[], limits: PacerLimits = TEAMS_LIMITS) {
  const clock = new FakeClock();
  const pacer = createPacer({ limits, now: clock.now, sleep: clock.sleep });
  const start = clock.t;
  const released: number[] = new Array(conversationIds.length);
  const done = conversationIds.map((id, i) => pacer.take(id).then(() => (released[i] = clock.t - start)));
  await clock.run();
  await Promise.all(done);
  return { released, clock };
}

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
    const { released, clock } = await burst(['a:x', 'a:x', 'a:x', 'a:x']);
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
    const pacer = createPacer({ now: clock.now, sleep: clock.sleep });
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
  it(`stays under the per-app limit of 50 a second`, async () => {
    const ids = Array.from({ length: 500 }, (_, i) => `a:${i}`);
    const { released } = await burst(ids);
    expect(busiestWindow(released, 1_000)).toBeLessThanOrEqual(50);
    expect(released.slice(0, 20)).toEqual(new Array(20).fill(0));
    // 20 at once, then 25 a second.
    expect(released.at(-1)).toBe(Math.ceil(((500 - 20) / 25) * 1000));
  });

  it('do not wait for one busy conversation', async () => {
    const ids = [...Array.from({ length: 10 }, () => 'a:busy'), 'a:quiet'];
    const { released } = await burst(ids);
    expect(released.at(-1)).toBe(0);
    expect(released.slice(4, 10).every((t) => t > 0)).toBe(true);
  });

  it('forget idle conversations, but not the limits of busy ones', async () => {
    const limits: PacerLimits = { perConversation: [{ capacity: 2, perSecond: 0.01 }], overall: [{ capacity: 1000, perSecond: 1000 }] };
    const ids = ['a:busy', 'a:busy', ...Array.from({ length: 300 }, (_, i) => `a:${i}`), 'a:busy'];
    // The 256th take sweeps the full buckets of the 254 idle conversations; a:busy's empty bucket stays.
    const { released } = await burst(ids, limits);
    expect(released.slice(0, -1).every((t) => t === 0)).toBe(true);
    expect(released.at(-1)).toBe(100_000);
  });
});

describe('configuration', () => {
  it('follows the limits it is given', async () => {
    const limits: PacerLimits = { perConversation: [{ capacity: 1, perSecond: 1 }], overall: [{ capacity: 2, perSecond: 10 }] };
    const { released } = await burst(['a', 'a', 'b', 'c', 'a'], limits);
    // b takes the last overall token at once, c waits 100 ms for the next; a waits for its own bucket only.
    expect(released).toEqual([0, 1000, 0, 100, 2000]);
  });

  it.each([
    { capacity: 0, perSecond: 1 },
    { capacity: 1, perSecond: 0 },
    { capacity: Number.NaN, perSecond: 1 },
  ])('rejects the bucket %j', (bucket) => {
    expect(() => createPacer({ limits: { perConversation: [bucket], overall: [] } })).toThrow(RangeError);
  });

  it('sleeps for real by default', async () => {
    const pacer = createPacer({ limits: { perConversation: [{ capacity: 1, perSecond: 20 }], overall: [] } });
    await pacer.take('a');
    const before = Date.now();
    await pacer.take('a');
    expect(Date.now() - before).toBeGreaterThanOrEqual(40);
  });
});
