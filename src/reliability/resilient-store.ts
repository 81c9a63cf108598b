// The store as a turn sees it: answers come from the knowledge base in memory, so
// a store that is down, frozen, read-only or locked must not turn them into
// apologies, and the writes that matter must not be lost.
//
// A decorator over the real store (SQLite or PostgreSQL), so the turn logic,
// wherever it lives, needs no change:
// - every call on a turn's path has a deadline (DEADLINES.storeCallMs);
// - after a failure the store is left alone for a moment (`pauseMs`), so that a
//   turn during an outage does not wait for a deadline on every call; then one
//   call tries again;
// - conversation state, tour progress and sent answers (for their rating buttons)
//   fall back to memory for as long as the store fails (a follow-up question
//   still works within the instance);
// - feedback, unanswered questions and answer outcomes go to the durable write
//   queue and are replayed, in order, when the store answers again; so do
//   questions for the experts that the loop could not store (queueExpertQuestion),
//   where their cards are and whether their answers arrived;
// - redelivery keys and welcomes fall back to in-memory sets (de-duplication
//   then holds per instance only);
// - invalid input is no outage: it is thrown as before and nothing is queued;
// - question text has CPR numbers, e-mail addresses and phone numbers masked
//   before it is stored (reliability/mask.ts), expert questions' included;
// - what asking an expert reads (the channel setting, the asker's open
//   questions) has the deadline too, so a turn learns of an outage in time.
// Everything else (reminders, the rest of the expert loop, admin reports) passes through;
// PostgreSQL's query and connection timeouts bound it (storage/postgres-store.ts).
import { describeError, type Logger } from '../log';
import type { Metrics } from '../metrics';
import type { ExpertStore, NewExpertQuestion } from '../storage/expert-store';
import type { ReminderStore } from '../storage/reminder-store';
import { InvalidStoreInputError } from '../storage/rows';
import type { SentAnswer, Store } from '../storage/store';
import { DEADLINES, withDeadline } from './deadline';
import { maskPersonalData } from './mask';
import type { QueuedWrite, WriteQueue } from './write-queue';

type FullStore = Store & ReminderStore & ExpertStore;

export interface ResilienceOptions {
  readonly queue: WriteQueue;
  readonly log: Logger;
  readonly metrics?: Pick<Metrics, 'storeError'>;
  /** Deadline of one call. */
  readonly callMs?: number;
  /** How long the store is left alone after a failure. */
  readonly pauseMs?: number;
  /** How often the queue is replayed while it holds writes. */
  readonly retryMs?: number;
}

export interface ResilientStore extends FullStore {
  /** Writes waiting for the store. */
  readonly queueDepth: () => number;
  /** Replays the queue now (the timer does it on its own); resolves with the number made. */
  drain(): Promise<number>;
  /** A question for the experts that could not be stored now: masked, it waits in the queue and is added when the store is back. */
  queueExpertQuestion(question: NewExpertQuestion): Promise<void>;
}

/** Bounds of the in-memory fallbacks: an outage of a busy bot must not grow them forever. */
const MAX_REMEMBERED = 10_000;

export function resilientStore(store: FullStore, options: ResilienceOptions): ResilientStore {
  const { queue, log, metrics, callMs = DEADLINES.storeCallMs, pauseMs = 2_000, retryMs = 2_000 } = options;
  let pausedUntil = 0;
  let probing = false;
  const states = new BoundedMap<unknown>(MAX_REMEMBERED);
  const progress = new BoundedMap<unknown>(MAX_REMEMBERED);
  const claimed = new BoundedMap<true>(MAX_REMEMBERED * 10);
  const welcomed = new BoundedMap<true>(MAX_REMEMBERED);
  const answers = new BoundedMap<SentAnswer>(MAX_REMEMBERED);

  /** The call within its deadline, unless the store is paused; every failure but bad input pauses it. */
  async function call<T>(operation: string, work: () => Promise<T>, ms = callMs): Promise<T> {
    const now = Date.now();
    if (now < pausedUntil || (pausedUntil > 0 && probing)) throw new StoreUnavailableError(operation);
    const probe = pausedUntil > 0;
    if (probe) probing = true;
    try {
      const result = await withDeadline(work(), ms, `store ${operation}`);
      if (probe) log.info('store: available again');
      pausedUntil = 0;
      return result;
    } catch (err) {
      if (err instanceof InvalidStoreInputError) throw err;
      metrics?.storeError(operation);
      if (pausedUntil === 0) log.error('store: unavailable; answering from memory and queueing writes', { operation, ...describeError(err) });
      pausedUntil = Date.now() + pauseMs;
      throw err;
    } finally {
      if (probe) probing = false;
    }
  }

  /** A write that matters: made now, or queued until the store is back. */
  async function durable(write: QueuedWrite, make: () => Promise<void>): Promise<void> {
    // Writes queued earlier go first, so the store sees them in order.
    if (queue.depth() === 0) {
      try {
        return await call(write.op, make);
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
      }
    }
    await queue.add(write);
  }

  const apply = (write: QueuedWrite): Promise<void> => {
    switch (write.op) {
      case 'recordFeedback':
        return store.recordFeedback(write.value);
      case 'recordUnanswered':
        return store.recordUnanswered(write.value);
      case 'recordAnswerOutcome':
        return store.recordAnswerOutcome(write.value);
      case 'addExpertQuestion':
        return store.addExpertQuestion(write.value).then(() => undefined);
      case 'setExpertCard':
        return store.setExpertCard(write.value.id, write.value.card);
      case 'recordExpertDelivery':
        return store.recordExpertDelivery(write.value.id, write.value.delivery).then(() => undefined);
    }
  };

  async function drain(): Promise<number> {
    if (queue.depth() === 0) return 0;
    let made = 0;
    try {
      made = await queue.drain((write) =>
        call(write.op, () => apply(write)).catch((err: unknown) => {
          // A write the store refuses as invalid can never be made: skipped, said loudly.
          if (err instanceof InvalidStoreInputError) {
            log.error('write queue: a queued write is invalid and was dropped', { operation: write.op });
            return;
          }
          throw err;
        }),
      );
    } catch {
      // Still unavailable; the next round tries again.
    }
    if (made > 0) log.info('write queue: queued writes made', { made, waiting: queue.depth() });
    return made;
  }
  const timer = setInterval(() => void drain(), retryMs);
  timer.unref();

  return {
    ...store,
    async getConversationState(conversationId) {
      if (states.has(conversationId)) return states.get(conversationId);
      try {
        return await call('getConversationState', () => store.getConversationState(conversationId));
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        return undefined;
      }
    },
    async setConversationState(conversationId, state, at) {
      try {
        await call('setConversationState', () => store.setConversationState(conversationId, state, at));
        states.delete(conversationId);
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        states.set(conversationId, state);
      }
    },
    async getOnboarding(userId) {
      if (progress.has(userId)) return progress.get(userId);
      try {
        return await call('getOnboarding', () => store.getOnboarding(userId));
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        return undefined;
      }
    },
    async setOnboarding(userId, value, at) {
      try {
        await call('setOnboarding', () => store.setOnboarding(userId, value, at));
        progress.delete(userId);
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        progress.set(userId, value);
      }
    },
    recordFeedback(feedback) {
      const masked = { ...feedback, question: maskPersonalData(feedback.question) };
      return durable({ op: 'recordFeedback', value: masked }, () => store.recordFeedback(masked));
    },
    recordUnanswered(question) {
      const masked = { ...question, question: maskPersonalData(question.question) };
      return durable({ op: 'recordUnanswered', value: masked }, () => store.recordUnanswered(masked));
    },
    recordAnswerOutcome: (outcome) => durable({ op: 'recordAnswerOutcome', value: outcome }, () => store.recordAnswerOutcome(outcome)),
    async claimActivity(key, at) {
      try {
        // A key claimed in memory during an outage is not in the store: memory still counts.
        // A longer wait than other calls: a claim given up on counts as first, and the
        // activity may then be answered twice (the endpoint's budget still bounds it).
        const first = await call('claimActivity', () => store.claimActivity(key, at), callMs * 2);
        return first && !claimed.has(key);
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        // Per instance while the store is away: a key claimed here before is still known.
        if (claimed.has(key)) return false;
        claimed.set(key, true);
        return true;
      }
    },
    async releaseActivity(key, at) {
      // Forgotten here first: a key claimed in memory during an outage is given back even if the store stays away.
      claimed.delete(key);
      await call('releaseActivity', () => store.releaseActivity(key, at));
    },
    async saveAnswer(answer) {
      const sent = { ...answer, question: maskPersonalData(answer.question) };
      try {
        await call('saveAnswer', () => store.saveAnswer(sent));
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        // Its rating buttons still work on this instance.
        answers.set(sent.answerId, sent);
      }
    },
    async findAnswer(answerId) {
      const remembered = answers.get(answerId);
      if (remembered) return remembered;
      try {
        return await call('findAnswer', () => store.findAnswer(answerId));
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        return undefined;
      }
    },
    async claimWelcome(conversationId, at) {
      try {
        return (await call('claimWelcome', () => store.claimWelcome(conversationId, at))) && !welcomed.has(conversationId);
      } catch (err) {
        if (err instanceof InvalidStoreInputError) throw err;
        if (welcomed.has(conversationId)) return false;
        welcomed.set(conversationId, true);
        return true;
      }
    },
    saveConversation: (record) => call('saveConversation', () => store.saveConversation(record)),
    addExpertQuestion: (question) => call('addExpertQuestion', () => store.addExpertQuestion(maskedQuestion(question))),
    queueExpertQuestion: (question) => queue.add({ op: 'addExpertQuestion', value: maskedQuestion(question) }),
    setExpertCard: (id, card) => durable({ op: 'setExpertCard', value: { id, card } }, () => store.setExpertCard(id, card)),
    async recordExpertDelivery(id, delivery) {
      // Queued, it is taken as recorded: the answer did reach the asker (or could not), whatever the store says later.
      let recorded = true;
      await durable({ op: 'recordExpertDelivery', value: { id, delivery } }, async () => {
        recorded = await store.recordExpertDelivery(id, delivery);
      });
      return recorded;
    },
    getSetting: (key) => call('getSetting', () => store.getSetting(key)),
    listExpertQuestions: (query) => call('listExpertQuestions', () => store.listExpertQuestions(query)),
    queueDepth: () => queue.depth(),
    drain,
    async close() {
      clearInterval(timer);
      // One last try, so that a clean shutdown leaves nothing queued that the store could take.
      await drain();
      await store.close();
    },
  };
}

/** The question and what the bot answered, with personal data masked: the bot's answer may quote the question. */
function maskedQuestion(question: NewExpertQuestion): NewExpertQuestion {
  return { ...question, question: maskPersonalData(question.question), ...(question.botAnswer ? { botAnswer: maskPersonalData(question.botAnswer) } : {}) };
}

/** The store was left alone after a recent failure; the call was not made. */
class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
  constructor(operation: string) {
    super(`the store is unavailable (${operation} not tried)`);
  }
}

/** A Map that forgets its oldest entries beyond `max`. */
class BoundedMap<T> {
  private readonly entries = new Map<string, T>();
  constructor(private readonly max: number) {}
  has(key: string): boolean {
    return this.entries.has(key);
  }
  get(key: string): T | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}
