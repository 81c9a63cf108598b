// The durable state of "Ask an expert": the questions people sent to Team
// Sikker By, who claimed and answered them, whether the answer reached the
// asker, and the suggestions those answers make for the knowledge base. Plus
// two small things the loop and its report need: the bot's settings (the
// experts' channel) and a log of answer outcomes without any text.
//
// A claim, an answer and a decision on a suggestion are each taken by the
// first caller only, also when two instances on PostgreSQL race: the others
// get `won: false` and the row as the winner left it, so they can be told.
// The SQLite and PostgreSQL stores pass the same contract tests
// (tests/storage/expert-store.contract.ts).
import { z } from 'zod';

const noNul = (s: string) => !s.includes('\u0000');
const Id = z.string().min(1).max(1000).refine(noNul, 'must not contain NUL characters');
const Name = z.string().trim().min(1).max(500).refine(noNul, 'must not contain NUL characters');
const Text = (max: number) => z.string().trim().min(1).max(max).refine(noNul, 'must not contain NUL characters');

/** The longest question and answer kept. */
export const MAX_QUESTION_CHARS = 2000;
export const MAX_ANSWER_CHARS = 4000;

export const Person = z.strictObject({
  /** The Entra object id where Teams sends one, else the channel's user id. */
  id: Id,
  name: Name,
});
export type Person = z.infer<typeof Person>;

/** Where the bot can post without being spoken to first; `reference` is opaque to the store. */
const ExpertConversation = z.strictObject({
  conversationId: Id,
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
  tenantId: Id.optional(),
  reference: z.json(),
});
type ExpertConversation = z.infer<typeof ExpertConversation>;

export const NewExpertQuestion = z.strictObject({
  question: Text(MAX_QUESTION_CHARS),
  lang: z.enum(['da', 'en']),
  asker: Person,
  /** Where the asker asked: the answer goes back there. */
  conversation: ExpertConversation,
  /** What the bot answered, if it answered anything ("Mente du …?" or a 👎'd answer). */
  botAnswer: Text(2000).optional(),
  askedAt: z.date(),
});
export type NewExpertQuestion = z.infer<typeof NewExpertQuestion>;

const ExpertQuestionStatus = z.enum(['open', 'claimed', 'answered', 'delivered', 'undeliverable']);
type ExpertQuestionStatus = z.infer<typeof ExpertQuestionStatus>;

export const ExpertAnswerInput = z.strictObject({
  text: Text(MAX_ANSWER_CHARS),
  by: Person,
  at: z.date(),
  /** An existing record of the knowledge base the expert points to: the suggestion is then an alternate question for it. */
  recordId: Id.optional(),
});
export type ExpertAnswerInput = z.infer<typeof ExpertAnswerInput>;

/** Where a question's card is in the experts' channel. */
export const ExpertCardAt = z.strictObject({ conversationId: Id, activityId: Id });
export type ExpertCardAt = z.infer<typeof ExpertCardAt>;

export const ExpertQuestion = NewExpertQuestion.extend({
  id: z.int().positive(),
  status: ExpertQuestionStatus,
  claim: z.strictObject({ by: Person, at: z.date() }).optional(),
  answer: ExpertAnswerInput.optional(),
  /** The card in the experts' channel, to update it in place. */
  card: ExpertCardAt.optional(),
  /** Set once the answer reached the asker, or could not. */
  delivery: z.strictObject({ at: z.date(), error: Text(2000).optional() }).optional(),
});
export type ExpertQuestion = z.infer<typeof ExpertQuestion>;

const SuggestionStatus = z.enum(['pending', 'approved', 'rejected']);
type SuggestionStatus = z.infer<typeof SuggestionStatus>;

export const Suggestion = z.strictObject({
  /** The number admins write: "godkend 3". */
  id: z.int().positive(),
  questionId: z.int().positive(),
  /** new: a question–answer entry; alternate: another way to ask the record `recordId`. */
  kind: z.enum(['new', 'alternate']),
  recordId: Id.optional(),
  question: Text(MAX_QUESTION_CHARS),
  answer: Text(MAX_ANSWER_CHARS),
  answeredBy: Person,
  answeredAt: z.date(),
  status: SuggestionStatus,
  decision: z.strictObject({ by: Person, at: z.date() }).optional(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const Decision = z.strictObject({
  decision: z.enum(['approved', 'rejected']),
  by: Person,
  at: z.date(),
});
export type Decision = z.infer<typeof Decision>;

export const Delivery = z.strictObject({ at: z.date(), error: Text(2000).optional() });
export type Delivery = z.infer<typeof Delivery>;

export const ExpertQuestionQuery = z.strictObject({
  askerId: Id.optional(),
  statuses: z.array(ExpertQuestionStatus).optional(),
  /** Asked at or after. */
  since: z.date().optional(),
  limit: z.int().min(0),
});
export type ExpertQuestionQuery = z.infer<typeof ExpertQuestionQuery>;

export const SuggestionQuery = z.strictObject({ status: SuggestionStatus.optional(), limit: z.int().min(0) });
export type SuggestionQuery = z.infer<typeof SuggestionQuery>;

/** How a question was met, for the share answered per week; no text, no user. */
export const AnswerOutcome = z.strictObject({
  outcome: z.enum(['answered', 'suggestions', 'fallback']),
  at: z.date(),
});
export type AnswerOutcome = z.infer<typeof AnswerOutcome>;

export const SettingKey = z.enum(['expertChannel']);
export type SettingKey = z.infer<typeof SettingKey>;

/** What the retention purge leaves where the asker's text and identity were (the columns cannot be empty). */
export const PURGED = { text: '[fjernet efter opbevaringsperioden]', askerId: 'purged', askerName: '[fjernet]' } as const;

/** How many questions and suggestions a purge emptied. */
export interface ExpertPurgeCounts {
  readonly questions: number;
  readonly suggestions: number;
}

/** The first caller takes it; the others learn who did. */
type Contest<T> = { readonly won: boolean; readonly value: T };

export interface ExpertStore {
  /** Stores a question as `open` and gives it its number. */
  addExpertQuestion(question: NewExpertQuestion): Promise<ExpertQuestion>;
  getExpertQuestion(id: number): Promise<ExpertQuestion | undefined>;
  /** Newest first. */
  listExpertQuestions(query: ExpertQuestionQuery): Promise<ExpertQuestion[]>;
  /** Where the question's card in the experts' channel is. */
  setExpertCard(id: number, card: NonNullable<ExpertQuestion['card']>): Promise<void>;
  /** Only an `open` question can be claimed. Undefined: no such question. */
  claimExpertQuestion(id: number, by: Person, at: Date): Promise<Contest<ExpertQuestion> | undefined>;
  /**
   * An `open` or `claimed` question takes its first answer (whoever claimed it)
   * and, with it, one pending suggestion, in one transaction. Undefined: no such question.
   */
  answerExpertQuestion(id: number, answer: ExpertAnswerInput): Promise<Contest<{ question: ExpertQuestion; suggestion?: Suggestion }> | undefined>;
  /** An `answered` question becomes `delivered` (no error) or `undeliverable`; false if it was not `answered`. */
  recordExpertDelivery(id: number, delivery: Delivery): Promise<boolean>;

  getSuggestion(id: number): Promise<Suggestion | undefined>;
  /** Oldest first: the order admins work through them. */
  listSuggestions(query: SuggestionQuery): Promise<Suggestion[]>;
  /** Only a `pending` suggestion can be decided. Undefined: no such suggestion. */
  decideSuggestion(id: number, decision: Decision): Promise<Contest<Suggestion> | undefined>;
  /**
   * Back to `pending`, when writing an approved suggestion into the knowledge
   * folder failed: the decision must not claim what did not happen.
   */
  reopenSuggestion(id: number): Promise<void>;

  getSetting(key: SettingKey): Promise<unknown | undefined>;
  setSetting(key: SettingKey, value: unknown, at: Date): Promise<void>;

  /**
   * Retention (RETENTION_DAYS): a question asked before `before` whose answer
   * reached the asker, or could not, loses what it held of the asker and their
   * words: question, the bot's answer and the expert's answer become
   * PURGED.text, the asker PURGED.askerId / askerName, and the conversation
   * keeps its id and serviceUrl but not its reference. A decided suggestion
   * answered before `before` loses its question and answer (an approved one
   * lives on in the knowledge folder). Open, claimed and answered questions and
   * pending suggestions keep everything: an expert still needs them to answer,
   * the bot to deliver, an admin to decide. Statuses, times and the experts'
   * names stay, for the report. A second run changes nothing.
   */
  purgeExpertText(before: Date): Promise<ExpertPurgeCounts>;

  recordAnswerOutcome(outcome: AnswerOutcome): Promise<void>;
  /** Oldest first, at or after `since`. */
  listAnswerOutcomes(since: Date): Promise<AnswerOutcome[]>;
}
