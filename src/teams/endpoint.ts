// POST /api/messages as a function of the request body and its Authorization
// header, so that the HTTP server needs no Bot Framework types.
//
// It does what CloudAdapter.process does, with clearer status codes:
// - 400: a body that is no activity (process throws on it);
// - 401: every failed token check, whatever threw it (process answers 500 for
//   some, e.g. a token signed by another key under a known key id, or HS256);
// - 503: the token could not be checked because the OpenID metadata or its
//   keys did not load (our outage, not a bad token: the channel may retry);
// - 403: an authenticated activity whose serviceUrl host is not allowed; the
//   bot never calls it (the adapter's connector factory refuses it as well).
// Every 4xx is logged at info with its reason (field names and check names, never
// values, text or the Authorization header).
//
// Every request is a turn with its own id (`turnId`), added to every line that
// the endpoint, the adapter and the turn handler log while serving it (turn-log.ts).
import { createHash, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import { describeError, type Logger } from '../log';
import type { Metrics } from '../metrics';
import { DEADLINES, DeadlineError, withDeadline } from '../reliability/deadline';
import { createAdapter, createAuthentication } from './adapter';
import { hostOf } from '../protocol/service-url';
import { createTurnHandler, type TeamsBotOptions } from './bot';
import { setTurnLog } from './turn-log';
import { ActivityShape, shapeProblem, loggedEndpoint, type EndpointResponse, type MessagesEndpoint } from '../protocol/request';

export interface TeamsEndpointOptions extends TeamsBotOptions {
  readonly bot: Config['bot'];
  /** The id of a request's turn in the log. */
  readonly newTurnId?: () => string;
  /**
   * Recognises a redelivered activity (Teams delivers again when a turn took too long):
   * true the first time a key is claimed, across instances (through the store).
   * Absent: every delivery is served.
   */
  readonly deliveries?: { claim(key: string, at: Date): Promise<boolean> };
  /** The turn's deadlines; tests shorten them. */
  readonly deadlines?: { readonly turnMs: number; readonly tokenCheckMs: number };
  readonly metrics?: Partial<Pick<Metrics, 'turnFailed' | 'apology' | 'redelivered'>>;
}

/**
 * After the token authority failed or hung, token checks are refused (503, the channel
 * retries) for this long rather than each starting another download that hangs:
 * botbuilder's metadata download has no timeout of its own, so its sockets would pile up.
 */
const AUTHORITY_PAUSE_MS = 5_000;

/** However long the token check took, the turn itself gets at least this long. */
const MIN_TURN_MS = 2_000;

/** The token algorithms the Bot Framework signs with; anything else is refused before any key is fetched. */
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);

// Invokes wait for their response in the HTTP reply, so they are not de-duplicated:
// a second press must get its card too. Everything else that can make the bot speak is.
const DEDUPLICATED = new Set(['message', 'conversationUpdate', 'installationUpdate']);

export function createTeamsEndpoint(options: TeamsEndpointOptions): MessagesEndpoint {
  const { newTurnId = randomUUID, deliveries, metrics, deadlines = DEADLINES } = options;
  const auth = createAuthentication(options.bot);
  const adapter = createAdapter(auth, options);
  const logic = createTurnHandler(options);
  const authOn = options.bot.appId !== undefined;
  const authority = pause(AUTHORITY_PAUSE_MS);
  const serve = async (body: unknown, authorization: string | undefined, log: Logger): Promise<EndpointResponse> => {
    // The turn's deadline counts from the request's arrival: the token check and the
    // redelivery claim spend from the same budget.
    const arrived = performance.now();
    const shape = ActivityShape.safeParse(body);
    if (!shape.success) {
      log.info('refused a body that is no Bot Framework activity', { status: 400, reason: shapeProblem(shape.error) });
      return { status: 400, body: { error: 'The body is not a Bot Framework activity.' } };
    }
    const activity = shape.data as unknown as Activity;
    if (authOn) {
      const refusal = refusedAlgorithm(authorization);
      if (refusal) {
        log.info('refused an unauthenticated request', { status: 401, reason: refusal });
        return { status: 401 };
      }
    }
    if (!authority.mayCall()) {
      log.info('could not check a token: the token authority failed moments ago', { status: 503 });
      return { status: 503 };
    }
    let authenticated;
    try {
      authenticated = await withDeadline(auth.authenticateRequest(activity, authorization ?? ''), deadlines.tokenCheckMs, 'the token check');
      authority.succeeded();
    } catch (err) {
      if (err instanceof DeadlineError || authorityUnreachable(err)) {
        authority.failed();
        log.error('could not check a token: the OpenID metadata or its keys did not load', describeError(err));
        return { status: 503 };
      }
      authority.succeeded();
      log.info('refused an unauthenticated request', { ...describeError(err), status: 401, reason: reasonOf(err) });
      return { status: 401 };
    }
    if (!auth.allowsServiceUrl(activity.serviceUrl)) {
      log.info('refused an activity from a serviceUrl host that is not allowed', { status: 403, host: hostOf(activity.serviceUrl) });
      return { status: 403, body: { error: 'The serviceUrl is not allowed.' } };
    }
    // Message text and names only at debug level, switched on to look into a problem.
    log.debug?.('activity', {
      activityType: activity.type,
      text: activity.text,
      from: activity.from?.name,
      value: activity.value === undefined ? undefined : preview(activity.value),
    });
    if (deliveries && activity.id && DEDUPLICATED.has(activity.type)) {
      const first = await deliveries.claim(deliveryKey(activity), new Date());
      if (!first) {
        log.info('ignored a redelivered activity', { activityType: activity.type });
        metrics?.redelivered?.();
        return { status: 200 };
      }
    }
    const turn = adapter.runAuthenticated(authenticated, activity, (context) => {
      setTurnLog(context, log);
      return logic(context);
    });
    try {
      const left = Math.max(MIN_TURN_MS, deadlines.turnMs - (performance.now() - arrived));
      const invokeResponse = await withDeadline(turn, left, 'the turn');
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    } catch (err) {
      if (!(err instanceof DeadlineError)) throw err;
      // The turn goes on (its Bot Connector requests have their own deadlines) and may still
      // answer; the channel hears now, so it does not deliver the activity again. An invoke's
      // caller waits for a card that will not come in time: 503.
      log.error('the turn passed its deadline; the request is answered, the turn goes on', { activityType: activity.type, ms: deadlines.turnMs });
      metrics?.turnFailed?.('deadline');
      return { status: activity.type === 'invoke' ? 503 : 200 };
    }
  };
  return loggedEndpoint(options.log, newTurnId, serve);
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

/** An activity's identity across deliveries (its id is unique within its conversation), hashed to a fixed length. */
function deliveryKey(activity: Activity): string {
  return createHash('sha256').update(JSON.stringify([activity.channelId ?? '', activity.conversation.id, activity.id])).digest('hex');
}

/**
 * The start of a card action's value, for the debug line. Evaluated at every level,
 * so it must not throw: JSON.stringify throws a RangeError on a value nested a few
 * thousand levels deep, which Teams never sends but anyone can post.
 */
function preview(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 2000);
  } catch (err) {
    return `(not serialisable: ${err instanceof Error ? err.name : typeof err})`;
  }
}

/**
 * botbuilder's OpenIdMetadata throws an AuthenticationError with status 500 when
 * the metadata or the keys answer an error, node-fetch a FetchError when they
 * cannot be reached or are no JSON.
 */
function authorityUnreachable(err: unknown): boolean {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { statusCode?: unknown; name?: unknown };
  return (typeof e.statusCode === 'number' && e.statusCode >= 500) || e.name === 'FetchError';
}

/**
 * Why a token was refused, for the log. Token-check messages name the check
 * ("jwt expired", "invalid signature", "Unauthorized. ServiceUrl claim do not
 * match.") and at most a claim value, never the token; capped all the same.
 */
function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message.slice(0, 160) : typeof err;
}
