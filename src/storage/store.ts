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

  /** Throws when the database cannot be reached (for /readyz). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
