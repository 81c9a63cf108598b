// POST /api/messages as a function of the request body and its Authorization
// header, so that the HTTP server needs no Bot Framework types.
//
// It does what CloudAdapter.process does, with clearer status codes: a body
// that is no activity gets 400 (process throws on it), and every failed token
// check gets 401 (process answers 500 for some, e.g. a token signed by an unknown key).
import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { Config } from '../config';
import { describeError } from '../log';
import { createAdapter, createAuthentication } from './adapter';
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
      options.log.warn('refused an unauthenticated request', describeError(err));
      return { status: 401 };
    }
    const invokeResponse = await adapter.runAuthenticated(authenticated, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  };
}
