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
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import { describeError, withFields, type Logger } from '../log';
import { createAdapter, createAuthentication, hostOf } from './adapter';
import { createTurnHandler, type TeamsBotOptions } from './bot';
import { setTurnLog } from './turn-log';

interface EndpointResponse {
  readonly status: number;
  readonly body?: unknown;
}

export type MessagesEndpoint = (body: unknown, authorization: string | undefined) => Promise<EndpointResponse>;

// What is needed to route a reply, and the type of every field the bot or botbuilder
// reads; the rest of the activity passes through untouched. A field of the wrong type
// (a `from` that is a string, an `id` that is a number, `entities` that is no list)
// would fail the turn midway, or make the reply's serializer throw: refused with 400.
// Ids go into Bot Connector URLs and the x-ms-conversation-id header, which take printable
// ASCII (as Teams' ids are), and into the stores, which take up to 1,000 characters; names
// into the stores too: up to 500 characters, no control characters or broken surrogates.
const Id = z.string().min(1).max(1000).regex(/^[\x20-\x7e]+$/, 'printable ASCII');
const Name = z
  .string()
  .max(500)
  // eslint-disable-next-line no-control-regex -- the point is to refuse control characters
  .regex(/^(?:[^\u0000-\u001f\u007f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/, 'no control characters or lone surrogates');
const Text = z.string().nullish();
// The sender's Entra object id is only a key here (of owners, admins, tour progress, the
// rate limit), so it is treated as an opaque string: Teams sends GUIDs, but Microsoft 365
// Agents Playground's default users have a last group of 13 hex digits, and other channels
// send other things. Bounded and plain (letters, digits, a few separators) all the same:
// it is matched against configured ids and lands in the stores and the log's keys.
const ObjectKey = z.string().min(1).max(256).regex(/^[A-Za-z0-9._:@{}-]+$/, 'letters, digits and . _ : @ { } -');
const Account = z.looseObject({ id: Id, name: Name.nullish(), aadObjectId: ObjectKey.nullish(), role: Text });
const ActivityShape = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: Id, conversationType: Text, tenantId: Text, name: Text, isGroup: z.boolean().nullish() }),
  from: Account,
  recipient: Account,
  id: Id.nullish(),
  replyToId: Id.nullish(),
  channelId: Text,
  locale: Text,
  text: Text,
  textFormat: Text,
  name: Text,
  action: Text,
  entities: z.array(z.looseObject({ type: z.string() })).nullish(),
  attachments: z.array(z.looseObject({})).nullish(),
  membersAdded: z.array(Account).nullish(),
  membersRemoved: z.array(Account).nullish(),
  channelData: z.looseObject({}).nullish(),
});

export interface TeamsEndpointOptions extends TeamsBotOptions {
  readonly bot: Config['bot'];
  /** The id of a request's turn in the log. */
  readonly newTurnId?: () => string;
}

export function createTeamsEndpoint(options: TeamsEndpointOptions): MessagesEndpoint {
  const { newTurnId = randomUUID } = options;
  const auth = createAuthentication(options.bot);
  const adapter = createAdapter(auth, options);
  const logic = createTurnHandler(options);
  const serve = async (body: unknown, authorization: string | undefined, log: Logger): Promise<EndpointResponse> => {
    const shape = ActivityShape.safeParse(body);
    if (!shape.success) {
      log.info('refused a body that is no Bot Framework activity', { status: 400, reason: shapeProblem(shape.error) });
      return { status: 400, body: { error: 'The body is not a Bot Framework activity.' } };
    }
    const activity = shape.data as unknown as Activity;
    let authenticated;
    try {
      authenticated = await auth.authenticateRequest(activity, authorization ?? '');
    } catch (err) {
      if (authorityUnreachable(err)) {
        log.error('could not check a token: the OpenID metadata or its keys did not load', describeError(err));
        return { status: 503 };
      }
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
    const invokeResponse = await adapter.runAuthenticated(authenticated, activity, (context) => {
      setTurnLog(context, log);
      return logic(context);
    });
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  };
  return async (body, authorization) => {
    const turnId = newTurnId();
    const log = withFields(options.log, () => ({ turnId }));
    const started = performance.now();
    let status = 500;
    try {
      const response = await serve(body, authorization, log);
      status = response.status;
      return response;
    } finally {
      log.info('turn', { activityType: activityTypeOf(body), status, ms: Math.round(performance.now() - started) });
    }
  };
}

/**
 * Why a body is no activity, for the log: the paths and kinds of the first problems,
 * never the values (a path is made of the schema's own field names and list indices).
 */
function shapeProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.code}`)
    .join('; ')
    .slice(0, 300);
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

/** The activity's type for the log, if it is a short plain string (the body is not checked yet). */
function activityTypeOf(body: unknown): string | undefined {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' && /^[A-Za-z/]{1,40}$/.test(type) ? type : undefined;
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
