// What both stores share: checking values before they are written and turning
// rows back into the store's types. The SQL itself stays in each store, where
// the dialect differences are visible.
import { z } from 'zod';
import { Feedback, SentAnswer, UnansweredQuestion } from './store';

/** Thrown before anything is written when a value does not match its schema. */
export class InvalidStoreInputError extends Error {
  constructor(what: string, error: z.ZodError) {
    super(`Invalid ${what}:\n${z.prettifyError(error)}`);
    this.name = 'InvalidStoreInputError';
  }
}

export const ConversationId = z.string().min(1).max(1000);
export const ListLimit = z.int().min(0);
export const AnswerId = z.string().min(1).max(200);
export const StateTime = z.date();
export const Cutoffs = z.strictObject({ textBefore: z.date(), keysBefore: z.date() });
// The state goes through JSON.stringify, which would quietly turn NaN into null,
// a Date into a string and drop `undefined`; refusing them keeps the round trip exact.
export const ConversationState = z.json({
  error: 'expected a JSON value (no undefined, NaN, Infinity, Date, Map, class instances or functions)',
});

export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new InvalidStoreInputError(what, result.error);
  return result.data;
}

/** `at` is epoch milliseconds in SQLite and a Date from PostgreSQL's timestamptz. */
type At = number | Date;

/** A feedback row selected with its columns aliased to the field names. */
export interface FeedbackRow {
  answerId: string;
  rating: string;
  question: string;
  answerTitle: string;
  at: At;
}

export interface UnansweredRow {
  question: string;
  lang: string;
  outcome: string;
  at: At;
}

// Parsing on the way out too gives the precise types without casts, and a row
// edited by hand into something the bot does not understand fails here, loudly.
export function feedbackFromRow(row: FeedbackRow): Feedback {
  return checked(Feedback, { ...row, at: new Date(row.at) }, 'stored feedback row');
}

export interface SentAnswerRow {
  answerId: string;
  question: string;
  answer: string;
  at: At;
}

export function sentAnswerFromRow(row: SentAnswerRow): SentAnswer {
  return checked(SentAnswer, { ...row, answer: JSON.parse(row.answer), at: new Date(row.at) }, 'stored sent answer row');
}

export function unansweredFromRow(row: UnansweredRow): UnansweredQuestion {
  return checked(UnansweredQuestion, { ...row, at: new Date(row.at) }, 'stored unanswered question row');
}
