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
// The Authorization header is never logged.
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import { describeError } from '../log';
import { createAdapter, createAuthentication, hostOf } from './adapter';
import { createTurnHandler, type TeamsBotOptions } from './bot';

export interface EndpointResponse {
  readonly status: number;
  readonly body?: unknown;
}

export type MessagesEndpoint = (body: unknown, authorization: string | undefined) => Promise<EndpointResponse>;

// Just enough to route a reply; the rest of the activity passes through untouched.
const ActivityShape = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

export interface TeamsEndpointOptions extends TeamsBotOptions {
  readonly bot: Config['bot'];
}

export function createTeamsEndpoint(options: TeamsEndpointOptions): MessagesEndpoint {
  const auth = createAuthentication(options.bot);
  const adapter = createAdapter(auth, options);
  const logic = createTurnHandler(options);
  return async (body, authorization) => {
    const shape = ActivityShape.safeParse(body);
    if (!shape.success) return { status: 400, body: { error: 'The body is not a Bot Framework activity.' } };
    const activity = shape.data as unknown as Activity;
    let authenticated;
    try {
      authenticated = await auth.authenticateRequest(activity, authorization ?? '');
    } catch (err) {
      if (authorityUnreachable(err)) {
        options.log.error('could not check a token: the OpenID metadata or its keys did not load', describeError(err));
        return { status: 503 };
      }
      options.log.warn('refused an unauthenticated request', { ...describeError(err), reason: reasonOf(err) });
      return { status: 401 };
    }
    if (!auth.allowsServiceUrl(activity.serviceUrl)) {
      options.log.warn('refused an activity from a serviceUrl host that is not allowed', { host: hostOf(activity.serviceUrl) });
      return { status: 403, body: { error: 'The serviceUrl is not allowed.' } };
    }
    const invokeResponse = await adapter.runAuthenticated(authenticated, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  };
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
