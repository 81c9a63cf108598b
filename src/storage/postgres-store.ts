// The shared store: PostgreSQL, for several bot instances behind a load balancer.
import { Pool, type PoolClient } from 'pg';
import { z } from 'zod';
import { consoleLogger, describeError, type Logger } from '../log';
import { pendingMigrations } from './migrations';
import type { ExpertStore } from './expert-store';
import { postgresExpertStore } from './postgres-expert-store';
import { postgresReminderStore } from './postgres-reminder-store';
import { postgresRounds, type Rounds } from './postgres-rounds';
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
import { DeliveryKey, Feedback, UnansweredQuestion, type Store } from './store';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Puts every table in this schema, created if missing (tests isolate themselves this way). */
  schema?: string;
  /** Where a failed idle connection (e.g. the server restarted) is reported; the pool replaces it by itself. */
  log?: Logger;
}

// Plain lower-case identifiers only: the name goes into the connection's
// startup options, where quoting rules differ from SQL's, and into DDL.
const SchemaName = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'expected a lower-case identifier: [a-z_][a-z0-9_]*, at most 63 characters');

export async function openPostgresStore({
  connectionString,
  schema,
  log = consoleLogger,
}: PostgresStoreOptions): Promise<Store & ReminderStore & ExpertStore> {
  const name = schema === undefined ? undefined : checked(SchemaName, schema, 'PostgreSQL schema name');
  const pool = new Pool({
    connectionString,
    // Set on every connection, so each query (later features' too) lands in the schema.
    ...(name !== undefined && { options: `-c search_path=${name}` }),
    // The defaults wait forever, for a connection and for a query: a frozen server held
    // every turn. Turns have shorter deadlines of their own (reliability/deadline.ts);
    // these bound everything else (reminders, admin reports) and free the pool's clients.
    connectionTimeoutMillis: 5_000,
    query_timeout: 5_000,
    // The reminder dispatcher holds up to 8 (one per row in delivery, see
    // reminders/dispatcher.ts); the rest serve the questions asked meanwhile.
    max: 20,
  });
  // Without a listener, an idle connection's error would crash the process.
  pool.on('error', (err) => log.warn('PostgreSQL store: an idle connection failed', describeError(err)));
  try {
    const client = await pool.connect();
    await inTransaction(client, () => migrate(client, name));
  } catch (err) {
    await pool.end();
    const where = name === undefined ? '' : ` (schema ${name})`;
    throw new Error(`Could not open the PostgreSQL store${where}: ${(err as Error).message}`, { cause: err });
  }
  // A turn's claim, state, sent answer, outcome and unanswered question go in rounds (postgres-rounds.ts).
  const rounds = postgresRounds(pool);
  return { ...postgresStore(pool, rounds), ...postgresReminderStore(pool), ...postgresExpertStore(pool, rounds) };
}

async function inTransaction(client: PoolClient, work: () => Promise<void>): Promise<void> {
  try {
    await client.query('BEGIN');
    await work();
    await client.query('COMMIT');
    client.release();
  } catch (err) {
    // A connection that cannot even roll back is broken: release(error) discards it.
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: Error) => client.release(rollbackError),
    );
    throw err;
  }
}

async function migrate(client: PoolClient, schema: string | undefined): Promise<void> {
  // Instances starting at once queue here: the first applies the migrations, the
  // others then find them applied. The lock ends with the transaction, also
  // when the connection drops. CREATE SCHEMA/TABLE IF NOT EXISTS alone would
  // still race (duplicate key in the catalog).
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`sikker-by-assistant migrations ${schema ?? ''}`]);
  if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
  for (const m of pendingMigrations(rows.map((row) => row.version))) {
    await client.query(m.postgres);
    await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
  }
}

function postgresStore(pool: Pool, rounds: Rounds): Store {
  let closed = false;
  return {
    async recordFeedback(feedback) {
      const f = checked(Feedback, feedback, 'feedback');
      await pool.query(
        'INSERT INTO feedback (answer_id, rating, question, answer_title, at) VALUES ($1, $2, $3, $4, $5)',
        [f.answerId, f.rating, f.question, f.answerTitle, f.at],
      );
    },
    async recordUnanswered(question) {
      await rounds.recordUnanswered(checked(UnansweredQuestion, question, 'unanswered question'));
    },
    async listFeedback(limit) {
      const { rows } = await pool.query<FeedbackRow>(
        `SELECT answer_id AS "answerId", rating, question, answer_title AS "answerTitle", at
         FROM feedback ORDER BY at DESC, id DESC LIMIT $1`,
        [checked(ListLimit, limit, 'limit')],
      );
      return rows.map(feedbackFromRow);
    },
    async listUnanswered(limit) {
      const { rows } = await pool.query<UnansweredRow>(
        'SELECT question, lang, outcome, at FROM unanswered ORDER BY at DESC, id DESC LIMIT $1',
        [checked(ListLimit, limit, 'limit')],
      );
      return rows.map(unansweredFromRow);
    },
    async getConversationState(conversationId) {
      // Selected as text and parsed here, as in SQLite, rather than through pg's global type parsers.
      const state = await rounds.readState(checked(ConversationId, conversationId, 'conversation id'));
      return state === undefined ? undefined : JSON.parse(state);
    },
    async setConversationState(conversationId, state, at) {
      const id = checked(ConversationId, conversationId, 'conversation id');
      // Stringified here: pg would turn a top-level array into a PostgreSQL array literal.
      const json = jsonOf(state, 'conversation state');
      await rounds.writeState(id, json, checked(StateTime, at, 'conversation state time'));
    },
    async getOnboarding(userId) {
      const { rows } = await pool.query<{ progress: string }>('SELECT progress::text AS progress FROM onboarding_progress WHERE user_id = $1', [
        checked(ConversationId, userId, 'user id'),
      ]);
      return rows[0] === undefined ? undefined : JSON.parse(rows[0].progress);
    },
    async setOnboarding(userId, progress, at) {
      const id = checked(ConversationId, userId, 'user id');
      const json = jsonOf(progress, 'onboarding progress');
      await pool.query(
        `INSERT INTO onboarding_progress (user_id, progress, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET progress = EXCLUDED.progress, updated_at = EXCLUDED.updated_at`,
        [id, json, checked(StateTime, at, 'onboarding progress time')],
      );
    },
    async saveAnswer(sent) {
      await rounds.saveAnswer(sentAnswerToRow(sent));
    },
    async findAnswer(answerId) {
      const { rows } = await pool.query<SentAnswerRow>(
        'SELECT answer_id AS "answerId", question, answer::text AS answer, at FROM sent_answers WHERE answer_id = $1',
        [checked(AnswerId, answerId, 'answer id')],
      );
      return rows[0] === undefined ? undefined : sentAnswerFromRow(rows[0]);
    },
    async claimWelcome(conversationId, at) {
      const { rowCount } = await pool.query('INSERT INTO welcomes (conversation_id, at) VALUES ($1, $2) ON CONFLICT (conversation_id) DO NOTHING', [
        checked(ConversationId, conversationId, 'conversation id'),
        checked(StateTime, at, 'welcome time'),
      ]);
      return rowCount === 1;
    },
    async forgetWelcome(conversationId) {
      await pool.query('DELETE FROM welcomes WHERE conversation_id = $1', [checked(ConversationId, conversationId, 'conversation id')]);
    },
    async claimActivity(key, at) {
      return rounds.claim(checked(DeliveryKey, key, 'delivery key'), checked(StateTime, at, 'delivery time'));
    },
    async releaseActivity(key, at) {
      await pool.query('DELETE FROM delivered_activities WHERE key = $1 AND at = $2', [checked(DeliveryKey, key, 'delivery key'), checked(StateTime, at, 'delivery time')]);
    },
    async purge(cutoffs) {
      const { textBefore, keysBefore } = checked(Cutoffs, cutoffs, 'purge cutoffs');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const feedback = await client.query("UPDATE feedback SET question = '' WHERE at < $1 AND question <> ''", [textBefore]);
        const unanswered = await client.query('DELETE FROM unanswered WHERE at < $1', [textBefore]);
        const sentAnswers = await client.query('DELETE FROM sent_answers WHERE at < $1', [textBefore]);
        const keys = await client.query('DELETE FROM delivered_activities WHERE at < $1', [keysBefore]);
        await client.query('COMMIT');
        return { feedback: feedback.rowCount ?? 0, unanswered: unanswered.rowCount ?? 0, sentAnswers: sentAnswers.rowCount ?? 0, deliveryKeys: keys.rowCount ?? 0 };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async ping() {
      // A write, not a SELECT 1: a read-only or full database answers reads.
      await pool.query('INSERT INTO readiness_probe (id, at) VALUES (1, now()) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at');
    },
    async close() {
      // pg's Pool.end() throws when called twice.
      if (closed) return;
      closed = true;
      // The calls still waiting for their round are made first, not dropped.
      await rounds.close();
      await pool.end();
    },
  };
}
