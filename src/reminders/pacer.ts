// Keeps proactive requests under Teams' rate limits, so that a burst of
// reminders is spread out here instead of bouncing off 429s.
//
// Two kinds of limit:
// - Per conversation (per bot per thread: 7 per 1 s, 8 per 2 s, 60 per 30 s,
//   1800 per hour for sends and conversation creation): token buckets in this
//   process. A bucket of capacity b refilling r tokens per second lets at most
//   b + r·T requests through in any window of T seconds.
// - Per app per tenant (50 requests per second): one budget that every
//   instance draws from (SendBudget: with PostgreSQL, a row per tenant in the
//   shared database; see reminder-store.ts reserveSendSlot). It hands out
//   slots at TENANT_RATE, so that any number of instances together stay under
//   the limit, in call order, so that none starves.
//
// Replies to people's questions do not pass through here: they are not
// reminders and must not wait behind thousands of them. TENANT_RATE leaves
// them the rest of the tenant's 50 a second. None of this replaces honouring
// a 429's Retry-After (see retry.ts).
import type { SendRate } from '../storage/reminder-store';

interface Bucket {
  /** Tokens it holds when full: the largest burst. */
  readonly capacity: number;
  /** Tokens it gains per second: the sustained rate. */
  readonly perSecond: number;
}

export interface PacerLimits {
  /** Buckets every conversation has its own copy of. */
  readonly perConversation: readonly Bucket[];
}

export const TEAMS_LIMITS: PacerLimits = {
  perConversation: [
    // 1 s: 4 + 2 = 6 ≤ 7; 2 s: 4 + 4 = 8 ≤ 8.
    { capacity: 4, perSecond: 2 },
    // 30 s: 20 + 14.7 ≈ 35 ≤ 60; 1 h: 20 + 1764 = 1784 ≤ 1800.
    { capacity: 20, perSecond: 0.49 },
  ],
};

/**
 * Reminders' share of a tenant's 50 requests a second: slots 1/45 s apart and
 * no burst, so at most 46 start in any one-second window; the rest is for
 * the replies the bot sends meanwhile and for the few milliseconds by which a
 * timer or the network may bring two slots closer together.
 */
export const TENANT_RATE: SendRate = { perSecond: 45, burst: 1 };

/** Where the tenant-wide slots come from: the store's shared budget, or (one process, tests) localSendBudget. */
export interface SendBudget {
  /** Reserves the tenant's next slot; resolves with how many ms from now it is (0: now). */
  reserve(tenantId: string): Promise<number>;
}

/**
 * The generic cell rate algorithm (virtual scheduling) over one number per
 * tenant, its theoretical arrival time `tat`: a slot asked for at `now` is at
 * max(now, tat − (burst − 1)·T), T = 1/perSecond, and tat moves to
 * max(now, tat) + T. The slots then never exceed `burst` + perSecond·W in a
 * window of W seconds. The stores compute the same in SQL.
 */
export function localSendBudget(rate: SendRate = TENANT_RATE, now: () => number = Date.now): SendBudget {
  const interval = 1000 / rate.perSecond;
  const tat = new Map<string, number>();
  return {
    async reserve(tenantId) {
      const t = now();
      const next = Math.max(t, tat.get(tenantId) ?? -Infinity) + interval;
      tat.set(tenantId, next);
      return Math.max(0, next - rate.burst * interval - t);
    },
  };
}

export interface PacerOptions {
  readonly limits?: PacerLimits;
  /** The tenant-wide budget; by default this process's own (localSendBudget at TENANT_RATE). */
  readonly budget?: SendBudget;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /**
   * Resolves when a request to this conversation of this tenant may be sent.
   * Requests to one conversation go in the order they called; a busy
   * conversation never makes the others wait, only the tenant's budget does.
   */
  take(conversationId: string, tenantId?: string): Promise<void>;
}

/** A bucket's tokens as of `at`, which lies in the future while a request waits for its turn. */
interface BucketState {
  readonly bucket: Bucket;
  tokens: number;
  at: number;
}

interface Conversation {
  readonly buckets: BucketState[];
  /** The last take queued for it; the next one starts when it is through. */
  tail: Promise<void>;
  queued: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A slot more than this late is given up for a new one (see pass). */
const LATE_MS = 15;

/** Idle conversations whose buckets are full again are forgotten every this many takes. */
const SWEEP_EVERY = 256;

const tokensAt = (s: BucketState, t: number) =>
  t <= s.at ? s.tokens : Math.min(s.bucket.capacity, s.tokens + ((t - s.at) / 1000) * s.bucket.perSecond);

/** When the bucket next holds a whole token, not before `t`. */
function readyAt(s: BucketState, t: number): number {
  const from = Math.max(t, s.at);
  const missing = 1 - tokensAt(s, from);
  return missing <= 0 ? from : from + (missing / s.bucket.perSecond) * 1000;
}

/** Spends one token at `t`: every bucket's history is then a valid token-bucket trace, so none exceeds its limit. */
function spend(states: readonly BucketState[], t: number): void {
  for (const s of states) {
    s.tokens = tokensAt(s, t) - 1;
    s.at = t;
  }
}

export function createPacer({ limits = TEAMS_LIMITS, budget, now = () => new Date(), sleep = defaultSleep }: PacerOptions = {}): Pacer {
  for (const bucket of limits.perConversation) {
    if (!(bucket.capacity >= 1 && bucket.perSecond > 0)) {
      throw new RangeError(`a bucket needs a capacity of at least 1 and a positive rate, not ${JSON.stringify(bucket)}`);
    }
  }
  const tenants = budget ?? localSendBudget(TENANT_RATE, () => now().getTime());
  const full = (bucket: Bucket): BucketState => ({ bucket, tokens: bucket.capacity, at: -Infinity });
  const conversations = new Map<string, Conversation>();
  let takes = 0;

  const waitUntil = async (t: number) => {
    const wait = t - now().getTime();
    if (wait > 0) await sleep(Math.ceil(wait));
  };

  /**
   * First the conversation's own buckets, then the tenant's slot, which is
   * reserved only once the conversation is ready, so that requests waiting
   * for a busy conversation hold no slot of the tenant's.
   */
  async function pass(conversation: Conversation, tenantId: string): Promise<void> {
    const start = now().getTime();
    const ready = Math.max(start, ...conversation.buckets.map((s) => readyAt(s, start)));
    await waitUntil(ready);
    for (;;) {
      // The wait is counted from when the budget computed it, somewhere between
      // asking and hearing back: from the middle, so that a slow answer does
      // not push this send towards the next slot.
      const asked = now().getTime();
      const wait = await tenants.reserve(tenantId);
      const release = (asked + now().getTime()) / 2 + wait;
      await waitUntil(release);
      // Woken late (the process was busy, a timer fired late): sending now
      // would bunch with the slots after this one at Teams, so take a new one.
      if (now().getTime() - release <= LATE_MS) {
        spend(conversation.buckets, now().getTime());
        return;
      }
    }
  }

  const sweep = () => {
    const t = now().getTime();
    for (const [id, c] of conversations) {
      if (c.queued === 0 && c.buckets.every((s) => tokensAt(s, t) >= s.bucket.capacity)) conversations.delete(id);
    }
  };

  return {
    take(conversationId, tenantId = '') {
      if (++takes % SWEEP_EVERY === 0) sweep();
      let conversation = conversations.get(conversationId);
      if (!conversation) {
        conversation = { buckets: limits.perConversation.map(full), tail: Promise.resolve(), queued: 0 };
        conversations.set(conversationId, conversation);
      }
      const c = conversation;
      c.queued += 1;
      // pass() never rejects unless sleep() or the budget does; a rejected take must not block the ones after it.
      const mine = c.tail.then(() => pass(c, tenantId)).finally(() => {
        c.queued -= 1;
      });
      c.tail = mine.catch(() => undefined);
      return mine;
    },
  };
}
