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

/**
 * The JSON text of a value that ConversationState accepts (it comes back from
 * JSON.parse exactly as it went in). Every turn writes its state and its sent answer
 * this way, so the common case is checked by a plain walk, several times cheaper
 * than the schema's; whatever the walk doubts goes to the schema, which decides and
 * says what is wrong.
 */
export function jsonOf(value: unknown, what: string): string {
  return JSON.stringify(isPlainJson(value) ? value : checked(ConversationState, value, what));
}

/** Strings, finite numbers, booleans, null, and arrays and plain objects of them: a subset of what ConversationState accepts. */
function isPlainJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        // By index, not every(): a hole in a sparse array is undefined, which JSON turns into null.
        for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i])) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) if (Object.hasOwn(value, key) && !isPlainJson((value as Record<string, unknown>)[key])) return false;
      return true;
    }
    default:
      return false;
  }
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

// A sent answer's fields but the answer, which jsonOf checks (the whole schema would walk it twice as slowly).
const SentAnswerFields = SentAnswer.omit({ answer: true });

/** A sent answer checked and ready to insert: the answer as its JSON text. */
export function sentAnswerToRow(sent: SentAnswer): { answerId: string; question: string; answer: string; at: Date } {
  const { answer, ...fields } = sent as Partial<SentAnswer>;
  const f = checked(SentAnswerFields, fields, 'sent answer');
  return { ...f, answer: jsonOf(answer, 'sent answer') };
}

export function sentAnswerFromRow(row: SentAnswerRow): SentAnswer {
  return checked(SentAnswer, { ...row, answer: JSON.parse(row.answer), at: new Date(row.at) }, 'stored sent answer row');
}

export function unansweredFromRow(row: UnansweredRow): UnansweredQuestion {
  return checked(UnansweredQuestion, { ...row, at: new Date(row.at) }, 'stored unanswered question row');
}
