// One turn on either SDK edge: the incoming activity read as the core's Turn,
// the conversation's replies sent back through the SDK's turn context. Each
// edge hands over its TurnContext through the small ReplyContext below.
import type { Conversation } from '../conversation/conversation';
import type { Reply } from '../conversation/turn';
import type { Lang } from '../kernel/lang';
import { describeError, type Logger } from '../log';
import { activityOf, turnOf, type Activity, type OutgoingActivity } from './activity';

/** What a turn needs of an SDK's TurnContext. */
export interface ReplyContext {
  readonly activity: Activity;
  sendActivity(activity: OutgoingActivity): Promise<unknown>;
  updateActivity(activity: OutgoingActivity & { readonly id: string }): Promise<unknown>;
  /** The response to an invoke (Action.Execute), which the SDK returns in the HTTP response. */
  sendInvokeResponse(status: number, body: unknown): Promise<unknown>;
  sendTyping(): Promise<unknown>;
}

export interface TurnOptions {
  readonly conversation: Conversation;
  readonly defaultLang: Lang;
  readonly now: () => Date;
  /** How long a message's replies may take before a typing indicator is shown. */
  readonly typingAfterMs?: number;
}

// Below this, a typing indicator would flash and vanish; Teams shows one for about three seconds.
const TYPING_AFTER_MS = 250;

export async function runTurn(context: ReplyContext, log: Logger, { conversation, defaultLang, now, typingAfterMs = TYPING_AFTER_MS }: TurnOptions): Promise<void> {
  const turn = turnOf(context.activity, defaultLang, now());
  const replies = turn.event.kind === 'message' ? await withTyping(context, typingAfterMs, log, () => conversation(turn, log)) : await conversation(turn, log);
  for (const reply of replies) await deliver(context, reply, log);
}

/**
 * A typing indicator only when the replies keep the person waiting: most take
 * milliseconds, and every activity counts against Teams' per-conversation limits.
 */
async function withTyping<T>(context: ReplyContext, afterMs: number, log: Logger, work: () => Promise<T>): Promise<T> {
  let typing: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    typing = context.sendTyping().catch((err: unknown) => log.warn('could not send the typing indicator', describeError(err)));
  }, afterMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    await typing;
  }
}

async function deliver(context: ReplyContext, reply: Reply, log: Logger): Promise<void> {
  switch (reply.kind) {
    case 'invokeResponse':
      await context.sendInvokeResponse(reply.status, reply.body);
      return;
    case 'replace': {
      const id = context.activity.replyToId;
      if (id) {
        try {
          await context.updateActivity({ ...activityOf(reply), id });
          return;
        } catch (err) {
          log.warn('could not replace the card; sending the reply anew', describeError(err));
        }
      }
      return deliver(context, reply.otherwise, log);
    }
    default:
      await context.sendActivity(activityOf(reply));
  }
}
