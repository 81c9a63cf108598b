// The embedded store: one SQLite file next to the bot, for a single instance.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pendingMigrations } from './migrations';
import type { ExpertStore } from './expert-store';
import type { ReminderStore } from './reminder-store';
import {
  AnswerId,
  checked,
  ConversationId,
  Cutoffs,
  feedbackFromRow,
  jsonOf,
  ListLimit,
  sentAnswerFromRow,
  sentAnswerToRow,
  StateTime,
  unansweredFromRow,
  type FeedbackRow,
  type SentAnswerRow,
  type UnansweredRow,
} from './rows';
import { sqliteExpertStore } from './sqlite-expert-store';
import { groupCommit, type GroupCommit } from './sqlite-group-commit';
import { releaseAbandonedClaims, PROCESS_ID, sqliteReminderStore } from './sqlite-reminder-store';
import { DeliveryKey, Feedback, UnansweredQuestion, type PurgeCounts, type PurgeCutoffs, type Store } from './store';

export interface SqliteStoreOptions {
  /** A file path (its folder is created if missing) or ':memory:'. */
  path: string;
  /**
   * Whose reminder claims are alive: opening releases every other one, as
   * left by a process that ended mid-delivery (sqlite-reminder-store.ts).
   * Tests pass their own to play an earlier process.
   */
  processId?: string;
}

export async function openSqliteStore({
  path: file,
  processId = PROCESS_ID,
}: SqliteStoreOptions): Promise<Store & ReminderStore & ExpertStore> {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') await mkdir(path.dirname(file), { recursive: true });
    // No busy timeout: better-sqlite3 waits for a lock synchronously, so the default 5 s
    // froze the whole process (health checks included) while another process held the
    // file. A locked file now fails the call at once, and the resilient store
    // (reliability/resilient-store.ts) answers from memory and queues the writes.
    db = new Database(file, { timeout: 0 });
    // WAL lets readers (the editors' lists) run while the bot writes. With WAL,
    // synchronous=NORMAL may lose the last writes on a power cut but never
    // corrupts the file, and spares an fsync per feedback click.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
    releaseAbandonedClaims(db, processId);
  } catch (err) {
    db?.close();
    throw new Error(`Could not open the SQLite store at ${file}: ${(err as Error).message}`, { cause: err });
  }
  // Every turn's claim, state, sent answer, outcome and unanswered question: one transaction for all that arrive together.
  const turnWrites = groupCommit(db);
  return { ...sqliteStore(db, turnWrites), ...sqliteReminderStore(db, processId), ...sqliteExpertStore(db, turnWrites) };
}

function migrate(db: Database.Database): void {
  // IMMEDIATE takes the write lock before reading the applied versions, so two
  // processes opening the same file cannot both apply the same migration.
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    const applied = db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all();
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pendingMigrations(applied.map((row) => row.version))) {
      db.exec(m.sqlite);
      record.run(m.version, m.name, Date.now());
    }
  });
  run.immediate();
}

function sqliteStore(db: Database.Database, turnWrites: GroupCommit): Store {
  const insertFeedback = db.prepare(
    `INSERT INTO feedback (answer_id, rating, question, answer_title, at)
     VALUES (@answerId, @rating, @question, @answerTitle, @at)`,
  );
  const insertUnanswered = db.prepare(
    'INSERT INTO unanswered (question, lang, outcome, at) VALUES (@question, @lang, @outcome, @at)',
  );
  const selectFeedback = db.prepare<[number], FeedbackRow>(
    `SELECT answer_id AS answerId, rating, question, answer_title AS answerTitle, at
     FROM feedback ORDER BY at DESC, id DESC LIMIT ?`,
  );
  const selectUnanswered = db.prepare<[number], UnansweredRow>(
    'SELECT question, lang, outcome, at FROM unanswered ORDER BY at DESC, id DESC LIMIT ?',
  );
  // pluck: the column's value rather than a row object; this runs for every question.
  const selectState = db
    .prepare<[string], string>('SELECT state FROM conversation_state WHERE conversation_id = ?')
    .pluck();
  const upsertState = db.prepare(
    `INSERT INTO conversation_state (conversation_id, state, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (conversation_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );

  const selectOnboarding = db.prepare<[string], { progress: string }>('SELECT progress FROM onboarding_progress WHERE user_id = ?');
  const upsertOnboarding = db.prepare(
    `INSERT INTO onboarding_progress (user_id, progress, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET progress = excluded.progress, updated_at = excluded.updated_at`,
  );

  const insertAnswer = db.prepare(
    'INSERT INTO sent_answers (answer_id, question, answer, at) VALUES (?, ?, ?, ?) ON CONFLICT (answer_id) DO NOTHING',
  );
  const selectAnswer = db.prepare<[string], SentAnswerRow>(
    'SELECT answer_id AS answerId, question, answer, at FROM sent_answers WHERE answer_id = ?',
  );
  const claimWelcome = db.prepare<[string, number]>('INSERT INTO welcomes (conversation_id, at) VALUES (?, ?) ON CONFLICT (conversation_id) DO NOTHING');
  const forgetWelcome = db.prepare<[string]>('DELETE FROM welcomes WHERE conversation_id = ?');
  const insertDelivery = db.prepare('INSERT INTO delivered_activities (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
  const probe = db.prepare('INSERT INTO readiness_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
  const purgeFeedback = db.prepare("UPDATE feedback SET question = '' WHERE at < ? AND question <> ''");
  const purgeUnanswered = db.prepare('DELETE FROM unanswered WHERE at < ?');
  const deleteDelivery = db.prepare('DELETE FROM delivered_activities WHERE key = ? AND at = ?');
  const purgeKeys = db.prepare('DELETE FROM delivered_activities WHERE at < ?');
  const purgeAnswers = db.prepare('DELETE FROM sent_answers WHERE at < ?');
  const purge = db.transaction((cutoffs: PurgeCutoffs): PurgeCounts => ({
    feedback: purgeFeedback.run(cutoffs.textBefore.getTime()).changes,
    unanswered: purgeUnanswered.run(cutoffs.textBefore.getTime()).changes,
    sentAnswers: purgeAnswers.run(cutoffs.textBefore.getTime()).changes,
    deliveryKeys: purgeKeys.run(cutoffs.keysBefore.getTime()).changes,
  }));

  // better-sqlite3 is synchronous; the methods are async so that every failure,
  // validation included, arrives as a rejected promise like PostgreSQL's.
  return {
    async recordFeedback(feedback) {
      const f = checked(Feedback, feedback, 'feedback');
      insertFeedback.run({ ...f, at: f.at.getTime() });
    },
    async recordUnanswered(question) {
      const q = checked(UnansweredQuestion, question, 'unanswered question');
      await turnWrites.run(() => insertUnanswered.run({ ...q, at: q.at.getTime() }));
    },
    async listFeedback(limit) {
      return selectFeedback.all(checked(ListLimit, limit, 'limit')).map(feedbackFromRow);
    },
    async listUnanswered(limit) {
      return selectUnanswered.all(checked(ListLimit, limit, 'limit')).map(unansweredFromRow);
    },
    async getConversationState(conversationId) {
      const state = selectState.get(checked(ConversationId, conversationId, 'conversation id'));
      return state === undefined ? undefined : JSON.parse(state);
    },
    async setConversationState(conversationId, state, at) {
      const id = checked(ConversationId, conversationId, 'conversation id');
      const json = jsonOf(state, 'conversation state');
      const time = checked(StateTime, at, 'conversation state time').getTime();
      await turnWrites.run(() => upsertState.run(id, json, time));
    },
    async getOnboarding(userId) {
      const row = selectOnboarding.get(checked(ConversationId, userId, 'user id'));
      return row === undefined ? undefined : JSON.parse(row.progress);
    },
    async setOnboarding(userId, progress, at) {
      const id = checked(ConversationId, userId, 'user id');
      const json = jsonOf(progress, 'onboarding progress');
      upsertOnboarding.run(id, json, checked(StateTime, at, 'onboarding progress time').getTime());
    },
    async saveAnswer(sent) {
      const a = sentAnswerToRow(sent);
      await turnWrites.run(() => insertAnswer.run(a.answerId, a.question, a.answer, a.at.getTime()));
    },
    async findAnswer(answerId) {
      const row = selectAnswer.get(checked(AnswerId, answerId, 'answer id'));
      return row === undefined ? undefined : sentAnswerFromRow(row);
    },
    async claimWelcome(conversationId, at) {
      const id = checked(ConversationId, conversationId, 'conversation id');
      return claimWelcome.run(id, checked(StateTime, at, 'welcome time').getTime()).changes === 1;
    },
    async forgetWelcome(conversationId) {
      forgetWelcome.run(checked(ConversationId, conversationId, 'conversation id'));
    },
    async claimActivity(key, at) {
      const k = checked(DeliveryKey, key, 'delivery key');
      const time = checked(StateTime, at, 'delivery time').getTime();
      return turnWrites.run(() => insertDelivery.run(k, time).changes === 1);
    },
    async releaseActivity(key, at) {
      deleteDelivery.run(checked(DeliveryKey, key, 'delivery key'), checked(StateTime, at, 'delivery time').getTime());
    },
    async purge(cutoffs) {
      return purge(checked(Cutoffs, cutoffs, 'purge cutoffs'));
    },
    async ping() {
      probe.run(Date.now());
    },
    async close() {
      // Writes still waiting for their transaction are made first, not dropped.
      if (db.open) turnWrites.flush();
      if (db.open) db.close();
    },
  };
}
