// The token check of POST /api/messages, whatever SDK does the checking: what is
// refused before anything is fetched (no bearer token, an algorithm the Bot
// Framework does not sign with), the check's time limit, and a pause after the
// token authority failed, so that a hung authority costs one open download and
// not one per request.
import { describeError, type LogFields, type Logger } from '../log';
import { DeadlineError, withDeadline } from '../reliability/deadline';

/** What an SDK's token check found. */
export type TokenCheck<A> =
  | { readonly ok: true; readonly value: A }
  /**
   * `unreachable`: the token could not be checked because the OpenID metadata or its keys
   * did not load (our outage, not a bad token: 503, the channel may retry). `fields` go into
   * the log line, with the reason; never the token.
   */
  | { readonly ok: false; readonly reason: string; readonly unreachable?: boolean; readonly error?: unknown; readonly fields?: LogFields };

type TokenVerdict<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly status: 401 | 503 };

export interface TokenGuardOptions {
  /** Authentication is on (an app id is configured): tokens are prechecked by algorithm. */
  readonly authOn: boolean;
  readonly deadlineMs: number;
  /** How long token checks are refused after the authority failed or hung. */
  readonly pauseMs?: number;
}

/**
 * After the token authority failed or hung, token checks are refused (503, the channel
 * retries) for this long rather than each starting another download that hangs:
 * neither SDK's metadata download has a timeout short enough, so their sockets would pile up.
 */
const AUTHORITY_PAUSE_MS = 5_000;

/** The token algorithms the Bot Framework signs with; anything else is refused before any key is fetched. */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

export type TokenGuard = <A>(authorization: string | undefined, check: () => Promise<TokenCheck<A>>, log: Logger) => Promise<TokenVerdict<A>>;

export function createTokenGuard({ authOn, deadlineMs, pauseMs = AUTHORITY_PAUSE_MS }: TokenGuardOptions): TokenGuard {
  const authority = pause(pauseMs);
  return async (authorization, check, log) => {
    if (authOn) {
      const refusal = refusedAlgorithm(authorization);
      if (refusal) {
        log.info('refused an unauthenticated request', { status: 401, reason: refusal });
        return { ok: false, status: 401 };
      }
    }
    if (!authority.mayCall()) {
      log.info('could not check a token: the token authority failed moments ago', { status: 503 });
      return { ok: false, status: 503 };
    }
    let checked: TokenCheck<unknown>;
    try {
      checked = await withDeadline(check(), deadlineMs, 'the token check');
    } catch (err) {
      // A check that throws rather than answering is taken for the authority's failure only when it hung.
      if (!(err instanceof DeadlineError)) throw err;
      checked = { ok: false, reason: err.message, unreachable: true, error: err };
    }
    if (checked.ok) {
      authority.succeeded();
      return checked as TokenVerdict<never>;
    }
    if (checked.unreachable) {
      authority.failed();
      log.error('could not check a token: the OpenID metadata or its keys did not load', checked.error === undefined ? { reason: checked.reason } : describeError(checked.error));
      return { ok: false, status: 503 };
    }
    authority.succeeded();
    log.info('refused an unauthenticated request', { ...checked.fields, status: 401, reason: checked.reason });
    return { ok: false, status: 401 };
  };
}

/**
 * A circuit breaker in its smallest form: after a failure, no calls for `ms`; then one
 * call at a time until one succeeds.
 */
function pause(ms: number) {
  let until = 0;
  let probing = false;
  return {
    mayCall(): boolean {
      if (until === 0) return true;
      if (Date.now() < until || probing) return false;
      probing = true;
      return true;
    },
    failed() {
      until = Date.now() + ms;
      probing = false;
    },
    succeeded() {
      until = 0;
      probing = false;
    },
  };
}

/**
 * Why a request's token is refused before anything is fetched to check it, if it is:
 * no bearer token, an unreadable header, or an algorithm the Bot Framework does not
 * sign with (`none`, HS256: an HMAC keyed with the public key would forge anything).
 */
function refusedAlgorithm(authorization: string | undefined): string | undefined {
  const header = /^bearer ([A-Za-z0-9_-]+)\./i.exec(authorization ?? '')?.[1];
  if (!header) return 'no bearer token';
  let alg: unknown;
  try {
    alg = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg;
  } catch {
    return 'unreadable token header';
  }
  if (typeof alg === 'string' && SIGNING_ALGORITHMS.has(alg)) return undefined;
  return `token algorithm ${typeof alg === 'string' ? alg.replace(/[^A-Za-z0-9]/g, '').slice(0, 10) : 'missing'} is not allowed`;
}
