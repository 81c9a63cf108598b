// Ask an expert: the loop from a question the assistant could not answer to
// Team Sikker By's channel, back to the asker, and on to the knowledge base.
// SDK-free: the store, the proactive messenger, the knowledge writer and the
// clock come in; an edge (or the conversation core) turns presses and commands
// into these calls and sends what they return.
//
// Every change of a question's state also replaces its card in the experts'
// channel (PUT through the messenger), whichever instance or button made it:
// so the channel shows the same state for everyone, after an Action.Execute
// (whose invoke response carries the same card) and after its Action.Submit
// fallback alike.
//
// Nothing asked is lost: a question the store cannot take (an outage) waits in
// the durable write queue (`queueQuestion`) and is added when the store is back;
// a question that is stored but not yet in the channel (the channel could not be
// reached, or it came from the queue) is posted by `resend`, which the bot runs
// in the background, as it does an answer that did not reach its asker.
// Question text is stored and shown with personal data masked (reliability/mask.ts):
// the experts get the asker's name to reach them, never a CPR number.
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { RenderedCard } from '../kernel/card';
import type { Lang } from '../kernel/lang';
import { describeError, type Logger } from '../log';
import type { OutgoingMessage, ProactiveMessenger, SendResult, StoredConversation } from '../reminders/messenger';
import { decideRetry, type RetryPolicy } from '../reminders/retry';
import { InvalidStoreInputError } from '../storage/rows';
import { maskPersonalData } from '../reliability/mask';
import { MAX_ANSWER_CHARS, MAX_QUESTION_CHARS, type ExpertQuestion, type ExpertStore, type NewExpertQuestion, type Person, type Suggestion } from '../storage/expert-store';
import type { Store } from '../storage/store';
import { dateTime, renderExpertAnswerCard, renderExpertQuestionCard, type ExpertCardOptions } from './cards';
import { inert, personText } from '../cards/safe-text';
import { checkText } from './text';

export type ExpertReply = { readonly text: string } | { readonly card: RenderedCard };

/** What a press in the experts' channel gives back: the card as it is now, and what to tell the presser. */
export interface ChannelCardResult {
  readonly card: RenderedCard;
  /** Set when the press did not do what it asked: someone else was first, or the answer was refused. */
  readonly notice?: string;
}

/** Writes an approved suggestion into the knowledge folder and reloads it (src/experts/knowledge-file.ts). */
export type ApproveIntoKnowledge = (suggestion: Suggestion, lang: Lang, approver: Person, at: Date) => Promise<{ ok: true; entryId: string; version: string } | { ok: false; problems: readonly string[] }>;

export interface ExpertLoopDeps {
  /** claimActivity / releaseActivity: so that one instance only sends what waits (resend). */
  readonly store: ExpertStore & Pick<Store, 'recordFeedback' | 'claimActivity' | 'releaseActivity'>;
  readonly messenger: Pick<ProactiveMessenger, 'send' | 'update'>;
  readonly kb: () => KnowledgeBase;
  readonly approveIntoKnowledge: ApproveIntoKnowledge;
  /** EXPERT_CHANNEL_ID: used until an admin names a channel with "ekspertkanal". */
  readonly channelId?: string;
  /** The experts' channel's language. */
  readonly channelLang: Lang;
  readonly timeZone: string;
  /** What the asker is told to expect, in working days. */
  readonly answerWithinDays?: number;
  readonly now: () => Date;
  readonly log: Logger;
  /** Retries of one proactive send, inline (the turn waits for them). */
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /**
   * Keeps a question the store could not take until it can (the durable write
   * queue, reliability/resilient-store.ts); absent: the failure is thrown, and
   * the turn apologises.
   */
  readonly queueQuestion?: (question: NewExpertQuestion) => Promise<void>;
}

export interface AskInput {
  readonly asker: Person;
  /** Where the asker asked, as a proactive target: the answer goes back there. */
  readonly conversation: StoredConversation;
  readonly question: string;
  readonly lang: Lang;
  /** What the assistant said, if it said anything ("Mente du …?", an answer rated 👎). */
  readonly botAnswer?: string;
}

const INLINE_RETRY: RetryPolicy = { baseDelayMs: 500, maxDelayMs: 3_000, maxAttempts: 3 };
const MY_QUESTIONS_SHOWN = 10;
const SUGGESTIONS_SHOWN = 20;
const EXCERPT_CHARS = 160;
/**
 * How old a question without a card must be before `resend` posts it: younger,
 * an instance may still be posting it (inline retries take a few seconds).
 * A question this instance queued is posted as soon as the store has it.
 */
const RESEND_AFTER_MS = 60_000;
/** How old an answer not yet delivered must be before `resend` delivers it: as above, for the expert's own press. */
const REDELIVER_AFTER_MS = 2 * 60_000;
/** Within one such window, one instance sends a waiting item; a crashed one's is sent in the next. */
const RESEND_WINDOW_MS = 10 * 60_000;
/** Questions looked at per `resend`; more wait for the next run. */
const RESEND_BATCH = 200;
/** Questions queued here, by asker and text: a second press during the outage queues nothing more. */
const MAX_QUEUED_REMEMBERED = 1_000;

export function createExpertLoop(deps: ExpertLoopDeps) {
  const { store, messenger, kb, now, log, channelLang, timeZone, answerWithinDays = 2 } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;
  const channelOptions: ExpertCardOptions = { lang: channelLang, timeZone };
  // Asker and text → askedAt of the questions this instance put in the write queue.
  const queuedHere = new Map<string, number>();
  const queuedKey = (askerId: string, text: string) => `${askerId}\n${text}`;

  /** One message, retried inline while the failure is transient. */
  async function deliver(send: () => Promise<SendResult>): Promise<SendResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await send();
      if (result.ok) return result;
      const decision = decideRetry(result, { attempt, now: now(), random }, deps.retry ?? INLINE_RETRY);
      if (decision.kind !== 'retry') return { ...result, error: decision.error };
      await sleep(decision.delayMs);
    }
  }

  async function channel(asker: StoredConversation): Promise<StoredConversation | undefined> {
    const set = await store.getSetting('expertChannel');
    if (isConversation(set)) return set;
    if (deps.channelId === undefined) return undefined;
    // The channel's conversation id alone: the asker's serviceUrl and tenant are the bot's own in this tenant.
    return { conversationId: deps.channelId, serviceUrl: asker.serviceUrl, ...(asker.tenantId ? { tenantId: asker.tenantId } : {}), reference: {} };
  }

  /** Replaces the question's card in the channel; a failure is logged, the next change tries again. */
  async function refreshChannelCard(q: ExpertQuestion): Promise<RenderedCard> {
    const card = renderExpertQuestionCard(q, channelOptions);
    const at = q.card;
    if (at) {
      // The card's own conversation will do when the setting cannot be read (an outage).
      const configured = await channel(q.conversation).catch(() => undefined);
      const where = configured?.conversationId === at.conversationId ? configured : { conversationId: at.conversationId, serviceUrl: q.conversation.serviceUrl, reference: {} };
      const result = await deliver(() => messenger.update(where, at.activityId, message(card)));
      if (!result.ok) log.warn('could not update an expert question card in the channel', { questionId: q.id, status: result.status, error: result.error });
    }
    return card;
  }

  /** Posts a stored question's card in the channel and records where it is. */
  async function post(q: ExpertQuestion, target: StoredConversation): Promise<SendResult> {
    const sent = await deliver(() => messenger.send(target, message(renderExpertQuestionCard(q, channelOptions))));
    if (sent.ok) await store.setExpertCard(q.id, { conversationId: target.conversationId, activityId: sent.activityId });
    return sent;
  }

  /** The store is unavailable: the question waits in the write queue, once, and the asker is told it is not lost. */
  async function queue(question: NewExpertQuestion, cause: unknown): Promise<ExpertReply> {
    const da = question.lang === 'da';
    const key = queuedKey(question.asker.id, question.question);
    if (!queuedHere.has(key)) {
      await deps.queueQuestion!(question);
      queuedHere.set(key, question.askedAt.getTime());
      if (queuedHere.size > MAX_QUEUED_REMEMBERED) queuedHere.delete(queuedHere.keys().next().value as string);
      log.warn('a question for the experts waits in the write queue: the store is unavailable', describeError(cause));
    }
    return {
      text: da
        ? 'Jeg har modtaget dit spørgsmål til Team Sikker By, men kan ikke sende det lige nu. Det går ikke tabt: jeg sender det sammen med dit navn, så snart jeg kan, og svaret kommer her i samtalen.'
        : 'I have received your question for Team Sikker By, but I cannot send it just now. It will not be lost: I will send it with your name as soon as I can, and the answer will arrive here in this conversation.',
    };
  }

  return {
    /** Spørg en ekspert: the question to the experts' channel, and what the asker is told. */
    async ask(input: AskInput): Promise<ExpertReply> {
      const da = input.lang === 'da';
      const checked = checkText(input.question, MAX_QUESTION_CHARS);
      if (!checked.ok) return { text: da ? 'Der er intet spørgsmål at sende.' : 'There is no question to send.' };
      // Masked here, not only in the store, so that the comparison with the questions waiting sees stored text.
      const text = maskPersonalData(checked.text);
      const stored: NewExpertQuestion = {
        question: text,
        lang: input.lang,
        asker: input.asker,
        conversation: { ...input.conversation, reference: input.conversation.reference as NewExpertQuestion['conversation']['reference'] },
        askedAt: now(),
        ...(input.botAnswer && input.botAnswer.trim() !== '' ? { botAnswer: maskPersonalData(input.botAnswer.trim().slice(0, 2000)) } : {}),
      };
      let target: StoredConversation | undefined;
      let q: ExpertQuestion;
      try {
        target = await channel(input.conversation);
        if (!target) {
          log.warn('a question for the experts could not be sent: no experts\u2019 channel is set (EXPERT_CHANNEL_ID or "ekspertkanal")');
          return {
            text: da
              ? 'Team Sikker By har endnu ikke en kanal til spørgsmål i assistenten, så jeg kan ikke sende dit spørgsmål videre. Kontakt Team Sikker By direkte.'
              : 'Team Sikker By has no channel for questions in the assistant yet, so I cannot pass your question on. Please contact Team Sikker By directly.',
          };
        }
        // A second press of the same button, or the same question again while it waits: one question is enough.
        const waiting = await store.listExpertQuestions({ askerId: input.asker.id, statuses: ['open', 'claimed'], limit: MY_QUESTIONS_SHOWN });
        const same = waiting.find((w) => w.question === text);
        if (same) {
          return {
            text: da
              ? `Du har allerede sendt det spørgsmål til Team Sikker By (nr. ${same.id}); svaret kommer her i samtalen.`
              : `You already sent that question to Team Sikker By (no. ${same.id}); the answer will arrive here in this conversation.`,
          };
        }
        q = await store.addExpertQuestion(stored);
      } catch (err) {
        if (!deps.queueQuestion || err instanceof InvalidStoreInputError) throw err;
        return queue(stored, err);
      }
      const sent = await post(q, target);
      if (!sent.ok) {
        log.warn('could not post an expert question in the experts\u2019 channel; it is posted again later', { questionId: q.id, status: sent.status, error: sent.error });
        return {
          text: da
            ? `Jeg kunne ikke nå Team Sikker By lige nu. Dit spørgsmål (nr. ${q.id}) er gemt, og jeg sender det, så snart det kan lade sig gøre; svaret kommer her i samtalen.`
            : `I could not reach Team Sikker By just now. Your question (no. ${q.id}) is saved, and I will send it as soon as I can; the answer will arrive here in this conversation.`,
        };
      }
      log.info('a question was sent to the experts', { questionId: q.id });
      return {
        text: da
          ? `Dit spørgsmål (nr. ${q.id}) er sendt til Team Sikker By sammen med dit navn. Du kan normalt forvente et svar inden for ${answerWithinDays} arbejdsdage; det kommer her i samtalen. Skriv "mine spørgsmål" for at se dine spørgsmål.`
          : `Your question (no. ${q.id}) was sent to Team Sikker By with your name. You can usually expect an answer within ${answerWithinDays} working days; it will arrive here in this conversation. Write "my questions" to see your questions.`,
      };
    },

    /**
     * What waits to go out, for the bot's background loop: questions stored but
     * not yet in the experts' channel, and answers that did not reach their
     * asker (an outage between the answer and its delivery, an instance that
     * stopped). How many went out.
     */
    async resend(): Promise<number> {
      const at = now();
      const window = Math.floor(at.getTime() / RESEND_WINDOW_MS);
      // One instance per item and window sends it: the store's first-claim-wins keys (those of redelivered activities).
      const key = (what: string, id: number) => `expert-resend|${what}|${id}|${window}`;
      let done = 0;
      const open = await store.listExpertQuestions({ statuses: ['open'], limit: RESEND_BATCH });
      // Oldest first: the order they were asked in.
      const unsent = open
        .filter((q) => q.card === undefined && (queuedHere.get(queuedKey(q.asker.id, q.question)) === q.askedAt.getTime() || q.askedAt.getTime() <= at.getTime() - RESEND_AFTER_MS))
        .reverse();
      const target = unsent[0] && (await channel(unsent[0].conversation));
      for (const q of target ? unsent : []) {
        if (!(await store.claimActivity(key('question', q.id), at))) continue;
        // Posted meanwhile by another instance's run or press.
        if ((await store.getExpertQuestion(q.id))?.card !== undefined) continue;
        const sent = await post(q, target!);
        if (!sent.ok) {
          await store.releaseActivity(key('question', q.id), at);
          log.warn('could not post an expert question in the experts\u2019 channel; it is tried again later', { questionId: q.id, status: sent.status, error: sent.error });
          break;
        }
        queuedHere.delete(queuedKey(q.asker.id, q.question));
        log.info('a question was sent to the experts', { questionId: q.id, late: true });
        done++;
      }
      const answered = await store.listExpertQuestions({ statuses: ['answered'], limit: RESEND_BATCH });
      for (const q of answered.reverse()) {
        if (!q.answer || q.answer.at.getTime() > at.getTime() - REDELIVER_AFTER_MS) continue;
        if (!(await store.claimActivity(key('answer', q.id), at))) continue;
        const current = await store.getExpertQuestion(q.id);
        if (current?.status !== 'answered') continue;
        const delivered = await deliverAnswer(current);
        log.info('an expert answer was delivered late', { questionId: q.id, delivered: delivered.status === 'delivered' });
        await refreshChannelCard(delivered);
        done++;
      }
      return done;
    },

    /**
     * Tag den: the first expert to press it has the question. `where`: the
     * conversation it was pressed in; only the card's own channel counts, so a
     * made-up button press elsewhere claims nothing (undefined, as for no question).
     */
    async claim(questionId: number, expert: Person, where: string): Promise<ChannelCardResult | undefined> {
      if (!inItsChannel(await store.getExpertQuestion(questionId), where)) return undefined;
      const result = await store.claimExpertQuestion(questionId, expert, now());
      if (!result) return undefined;
      if (!result.won) return refused(result.value, taken(result.value, channelLang));
      log.info('an expert question was claimed', { questionId });
      return { card: await refreshChannelCard(result.value) };
    },

    /** Send svar: the first answer wins; it goes to the asker and becomes a suggestion. Only in the card's channel, as claim. */
    async answer(questionId: number, expert: Person, where: string, rawAnswer: unknown, rawRecordId?: string): Promise<ChannelCardResult | undefined> {
      const current = await store.getExpertQuestion(questionId);
      if (!current || !inItsChannel(current, where)) return undefined;
      const da = channelLang === 'da';
      const text = checkText(rawAnswer, MAX_ANSWER_CHARS);
      const refuse = (notice: string) => refused(current, notice);
      if (!text.ok) {
        return refuse(
          text.problem === 'empty'
            ? da ? 'Skriv svaret i feltet, før du trykker Send svar.' : 'Write the answer in the field before you press Send answer.'
            : da ? `Svaret er for langt: højst ${MAX_ANSWER_CHARS} tegn.` : `The answer is too long: at most ${MAX_ANSWER_CHARS} characters.`,
        );
      }
      const recordId = rawRecordId?.trim() || undefined;
      if (recordId !== undefined && !kb().byId.has(recordId)) {
        return refuse(da ? `Vidensbasen har ingen post med id "${inert(recordId.slice(0, 100))}".` : `The knowledge base has no record with the id "${inert(recordId.slice(0, 100))}".`);
      }
      const result = await store.answerExpertQuestion(questionId, { text: text.text, by: expert, at: now(), ...(recordId ? { recordId } : {}) });
      if (!result) return undefined;
      if (!result.won) return refused(result.value.question, taken(result.value.question, channelLang));
      log.info('an expert question was answered', { questionId });
      const delivered = await deliverAnswer(result.value.question);
      return { card: await refreshChannelCard(delivered) };
    },

    /** 👍 / 👎 on an expert's answer, in the conversation it was delivered to: feedback on that answer; the card thanks instead of asking. */
    async rate(questionId: number, rating: 'up' | 'down', where: string, lang: Lang): Promise<RenderedCard | undefined> {
      const q = await store.getExpertQuestion(questionId);
      if (!q?.answer || q.conversation.conversationId !== where) return undefined;
      await store.recordFeedback({ answerId: `expert/${q.id}`, rating, question: q.question, answerTitle: lang === 'da' ? 'Svar fra Team Sikker By' : 'Answer from Team Sikker By', at: now() });
      return answerCard(q, lang, rating);
    },

    /** mine spørgsmål / my questions. */
    async myQuestions(askerId: string, lang: Lang): Promise<ExpertReply> {
      const da = lang === 'da';
      const mine = await store.listExpertQuestions({ askerId, limit: MY_QUESTIONS_SHOWN });
      if (mine.length === 0) return { text: da ? 'Du har ikke sendt nogen spørgsmål til Team Sikker By.' : 'You have not sent any questions to Team Sikker By.' };
      const options = { lang, timeZone };
      const lines = mine.map((q) => `- ${da ? 'Nr.' : 'No.'} ${q.id}, ${dateTime(q.askedAt, options)}: ${personText(excerpt(q.question))} (${myStatus(q, options)})`);
      const heading = da ? '**Dine spørgsmål til Team Sikker By**' : '**Your questions for Team Sikker By**';
      return { text: `${heading}\n\n${lines.join('\n')}` };
    },

    /** "ekspertkanal" written by an admin in a channel: that channel gets the questions from now on. */
    async setChannel(conversation: StoredConversation, lang: Lang): Promise<ExpertReply> {
      await store.setSetting('expertChannel', conversation, now());
      log.info('the experts\u2019 channel was set');
      return {
        text: lang === 'da'
          ? 'Denne kanal er nu ekspertkanal: spørgsmål, som assistenten ikke kan svare på, kommer her, når nogen trykker Spørg en ekspert.'
          : 'This channel is now the experts\u2019 channel: questions the assistant cannot answer arrive here when someone presses Ask an expert.',
      };
    },

    /** forslag: the pending suggestions, oldest first. */
    async suggestions(lang: Lang): Promise<ExpertReply> {
      const da = lang === 'da';
      const pending = await store.listSuggestions({ status: 'pending', limit: SUGGESTIONS_SHOWN + 1 });
      const heading = da ? '**Forslag til vidensbasen**' : '**Suggestions for the knowledge base**';
      if (pending.length === 0) return { text: `${heading}\n\n${da ? 'Ingen forslag venter.' : 'No suggestions are waiting.'}` };
      const options = { lang, timeZone };
      const lines = pending.slice(0, SUGGESTIONS_SHOWN).map((s) => {
        const what = s.kind === 'alternate' ? (da ? ` (nyt spørgsmål til posten ${s.recordId})` : ` (another question for the record ${s.recordId})`) : '';
        return `- **${s.id}**${what}: ${personText(excerpt(s.question))} → ${personText(excerpt(s.answer))} (${personText(s.answeredBy.name)}, ${dateTime(s.answeredAt, options)})`;
      });
      const more = pending.length > SUGGESTIONS_SHOWN ? [da ? `… og flere.` : `… and more.`] : [];
      const how = da ? 'Skriv "godkend N" eller "afvis N".' : 'Write "approve N" or "reject N".';
      return { text: `${heading}\n\n${[...lines, ...more].join('\n')}\n\n${how}` };
    },

    /** godkend N / afvis N. Approving writes the entry into the knowledge folder; if that fails, the suggestion stays pending. */
    async decide(id: number, decision: 'approved' | 'rejected', admin: Person, lang: Lang): Promise<ExpertReply> {
      const da = lang === 'da';
      const at = now();
      const result = await store.decideSuggestion(id, { decision, by: admin, at });
      if (!result) return { text: da ? `Der er intet forslag nr. ${id}.` : `There is no suggestion no. ${id}.` };
      if (!result.won) {
        const d = result.value.decision;
        const state = result.value.status === 'approved' ? (da ? 'godkendt' : 'approved') : da ? 'afvist' : 'rejected';
        return { text: da ? `Forslag ${id} er allerede ${state} af ${personText(d?.by.name ?? '?')}.` : `Suggestion ${id} was already ${state} by ${personText(d?.by.name ?? '?')}.` };
      }
      if (decision === 'rejected') {
        log.info('a suggestion was rejected', { suggestionId: id });
        return { text: da ? `Forslag ${id} er afvist.` : `Suggestion ${id} was rejected.` };
      }
      const answerLang = (await store.getExpertQuestion(result.value.questionId))?.lang ?? 'da';
      const written = await deps.approveIntoKnowledge(result.value, answerLang, admin, at).catch((err: unknown) => ({ ok: false as const, problems: [(err as Error).message] }));
      if (!written.ok) {
        await store.reopenSuggestion(id);
        log.warn('an approved suggestion could not be written into the knowledge folder; it is pending again', { suggestionId: id });
        const problems = written.problems.map((p) => `- ${p}`).join('\n');
        return { text: da ? `Forslag ${id} kunne ikke skrives i vidensbasen og venter stadig:\n\n${problems}` : `Suggestion ${id} could not be written into the knowledge base and is still waiting:\n\n${problems}` };
      }
      log.info('a suggestion was approved into the knowledge base', { suggestionId: id, version: written.version });
      return {
        text: da
          ? `Forslag ${id} er godkendt og skrevet i vidensbasen som ${written.entryId} (version ${written.version}). Assistenten svarer selv på spørgsmålet fra nu af.`
          : `Suggestion ${id} was approved and written into the knowledge base as ${written.entryId} (version ${written.version}). The assistant answers the question itself from now on.`,
      };
    },
  };

  /** The card as it is, with the reason the press changed nothing; the channel's copy is left alone. */
  function refused(q: ExpertQuestion, notice: string): ChannelCardResult {
    return { card: renderExpertQuestionCard(q, channelOptions, notice), notice };
  }

  function answerCard(q: ExpertQuestion, lang: Lang, rated?: 'up' | 'down'): RenderedCard {
    const answer = q.answer;
    if (!answer) throw new Error(`expert question ${q.id} has no answer`);
    return renderExpertAnswerCard({ questionId: q.id, question: q.question, answer: answer.text, expert: answer.by.name, answeredAt: answer.at, ...(rated ? { rated } : {}) }, { lang, timeZone });
  }

  /** The answer to the asker, where they asked; the outcome is recorded either way. */
  async function deliverAnswer(q: ExpertQuestion): Promise<ExpertQuestion> {
    const sent = await deliver(() => messenger.send(q.conversation, message(answerCard(q, q.lang))));
    const delivery = sent.ok ? { at: now() } : { at: now(), error: sent.error.slice(0, 2000) || 'unknown error' };
    if (!sent.ok) log.warn('an expert answer could not be delivered to the asker', { questionId: q.id, status: sent.status, error: sent.error });
    // False: another instance recorded it first; the question is then as that one left it.
    if (!(await store.recordExpertDelivery(q.id, delivery))) return (await store.getExpertQuestion(q.id)) ?? q;
    return { ...q, status: sent.ok ? 'delivered' : 'undeliverable', delivery };
  }
}

export type ExpertLoop = ReturnType<typeof createExpertLoop>;

function message(card: RenderedCard): OutgoingMessage {
  return { card: card.card, summary: card.summary };
}

/** Whether a press came from the channel that holds the question's card (a channel thread's id carries ";messageid="). */
function inItsChannel(q: ExpertQuestion | undefined, where: string): boolean {
  return q?.card !== undefined && q.card.conversationId === where.split(';')[0];
}

function isConversation(value: unknown): value is StoredConversation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['conversationId'] === 'string' && typeof v['serviceUrl'] === 'string';
}

/** What a second expert is told: who was first. */
function taken(q: ExpertQuestion, lang: Lang): string {
  const da = lang === 'da';
  if (q.answer) return da ? `${inert(q.answer.by.name)} har allerede besvaret spørgsmålet.` : `${inert(q.answer.by.name)} has already answered the question.`;
  if (q.claim) return da ? `${inert(q.claim.by.name)} har allerede taget spørgsmålet.` : `${inert(q.claim.by.name)} has already taken the question.`;
  return da ? 'Spørgsmålet er allerede taget.' : 'The question was already taken.';
}

function myStatus(q: ExpertQuestion, options: ExpertCardOptions): string {
  const da = options.lang === 'da';
  switch (q.status) {
    case 'open':
      return q.card ? (da ? 'venter på en ekspert' : 'waiting for an expert') : da ? 'venter på at blive sendt' : 'waiting to be sent';
    case 'claimed':
      return da ? `${personText(q.claim?.by.name ?? '')} arbejder på det` : `${personText(q.claim?.by.name ?? '')} is on it`;
    case 'answered':
    case 'delivered':
      return da ? `besvaret ${dateTime(q.answer?.at ?? q.askedAt, options)}` : `answered ${dateTime(q.answer?.at ?? q.askedAt, options)}`;
    case 'undeliverable':
      return da ? 'besvaret, men svaret kunne ikke leveres' : 'answered, but the answer could not be delivered';
  }
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}
