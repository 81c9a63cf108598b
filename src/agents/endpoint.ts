// POST /api/messages on the Microsoft 365 Agents SDK, as a function of the
// request body and its Authorization header, like the botbuilder edge's
// (src/teams/endpoint.ts), with the same answers: 400 for a body that is no
// activity, 401 for a refused token, 403 for a serviceUrl host that is not
// allowed. The SDK's CloudAdapter.process runs the turn and writes the response
// into a collector, which becomes the restify server's answer.
import { randomUUID } from 'node:crypto';
import { Activity, ActivityTypes } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import type { Config } from '../config';
import type { Logger } from '../log';
import type { Activity as IncomingActivity } from '../protocol/activity';
import { ActivityShape, shapeProblem, loggedEndpoint, type EndpointResponse, type MessagesEndpoint } from '../protocol/request';
import { hostOf } from '../protocol/service-url';
import { runTurn, type ReplyContext, type TurnOptions } from '../protocol/turn';
import { collector, createAgentsAdapter, setTurnLog } from './adapter';

export interface AgentsEndpointOptions extends TurnOptions {
  readonly bot: Config['bot'];
  readonly log: Logger;
  /** The id of a request's turn in the log. */
  readonly newTurnId?: () => string;
}

export function createAgentsEndpoint(options: AgentsEndpointOptions): MessagesEndpoint {
  const { bot, newTurnId = randomUUID } = options;
  const { adapter, auth } = createAgentsAdapter(bot, options);
  const serve = async (body: unknown, authorization: string | undefined, log: Logger): Promise<EndpointResponse> => {
    const shape = ActivityShape.safeParse(body);
    if (!shape.success) {
      log.info('refused a body that is no Bot Framework activity', { status: 400, reason: shapeProblem(shape.error) });
      return { status: 400, body: { error: 'The body is not a Bot Framework activity.' } };
    }
    const activity = shape.data;
    const authenticated = await auth.authenticate(authorization);
    if (!authenticated.ok) {
      log.info('refused an unauthenticated request', { status: 401, reason: authenticated.reason });
      return { status: 401 };
    }
    // The token must have been issued for the serviceUrl the activity names (botbuilder checks this claim too).
    const serviceUrlClaim = authenticated.identity['serviceurl'];
    if (bot.appId !== undefined && serviceUrlClaim !== activity.serviceUrl) {
      log.info('refused an unauthenticated request', { status: 401, reason: 'the serviceurl claim does not match the activity' });
      return { status: 401 };
    }
    if (!auth.allowsServiceUrl(activity.serviceUrl)) {
      log.info('refused an activity from a serviceUrl host that is not allowed', { status: 403, host: hostOf(activity.serviceUrl) });
      return { status: 403, body: { error: 'The serviceUrl is not allowed.' } };
    }
    // Message text and names only at debug level, switched on to look into a problem.
    log.debug?.('activity', { activityType: activity.type, text: activity.text ?? undefined, from: activity.from.name ?? undefined });
    const response = collector();
    const request = { method: 'POST', headers: { authorization }, body: activity, user: authenticated.identity };
    await adapter.process(request as never, response, (context) => {
      setTurnLog(context, log);
      return runTurn(replyContextOf(context), log, options);
    });
    return { status: response.statusCode, body: response.body };
  };
  return loggedEndpoint(options.log, newTurnId, serve);
}

/** The SDK's TurnContext as the shared turn needs it; the SDK builds its Activity from plain objects. */
function replyContextOf(context: TurnContext): ReplyContext {
  return {
    activity: context.activity as IncomingActivity,
    sendActivity: (activity) => context.sendActivity(Activity.fromObject(activity)),
    updateActivity: (activity) => context.updateActivity(Activity.fromObject(activity)),
    sendInvokeResponse: (status, body) => context.sendActivity(Activity.fromObject({ type: ActivityTypes.InvokeResponse, value: { status, body } })),
    sendTyping: () => context.sendActivity(Activity.fromObject({ type: ActivityTypes.Typing })),
  };
}
