// Deadlines on waits. Teams gives up on a request after about 15 s and delivers
// the activity again, so everything a turn waits for (the store, the token
// authority, the Bot Connector, the turn itself) has a time limit well inside it.

/** Every deadline of a turn, in milliseconds; the sum of the parts stays inside TURN. */
export const DEADLINES = {
  /** The whole request, from its arrival: /api/messages answers by then, whatever the turn still waits for. */
  turnMs: 10_000,
  /** Checking the token, the OpenID metadata and key download included. */
  tokenCheckMs: 4_000,
  /** One store call on the turn's path (state, feedback, dedup); slower means "unavailable" for this turn. */
  storeCallMs: 1_500,
  /** One HTTP request to the Bot Connector (a reply, a card update). */
  connectorRequestMs: 4_000,
} as const;

/** A wait that took longer than allowed. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} took longer than ${ms} ms`);
  }
}

/**
 * `work`, or a DeadlineError after `ms`. The work itself goes on (a promise cannot
 * be cancelled); its later failure is swallowed here so that it is not unhandled.
 * Whoever can abort the underlying I/O (an AbortSignal, a query timeout) should too.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    // The deadline is called only once the event loop has read what has arrived meanwhile
    // (setImmediate runs after the loop's poll for I/O). Timers come first in a round of the
    // loop, so on a busy bot a reply that arrived in time but was not yet read would be
    // blamed on what was waited for: a store "unavailable" while it answered in milliseconds.
    timer = setTimeout(() => setImmediate(() => reject(new DeadlineError(what, ms))), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
