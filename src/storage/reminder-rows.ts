// What both reminder stores share: turning rows back into records, and turning
// a handler's answer into the columns that record it. The SQL stays in each
// store, where the dialect differences are visible.
import { z } from 'zod';
import { checked } from './rows';
import {
  Acknowledgement,
  ConversationRecord,
  DeliveryOutcome,
  HANDLER_ERROR_RETRY_MS,
  NewReminder,
  Reminder,
  type ReminderHandler,
  type ReminderStatus,
  Snooze,
} from './reminder-store';

// Arguments both stores check before they query.
export const UserIdOrUpn = z.string().min(1).max(1000);
export const TeamId = z.string().min(1).max(1000);
/** '' when the conversation names no tenant: those share one budget. */
export const TenantId = z.string().max(1000).refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
export const NewReminders = z.array(NewReminder);

/** Epoch milliseconds in SQLite, a Date from PostgreSQL's timestamptz. */
type At = number | Date;
type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A conversation row selected with its columns aliased to the field names; `reference` as JSON text. */
export type ConversationRow = {
  conversationId: string;
  kind: string;
  serviceUrl: string;
  reference: string;
  updatedAt: At;
} & Nullable<{ tenantId: string; userAadObjectId: string; userPrincipalName: string; teamId: string }>;

/** A reminder row selected with reminderColumns(); `payload` as JSON text. */
export type ReminderRow = {
  key: string;
  deadlineId: string;
  occurrence: string;
  owner: string;
  recipient: string;
  role: string;
  stage: string;
  payload: string;
  status: string;
  attempts: number;
  nextAttemptAt: At;
  createdAt: At;
} & Nullable<{ lastError: string; sentAt: At; activityId: string; conversationId: string }>;

/** The column list both stores select, aliased to ReminderRow (PostgreSQL quotes the aliases and casts the payload to text). */
export function reminderColumns(dialect: 'sqlite' | 'postgres'): string {
  const as = (alias: string) => (dialect === 'postgres' ? `"${alias}"` : alias);
  return [
    'key',
    `deadline_id AS ${as('deadlineId')}`,
    'occurrence',
    'owner',
    'recipient',
    'role',
    'stage',
    dialect === 'postgres' ? 'payload::text AS payload' : 'payload',
    'status',
    'attempts',
    `next_attempt_at AS ${as('nextAttemptAt')}`,
    `last_error AS ${as('lastError')}`,
    `sent_at AS ${as('sentAt')}`,
    `activity_id AS ${as('activityId')}`,
    `conversation_id AS ${as('conversationId')}`,
    `created_at AS ${as('createdAt')}`,
  ].join(', ');
}

export function conversationColumns(dialect: 'sqlite' | 'postgres'): string {
  const as = (alias: string) => (dialect === 'postgres' ? `"${alias}"` : alias);
  return [
    `conversation_id AS ${as('conversationId')}`,
    'kind',
    `tenant_id AS ${as('tenantId')}`,
    `service_url AS ${as('serviceUrl')}`,
    `user_aad_object_id AS ${as('userAadObjectId')}`,
    `user_principal_name AS ${as('userPrincipalName')}`,
    `team_id AS ${as('teamId')}`,
    dialect === 'postgres' ? 'reference::text AS reference' : 'reference',
    `updated_at AS ${as('updatedAt')}`,
  ].join(', ');
}

/** Absent optional fields are NULL columns; the records leave them out rather than carry `undefined`. */
function withoutNulls(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

const date = (at: At | null) => (at === null ? null : new Date(at));

// Parsing on the way out gives the precise types without casts, and a row
// edited by hand into something the bot does not understand fails loudly.
export function conversationFromRow(row: ConversationRow): ConversationRecord {
  return checked(
    ConversationRecord,
    withoutNulls({ ...row, reference: JSON.parse(row.reference), updatedAt: date(row.updatedAt) }),
    'stored conversation row',
  );
}

export interface AcknowledgementRow {
  deadlineId: string;
  occurrence: string;
  owner: string;
  by: string;
  at: At;
}

export interface SnoozeRow {
  deadlineId: string;
  occurrence: string;
  owner: string;
  until: At;
  at: At;
}

export function acknowledgementFromRow(row: AcknowledgementRow): Acknowledgement {
  return checked(Acknowledgement, { ...row, at: new Date(row.at) }, 'stored acknowledgement row');
}

export function snoozeFromRow(row: SnoozeRow): Snooze {
  return checked(Snooze, { ...row, until: new Date(row.until), at: new Date(row.at) }, 'stored snooze row');
}

export function reminderFromRow(row: ReminderRow): Reminder {
  return checked(
    Reminder,
    withoutNulls({
      ...row,
      payload: JSON.parse(row.payload),
      nextAttemptAt: date(row.nextAttemptAt),
      sentAt: date(row.sentAt),
      createdAt: date(row.createdAt),
    }),
    'stored reminder row',
  );
}

/** Errors can be whole HTTP bodies; the admin command needs the gist, the table no megabytes. */
const MAX_ERROR_LENGTH = 2000;

/** How a delivery changes its row; a null leaves the column as it is. attempts always goes up by one. */
export interface OutcomeColumns {
  status: ReminderStatus;
  nextAttemptAt: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  activityId: string | null;
  conversationId: string | null;
}

/**
 * Hands a claimed row to the handler and says how to record what happened.
 * Never throws: a handler that throws, or answers something that is not an
 * outcome, gets its row retried later; a row that no longer parses (edited by
 * hand) is marked failed. Either way no reminder is lost, and none blocks the
 * ones behind it by being claimed again and again.
 */
export async function deliver(handler: ReminderHandler, row: ReminderRow, now: Date): Promise<OutcomeColumns> {
  let reminder: Reminder;
  try {
    reminder = reminderFromRow(row);
  } catch (err) {
    return outcomeColumns({ kind: 'failed', error: errorText(err) }, now);
  }
  const retryLater = (error: string): DeliveryOutcome => ({
    kind: 'retry',
    at: new Date(now.getTime() + HANDLER_ERROR_RETRY_MS),
    error,
  });
  let outcome: DeliveryOutcome;
  try {
    const answer: unknown = await handler(reminder);
    const parsed = DeliveryOutcome.safeParse(answer);
    outcome = parsed.success
      ? parsed.data
      : retryLater(`The reminder handler answered no valid outcome:\n${z.prettifyError(parsed.error)}`);
  } catch (err) {
    outcome = retryLater(errorText(err));
  }
  return outcomeColumns(outcome, now);
}

const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : `thrown: ${String(err)}`);

function outcomeColumns(outcome: DeliveryOutcome, now: Date): OutcomeColumns {
  const unchanged = { nextAttemptAt: null, lastError: null, sentAt: null, activityId: null, conversationId: null };
  switch (outcome.kind) {
    case 'sent':
      return {
        ...unchanged,
        status: 'sent',
        sentAt: now,
        activityId: storable(outcome.activityId),
        conversationId: storable(outcome.conversationId),
      };
    case 'retry':
      return { ...unchanged, status: 'pending', nextAttemptAt: outcome.at, lastError: clipped(outcome.error) };
    case 'unreachable':
    case 'failed':
      return { ...unchanged, status: outcome.kind, lastError: clipped(outcome.error) };
  }
}

// PostgreSQL refuses NUL in text. Were the outcome refused, the row would roll
// back to pending and be delivered again, so what a handler reports is made
// storable rather than checked.
const storable = (text: string) => text.replaceAll('\u0000', '\ufffd');
const clipped = (error: string) =>
  storable(error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH - 1)}…` : error);

/** Batches are written in key order: concurrent PostgreSQL batches then lock keys in one order and never deadlock. */
export function sortedByKey<T extends { key: string }>(rows: readonly T[]): T[] {
  // UTF-16 code-unit order: one order for every instance, whatever its locale.
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
