// A per-user limit on messages: a token bucket per user, so a burst of a few
// questions is fine and a stream is slowed down. Bounded in memory (the least
// recently seen users are forgotten first) and per process: with several
// instances behind a load balancer each limits what reaches it.
export interface RateLimitOptions {
  /** Messages a user may send at once. */
  readonly burst: number;
  /** Messages per minute after the burst. */
  readonly perMinute: number;
  readonly now?: () => number;
  /** Users remembered at most. */
  readonly maxUsers?: number;
}

export interface RateLimiter {
  /** Takes one message's token: true when the user may be answered. */
  take(user: string): boolean;
}

export function createRateLimiter({ burst, perMinute, now = Date.now, maxUsers = 50_000 }: RateLimitOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = perMinute / 60_000;
  return {
    take(user) {
      const t = now();
      const bucket = buckets.get(user) ?? { tokens: burst, at: t };
      bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      // Re-inserted so that the Map's order is least recently seen first.
      buckets.delete(user);
      buckets.set(user, bucket);
      if (buckets.size > maxUsers) buckets.delete(buckets.keys().next().value as string);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
