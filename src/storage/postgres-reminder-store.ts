// The reminder half of the PostgreSQL store, where several bot instances
// deliver from one outbox.
//
// A row is claimed by locking it (SELECT … FOR UPDATE SKIP LOCKED) in a
// transaction that stays open while the handler delivers and then records the
// outcome. Other instances skip the locked row, so no two handlers ever get
// it; if the process dies mid-delivery, PostgreSQL rolls the transaction back
// when the connection drops and the row is pending again for the next
// instance. A reminder sent just before such a crash may thus be sent twice;
// none is lost.
import type { Pool, PoolClient } from 'pg';
import {
  acknowledgementFromRow,
  conversationColumns,
  conversationFromRow,
  deliver,
  NewReminders,
  reminderColumns,
  reminderFromRow,
  snoozeFromRow,
  sortedByKey,
  TeamId,
  TenantId,
  UserIdOrUpn,
  type AcknowledgementRow,
  type ConversationRow,
  type ReminderRow,
  type SnoozeRow,
} from './reminder-rows';
import {
  Acknowledgement,
  ConversationRecord,
  ReminderQuery,
  SendRate,
  Snooze,
  type EnqueuedStage,
  type NewReminder,
  type ReminderStore,
} from './reminder-store';
import { checked, ConversationId, StateTime } from './rows';

const ACKNOWLEDGEMENT_COLUMNS = 'deadline_id AS "deadlineId", occurrence, owner, acknowledged_by AS "by", at';

export function postgresReminderStore(pool: Pool): ReminderStore {
  const conversation = conversationColumns('postgres');
  const reminder = reminderColumns('postgres');
  return {
    async saveConversation(record) {
      const c = checked(ConversationRecord, record, 'conversation');
      await pool.query(
        `INSERT INTO conversation_references (conversation_id, kind, tenant_id, service_url, user_aad_object_id,
           user_principal_name, team_id, reference, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (conversation_id) DO UPDATE SET
           kind = EXCLUDED.kind,
           tenant_id = coalesce(EXCLUDED.tenant_id, conversation_references.tenant_id),
           service_url = EXCLUDED.service_url,
           user_aad_object_id = coalesce(EXCLUDED.user_aad_object_id, conversation_references.user_aad_object_id),
           user_principal_name = coalesce(EXCLUDED.user_principal_name, conversation_references.user_principal_name),
           team_id = coalesce(EXCLUDED.team_id, conversation_references.team_id),
           reference = EXCLUDED.reference,
           updated_at = EXCLUDED.updated_at`,
        [
          c.conversationId,
          c.kind,
          c.tenantId ?? null,
          c.serviceUrl,
          c.userAadObjectId ?? null,
          c.userPrincipalName ?? null,
          c.teamId ?? null,
          // Stringified here: pg would turn a top-level array into a PostgreSQL array literal.
          JSON.stringify(c.reference),
          c.updatedAt,
        ],
      );
    },
    async removeConversation(conversationId) {
      const { rowCount } = await pool.query('DELETE FROM conversation_references WHERE conversation_id = $1', [
        checked(ConversationId, conversationId, 'conversation id'),
      ]);
      return (rowCount ?? 0) > 0;
    },
    async removeTeamConversations(teamId) {
      const { rowCount } = await pool.query('DELETE FROM conversation_references WHERE team_id = $1', [
        checked(TeamId, teamId, 'team id'),
      ]);
      return rowCount ?? 0;
    },
    async findPersonalConversation(userIdOrUpn) {
      const { rows } = await pool.query<ConversationRow>(
        `SELECT ${conversation} FROM conversation_references
         WHERE kind = 'personal' AND (lower(user_aad_object_id) = lower($1) OR lower(user_principal_name) = lower($1))
         ORDER BY updated_at DESC, conversation_id LIMIT 1`,
        [checked(UserIdOrUpn, userIdOrUpn, 'user id or UPN')],
      );
      return rows[0] === undefined ? undefined : conversationFromRow(rows[0]);
    },
    async listTeamConversations() {
      const { rows } = await pool.query<ConversationRow>(
        `SELECT DISTINCT ON (team_id) ${conversation} FROM conversation_references
         WHERE kind = 'channel' AND team_id IS NOT NULL
         ORDER BY team_id, updated_at DESC, conversation_id`,
      );
      return rows.map(conversationFromRow);
    },

    async enqueueReminders(rows, now) {
      const created = checked(StateTime, now, 'enqueue time');
      const valid = sortedByKey(checked(NewReminders, rows, 'reminders to enqueue'));
      if (valid.length === 0) return 0;
      const column = <K extends keyof NewReminder>(k: K) => valid.map((r) => r[k]);
      // One statement, so the batch is all or nothing. ON CONFLICT DO NOTHING
      // waits for a concurrent insert of the same key and then skips it, so two
      // instances enqueueing the same keys get one row each; the key order
      // (kept WITH ORDINALITY) stops their batches from deadlocking.
      const { rowCount } = await pool.query(
        `INSERT INTO reminders (key, deadline_id, occurrence, owner, recipient, role, stage, payload, status,
           attempts, next_attempt_at, created_at)
         SELECT key, deadline_id, occurrence, owner, recipient, role, stage, payload::json, 'pending',
           0, coalesce(next_attempt_at, $10::timestamptz), $10::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                     $8::text[], $9::timestamptz[])
           WITH ORDINALITY AS r(key, deadline_id, occurrence, owner, recipient, role, stage, payload,
                                next_attempt_at, n)
         ORDER BY n
         ON CONFLICT (key) DO NOTHING`,
        [
          column('key'),
          column('deadlineId'),
          column('occurrence'),
          column('owner'),
          column('recipient'),
          column('role'),
          column('stage'),
          valid.map((r) => JSON.stringify(r.payload)),
          valid.map((r) => r.nextAttemptAt ?? null),
          created,
        ],
      );
      return rowCount ?? 0;
    },
    async processNextReminder(now, handler) {
      const at = checked(StateTime, now, 'processing time');
      return inDeliveryTransaction(pool, async (client) => {
        const { rows } = await client.query<ReminderRow>(
          `SELECT ${reminder} FROM reminders
           WHERE status = 'pending' AND next_attempt_at <= $1
           ORDER BY next_attempt_at, id LIMIT 1
           FOR UPDATE SKIP LOCKED`,
          [at],
        );
        const row = rows[0];
        if (row === undefined) return false;
        const outcome = await deliver(handler, row, at);
        await client.query(
          `UPDATE reminders SET
             status = $2,
             attempts = attempts + 1,
             next_attempt_at = coalesce($3, next_attempt_at),
             last_error = coalesce($4, last_error),
             sent_at = coalesce($5, sent_at),
             activity_id = coalesce($6, activity_id),
             conversation_id = coalesce($7, conversation_id)
           WHERE key = $1`,
          [
            row.key,
            outcome.status,
            outcome.nextAttemptAt,
            outcome.lastError,
            outcome.sentAt,
            outcome.activityId,
            outcome.conversationId,
          ],
        );
        return true;
      });
    },
    async listReminders(query) {
      const q = checked(ReminderQuery, query, 'reminder query');
      const { rows } = await pool.query<ReminderRow>(
        `SELECT ${reminder} FROM reminders
         WHERE ($1::text IS NULL OR deadline_id = $1) AND ($2::text IS NULL OR status = $2)
         ORDER BY created_at DESC, id DESC LIMIT $3`,
        [q.deadlineId ?? null, q.status ?? null, q.limit],
      );
      return rows.map(reminderFromRow);
    },
    async listEnqueuedStages() {
      // An index-only scan of reminders_stages: the payloads are never read.
      const { rows } = await pool.query<EnqueuedStage>(
        `SELECT deadline_id AS "deadlineId", occurrence, recipient, stage, key FROM reminders
         ORDER BY deadline_id, occurrence, recipient, stage, key`,
      );
      return rows;
    },

    async acknowledge(acknowledgement) {
      const a = checked(Acknowledgement, acknowledgement, 'acknowledgement');
      const key = [a.deadlineId, a.occurrence, a.owner];
      await pool.query(
        `INSERT INTO reminder_acknowledgements (deadline_id, occurrence, owner, acknowledged_by, at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (deadline_id, occurrence, owner) DO NOTHING`,
        [...key, a.by, a.at],
      );
      // A second statement, not a CTE: its fresh snapshot sees a first acknowledgement
      // that a concurrent instance committed while the insert above waited for it.
      const { rows } = await pool.query<AcknowledgementRow>(
        `SELECT ${ACKNOWLEDGEMENT_COLUMNS} FROM reminder_acknowledgements
         WHERE deadline_id = $1 AND occurrence = $2 AND owner = $3`,
        key,
      );
      // Acknowledgements are never deleted, so the row just inserted or found is there.
      if (rows[0] === undefined) throw new Error(`The acknowledgement of ${a.deadlineId} ${a.occurrence} vanished`);
      return acknowledgementFromRow(rows[0]);
    },
    async listAcknowledgements() {
      const { rows } = await pool.query<AcknowledgementRow>(
        `SELECT ${ACKNOWLEDGEMENT_COLUMNS} FROM reminder_acknowledgements ORDER BY deadline_id, occurrence, owner`,
      );
      return rows.map(acknowledgementFromRow);
    },
    async snooze(snooze) {
      const s = checked(Snooze, snooze, 'snooze');
      await pool.query(
        `INSERT INTO reminder_snoozes (deadline_id, occurrence, owner, until, at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (deadline_id, occurrence, owner) DO UPDATE SET until = EXCLUDED.until, at = EXCLUDED.at
         WHERE EXCLUDED.at >= reminder_snoozes.at`,
        [s.deadlineId, s.occurrence, s.owner, s.until, s.at],
      );
    },
    async listSnoozes() {
      const { rows } = await pool.query<SnoozeRow>(
        `SELECT deadline_id AS "deadlineId", occurrence, owner, until, at FROM reminder_snoozes
         ORDER BY deadline_id, occurrence, owner`,
      );
      return rows.map(snoozeFromRow);
    },
    async reserveSendSlot(tenantId, rate) {
      const { perSecond, burst } = checked(SendRate, rate, 'send rate');
      const intervalMs = 1000 / perSecond;
      // One statement on its own connection (autocommit): the tenant's row is
      // locked for microseconds, never across a delivery, so instances queue
      // here only for as long as the update takes.
      const { rows } = await pool.query<{ wait_ms: number }>(
        `INSERT INTO send_budget AS b (tenant_id, tat)
           VALUES ($1, clock_timestamp() + make_interval(secs => $2 / 1000.0))
         ON CONFLICT (tenant_id) DO UPDATE SET tat = greatest(b.tat + make_interval(secs => $2 / 1000.0), EXCLUDED.tat)
         RETURNING greatest(0, extract(epoch FROM b.tat - clock_timestamp()) * 1000 - $3)::float8 AS wait_ms`,
        [checked(TenantId, tenantId, 'tenant id'), intervalMs, burst * intervalMs],
      );
      return rows[0]?.wait_ms ?? 0;
    },
  };
}

/**
 * Runs `work` in a transaction on a client of its own, held for as long as the
 * handler delivers, and always gives the client back: discarded when its
 * connection failed, so the pool never hands out a dead one.
 */
async function inDeliveryTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // While the handler runs, the connection idles inside the transaction. pg
  // reports a connection lost then as an 'error' event on the client, which the
  // pool does not listen to while the client is checked out; unheard, it would
  // crash the process. Heard, it fails the next query, which rolls back below.
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost = err;
  };
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    client.removeListener('error', onError);
    client.release(lost ?? broken);
  }
}
