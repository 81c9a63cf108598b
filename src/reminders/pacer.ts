// Keeps proactive requests under Teams' rate limits, so that a burst of
// reminders is spread out here instead of bouncing off 429s. Every request
// takes one token from each bucket of its conversation and from each overall
// bucket; `take` waits until all of them have one.
//
// A token bucket of capacity b refilling r tokens per second lets at most
// b + r·T requests through in any window of T seconds. The defaults are chosen
// so that this stays within every window Teams documents (per bot per
// conversation: 7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per hour for sends and
// conversation creation; per app per tenant: 50 per second). The roster reads
// have twice the send limits, so pacing them as sends is merely cautious.
//
// The pacer is per process: two instances of the bot each get the full budget.
// It does not replace honouring a 429's Retry-After (see retry.ts).

interface Bucket {
  /** Tokens it holds when full: the largest burst. */
  readonly capacity: number;
  /** Tokens it gains per second: the sustained rate. */
  readonly perSecond: number;
}

export interface PacerLimits {
  /** Buckets every conversation has its own copy of. */
  readonly perConversation: readonly Bucket[];
  /** Buckets all conversations share. */
  readonly overall: readonly Bucket[];
}

export const TEAMS_LIMITS: PacerLimits = {
  perConversation: [
    // 1 s: 4 + 2 = 6 ≤ 7; 2 s: 4 + 4 = 8 ≤ 8.
    { capacity: 4, perSecond: 2 },
    // 30 s: 20 + 14.7 ≈ 35 ≤ 60; 1 h: 20 + 1764 = 1784 ≤ 1800.
    { capacity: 20, perSecond: 0.49 },
  ],
  // 1 s: 20 + 25 = 45 ≤ 50, leaving room for the replies the bot sends meanwhile.
  overall: [{ capacity: 20, perSecond: 25 }],
};

export interface PacerOptions {
  readonly limits?: PacerLimits;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Pacer {
  /**
   * Resolves when a request to this conversation may be sent. Requests to one
   * conversation go in the order they called; a busy conversation never makes
   * the others wait, only the overall limit does.
   */
  take(conversationId: string): Promise<void>;
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

export function createPacer({ limits = TEAMS_LIMITS, now = () => new Date(), sleep = defaultSleep }: PacerOptions = {}): Pacer {
  for (const bucket of [...limits.perConversation, ...limits.overall]) {
    if (!(bucket.capacity >= 1 && bucket.perSecond > 0)) {
      throw new RangeError(`a bucket needs a capacity of at least 1 and a positive rate, not ${JSON.stringify(bucket)}`);
    }
  }
  const full = (bucket: Bucket): BucketState => ({ bucket, tokens: bucket.capacity, at: -Infinity });
  const overall = limits.overall.map(full);
  const conversations = new Map<string, Conversation>();
  let takes = 0;

  const waitUntil = async (t: number) => {
    const wait = t - now().getTime();
    if (wait > 0) await sleep(Math.ceil(wait));
  };

  /**
   * First the conversation's own buckets, then the overall ones, whose token
   * is reserved (FIFO) only once the conversation is ready, so that requests
   * waiting for a busy conversation hold no overall tokens.
   */
  async function pass(conversation: Conversation): Promise<void> {
    const start = now().getTime();
    const ready = Math.max(start, ...conversation.buckets.map((s) => readyAt(s, start)));
    await waitUntil(ready);
    const t = Math.max(now().getTime(), ready);
    const release = Math.max(t, ...overall.map((s) => readyAt(s, t)));
    spend(overall, release);
    spend(conversation.buckets, release);
    await waitUntil(release);
  }

  const sweep = () => {
    const t = now().getTime();
    for (const [id, c] of conversations) {
      if (c.queued === 0 && c.buckets.every((s) => tokensAt(s, t) >= s.bucket.capacity)) conversations.delete(id);
    }
  };

  return {
    take(conversationId) {
      if (++takes % SWEEP_EVERY === 0) sweep();
      let conversation = conversations.get(conversationId);
      if (!conversation) {
        conversation = { buckets: limits.perConversation.map(full), tail: Promise.resolve(), queued: 0 };
        conversations.set(conversationId, conversation);
      }
      const c = conversation;
      c.queued += 1;
      // pass() never rejects unless sleep() does; a rejected take must not block the ones after it.
      const mine = c.tail.then(() => pass(c)).finally(() => {
        c.queued -= 1;
      });
      c.tail = mine.catch(() => undefined);
      return mine;
    },
  };
}
