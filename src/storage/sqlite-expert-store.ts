// The expert half of the SQLite store. One process serves the file, so an
// UPDATE guarded by the status is enough to make the first claim, answer or
// decision the only one; an answer and its suggestion share a transaction.
import type Database from 'better-sqlite3';
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
import { checked, jsonOf, StateTime } from './rows';
import type { GroupCommit } from './sqlite-group-commit';

const RowId = z.int().positive();

export function sqliteExpertStore(db: Database.Database, turnWrites: GroupCommit): ExpertStore {
  const columns = questionColumns('sqlite');
  const insertQuestion = db.prepare<Record<string, unknown>, QuestionRow>(
    `INSERT INTO expert_questions (question, lang, asker_id, asker_name, conversation, bot_answer, asked_at, status)
     VALUES (@question, @lang, @askerId, @askerName, @conversation, @botAnswer, @askedAt, 'open')
     RETURNING ${columns}`,
  );
  const selectQuestion = db.prepare<[number], QuestionRow>(`SELECT ${columns} FROM expert_questions WHERE id = ?`);
  const selectQuestions = db.prepare<Record<string, unknown>, QuestionRow>(
    `SELECT ${columns} FROM expert_questions
     WHERE (@askerId IS NULL OR lower(asker_id) = lower(@askerId))
       AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
       AND (@since IS NULL OR asked_at >= @since)
     ORDER BY asked_at DESC, id DESC LIMIT @limit`,
  );
  const updateCard = db.prepare('UPDATE expert_questions SET card_conversation_id = ?, card_activity_id = ? WHERE id = ?');
  const claim = db.prepare(
    `UPDATE expert_questions SET status = 'claimed', claimed_by_id = @id, claimed_by_name = @name, claimed_at = @at
     WHERE id = @questionId AND status = 'open'`,
  );
  const answer = db.prepare(
    `UPDATE expert_questions SET status = 'answered', answer_text = @text, answered_by_id = @id, answered_by_name = @name,
       answered_at = @at, answer_record_id = @recordId
     WHERE id = @questionId AND status IN ('open', 'claimed')`,
  );
  const insertSuggestion = db.prepare<Record<string, unknown>, SuggestionRow>(
    `INSERT INTO expert_suggestions (question_id, kind, record_id, question, answer, answered_by_id, answered_by_name,
       answered_at, status)
     SELECT id, CASE WHEN answer_record_id IS NULL THEN 'new' ELSE 'alternate' END, answer_record_id, question,
       answer_text, answered_by_id, answered_by_name, answered_at, 'pending'
     FROM expert_questions WHERE id = @questionId
     RETURNING ${SUGGESTION_COLUMNS}`,
  );
  const deliver = db.prepare(
    `UPDATE expert_questions SET status = @status, delivered_at = @at, delivery_error = @error
     WHERE id = @questionId AND status = 'answered'`,
  );
  const selectSuggestion = db.prepare<[number], SuggestionRow>(`SELECT ${SUGGESTION_COLUMNS} FROM expert_suggestions WHERE id = ?`);
  const selectSuggestions = db.prepare<Record<string, unknown>, SuggestionRow>(
    `SELECT ${SUGGESTION_COLUMNS} FROM expert_suggestions WHERE (@status IS NULL OR status = @status) ORDER BY id LIMIT @limit`,
  );
  const decide = db.prepare(
    `UPDATE expert_suggestions SET status = @status, decided_by_id = @id, decided_by_name = @name, decided_at = @at
     WHERE id = @suggestionId AND status = 'pending'`,
  );
  const reopen = db.prepare(
    `UPDATE expert_suggestions SET status = 'pending', decided_by_id = NULL, decided_by_name = NULL, decided_at = NULL WHERE id = ?`,
  );
  const purgeQuestions = db.prepare(
    `UPDATE expert_questions SET question = @text, bot_answer = NULL, answer_text = CASE WHEN answer_text IS NULL THEN NULL ELSE @text END,
       asker_id = @askerId, asker_name = @askerName,
       conversation = json_object('conversationId', json_extract(conversation, '$.conversationId'), 'serviceUrl', json_extract(conversation, '$.serviceUrl'), 'reference', NULL)
     WHERE asked_at < @before AND status IN ('delivered', 'undeliverable') AND question <> @text`,
  );
  const purgeSuggestions = db.prepare(
    `UPDATE expert_suggestions SET question = @text, answer = @text
     WHERE answered_at < @before AND status <> 'pending' AND question <> @text`,
  );
  const purge = db.transaction((before: number) => ({
    questions: purgeQuestions.run({ ...PURGED, before }).changes,
    suggestions: purgeSuggestions.run({ text: PURGED.text, before }).changes,
  }));
  const selectSetting = db.prepare<[string], string>('SELECT value FROM bot_settings WHERE key = ?').pluck();
  const upsertSetting = db.prepare(
    `INSERT INTO bot_settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
  const insertOutcome = db.prepare('INSERT INTO answer_outcomes (outcome, at) VALUES (?, ?)');
  const selectOutcomes = db.prepare<[number], { outcome: string; at: number }>(
    'SELECT outcome, at FROM answer_outcomes WHERE at >= ? ORDER BY at, id',
  );

  const question = (id: number) => {
    const row = selectQuestion.get(id);
    return row === undefined ? undefined : questionFromRow(row);
  };
  const answerWithSuggestion = db.transaction((questionId: number, a: ExpertAnswerInput) => {
    const { changes } = answer.run({ questionId, text: a.text, id: a.by.id, name: a.by.name, at: a.at.getTime(), recordId: a.recordId ?? null });
    if (changes === 0) return false;
    return insertSuggestion.get({ questionId });
  });

  // better-sqlite3 is synchronous; the methods are async so that every failure,
  // validation included, arrives as a rejected promise like PostgreSQL's.
  return {
    async addExpertQuestion(input) {
      const q = checked(NewExpertQuestion, input, 'expert question');
      const row = insertQuestion.get({
        question: q.question,
        lang: q.lang,
        askerId: q.asker.id,
        askerName: q.asker.name,
        conversation: JSON.stringify(q.conversation),
        botAnswer: q.botAnswer ?? null,
        askedAt: q.askedAt.getTime(),
      });
      if (row === undefined) throw new Error('inserting an expert question returned no row');
      return questionFromRow(row);
    },
    async getExpertQuestion(id) {
      return question(checked(RowId, id, 'expert question id'));
    },
    async listExpertQuestions(query) {
      const q = checked(ExpertQuestionQuery, query, 'expert question query');
      return selectQuestions
        .all({
          askerId: q.askerId ?? null,
          statuses: q.statuses === undefined ? null : JSON.stringify(q.statuses),
          since: q.since?.getTime() ?? null,
          limit: q.limit,
        })
        .map(questionFromRow);
    },
    async setExpertCard(id, card) {
      const c = checked(ExpertQuestion.shape.card.unwrap(), card, 'expert card');
      updateCard.run(c.conversationId, c.activityId, checked(RowId, id, 'expert question id'));
    },
    async claimExpertQuestion(id, by, at) {
      const questionId = checked(RowId, id, 'expert question id');
      const p = checked(Person, by, 'expert');
      const { changes } = claim.run({ questionId, id: p.id, name: p.name, at: checked(StateTime, at, 'claim time').getTime() });
      const value = question(questionId);
      return value === undefined ? undefined : { won: changes > 0, value };
    },
    async answerExpertQuestion(id, input) {
      const questionId = checked(RowId, id, 'expert question id');
      const a = checked(ExpertAnswerInput, input, 'expert answer');
      const suggestion = answerWithSuggestion.immediate(questionId, a);
      const value = question(questionId);
      if (value === undefined) return undefined;
      if (suggestion === false) return { won: false, value: { question: value } };
      if (suggestion === undefined) throw new Error(`the suggestion for expert question ${questionId} was not created`);
      return { won: true, value: { question: value, suggestion: suggestionFromRow(suggestion) } };
    },
    async recordExpertDelivery(id, delivery) {
      const questionId = checked(RowId, id, 'expert question id');
      const d = checked(Delivery, delivery, 'expert answer delivery');
      const status = d.error === undefined ? 'delivered' : 'undeliverable';
      return deliver.run({ questionId, status, at: d.at.getTime(), error: d.error ?? null }).changes > 0;
    },

    async getSuggestion(id) {
      const row = selectSuggestion.get(checked(RowId, id, 'suggestion id'));
      return row === undefined ? undefined : suggestionFromRow(row);
    },
    async listSuggestions(query) {
      const q = checked(SuggestionQuery, query, 'suggestion query');
      return selectSuggestions.all({ status: q.status ?? null, limit: q.limit }).map(suggestionFromRow);
    },
    async decideSuggestion(id, decision) {
      const suggestionId = checked(RowId, id, 'suggestion id');
      const d = checked(Decision, decision, 'decision');
      const { changes } = decide.run({ suggestionId, status: d.decision, id: d.by.id, name: d.by.name, at: d.at.getTime() });
      const row = selectSuggestion.get(suggestionId);
      return row === undefined ? undefined : { won: changes > 0, value: suggestionFromRow(row) };
    },
    async reopenSuggestion(id) {
      reopen.run(checked(RowId, id, 'suggestion id'));
    },

    async purgeExpertText(before) {
      return purge.immediate(checked(StateTime, before, 'purge cutoff').getTime());
    },

    async getSetting(key) {
      const value = selectSetting.get(checked(SettingKey, key, 'setting key'));
      return value === undefined ? undefined : JSON.parse(value);
    },
    async setSetting(key, value, at) {
      const json = jsonOf(value, 'setting value');
      upsertSetting.run(checked(SettingKey, key, 'setting key'), json, checked(StateTime, at, 'setting time').getTime());
    },

    async recordAnswerOutcome(outcome) {
      const o = checked(AnswerOutcome, outcome, 'answer outcome');
      // One per answer: in the turn's group commit (sqlite-store.ts).
      await turnWrites.run(() => insertOutcome.run(o.outcome, o.at.getTime()));
    },
    async listAnswerOutcomes(since) {
      return selectOutcomes
        .all(checked(StateTime, since, 'since').getTime())
        .map((r) => checked(AnswerOutcome, { outcome: r.outcome, at: new Date(r.at) }, 'stored answer outcome row'));
    },
  };
}
