// What the two expert stores share: the columns they select (aliased to one
// row shape) and the way a row becomes an ExpertQuestion or a Suggestion
// again, parsed on the way out as the other stores do.
import { checked } from './rows';
import { ExpertQuestion, Suggestion } from './expert-store';

type Dialect = 'sqlite' | 'postgres';
/** Epoch milliseconds in SQLite, a Date from PostgreSQL's timestamptz. */
type At = number | Date;
/** PostgreSQL gives bigint back as a string. */
type Serial = number | string;

export interface QuestionRow {
  id: Serial;
  question: string;
  lang: string;
  askerId: string;
  askerName: string;
  conversation: string;
  botAnswer: string | null;
  askedAt: At;
  status: string;
  claimedById: string | null;
  claimedByName: string | null;
  claimedAt: At | null;
  answerText: string | null;
  answeredById: string | null;
  answeredByName: string | null;
  answeredAt: At | null;
  answerRecordId: string | null;
  cardConversationId: string | null;
  cardActivityId: string | null;
  deliveredAt: At | null;
  deliveryError: string | null;
}

export interface SuggestionRow {
  id: Serial;
  questionId: Serial;
  kind: string;
  recordId: string | null;
  question: string;
  answer: string;
  answeredById: string;
  answeredByName: string;
  answeredAt: At;
  status: string;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: At | null;
}

export function questionColumns(dialect: Dialect, table = 'expert_questions'): string {
  const t = (c: string) => `${table}.${c}`;
  return [
    `${t('id')} AS id`,
    `${t('question')} AS question`,
    `${t('lang')} AS lang`,
    `${t('asker_id')} AS "askerId"`,
    `${t('asker_name')} AS "askerName"`,
    // As text in PostgreSQL too, rather than through pg's global json parser.
    `${dialect === 'postgres' ? `${t('conversation')}::text` : t('conversation')} AS conversation`,
    `${t('bot_answer')} AS "botAnswer"`,
    `${t('asked_at')} AS "askedAt"`,
    `${t('status')} AS status`,
    `${t('claimed_by_id')} AS "claimedById"`,
    `${t('claimed_by_name')} AS "claimedByName"`,
    `${t('claimed_at')} AS "claimedAt"`,
    `${t('answer_text')} AS "answerText"`,
    `${t('answered_by_id')} AS "answeredById"`,
    `${t('answered_by_name')} AS "answeredByName"`,
    `${t('answered_at')} AS "answeredAt"`,
    `${t('answer_record_id')} AS "answerRecordId"`,
    `${t('card_conversation_id')} AS "cardConversationId"`,
    `${t('card_activity_id')} AS "cardActivityId"`,
    `${t('delivered_at')} AS "deliveredAt"`,
    `${t('delivery_error')} AS "deliveryError"`,
  ].join(', ');
}

export const SUGGESTION_COLUMNS = [
  'id',
  'question_id AS "questionId"',
  'kind',
  'record_id AS "recordId"',
  'question',
  'answer',
  'answered_by_id AS "answeredById"',
  'answered_by_name AS "answeredByName"',
  'answered_at AS "answeredAt"',
  'status',
  'decided_by_id AS "decidedById"',
  'decided_by_name AS "decidedByName"',
  'decided_at AS "decidedAt"',
].join(', ');

const date = (at: At) => new Date(at);

export function questionFromRow(r: QuestionRow): ExpertQuestion {
  return checked(
    ExpertQuestion,
    {
      id: Number(r.id),
      question: r.question,
      lang: r.lang,
      asker: { id: r.askerId, name: r.askerName },
      conversation: JSON.parse(r.conversation),
      ...(r.botAnswer !== null && { botAnswer: r.botAnswer }),
      askedAt: date(r.askedAt),
      status: r.status,
      ...(r.claimedById !== null && r.claimedAt !== null && { claim: { by: { id: r.claimedById, name: r.claimedByName }, at: date(r.claimedAt) } }),
      ...(r.answerText !== null &&
        r.answeredAt !== null && {
          answer: {
            text: r.answerText,
            by: { id: r.answeredById, name: r.answeredByName },
            at: date(r.answeredAt),
            ...(r.answerRecordId !== null && { recordId: r.answerRecordId }),
          },
        }),
      ...(r.cardConversationId !== null && r.cardActivityId !== null && { card: { conversationId: r.cardConversationId, activityId: r.cardActivityId } }),
      ...(r.deliveredAt !== null && { delivery: { at: date(r.deliveredAt), ...(r.deliveryError !== null && { error: r.deliveryError }) } }),
    },
    'stored expert question row',
  );
}

export function suggestionFromRow(r: SuggestionRow): Suggestion {
  return checked(
    Suggestion,
    {
      id: Number(r.id),
      questionId: Number(r.questionId),
      kind: r.kind,
      ...(r.recordId !== null && { recordId: r.recordId }),
      question: r.question,
      answer: r.answer,
      answeredBy: { id: r.answeredById, name: r.answeredByName },
      answeredAt: date(r.answeredAt),
      status: r.status,
      ...(r.decidedById !== null && r.decidedAt !== null && { decision: { by: { id: r.decidedById, name: r.decidedByName }, at: date(r.decidedAt) } }),
    },
    'stored expert suggestion row',
  );
}
