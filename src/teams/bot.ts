// The turn handler: a thin translation between Teams activities and the
// assistant's Question/Answer. Everything Teams-specific about a turn is here.
import { randomUUID } from 'node:crypto';
import { ActivityTypes, CardFactory, type Activity, type TurnContext } from 'botbuilder';
import type { Lang } from '../kernel/lang';
import type { Answer } from '../answering/answer';
import type { Assistant } from '../answering/assistant';
import { isHelpCommand } from '../answering/messages';
import { ReminderAction } from '../cards/reminder-cards';
import { CardAction, feedbackThanksText, renderAnswerCard, renderWelcomeCard } from '../cards/render';
import type { AdaptiveCard, RenderedCard } from '../kernel/card';
import type { Presser } from '../reminders/actions';
import { adminCommandOf, type AdminCommandName } from '../reminders/admin';
import type { Onboarding } from '../onboarding/service';
import { isTourCommand, OnboardingAction } from '../onboarding/tour';
import { describeError, type Logger } from '../log';
import type { CardActionKind, Metrics } from '../metrics';
import type { ReminderStore } from '../storage/reminder-store';
import type { Store } from '../storage/store';
import {
  botWasAdded,
  botWasRemoved,
  conversationRecordOf,
  isPersonal,
  localeLang,
  mentionsBot,
  questionText,
  tenantOf,
} from './incoming';
import { createRateLimiter } from './rate-limit';
import { RecentMap } from './recent';
import { reply } from './replies';
import { turnLog } from './turn-log';

export interface TeamsBotOptions {
  readonly assistant: Assistant;
  readonly store: Pick<Store, 'recordFeedback'> & Pick<ReminderStore, 'saveConversation' | 'removeConversation' | 'removeTeamConversations'>;
  readonly defaultLang: Lang;
  /** Tenant ids (lower case compared) whose activities are served; empty: every tenant. */
  readonly allowedTenants: readonly string[];
  readonly now: () => Date;
  readonly log: Logger;
  readonly newAnswerId?: () => string;
  /** Applies a reminder card's Indberettet / Udsæt and gives the card in its new state; undefined: unknown deadline. */
  readonly reminderActions?: (action: ReminderAction, presser: Presser) => Promise<RenderedCard | undefined>;
  /** The onboarding tour (src/onboarding/service.ts); absent: no tour. */
  readonly onboarding?: Onboarding;
  /** Admin commands ("påmindelser", "status", "test påmindelse"); absent: no admin commands. */
  readonly admin?: {
    readonly ids: readonly string[];
    run(command: AdminCommandName, caller: Presser): Promise<{ readonly text: string } | { readonly card: RenderedCard }>;
  };
  /** Messages per user: a burst, then so many per minute (RATE_LIMIT_*); undefined: no limit. */
  readonly rateLimit?: { readonly burst: number; readonly perMinute: number };
  /** How long an answer may take before a typing indicator is shown. */
  readonly typingAfterMs?: number;
  /** Counts help requests and card buttons pressed; absent: nothing is counted. */
  readonly metrics?: Pick<Metrics, 'help' | 'cardAction'>;
}

// Teams announces one installation twice (installationUpdate and conversationUpdate).
const WELCOME_WINDOW_MS = 10 * 60_000;
// How long a saved conversation reference is trusted before it is written again.
const SAVED_REFERENCE_MS = 60 * 60_000;
// Below this, a typing indicator would flash and vanish; Teams shows one for about three seconds.
const TYPING_AFTER_MS = 250;
// How long a card's rating buttons can name the question and title they rated.
const ANSWER_MEMORY_MS = 24 * 60 * 60_000;

interface SentAnswer {
  readonly question: string;
  readonly answer: Answer;
}

export type TurnHandler = (context: TurnContext) => Promise<void>;

export function createTurnHandler(options: TeamsBotOptions): TurnHandler {
  const { assistant, store, defaultLang, now, log, newAnswerId = randomUUID, typingAfterMs = TYPING_AFTER_MS, reminderActions, admin, onboarding, metrics } = options;
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  const welcomed = new RecentMap<true>(WELCOME_WINDOW_MS, 10_000);
  const answers = new RecentMap<SentAnswer>(ANSWER_MEMORY_MS, 2_000);
  const limiter = options.rateLimit && createRateLimiter(options.rateLimit);
  const toldToSlowDown = new RecentMap<true>(60_000, 10_000);
  // Conversations whose reference is saved as it is now: saves one write per message.
  const saved = new RecentMap<string>(SAVED_REFERENCE_MS, 10_000);
  const logOf = (context: TurnContext) => turnLog(context, log);

  async function answerQuestion(context: TurnContext, question: string, lang: Lang): Promise<void> {
    // The typing indicator goes out only when the answer keeps the person waiting: most
    // answers take milliseconds, and every activity counts against Teams' per-conversation limits.
    let typing: Promise<unknown> | undefined;
    const timer = setTimeout(() => {
      typing = context.sendActivity({ type: ActivityTypes.Typing }).catch((err: unknown) => logOf(context).warn('could not send the typing indicator', describeError(err)));
    }, typingAfterMs);
    let answer: Answer;
    try {
      answer = await assistant.ask({ text: question, localeLang: lang }, context.activity.conversation.id);
    } finally {
      clearTimeout(timer);
      await typing;
    }
    const answerId = newAnswerId();
    answers.set(answerId, { question, answer });
    await context.sendActivity(cardMessage(answer, renderAnswerCard(answer, { answerId })));
  }

  async function sendHelp(context: TurnContext, lang: Lang): Promise<void> {
    const help = assistant.help(lang);
    await context.sendActivity(cardMessage(help, renderWelcomeCard(help)));
  }

  async function welcome(context: TurnContext): Promise<void> {
    const key = context.activity.conversation.id;
    if (welcomed.get(key)) return;
    welcomed.set(key, true);
    await sendHelp(context, localeLang(context.activity, defaultLang));
  }

  async function onCardAction(context: TurnContext, lang: Lang): Promise<void> {
    metrics?.cardAction(cardActionKind(context.activity.value));
    const tourAction = OnboardingAction.safeParse(context.activity.value);
    if (tourAction.success) return showTour(context, tourAction.data, lang);
    const reminderAction = ReminderAction.safeParse(context.activity.value);
    if (reminderAction.success) return onReminderSubmit(context, reminderAction.data, lang);
    const action = CardAction.safeParse(context.activity.value);
    if (!action.success) {
      logOf(context).info('ignored an unknown card action');
      await context.sendActivity(reply('unknownButton', lang));
    } else if (action.data.action === 'ask') {
      await answerQuestion(context, action.data.question, lang);
    } else {
      await onFeedback(context, action.data.answerId, action.data.rating, lang);
    }
  }

  /**
   * The onboarding tour, per user (their progress follows them). A button updates
   * its card in place, so the chat holds one tour card rather than seven.
   */
  async function showTour(context: TurnContext, action: OnboardingAction | undefined, lang: Lang): Promise<void> {
    if (!onboarding) return;
    const { from, replyToId } = context.activity;
    const card = await onboarding(from.aadObjectId ?? from.id, action, lang);
    if (action && replyToId) {
      try {
        await context.updateActivity({ ...cardActivity(card), id: replyToId });
        return;
      } catch (err) {
        logOf(context).warn('could not update the tour card; sending it anew', describeError(err));
      }
    }
    await context.sendActivity(cardActivity(card));
  }

  /** Admin commands, for the configured admins only (their Entra object ids); everyone else is told so. */
  async function onAdminCommand(context: TurnContext, command: AdminCommandName, lang: Lang): Promise<void> {
    const { from } = context.activity;
    const id = from.aadObjectId?.toLowerCase();
    if (!admin || !id || !admin.ids.some((a) => a.toLowerCase() === id)) {
      logOf(context).info('refused an admin command from a non-admin', { command });
      await context.sendActivity(reply('adminOnly', lang));
      return;
    }
    const result = await admin.run(command, { id, name: from.name ?? id, lang });
    await context.sendActivity('text' in result ? { type: ActivityTypes.Message, text: result.text, textFormat: 'markdown' } : cardActivity(result.card));
  }

  /** Indberettet / Udsæt pressed on a client without Universal Actions: Action.Submit, then the card updated in place. */
  async function onReminderSubmit(context: TurnContext, action: ReminderAction, lang: Lang): Promise<void> {
    const card = await pressReminder(context, action, lang);
    const cardId = context.activity.replyToId;
    if (card && cardId) {
      try {
        await context.updateActivity({ ...cardActivity(card), id: cardId });
        return;
      } catch (err) {
        logOf(context).warn('could not update the reminder card; confirming in a message instead', describeError(err));
      }
    }
    await context.sendActivity(card ? cardActivity(card) : reply('unknownButton', lang));
  }

  /** Indberettet / Udsæt as Action.Execute: the invoke's response is the card in its new state. */
  async function onInvoke(context: TurnContext): Promise<void> {
    const { activity } = context;
    // The manifest declares no message extension, task module or sign-in, so no other invoke
    // is expected; without a response botbuilder would answer 501, a server error.
    if (activity.name !== 'adaptiveCard/action') {
      logOf(context).info('ignored an unknown invoke');
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400, body: { error: 'Unknown invoke.' } } });
      return;
    }
    const lang = localeLang(activity, defaultLang);
    const action = ReminderAction.safeParse(activity.value);
    metrics?.cardAction(action.success ? 'reminder' : 'unknown');
    const card = action.success ? await pressReminder(context, action.data, lang) : undefined;
    const body = card
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card.card }
      : { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unknown card action.' } };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
  }

  function pressReminder(context: TurnContext, action: ReminderAction, lang: Lang) {
    const { from } = context.activity;
    const presser = { id: from.aadObjectId ?? from.id, name: from.name ?? from.aadObjectId ?? from.id, lang };
    return reminderActions ? reminderActions(action, presser) : Promise.resolve(undefined);
  }

  async function onFeedback(context: TurnContext, answerId: string, rating: 'up' | 'down', lang: Lang): Promise<void> {
    // The buttons carry only the answer id; the question and title are known while the answer is remembered.
    const sent = answers.get(answerId);
    await store.recordFeedback({
      answerId,
      rating,
      question: sent?.question ?? '',
      answerTitle: sent?.answer.title.slice(0, 500) ?? '',
      at: now(),
    });
    const cardId = context.activity.replyToId;
    if (sent && cardId) {
      // Thanks in place of the buttons, so the card cannot be rated twice.
      const card = renderAnswerCard(sent.answer, { answerId, feedbackGiven: rating });
      try {
        await context.updateActivity({ ...cardMessage(sent.answer, card), id: cardId });
        return;
      } catch (err) {
        logOf(context).warn('could not update the rated card; thanking in a message instead', describeError(err));
      }
    }
    await context.sendActivity(feedbackThanksText(sent?.answer.lang ?? lang));
  }

  /** Over the limit: said once a minute, then the messages are dropped until the bucket refills. */
  async function slowDown(context: TurnContext, lang: Lang): Promise<void> {
    const user = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '';
    logOf(context).info('a user is over the message limit');
    if (toldToSlowDown.get(user)) return;
    toldToSlowDown.set(user, true);
    await context.sendActivity(reply('slowDown', lang));
  }

  async function onMessage(context: TurnContext): Promise<void> {
    const { activity } = context;
    const lang = localeLang(activity, defaultLang);
    // Action.Submit arrives as a message with a value (and no @mention, even in a channel).
    const pressed = activity.value !== undefined && activity.value !== null;
    // In group chats and channels the bot speaks only when spoken to.
    if (!pressed && !isPersonal(activity) && !mentionsBot(activity)) return;
    if (limiter && !limiter.take(activity.from?.aadObjectId ?? activity.from?.id ?? activity.conversation.id)) return slowDown(context, lang);
    if (pressed) return onCardAction(context, lang);
    const text = questionText(activity);
    if (text === '' || isHelpCommand(text)) {
      metrics?.help();
      return sendHelp(context, lang);
    }
    if (isTourCommand(text)) return showTour(context, undefined, lang);
    const command = isPersonal(activity) ? adminCommandOf(text) : undefined;
    if (command && admin) return onAdminCommand(context, command, lang);
    await answerQuestion(context, text, lang);
  }

  return async (context) => {
    const { activity } = context;
    if (allowed.size > 0 && !allowed.has(tenantOf(activity)?.toLowerCase() ?? '')) {
      logOf(context).warn('ignored an activity from a tenant that is not allowed', { activityType: activity.type });
      return;
    }
    const removed =
      (activity.type === ActivityTypes.InstallationUpdate && activity.action === 'remove') ||
      (activity.type === ActivityTypes.ConversationUpdate && botWasRemoved(activity));
    if (removed) return forget(context);
    await remember(context);
    switch (activity.type) {
      case ActivityTypes.Message:
        return onMessage(context);
      case ActivityTypes.Invoke:
        return onInvoke(context);
      case ActivityTypes.InstallationUpdate:
        if (activity.action === 'add') return welcome(context);
        return;
      case ActivityTypes.ConversationUpdate:
        if (botWasAdded(activity)) return welcome(context);
        return;
    }
  };

  /** Keeps where a conversation can be reached for reminders, refreshed when its serviceUrl changes. */
  async function remember(context: TurnContext): Promise<void> {
    const { activity } = context;
    // Checked before the record is built: most activities come from a conversation saved as it is.
    const fingerprint = `${activity.serviceUrl} ${activity.from?.aadObjectId ?? ''}`;
    if (saved.get(activity.conversation.id) === fingerprint) return;
    const record = conversationRecordOf(activity, now());
    if (!record) return;
    try {
      await store.saveConversation(record);
      saved.set(activity.conversation.id, fingerprint);
    } catch (err) {
      // The question still deserves its answer; the next activity tries again.
      logOf(context).error('could not save the conversation reference', describeError(err));
    }
  }

  /** The bot was uninstalled: no more reminders there. */
  async function forget(context: TurnContext): Promise<void> {
    const { activity } = context;
    welcomed.delete(activity.conversation.id);
    const record = conversationRecordOf(activity, now());
    const conversationId = record?.conversationId ?? activity.conversation.id;
    saved.delete(activity.conversation.id);
    if (record?.kind === 'channel' && record.teamId) await store.removeTeamConversations(record.teamId);
    else await store.removeConversation(conversationId);
  }
}

/** A rendered card (reminder, digest, tour) as one activity with its summary. */
function cardActivity(card: RenderedCard): Partial<Activity> {
  return { type: ActivityTypes.Message, summary: card.summary, attachments: [CardFactory.adaptiveCard(card.card)] };
}

/** One activity with the card and its summary: text and a card together would be split by Teams. */
function cardMessage(answer: Answer, card: AdaptiveCard): Partial<Activity> {
  return { type: ActivityTypes.Message, summary: answer.summary, attachments: [CardFactory.adaptiveCard(card)] };
}

/** Which kind of button a card action's value comes from, for the metrics. */
function cardActionKind(value: unknown): CardActionKind {
  if (OnboardingAction.safeParse(value).success) return 'tour';
  if (ReminderAction.safeParse(value).success) return 'reminder';
  const action = CardAction.safeParse(value);
  return action.success ? (action.data.action === 'ask' ? 'ask' : 'feedback') : 'unknown';
}
