// The botbuilder edge's turn: the activity read as the core's Turn
// (src/protocol/activity.ts), the conversation's replies sent back through the
// TurnContext. What a conversation is lives in src/conversation/.
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Conversation } from '../conversation/conversation';
import type { Reply } from '../conversation/turn';
import type { Lang } from '../kernel/lang';
import { describeError, type Logger } from '../log';
import { activityOf, turnOf } from '../protocol/activity';
import { turnLog } from './turn-log';

export interface TeamsBotOptions {
  readonly conversation: Conversation;
  readonly defaultLang: Lang;
  readonly now: () => Date;
  readonly log: Logger;
  /** How long a message's replies may take before a typing indicator is shown. */
  readonly typingAfterMs?: number;
}

// Below this, a typing indicator would flash and vanish; Teams shows one for about three seconds.
const TYPING_AFTER_MS = 250;

export type TurnHandler = (context: TurnContext) => Promise<void>;

export function createTurnHandler({ conversation, defaultLang, now, log: baseLog, typingAfterMs = TYPING_AFTER_MS }: TeamsBotOptions): TurnHandler {
  return async (context) => {
    const log = turnLog(context, baseLog);
    const turn = turnOf(context.activity, defaultLang, now());
    const replies = turn.event.kind === 'message' ? await withTyping(context, typingAfterMs, log, () => conversation(turn, log)) : await conversation(turn, log);
    for (const reply of replies) await deliver(context, reply, log);
  };
}

/**
 * A typing indicator only when the replies keep the person waiting: most take
 * milliseconds, and every activity counts against Teams' per-conversation limits.
 */
async function withTyping<T>(context: TurnContext, afterMs: number, log: Logger, work: () => Promise<T>): Promise<T> {
  let typing: Promise<unknown> | undefined;
  const timer = setTimeout(() => {
    typing = context.sendActivity({ type: ActivityTypes.Typing }).catch((err: unknown) => log.warn('could not send the typing indicator', describeError(err)));
  }, afterMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    await typing;
  }
}

async function deliver(context: TurnContext, reply: Reply, log: Logger): Promise<void> {
  switch (reply.kind) {
    case 'invokeResponse':
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: reply.status, body: reply.body } });
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
