// POST /api/messages on the Microsoft 365 Agents SDK: its token check and its
// turn runner handed to the shared endpoint (src/protocol/endpoint.ts), which does
// the rest alike on both edges. The SDK's CloudAdapter.process runs the turn and
// writes the response into a collector, which becomes the server's answer.
import { ActivityTypes, type Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Activity as IncomingActivity } from '../protocol/activity';
import { createEndpoint, type EndpointOptions, type TurnsEndpoint } from '../protocol/endpoint';
import type { ReplyContext } from '../protocol/turn';
import { collector, createAgentsAdapter, setTurnLog } from './adapter';

export function createAgentsEndpoint(options: EndpointOptions): TurnsEndpoint {
  const { bot } = options;
  const { adapter, auth } = createAgentsAdapter(bot, options);
  return createEndpoint(options, {
    allowsServiceUrl: auth.allowsServiceUrl,
    async authenticate(activity, authorization) {
      const authenticated = await auth.authenticate(authorization);
      if (!authenticated.ok) return { ok: false, reason: authenticated.reason, unreachable: keysDidNotLoad(authenticated.reason) };
      // The token must have been issued for the serviceUrl the activity names (botbuilder checks this claim too).
      if (bot.appId !== undefined && authenticated.identity['serviceurl'] !== activity.serviceUrl) {
        return { ok: false, reason: 'the serviceurl claim does not match the activity' };
      }
      return { ok: true, value: authenticated.identity };
    },
    run: async (identity, activity, logic, log) => {
      const response = collector();
      const request = { method: 'POST', headers: {}, body: activity, user: identity };
      await adapter.process(request as never, response, (context) => {
        setTurnLog(context, log);
        return logic(replyContextOf(context));
      });
      return { status: response.statusCode, body: response.body };
    },
  });
}

/**
 * The SDK answers 401 for every failed check, also when the signing keys could not be
 * fetched: jsonwebtoken reports a failure of the key lookup as "error in secret or public
 * key callback: …", which is a bad token only when the key set lacks the token's key id.
 */
function keysDidNotLoad(reason: string): boolean {
  return reason.startsWith('error in secret or public key callback') && !reason.includes('Unable to find a signing key');
}

/** The SDK's TurnContext as the shared turn needs it. */
function replyContextOf(context: TurnContext): ReplyContext {
  return {
    activity: context.activity as IncomingActivity,
    sendActivity: (activity) => context.sendActivity(plain(activity)),
    updateActivity: (activity) => context.updateActivity(plain(activity)),
    sendInvokeResponse: (status, body) => context.sendActivity(plain({ type: ActivityTypes.InvokeResponse, value: { status, body } })),
    sendTyping: () => context.sendActivity(plain({ type: ActivityTypes.Typing })),
  };
}

/**
 * A plain activity where the SDK's typings want its Activity class: sendActivities and
 * updateActivity build one with Activity.fromObject themselves (a zod parse), so
 * building it here as well only doubled that work on every reply.
 */
function plain(activity: object): Activity {
  return activity as Activity;
}
