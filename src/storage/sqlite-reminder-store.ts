// The reminder half of the SQLite store.
//
// How a row is claimed for delivery, and why not as in PostgreSQL: delivery
// waits on the network for seconds, and a transaction held that long would hold
// SQLite's one write lock and stall every other write of the bot. So a claim is
// a mark instead: `claimed_by` is set to the id of the process delivering the
// row, in one UPDATE that only takes unclaimed rows, and cleared together with
// the outcome. Two calls, from one store or from several stores in the process,
// therefore never get the same row.
//
// The SQLite store serves one bot process by design (several instances use
// PostgreSQL). A claim by another process id found when the file is opened is
// therefore left by a process that ended mid-delivery (it crashed or was
// killed), and is released, so the row is delivered again. The price is the
// same as in PostgreSQL: a reminder sent just before a crash may be sent twice;
// none is lost. Opening the file from a second process while the bot delivers
// would release the bot's claims too: do not.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
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
  type ReminderStore,
} from './reminder-store';
import { checked, ConversationId, StateTime } from './rows';

/** Shared by every store this process opens: their claims are all alive while the process is. */
export const PROCESS_ID = randomUUID();

/** Releases the claims of processes that ended; returns how many there were. Call when opening. */
export function releaseAbandonedClaims(db: Database.Database, processId: string): number {
  return db.prepare('UPDATE reminders SET claimed_by = NULL WHERE claimed_by <> ?').run(processId).changes;
}

export function sqliteReminderStore(db: Database.Database, processId: string): ReminderStore {
  const conversation = conversationColumns('sqlite');
  const reminder = reminderColumns('sqlite');
  const upsertConversation = db.prepare(
    `INSERT INTO conversation_references (conversation_id, kind, tenant_id, service_url, user_aad_object_id,
       user_principal_name, team_id, reference, updated_at)
     VALUES (@conversationId, @kind, @tenantId, @serviceUrl, @userAadObjectId, @userPrincipalName, @teamId,
       @reference, @updatedAt)
     ON CONFLICT (conversation_id) DO UPDATE SET
       kind = excluded.kind,
       tenant_id = coalesce(excluded.tenant_id, conversation_references.tenant_id),
       service_url = excluded.service_url,
       user_aad_object_id = coalesce(excluded.user_aad_object_id, conversation_references.user_aad_object_id),
       user_principal_name = coalesce(excluded.user_principal_name, conversation_references.user_principal_name),
       team_id = coalesce(excluded.team_id, conversation_references.team_id),
       reference = excluded.reference,
       updated_at = excluded.updated_at`,
  );
  const deleteConversation = db.prepare('DELETE FROM conversation_references WHERE conversation_id = ?');
  const deleteTeam = db.prepare('DELETE FROM conversation_references WHERE team_id = ?');
  const selectPersonal = db.prepare<{ user: string }, ConversationRow>(
    `SELECT ${conversation} FROM conversation_references
     WHERE kind = 'personal' AND (lower(user_aad_object_id) = lower(@user) OR lower(user_principal_name) = lower(@user))
     ORDER BY updated_at DESC, conversation_id LIMIT 1`,
  );
  const selectTeams = db.prepare<[], ConversationRow>(
    `SELECT ${conversation} FROM (
       SELECT *, row_number() OVER (PARTITION BY team_id ORDER BY updated_at DESC, conversation_id) AS newest
       FROM conversation_references WHERE kind = 'channel' AND team_id IS NOT NULL
     ) WHERE newest = 1 ORDER BY team_id`,
  );
  const insertReminder = db.prepare(
    `INSERT INTO reminders (key, deadline_id, occurrence, owner, recipient, role, stage, payload, status, attempts,
       next_attempt_at, created_at)
     VALUES (@key, @deadlineId, @occurrence, @owner, @recipient, @role, @stage, @payload, 'pending', 0,
       @nextAttemptAt, @createdAt)
     ON CONFLICT (key) DO NOTHING`,
  );
  const claimNext = db.prepare<{ processId: string; now: number }, ReminderRow>(
    `UPDATE reminders SET claimed_by = @processId
     WHERE id = (SELECT id FROM reminders
                 WHERE status = 'pending' AND claimed_by IS NULL AND next_attempt_at <= @now
                 ORDER BY next_attempt_at, id LIMIT 1)
     RETURNING ${reminder}`,
  );
  const recordOutcome = db.prepare(
    `UPDATE reminders SET
       status = @status,
       attempts = attempts + 1,
       next_attempt_at = coalesce(@nextAttemptAt, next_attempt_at),
       last_error = coalesce(@lastError, last_error),
       sent_at = coalesce(@sentAt, sent_at),
       activity_id = coalesce(@activityId, activity_id),
       conversation_id = coalesce(@conversationId, conversation_id),
       claimed_by = NULL
     WHERE key = @key AND claimed_by = @processId`,
  );
  const selectReminders = db.prepare<
    { deadlineId: string | null; status: string | null; limit: number },
    ReminderRow
  >(
    `SELECT ${reminder} FROM reminders
     WHERE (@deadlineId IS NULL OR deadline_id = @deadlineId) AND (@status IS NULL OR status = @status)
     ORDER BY created_at DESC, id DESC LIMIT @limit`,
  );
  // Answered from the reminders_stages index alone, without touching the payloads.
  const selectStages = db.prepare<[], EnqueuedStage>(
    `SELECT deadline_id AS deadlineId, occurrence, recipient, stage, key FROM reminders
     ORDER BY deadline_id, occurrence, recipient, stage, key`,
  );
  const insertAcknowledgement = db.prepare(
    `INSERT INTO reminder_acknowledgements (deadline_id, occurrence, owner, acknowledged_by, at)
     VALUES (@deadlineId, @occurrence, @owner, @by, @at)
     ON CONFLICT (deadline_id, occurrence, owner) DO NOTHING`,
  );
  const acknowledgementColumns = 'deadline_id AS deadlineId, occurrence, owner, acknowledged_by AS "by", at';
  const selectAcknowledgement = db.prepare<
    { deadlineId: string; occurrence: string; owner: string },
    AcknowledgementRow
  >(
    `SELECT ${acknowledgementColumns} FROM reminder_acknowledgements
     WHERE deadline_id = @deadlineId AND occurrence = @occurrence AND owner = @owner`,
  );
  const selectAcknowledgements = db.prepare<[], AcknowledgementRow>(
    `SELECT ${acknowledgementColumns} FROM reminder_acknowledgements ORDER BY deadline_id, occurrence, owner`,
  );
  const upsertSnooze = db.prepare(
    `INSERT INTO reminder_snoozes (deadline_id, occurrence, owner, until, at)
     VALUES (@deadlineId, @occurrence, @owner, @until, @at)
     ON CONFLICT (deadline_id, occurrence, owner) DO UPDATE SET until = excluded.until, at = excluded.at
     WHERE excluded.at >= reminder_snoozes.at`,
  );
  const selectSnoozes = db.prepare<[], SnoozeRow>(
    `SELECT deadline_id AS deadlineId, occurrence, owner, until, at FROM reminder_snoozes
     ORDER BY deadline_id, occurrence, owner`,
  );

  // better-sqlite3 is synchronous; the methods are async so that every failure,
  // validation included, arrives as a rejected promise like PostgreSQL's.
  // The same GCRA step as PostgreSQL's; `now` is this process's clock, the only one a SQLite file has.
  const reserveSlot = db.prepare<{ tenantId: string; now: number; intervalMs: number }, { tat: number }>(
    `INSERT INTO send_budget (tenant_id, tat) VALUES (@tenantId, @now + @intervalMs)
     ON CONFLICT (tenant_id) DO UPDATE SET tat = max(send_budget.tat + @intervalMs, excluded.tat)
     RETURNING tat`,
  );
  return {
    async saveConversation(record) {
      const c = checked(ConversationRecord, record, 'conversation');
      upsertConversation.run({
        conversationId: c.conversationId,
        kind: c.kind,
        tenantId: c.tenantId ?? null,
        serviceUrl: c.serviceUrl,
        userAadObjectId: c.userAadObjectId ?? null,
        userPrincipalName: c.userPrincipalName ?? null,
        teamId: c.teamId ?? null,
        reference: JSON.stringify(c.reference),
        updatedAt: c.updatedAt.getTime(),
      });
    },
    async removeConversation(conversationId) {
      return deleteConversation.run(checked(ConversationId, conversationId, 'conversation id')).changes > 0;
    },
    async removeTeamConversations(teamId) {
      return deleteTeam.run(checked(TeamId, teamId, 'team id')).changes;
    },
    async findPersonalConversation(userIdOrUpn) {
      const row = selectPersonal.get({ user: checked(UserIdOrUpn, userIdOrUpn, 'user id or UPN') });
      return row === undefined ? undefined : conversationFromRow(row);
    },
    async listTeamConversations() {
      return selectTeams.all().map(conversationFromRow);
    },

    async enqueueReminders(rows, now) {
      const created = checked(StateTime, now, 'enqueue time').getTime();
      const valid = checked(NewReminders, rows, 'reminders to enqueue');
      const insertAll = db.transaction(() =>
        // Key order, as in PostgreSQL, where it keeps concurrent batches from deadlocking.
        sortedByKey(valid).reduce(
          (inserted, r) =>
            inserted +
            insertReminder.run({
              key: r.key,
              deadlineId: r.deadlineId,
              occurrence: r.occurrence,
              owner: r.owner,
              recipient: r.recipient,
              role: r.role,
              stage: r.stage,
              payload: JSON.stringify(r.payload),
              nextAttemptAt: r.nextAttemptAt?.getTime() ?? created,
              createdAt: created,
            }).changes,
          0,
        ),
      );
      return insertAll.immediate();
    },
    async processNextReminder(now, handler) {
      const at = checked(StateTime, now, 'processing time');
      const row = claimNext.get({ processId, now: at.getTime() });
      if (row === undefined) return false;
      const outcome = await deliver(handler, row, at);
      const { changes } = recordOutcome.run({
        key: row.key,
        processId,
        status: outcome.status,
        nextAttemptAt: outcome.nextAttemptAt?.getTime() ?? null,
        lastError: outcome.lastError,
        sentAt: outcome.sentAt?.getTime() ?? null,
        activityId: outcome.activityId,
        conversationId: outcome.conversationId,
      });
      if (changes === 0) {
        throw new Error(
          `The reminder ${row.key} was delivered (${outcome.status}) but its claim had been released meanwhile ` +
            '(another process opened the SQLite file); it may be delivered again.',
        );
      }
      return true;
    },
    async listReminders(query) {
      const q = checked(ReminderQuery, query, 'reminder query');
      return selectReminders
        .all({ deadlineId: q.deadlineId ?? null, status: q.status ?? null, limit: q.limit })
        .map(reminderFromRow);
    },
    async listEnqueuedStages() {
      return selectStages.all();
    },

    async acknowledge(acknowledgement) {
      const a = checked(Acknowledgement, acknowledgement, 'acknowledgement');
      insertAcknowledgement.run({ ...a, at: a.at.getTime() });
      const stored = selectAcknowledgement.get({ deadlineId: a.deadlineId, occurrence: a.occurrence, owner: a.owner });
      // Acknowledgements are never deleted, so the row just inserted or found is there.
      if (stored === undefined) throw new Error(`The acknowledgement of ${a.deadlineId} ${a.occurrence} vanished`);
      return acknowledgementFromRow(stored);
    },
    async listAcknowledgements() {
      return selectAcknowledgements.all().map(acknowledgementFromRow);
    },
    async snooze(snooze) {
      const s = checked(Snooze, snooze, 'snooze');
      upsertSnooze.run({ ...s, until: s.until.getTime(), at: s.at.getTime() });
    },
    async listSnoozes() {
      return selectSnoozes.all().map(snoozeFromRow);
    },
    async reserveSendSlot(tenantId, rate) {
      const { perSecond, burst } = checked(SendRate, rate, 'send rate');
      const intervalMs = 1000 / perSecond;
      const now = Date.now();
      const row = reserveSlot.get({ tenantId: checked(TenantId, tenantId, 'tenant id'), now, intervalMs });
      return Math.max(0, (row?.tat ?? now) - burst * intervalMs - now);
    },
  };
}
