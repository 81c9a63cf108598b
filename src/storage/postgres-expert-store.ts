// The expert half of the PostgreSQL store, where several instances take
// claims, answers and decisions on the same rows.
//
// Each is one UPDATE guarded by the status. Under READ COMMITTED a second
// UPDATE of the same row waits for the first to commit and then evaluates its
// WHERE again on the new row, which no longer matches: it changes nothing, and
// its caller is told who won. An answer and its suggestion are one statement
// (a data-modifying CTE), so there is never an answer without its suggestion.
import type { Pool } from 'pg';
import { z } from 'zod';
import { questionColumns, questionFromRow, SUGGESTION_COLUMNS, suggestionFromRow, type QuestionRow, type SuggestionRow } from './expert-rows';
import {
  AnswerOutcome,
  Decision,
  Delivery,
  ExpertAnswerInput,
  ExpertQuestion,
  ExpertQuestionQuery,
  NewExpertQuestion,
  Person,
  PURGED,
  SettingKey,
  SuggestionQuery,
  type ExpertStore,
} from './expert-store';
import type { Rounds } from './postgres-rounds';
import { checked, jsonOf, StateTime } from './rows';

const RowId = z.int().positive();

export function postgresExpertStore(pool: Pool, rounds: Pick<Rounds, 'recordOutcome'>): ExpertStore {
  const columns = questionColumns('postgres');
  const question = async (id: number) => {
    const { rows } = await pool.query<QuestionRow>(`SELECT ${columns} FROM expert_questions WHERE id = $1`, [id]);
    return rows[0] === undefined ? undefined : questionFromRow(rows[0]);
  };
  const suggestion = async (id: number) => {
    const { rows } = await pool.query<SuggestionRow>(`SELECT ${SUGGESTION_COLUMNS} FROM expert_suggestions WHERE id = $1`, [id]);
    return rows[0] === undefined ? undefined : suggestionFromRow(rows[0]);
  };

  return {
    async addExpertQuestion(input) {
      const q = checked(NewExpertQuestion, input, 'expert question');
      const { rows } = await pool.query<QuestionRow>(
        `INSERT INTO expert_questions (question, lang, asker_id, asker_name, conversation, bot_answer, asked_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open')
         RETURNING ${columns}`,
        [q.question, q.lang, q.asker.id, q.asker.name, JSON.stringify(q.conversation), q.botAnswer ?? null, q.askedAt],
      );
      if (rows[0] === undefined) throw new Error('inserting an expert question returned no row');
      return questionFromRow(rows[0]);
    },
    async getExpertQuestion(id) {
      return question(checked(RowId, id, 'expert question id'));
    },
    async listExpertQuestions(query) {
      const q = checked(ExpertQuestionQuery, query, 'expert question query');
      const { rows } = await pool.query<QuestionRow>(
        `SELECT ${columns} FROM expert_questions
         WHERE ($1::text IS NULL OR lower(asker_id) = lower($1))
           AND ($2::text[] IS NULL OR status = ANY ($2))
           AND ($3::timestamptz IS NULL OR asked_at >= $3)
         ORDER BY asked_at DESC, id DESC LIMIT $4`,
        [q.askerId ?? null, q.statuses ?? null, q.since ?? null, q.limit],
      );
      return rows.map(questionFromRow);
    },
    async setExpertCard(id, card) {
      const c = checked(ExpertQuestion.shape.card.unwrap(), card, 'expert card');
      await pool.query('UPDATE expert_questions SET card_conversation_id = $1, card_activity_id = $2 WHERE id = $3', [
        c.conversationId,
        c.activityId,
        checked(RowId, id, 'expert question id'),
      ]);
    },
    async claimExpertQuestion(id, by, at) {
      const questionId = checked(RowId, id, 'expert question id');
      const p = checked(Person, by, 'expert');
      const { rowCount } = await pool.query(
        `UPDATE expert_questions SET status = 'claimed', claimed_by_id = $2, claimed_by_name = $3, claimed_at = $4
         WHERE id = $1 AND status = 'open'`,
        [questionId, p.id, p.name, checked(StateTime, at, 'claim time')],
      );
      // A fresh statement, so its snapshot sees the winner's commit.
      const value = await question(questionId);
      return value === undefined ? undefined : { won: (rowCount ?? 0) > 0, value };
    },
    async answerExpertQuestion(id, input) {
      const questionId = checked(RowId, id, 'expert question id');
      const a = checked(ExpertAnswerInput, input, 'expert answer');
      const { rows } = await pool.query<SuggestionRow>(
        `WITH answered AS (
           UPDATE expert_questions SET status = 'answered', answer_text = $2, answered_by_id = $3, answered_by_name = $4,
             answered_at = $5, answer_record_id = $6
           WHERE id = $1 AND status IN ('open', 'claimed')
           RETURNING id, question, answer_text, answered_by_id, answered_by_name, answered_at, answer_record_id
         )
         INSERT INTO expert_suggestions (question_id, kind, record_id, question, answer, answered_by_id, answered_by_name,
           answered_at, status)
         SELECT id, CASE WHEN answer_record_id IS NULL THEN 'new' ELSE 'alternate' END, answer_record_id, question,
           answer_text, answered_by_id, answered_by_name, answered_at, 'pending'
         FROM answered
         RETURNING ${SUGGESTION_COLUMNS}`,
        [questionId, a.text, a.by.id, a.by.name, a.at, a.recordId ?? null],
      );
      const value = await question(questionId);
      if (value === undefined) return undefined;
      return rows[0] === undefined ? { won: false, value: { question: value } } : { won: true, value: { question: value, suggestion: suggestionFromRow(rows[0]) } };
    },
    async recordExpertDelivery(id, delivery) {
      const d = checked(Delivery, delivery, 'expert answer delivery');
      const { rowCount } = await pool.query(
        `UPDATE expert_questions SET status = $2, delivered_at = $3, delivery_error = $4 WHERE id = $1 AND status = 'answered'`,
        [checked(RowId, id, 'expert question id'), d.error === undefined ? 'delivered' : 'undeliverable', d.at, d.error ?? null],
      );
      return (rowCount ?? 0) > 0;
    },

    async getSuggestion(id) {
      return suggestion(checked(RowId, id, 'suggestion id'));
    },
    async listSuggestions(query) {
      const q = checked(SuggestionQuery, query, 'suggestion query');
      const { rows } = await pool.query<SuggestionRow>(
        `SELECT ${SUGGESTION_COLUMNS} FROM expert_suggestions WHERE ($1::text IS NULL OR status = $1) ORDER BY id LIMIT $2`,
        [q.status ?? null, q.limit],
      );
      return rows.map(suggestionFromRow);
    },
    async decideSuggestion(id, decision) {
      const suggestionId = checked(RowId, id, 'suggestion id');
      const d = checked(Decision, decision, 'decision');
      const { rowCount } = await pool.query(
        `UPDATE expert_suggestions SET status = $2, decided_by_id = $3, decided_by_name = $4, decided_at = $5
         WHERE id = $1 AND status = 'pending'`,
        [suggestionId, d.decision, d.by.id, d.by.name, d.at],
      );
      const value = await suggestion(suggestionId);
      return value === undefined ? undefined : { won: (rowCount ?? 0) > 0, value };
    },
    async reopenSuggestion(id) {
      await pool.query(
        `UPDATE expert_suggestions SET status = 'pending', decided_by_id = NULL, decided_by_name = NULL, decided_at = NULL WHERE id = $1`,
        [checked(RowId, id, 'suggestion id')],
      );
    },

    async purgeExpertText(before) {
      const cutoff = checked(StateTime, before, 'purge cutoff');
      // One statement each; a suggestion and its question need not change together.
      const questions = await pool.query(
        `UPDATE expert_questions SET question = $2, bot_answer = NULL, answer_text = CASE WHEN answer_text IS NULL THEN NULL ELSE $2 END,
           asker_id = $3, asker_name = $4,
           conversation = json_build_object('conversationId', conversation->>'conversationId', 'serviceUrl', conversation->>'serviceUrl', 'reference', NULL)
         WHERE asked_at < $1 AND status IN ('delivered', 'undeliverable') AND question <> $2`,
        [cutoff, PURGED.text, PURGED.askerId, PURGED.askerName],
      );
      const suggestions = await pool.query(
        `UPDATE expert_suggestions SET question = $2, answer = $2 WHERE answered_at < $1 AND status <> 'pending' AND question <> $2`,
        [cutoff, PURGED.text],
      );
      return { questions: questions.rowCount ?? 0, suggestions: suggestions.rowCount ?? 0 };
    },

    async getSetting(key) {
      const { rows } = await pool.query<{ value: string }>('SELECT value::text AS value FROM bot_settings WHERE key = $1', [
        checked(SettingKey, key, 'setting key'),
      ]);
      return rows[0] === undefined ? undefined : JSON.parse(rows[0].value);
    },
    async setSetting(key, value, at) {
      // Stringified here: pg would turn a top-level array into a PostgreSQL array literal.
      const json = jsonOf(value, 'setting value');
      await pool.query(
        `INSERT INTO bot_settings (key, value, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
        [checked(SettingKey, key, 'setting key'), json, checked(StateTime, at, 'setting time')],
      );
    },

    async recordAnswerOutcome(outcome) {
      const o = checked(AnswerOutcome, outcome, 'answer outcome');
      // One per answer: in the turn's round (postgres-rounds.ts).
      await rounds.recordOutcome(o);
    },
    async listAnswerOutcomes(since) {
      const { rows } = await pool.query<{ outcome: string; at: Date }>(
        'SELECT outcome, at FROM answer_outcomes WHERE at >= $1 ORDER BY at, id',
        [checked(StateTime, since, 'since')],
      );
      return rows.map((r) => checked(AnswerOutcome, r, 'stored answer outcome row'));
    },
  };
}
