// Whether a failed proactive delivery is worth another attempt, and when: a
// pure function of the failure, the attempt number, `now` and a random source.
//
// - 412, 429, 408 and the transient 5xx (all but 501 and 505), and failures
//   without a status (network errors, our own timeout): retry. A Retry-After
//   header (seconds or an HTTP date) wins when present, clamped to the cap;
//   otherwise exponential backoff with full jitter: a uniform delay in
//   [0, min(cap, base · 2^(attempt−1))).
// - 403 (bot removed from the conversation, blocked by the user, disabled by
//   an admin) and 404 ConversationNotFound: `unreachable`, nobody to deliver to.
// - Any other status (400, 401, 413, a 404 without that code, …): `failed`.
// - A retry that would be attempt maxAttempts + 1: `failed`.
//
// A timeout is ambiguous: the message may have arrived. Retrying it may show
// the same reminder twice, which we prefer to not showing it at all.
import { z } from 'zod';

/** How a delivery failed, as the messenger reports it (SendResult without `ok`). */
export interface DeliveryFailure {
  /** The HTTP status; absent for a network error or a timeout. */
  readonly status?: number;
  /** The Bot Connector's error code, e.g. BotNotInConversationRoster. */
  readonly code?: string;
  /** The Retry-After header as received: delta-seconds or an HTTP date. */
  readonly retryAfter?: string;
  readonly error: string;
}

export interface RetryPolicy {
  /** The first backoff ceiling; it doubles with every attempt. */
  readonly baseDelayMs: number;
  /** No delay is longer, Retry-After included. */
  readonly maxDelayMs: number;
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  // Backoff ceilings 1, 2, 4 … 128 s: the last retry comes at most ~4 min after the first failure.
  maxAttempts: 8,
};

export const RetryDecision = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('retry'), delayMs: z.int().min(0), at: z.date(), error: z.string() }),
  /** Nobody to deliver to; the conversation should be flagged, not retried. */
  z.strictObject({ kind: z.literal('unreachable'), error: z.string() }),
  z.strictObject({ kind: z.literal('failed'), error: z.string() }),
]);
export type RetryDecision = z.infer<typeof RetryDecision>;

export interface RetryInput {
  /** The number of the attempt that just failed, from 1. */
  readonly attempt: number;
  readonly now: Date;
  /** A uniform random number in [0, 1), e.g. Math.random. */
  readonly random: () => number;
}

function isTransient(status: number | undefined): boolean {
  if (status === undefined) return true;
  if (status === 408 || status === 412 || status === 429) return true;
  return status >= 500 && status <= 599 && status !== 501 && status !== 505;
}

const describe = ({ status, code, error }: DeliveryFailure) => (status === undefined ? error : `HTTP ${status}${code ? ` ${code}` : ''}`);

export function decideRetry(failure: DeliveryFailure, { attempt, now, random }: RetryInput, policy: RetryPolicy = DEFAULT_RETRY_POLICY): RetryDecision {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be an integer from 1, not ${attempt}`);
  const { status, code } = failure;
  const error = describe(failure);
  // Every 403 counts, not only the codes we know (BotNotInConversationRoster,
  // ConversationBlockedByUser, BotDisabledByAdmin): retrying a 403 never helps.
  if (status === 403 || (status === 404 && code === 'ConversationNotFound')) {
    return { kind: 'unreachable', error };
  }
  if (!isTransient(status)) return { kind: 'failed', error };
  if (attempt >= policy.maxAttempts) return { kind: 'failed', error: `${error} (gave up after ${attempt} attempts)` };

  const told = failure.retryAfter === undefined ? undefined : retryAfterMs(failure.retryAfter, now);
  const delayMs = told !== undefined ? Math.min(told, policy.maxDelayMs) : backoffMs(attempt, random, policy);
  return { kind: 'retry', delayMs, at: new Date(now.getTime() + delayMs), error };
}

/** Full jitter: uniform in [0, min(cap, base · 2^(attempt−1))). */
export function backoffMs(attempt: number, random: () => number, { baseDelayMs, maxDelayMs }: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const r = random();
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() must return a number in [0, 1), not ${r}`);
  // 2 ** 1024 is Infinity; min() takes care of it.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(r * ceiling);
}

/**
 * A Retry-After value in milliseconds from `now`: delta-seconds or an HTTP
 * date (a date in the past gives 0). Undefined when it is neither, so that
 * the caller falls back to its own backoff.
 */
export function retryAfterMs(value: string, now: Date): number | undefined {
  const text = value.trim();
  // RFC 9110 allows whole seconds only; a fraction costs nothing to accept.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  // Date.parse also reads bare numbers such as "-1" or "2026"; require a date with a day and a time.
  if (!/[a-z]/i.test(text) || !/\d{1,2}:\d{2}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
