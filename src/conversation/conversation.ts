// What a conversation with the assistant is, whatever SDK or terminal carries
// it: one function from a turn to the replies. It decides help, the tour, admin
// commands, answers, ratings and reminder buttons (commands.ts), and keeps all
// it must remember in the store, so that any instance can take the next turn.
import { randomUUID } from 'node:crypto';
import type { Answer } from '../answering/answer';
import type { Assistant } from '../answering/assistant';
import { feedbackThanksText, renderAnswerCard, renderWelcomeCard } from '../cards/render';
import type { ReminderAction } from '../cards/reminder-cards';
import { renderExpertOfferCard, type ExpertAction } from '../experts/cards';
import type { ChannelCardResult, ExpertLoop, ExpertReply } from '../experts/loop';
import type { RenderedCard } from '../kernel/card';
import type { Lang } from '../kernel/lang';
import { describeError, type Logger } from '../log';
import type { Metrics } from '../metrics';
import type { Onboarding } from '../onboarding/service';
import type { Presser, ReminderActionResult } from '../reminders/actions';
import type { AdminCommandName } from '../reminders/admin';
import type { ReminderStore } from '../storage/reminder-store';
import type { SentAnswer, Store } from '../storage/store';
import { buttonCommand, buttonKind, typedCommand, type Command } from './commands';
import { createRateLimiter } from './rate-limit';
import { RecentMap } from './recent';
import { reply } from './replies';
import type { Reply, Turn } from './turn';

type JsonValue = SentAnswer['answer'];

export interface ConversationOptions {
  readonly assistant: Assistant;
  readonly store: Pick<Store, 'recordFeedback' | 'saveAnswer' | 'findAnswer' | 'claimWelcome' | 'forgetWelcome'> &
    Pick<ReminderStore, 'saveConversation' | 'removeConversation' | 'removeTeamConversations'>;
  /** Tenant ids (lower case compared) whose turns are served; empty: every tenant. */
  readonly allowedTenants: readonly string[];
  readonly newAnswerId?: () => string;
  /** Applies a reminder card's Indberettet / Udsæt: the card in its new state, or why the presser may not; undefined: unknown deadline. */
  readonly reminderActions?: (action: ReminderAction, presser: Presser) => Promise<ReminderActionResult | undefined>;
  /** The onboarding tour (src/onboarding/service.ts); absent: no tour. */
  readonly onboarding?: Onboarding;
  /** Admin commands ("påmindelser", "status", "test påmindelse", "genindlæs"); absent: no admin commands. */
  readonly admin?: {
    readonly ids: readonly string[];
    run(command: AdminCommandName, caller: Presser): Promise<{ readonly text: string } | { readonly card: RenderedCard }>;
  };
  /** Messages per user: a burst, then so many per minute (RATE_LIMIT_*); undefined: no limit. */
  readonly rateLimit?: { readonly burst: number; readonly perMinute: number };
  /** Counts help requests and card buttons pressed; absent: nothing is counted. */
  readonly metrics?: Pick<Metrics, 'help' | 'cardAction'>;
  /** Ask an expert (src/experts/loop.ts) and the editors' report card; absent: no Spørg en ekspert. */
  readonly experts?: {
    readonly loop: ExpertLoop;
    readonly report: (lang: Lang) => Promise<RenderedCard>;
  };
}

/** The replies to one turn, in order; `log` is the turn's logger. */
export type Conversation = (turn: Turn, log: Logger) => Promise<Reply[]>;

// How long a saved conversation reference is trusted before it is written again.
const SAVED_REFERENCE_MS = 60 * 60_000;

export function createConversation(options: ConversationOptions): Conversation {
  const { assistant, store, newAnswerId = randomUUID, reminderActions, admin, onboarding, metrics, experts } = options;
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  // Per process, as a guard against floods rather than a memory: each instance limits what reaches it.
  const limiter = options.rateLimit && createRateLimiter(options.rateLimit);
  const toldToSlowDown = new RecentMap<true>(60_000, 10_000);
  // Conversations whose record this process saved as it is now: saves a write per message.
  const saved = new RecentMap<string>(SAVED_REFERENCE_MS, 10_000);

  const card = (rendered: RenderedCard): Reply => ({ kind: 'card', card: rendered });
  const text = (t: string, markdown = false): Reply => ({ kind: 'text', text: t, ...(markdown ? { markdown } : {}) });
  const help = (lang: Lang): Reply => {
    const answer = assistant.help(lang);
    return card({ card: renderWelcomeCard(answer), summary: answer.summary });
  };

  async function answer(turn: Turn, question: string): Promise<Reply> {
    const answerId = newAnswerId();
    const answer = await assistant.ask({ text: question, localeLang: turn.lang }, turn.conversation.id, (answered) =>
      // Through JSON, as the store keeps it: an optional field left undefined is simply absent.
      store.saveAnswer({ answerId, question, answer: JSON.parse(JSON.stringify(answered)) as JsonValue, at: turn.at }),
    );
    // Where the bot has no answer, or only "Mente du …?", the question may go to the experts.
    const offerExpert = experts !== undefined && (answer.kind === 'fallback' || answer.kind === 'suggestions');
    return card({ card: renderAnswerCard(answer, { answerId, offerExpert, question }), summary: answer.summary });
  }

  /** The buttons carry only the answer's id; the store knows its question and the answer to re-render. */
  async function rate(turn: Turn, answerId: string, rating: 'up' | 'down'): Promise<Reply[]> {
    const sent = await store.findAnswer(answerId);
    const answered = sent?.answer as Answer | undefined;
    await store.recordFeedback({
      answerId,
      rating,
      question: sent?.question ?? '',
      answerTitle: answered?.title.slice(0, 500) ?? '',
      at: turn.at,
    });
    const thanks = text(feedbackThanksText(answered?.lang ?? turn.lang));
    if (!answered) return [thanks];
    // Thanks in place of the buttons, so the card cannot be rated twice.
    const offerExpert = experts !== undefined && (answered.kind === 'fallback' || answered.kind === 'suggestions');
    const replaced: Reply = { kind: 'replace', card: { card: renderAnswerCard(answered, { answerId, feedbackGiven: rating, offerExpert, ...(sent?.question ? { question: sent.question } : {}) }), summary: answered.summary }, otherwise: thanks };
    // A 👎 on an answer that offered no expert yet: offer one now.
    return rating === 'down' && experts && !offerExpert ? [replaced, card(renderExpertOfferCard(answerId, answered.lang))] : [replaced];
  }

  const expertReply = (r: ExpertReply): Reply => ('text' in r ? text(r.text, true) : card(r.card));
  const isAdmin = (turn: Turn) => {
    const id = turn.user.aadObjectId?.toLowerCase();
    return admin !== undefined && id !== undefined && admin.ids.some((a) => a.toLowerCase() === id);
  };
  /** Who pressed or asked, as the experts and the store see them. */
  const person = (turn: Turn) => ({ id: turn.user.aadObjectId ?? turn.user.id, name: turn.user.name?.trim() || (turn.lang === 'da' ? 'Ukendt' : 'Unknown') });

  /** Spørg en ekspert: the question of the answer the button sits on goes to the experts' channel. */
  async function askExpert(turn: Turn, loop: ExpertLoop, answerId: string): Promise<Reply> {
    const sent = await store.findAnswer(answerId);
    const record = turn.conversation.record;
    const da = turn.lang === 'da';
    if (!sent || sent.question.trim() === '') return text(da ? 'Jeg kan ikke længere finde spørgsmålet. Skriv det gerne igen.' : 'I can no longer find the question. Please write it again.');
    if (!record) return text(da ? 'Jeg kan ikke sende svar til denne samtale senere, så jeg kan ikke sende spørgsmålet videre.' : 'I cannot send answers to this conversation later, so I cannot pass the question on.');
    const answered = sent.answer as unknown as Answer | undefined;
    return expertReply(
      await loop.ask({
        asker: person(turn),
        conversation: { conversationId: record.conversationId, serviceUrl: record.serviceUrl, ...(record.tenantId ? { tenantId: record.tenantId } : {}), reference: record.reference },
        question: sent.question,
        lang: answered?.lang ?? turn.lang,
        ...(answered?.summary ? { botAnswer: answered.summary } : {}),
      }),
    );
  }

  /** An expert's button: the card in its new state (or as it is, with why nothing changed); undefined: no such question. */
  async function pressExpert(turn: Turn, loop: ExpertLoop, action: Exclude<ExpertAction, { action: 'expert.ask' }>): Promise<ChannelCardResult | undefined> {
    switch (action.action) {
      case 'expert.claim':
        return loop.claim(action.questionId, person(turn), turn.conversation.id);
      case 'expert.answer':
        return loop.answer(action.questionId, person(turn), turn.conversation.id, action.answer, action.recordId);
      case 'expert.rate': {
        const rated = await loop.rate(action.questionId, action.rating, turn.conversation.id, turn.lang);
        return rated && { card: rated };
      }
    }
  }

  async function expertButton(turn: Turn, action: ExpertAction): Promise<Reply[]> {
    if (!experts) return [text(reply('unknownButton', turn.lang))];
    if (action.action === 'expert.ask') return [await askExpert(turn, experts.loop, action.answerId)];
    const result = await pressExpert(turn, experts.loop, action);
    if (!result) return [text(reply('unknownButton', turn.lang))];
    // Action.Submit: the card was updated in the channel already (loop.ts); a refusal is said in words.
    if (result.notice) return [text(result.notice)];
    return [{ kind: 'replace', card: result.card, otherwise: card(result.card) }];
  }

  /** ekspertkanal: this channel gets the questions; only an admin may say so, and only in a channel. */
  async function expertChannel(turn: Turn, log: Logger): Promise<Reply> {
    const da = turn.lang === 'da';
    if (!experts) return text(reply('unknownButton', turn.lang));
    if (!isAdmin(turn)) {
      log.info('refused an admin command from a non-admin', { command: 'expert channel' });
      return text(reply('adminOnly', turn.lang));
    }
    const record = turn.conversation.record;
    if (record?.kind !== 'channel') return text(da ? 'Skriv "ekspertkanal" til mig (med @) i den kanal i Team Sikker By\'s team, som skal have spørgsmålene.' : 'Write "expert channel" to me (with @) in the channel of Team Sikker By\'s team that is to get the questions.');
    return expertReply(await experts.loop.setChannel({ conversationId: record.conversationId, serviceUrl: record.serviceUrl, ...(record.tenantId ? { tenantId: record.tenantId } : {}), reference: record.reference }, turn.lang));
  }

  /** forslag, godkend N, afvis N, rapport: admins only (the command table offers them in 1:1 chats). */
  async function editorCommand(turn: Turn, command: Extract<Command, { name: 'suggestions' | 'decide suggestion' | 'report' }>, log: Logger): Promise<Reply> {
    if (!experts) return text(reply('unknownButton', turn.lang));
    if (!isAdmin(turn)) {
      log.info('refused an admin command from a non-admin', { command: command.name });
      return text(reply('adminOnly', turn.lang));
    }
    switch (command.name) {
      case 'suggestions':
        return expertReply(await experts.loop.suggestions(turn.lang));
      case 'decide suggestion':
        return expertReply(await experts.loop.decide(command.id, command.decision, person(turn), turn.lang));
      case 'report':
        return card(await experts.report(turn.lang));
    }
  }

  /**
   * The tour, per user (their progress follows them). A button on a tour card replaces that card, so the
   * chat holds one tour card; the welcome card's button ("tour.resume") leaves the welcome card in place.
   */
  async function tour(turn: Turn, command: Extract<Command, { name: 'tour' }>): Promise<Reply[]> {
    if (!onboarding) return [];
    const shown = card(await onboarding(turn.user.id, command.action, turn.lang));
    const onTourCard = command.action !== undefined && command.action.action !== 'tour.resume';
    return onTourCard && shown.kind === 'card' ? [{ kind: 'replace', card: shown.card, otherwise: shown }] : [shown];
  }

  /** Admin commands, for the configured admins only (their Entra object ids); everyone else is told so. */
  async function adminCommand(turn: Turn, command: AdminCommandName, log: Logger): Promise<Reply> {
    const id = turn.user.aadObjectId?.toLowerCase();
    if (!admin || !id || !admin.ids.some((a) => a.toLowerCase() === id)) {
      log.info('refused an admin command from a non-admin', { command });
      return text(reply('adminOnly', turn.lang));
    }
    const result = await admin.run(command, { id, name: turn.user.name ?? id, lang: turn.lang });
    return 'text' in result ? text(result.text, true) : card(result.card);
  }

  async function pressReminder(turn: Turn, action: ReminderAction, log: Logger): Promise<ReminderActionResult | undefined> {
    const presser = { id: turn.user.id, name: turn.user.name ?? turn.user.id, lang: turn.lang };
    const result = reminderActions ? await reminderActions(action, presser) : undefined;
    if (result?.kind === 'refused') log.info('refused a reminder button from someone the reminder is not addressed to', { deadlineId: action.deadlineId, verb: action.action });
    return result;
  }

  async function run(turn: Turn, command: Command, log: Logger): Promise<Reply[]> {
    switch (command.name) {
      case 'help':
        metrics?.help();
        return [help(turn.lang)];
      case 'tour':
        return tour(turn, command);
      case 'admin':
        return [await adminCommand(turn, command.command, log)];
      case 'ask':
        return [await answer(turn, command.question)];
      case 'rate':
        return rate(turn, command.answerId, command.rating);
      case 'expert':
        return expertButton(turn, command.action);
      case 'my questions':
        if (!experts) return [text(turn.lang === 'da' ? 'Spørgsmål til Team Sikker By kan ikke sendes herfra.' : 'Questions for Team Sikker By cannot be sent from here.')];
        return [expertReply(await experts.loop.myQuestions(person(turn).id, turn.lang))];
      case 'expert channel':
        return [await expertChannel(turn, log)];
      case 'suggestions':
      case 'decide suggestion':
      case 'report':
        return [await editorCommand(turn, command, log)];
      case 'reminder': {
        // Indberettet / Udsæt pressed on a client without Universal Actions: the card replaced in place.
        const pressed = await pressReminder(turn, command.action, log);
        if (pressed?.kind === 'refused') return [text(pressed.notice)];
        return [pressed ? { kind: 'replace', card: pressed.card, otherwise: card(pressed.card) } : text(reply('unknownButton', turn.lang))];
      }
      case 'unknown button':
        log.info('ignored an unknown card action');
        return [text(reply('unknownButton', turn.lang))];
    }
  }

  /** Indberettet / Udsæt, Tag den / Send svar as Action.Execute: the response is the card in its new state. */
  async function execute(turn: Turn, name: string, value: unknown, log: Logger): Promise<Reply> {
    // The manifest declares no message extension, task module or sign-in, so no other invoke is expected.
    if (name !== 'adaptiveCard/action') {
      log.info('ignored an unknown invoke');
      return { kind: 'invokeResponse', status: 400, body: { error: 'Unknown invoke.' } };
    }
    const command = buttonCommand(value);
    metrics?.cardAction(command.name === 'reminder' || command.name === 'expert' ? command.name : 'unknown');
    const pressed = command.name === 'reminder' ? await pressReminder(turn, command.action, log) : undefined;
    // A refusal leaves the card as it is and says why, in the small message Teams shows under it.
    if (pressed?.kind === 'refused') return { kind: 'invokeResponse', status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: pressed.notice } };
    const updated =
      command.name === 'reminder'
        ? pressed?.card
        : command.name === 'expert' && command.action.action !== 'expert.ask' && experts
          ? (await pressExpert(turn, experts.loop, command.action))?.card
          : undefined;
    const body = updated
      ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: updated.card }
      : { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unknown card action.' } };
    return { kind: 'invokeResponse', status: 200, body };
  }

  /** Over the limit: said once a minute, then the messages are dropped until the bucket refills. */
  function slowDown(turn: Turn, log: Logger): Reply[] {
    log.info('a user is over the message limit');
    if (toldToSlowDown.get(turn.user.id)) return [];
    toldToSlowDown.set(turn.user.id, true);
    return [text(reply('slowDown', turn.lang))];
  }

  /** Keeps where a conversation can be reached for reminders, refreshed when its serviceUrl or user changes. */
  async function remember(turn: Turn, log: Logger): Promise<void> {
    const record = turn.conversation.record;
    if (!record) return;
    const fingerprint = `${record.serviceUrl} ${record.userAadObjectId ?? ''}`;
    if (saved.get(record.conversationId) === fingerprint) return;
    try {
      await store.saveConversation(record);
      saved.set(record.conversationId, fingerprint);
    } catch (err) {
      // The question still deserves its answer; the next turn tries again.
      log.error('could not save the conversation reference', describeError(err));
    }
  }

  /** The bot was uninstalled: no more reminders there. */
  async function forget(turn: Turn, teamId: string | undefined): Promise<void> {
    const id = turn.conversation.record?.conversationId ?? turn.conversation.id;
    saved.delete(id);
    await store.forgetWelcome(turn.conversation.id);
    if (teamId) await store.removeTeamConversations(teamId);
    else await store.removeConversation(id);
  }

  return async (turn, log) => {
    const { event } = turn;
    if (allowed.size > 0 && !allowed.has(turn.conversation.tenantId?.toLowerCase() ?? '')) {
      log.warn('ignored an activity from a tenant that is not allowed', { event: event.kind });
      return [];
    }
    if (event.kind === 'removed') {
      await forget(turn, event.teamId);
      return [];
    }
    await remember(turn, log);
    switch (event.kind) {
      case 'message': {
        // In group chats and channels the bot speaks only when spoken to.
        if (!event.addressed) return [];
        if (limiter && !limiter.take(turn.user.id)) return slowDown(turn, log);
        return run(turn, typedCommand(event.text, turn.conversation.personal && admin !== undefined), log);
      }
      case 'button': {
        // A button press arrives without an @mention, even in a channel.
        if (limiter && !limiter.take(turn.user.id)) return slowDown(turn, log);
        const command = buttonCommand(event.value);
        metrics?.cardAction(buttonKind(command));
        return run(turn, command, log);
      }
      case 'execute':
        return [await execute(turn, event.name, event.value, log)];
      case 'added':
        // Teams announces one installation twice (installationUpdate and conversationUpdate).
        return (await store.claimWelcome(turn.conversation.id, turn.at)) ? [help(turn.lang)] : [];
      case 'other':
        return [];
    }
  };
}
