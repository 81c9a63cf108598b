// POST /api/messages for either SDK edge, as a function of the request body and
// its Authorization header. Everything but the SDK's own token check and turn
// runner is here, so both edges answer alike and each edge stays a translation:
// - 400: a body that is no activity;
// - 401: a refused token, and before any key is fetched a token that cannot be
//   valid (no bearer token, alg none, HS256); 503 when the token could not be
//   checked (the OpenID metadata or its keys did not load, or took longer than
//   the check's deadline), and for a moment after that without trying again;
// - 403: an authenticated activity whose serviceUrl host is not allowed (the
//   edges' connector factories refuse it as well, so the bot never calls it);
// - a redelivered activity (Teams delivers again after a slow or failed turn) is
//   recognised through the store and answered 200 with nothing; a turn that fails
//   gives its claim back, so that the redelivery is answered;
// - the request is answered by the turn's deadline, counted from its arrival,
//   whatever the turn still waits for (the turn goes on).
// Every 4xx is logged at info with its reason (field names and check names, never
// values, text or the Authorization header).
import { randomUUID } from 'node:crypto';
import type { Config } from '../config';
import { claimDelivery, type Claim, type Deliveries } from '../conversation/redelivery';
import { reply } from '../conversation/replies';
import { describeError, type Logger } from '../log';
import type { Metrics } from '../metrics';
import { DEADLINES, DeadlineError, withDeadline } from '../reliability/deadline';
import { localeLang } from './activity';
import { ActivityShape, shapeProblem, loggedEndpoint, type CheckedActivity, type EndpointResponse, type MessagesEndpoint } from './request';
import { hostOf } from './service-url';
import { createTokenGuard, type TokenCheck } from './token-guard';
import { runTurn, type ReplyContext, type TurnOptions } from './turn';

/** What an SDK edge does itself; `A` is what its token check gives its turn runner. */
export interface Edge<A> {
  /** The SDK's token check, then ours; it does not throw for a refused token. */
  authenticate(activity: CheckedActivity, authorization: string | undefined): Promise<TokenCheck<A>>;
  readonly allowsServiceUrl: (serviceUrl: string) => boolean;
  /**
   * Runs the SDK's turn with `logic` as its handler (which does not throw: it is the
   * turn's error boundary) and gives the HTTP answer (an invoke's response).
   */
  run(authenticated: A, activity: CheckedActivity, logic: (context: ReplyContext) => Promise<void>, log: Logger): Promise<EndpointResponse>;
}

export interface EndpointOptions extends TurnOptions {
  readonly bot: Config['bot'];
  readonly log: Logger;
  /** The id of a request's turn in the log. */
  readonly newTurnId?: () => string;
  /** Recognises a redelivered activity across instances (through the store). Absent: every delivery is served. */
  readonly deliveries?: Deliveries;
  /** The turn's deadlines; tests shorten them. */
  readonly deadlines?: { readonly turnMs: number; readonly tokenCheckMs: number };
  readonly metrics?: Partial<Pick<Metrics, 'turnFailed' | 'apology' | 'redelivered'>>;
}

/** An endpoint whose turns can outlive their requests (the turn's deadline answers early). */
export interface TurnsEndpoint extends MessagesEndpoint {
  /** Resolves when every turn started so far has ended: before the store closes on shutdown. */
  settle(): Promise<void>;
}

/** However long the token check took, the turn itself gets at least this long. */
const MIN_TURN_MS = 2_000;

// Invokes wait for their response in the HTTP reply, so they are not de-duplicated:
// a second press must get its card too. Everything else that can make the bot speak is.
const DEDUPLICATED = new Set(['message', 'conversationUpdate', 'installationUpdate']);

export function createEndpoint<A>(options: EndpointOptions, edge: Edge<A>): TurnsEndpoint {
  const { newTurnId = randomUUID, deliveries, metrics, deadlines = DEADLINES } = options;
  const checkToken = createTokenGuard({ authOn: options.bot.appId !== undefined, deadlineMs: deadlines.tokenCheckMs });
  const running = new Set<Promise<unknown>>();
  const endpoint = loggedEndpoint(options.log, newTurnId, async (body, authorization, log): Promise<EndpointResponse> => {
    // The turn's deadline counts from the request's arrival: the token check and the
    // redelivery claim spend from the same budget.
    const arrived = performance.now();
    const shape = ActivityShape.safeParse(body);
    if (!shape.success) {
      log.info('refused a body that is no Bot Framework activity', { status: 400, reason: shapeProblem(shape.error) });
      return { status: 400, body: { error: 'The body is not a Bot Framework activity.' } };
    }
    const activity = shape.data;
    const token = await checkToken(authorization, () => edge.authenticate(activity, authorization), log);
    if (!token.ok) return { status: token.status };
    if (!edge.allowsServiceUrl(activity.serviceUrl)) {
      log.info('refused an activity from a serviceUrl host that is not allowed', { status: 403, host: hostOf(activity.serviceUrl) });
      return { status: 403, body: { error: 'The serviceUrl is not allowed.' } };
    }
    // Message text and names only at debug level, switched on to look into a problem.
    log.debug?.('activity', {
      activityType: activity.type,
      text: activity.text ?? undefined,
      from: activity.from.name ?? undefined,
      value: activity['value'] === undefined ? undefined : preview(activity['value']),
    });
    let claim: Claim | undefined;
    if (deliveries && activity.id && DEDUPLICATED.has(activity.type)) {
      claim = await claimDelivery(deliveries, { channelId: activity.channelId ?? '', conversationId: activity.conversation.id, activityId: activity.id }, new Date(), log);
      if (!claim) {
        log.info('ignored a redelivered activity', { activityType: activity.type });
        metrics?.redelivered?.();
        return { status: 200 };
      }
    }
    let failed = false;
    const logic = async (context: ReplyContext) => {
      try {
        await runTurn(context, log, options);
      } catch (err) {
        failed = true;
        await turnFailed(context, err, log, options);
      }
    };
    // A failed turn gives its claim back before the request is answered, so a redelivery right after is served.
    const turn = edge.run(token.value, activity, logic, log).then(
      async (response) => {
        if (failed) await claim?.failed();
        return response;
      },
      async (err: unknown) => {
        await claim?.failed();
        throw err;
      },
    );
    const tracked = turn.catch(() => undefined).finally(() => running.delete(tracked));
    running.add(tracked);
    try {
      const left = Math.max(MIN_TURN_MS, deadlines.turnMs - (performance.now() - arrived));
      return await withDeadline(turn, left, 'the turn');
    } catch (err) {
      if (!(err instanceof DeadlineError)) throw err;
      // The turn goes on (its Bot Connector requests have their own deadlines) and may still
      // answer; the channel hears now, so it does not deliver the activity again. An invoke's
      // caller waits for a card that will not come in time: 503.
      log.error('the turn passed its deadline; the request is answered, the turn goes on', { activityType: activity.type, ms: deadlines.turnMs });
      metrics?.turnFailed?.('deadline');
      return { status: activity.type === 'invoke' ? 503 : 200 };
    }
  });
  return Object.assign(endpoint, { settle: () => Promise.all(running).then(() => undefined) });
}

/** The one error boundary of a turn: log what failed (never what was said) and apologise for a failed message. */
async function turnFailed(context: ReplyContext, err: unknown, log: Logger, { defaultLang, metrics }: EndpointOptions): Promise<void> {
  const { activity } = context;
  log.error('turn failed', { activityType: activity.type, conversationType: activity.conversation?.conversationType ?? undefined, ...describeError(err) });
  metrics?.turnFailed?.('error');
  if (activity.type !== 'message') return;
  try {
    await context.sendActivity({ type: 'message', text: reply('apology', localeLang(activity, defaultLang)) });
    metrics?.apology?.();
  } catch (sendErr) {
    log.error('could not send the apology', describeError(sendErr));
  }
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
