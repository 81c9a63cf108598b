// A request to POST /api/messages before any SDK sees it: what the HTTP server
// hands an edge (the body and its Authorization header) and what it gets back,
// and the shape every activity must have, checked the same way on both edges.
import { z } from 'zod';
import { withFields, type Logger } from '../log';

export interface EndpointResponse {
  readonly status: number;
  readonly body?: unknown;
}

export type MessagesEndpoint = (body: unknown, authorization: string | undefined) => Promise<EndpointResponse>;

/**
 * An edge's endpoint with one log line per request: each request gets a turn id
 * that every line its turn logs carries, and ends with its activity type,
 * status and duration (500 when the edge threw).
 */
export function loggedEndpoint(
  logger: Logger,
  newTurnId: () => string,
  serve: (body: unknown, authorization: string | undefined, log: Logger) => Promise<EndpointResponse>,
): MessagesEndpoint {
  return async (body, authorization) => {
    const turnId = newTurnId();
    const log = withFields(logger, () => ({ turnId }));
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

/** The activity's type for the log, if it is a short plain string (the body is not checked yet). */
function activityTypeOf(body: unknown): string | undefined {
  const type = typeof body === 'object' && body !== null ? (body as { type?: unknown }).type : undefined;
  return typeof type === 'string' && /^[A-Za-z/]{1,40}$/.test(type) ? type : undefined;
}

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
export const ActivityShape = z.looseObject({
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

/** An activity whose fields have been checked (ActivityShape). */
export type CheckedActivity = z.infer<typeof ActivityShape>;

/**
 * Why a body is no activity, for the log: the paths and kinds of the first problems,
 * never the values (a path is made of the schema's own field names and list indices).
 */
export function shapeProblem(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.code}`)
    .join('; ')
    .slice(0, 300);
}

