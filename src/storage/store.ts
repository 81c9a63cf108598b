// The bot's state behind one small interface. SQLite (embedded, the default)
// and PostgreSQL (several instances behind a load balancer) implement it and
// pass the same contract tests (tests/storage/store.contract.ts).
import { z } from 'zod';

export const Feedback = z.strictObject({
  /** The id of the answer the buttons were attached to. */
  answerId: z.string().min(1).max(200),
  rating: z.enum(['up', 'down']),
  /** The question that was answered; no user identity is stored. */
  question: z.string().max(2000),
  answerTitle: z.string().max(500),
  at: z.date(),
});
export type Feedback = z.infer<typeof Feedback>;

export const UnansweredQuestion = z.strictObject({
  question: z.string().max(2000),
  lang: z.enum(['da', 'en']),
  /** fallback: nothing found; suggestions: the bot had to ask "Mente du …?". */
  outcome: z.enum(['fallback', 'suggestions']),
  at: z.date(),
});
export type UnansweredQuestion = z.infer<typeof UnansweredQuestion>;

/**
 * An answer sent with rating buttons. Kept in the store, not in the process, so
 * that a rating pressed on any instance records its question and can thank in
 * place of the buttons.
 */
export const SentAnswer = z.strictObject({
  answerId: z.string().min(1).max(200),
  question: z.string().max(2000),
  /** The answer as it was sent, opaque JSON to the store (the conversation core reads it). */
  answer: z.json(),
  at: z.date(),
});
export type SentAnswer = z.infer<typeof SentAnswer>;

export const DeliveryKey = z.string().min(1).max(200);

export interface PurgeCutoffs {
  readonly textBefore: Date;
  readonly keysBefore: Date;
}

export interface PurgeCounts {
  readonly feedback: number;
  readonly unanswered: number;
  readonly sentAnswers: number;
  readonly deliveryKeys: number;
}

export interface Store {
  recordFeedback(feedback: Feedback): Promise<void>;
  recordUnanswered(question: UnansweredQuestion): Promise<void>;
  /** Newest first. For the knowledge base's editors. */
  listFeedback(limit: number): Promise<Feedback[]>;
  listUnanswered(limit: number): Promise<UnansweredQuestion[]>;

  /** What a conversation was last about, so a follow-up ("og i 2025?") can be understood. Opaque JSON to the store. */
  getConversationState(conversationId: string): Promise<unknown | undefined>;
  setConversationState(conversationId: string, state: unknown, at: Date): Promise<void>;

  /** Where a user is in the onboarding tour and quiz, so it resumes after a break or a restart. Opaque JSON to the store. */
  getOnboarding(userId: string): Promise<unknown | undefined>;
  setOnboarding(userId: string, progress: unknown, at: Date): Promise<void>;

  /** Remembers an answer whose card has rating buttons (its id is unique; a second save of it is ignored). */
  saveAnswer(sent: SentAnswer): Promise<void>;
  findAnswer(answerId: string): Promise<SentAnswer | undefined>;

  /**
   * Takes the right to welcome a conversation: true for the first caller only, until
   * forgetWelcome (Teams announces one installation twice, possibly to two instances).
   * Atomic across instances.
   */
  claimWelcome(conversationId: string, at: Date): Promise<boolean>;
  /** The bot was removed: a new installation is welcomed again. */
  forgetWelcome(conversationId: string): Promise<void>;


  /**
   * Claims an activity's delivery key (see conversation/redelivery.ts): true the first time the
   * key is claimed, by any instance on this database; false for a redelivery.
   */
  claimActivity(key: string, at: Date): Promise<boolean>;
  /**
   * Gives back the claim of `key` made at `at` (its turn failed): the next claim of it is true
   * again. A later claim of the key (another instance's) is left alone, however late this comes.
   */
  releaseActivity(key: string, at: Date): Promise<void>;

  /**
   * Retention: removes the question text older than `textBefore` (unanswered questions and
   * sent answers go; feedback keeps its rating and the answer's title), and delivery keys
   * older than `keysBefore`. Counts what it removed.
   */
  purge(cutoffs: PurgeCutoffs): Promise<PurgeCounts>;

  /** Throws when the database cannot be reached or written (for /readyz): it writes one row. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
