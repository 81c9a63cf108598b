// POST /api/messages on botbuilder: its token check and its turn runner handed to
// the shared endpoint (src/protocol/endpoint.ts), which does the rest alike on
// both edges (status codes, deadlines, redeliveries, the turn's error boundary).
//
// It does what CloudAdapter.process does, with clearer status codes: process
// answers 500 for some refused tokens (e.g. one signed by another key under a
// known key id), and cannot tell a bad token from an authority that is down.
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import { describeError } from '../log';
import { createEndpoint, type EndpointOptions, type TurnsEndpoint } from '../protocol/endpoint';
import type { ReplyContext } from '../protocol/turn';
import { createAdapter, createAuthentication } from './adapter';
import { setTurnLog } from './turn-log';

export function createTeamsEndpoint(options: EndpointOptions): TurnsEndpoint {
  const auth = createAuthentication(options.bot);
  const adapter = createAdapter(auth, options);
  return createEndpoint(options, {
    allowsServiceUrl: auth.allowsServiceUrl,
    async authenticate(activity, authorization) {
      try {
        return { ok: true, value: await auth.authenticateRequest(activity as unknown as Activity, authorization ?? '') };
      } catch (err) {
        return { ok: false, reason: reasonOf(err), unreachable: authorityUnreachable(err), error: err, fields: describeError(err) };
      }
    },
    run: async (authenticated, activity, logic, log) => {
      const invokeResponse = await adapter.runAuthenticated(authenticated, activity as unknown as Activity, (context) => {
        setTurnLog(context, log);
        return logic(replyContextOf(context));
      });
      return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
    },
  });
}

/** botbuilder's TurnContext as the shared turn needs it. */
function replyContextOf(context: TurnContext): ReplyContext {
  return {
    activity: context.activity,
    sendActivity: (activity) => context.sendActivity(activity),
    updateActivity: (activity) => context.updateActivity(activity),
    sendInvokeResponse: (status, body) => context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status, body } }),
    sendTyping: () => context.sendActivity({ type: ActivityTypes.Typing }),
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
