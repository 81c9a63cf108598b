// The durable state of deadline reminders behind one interface: where the bot
// can reach people proactively, an outbox of reminders to send (one row per
// idempotency key), and what owners did about them (acknowledged, snoozed).
// The SQLite and PostgreSQL stores implement it and pass the same contract
// tests (tests/storage/reminder-store.contract.ts).
import { z } from 'zod';

// An id of Teams or of the knowledge base: never empty, and bounded so that a
// runaway value fails here rather than bloating an index. PostgreSQL cannot
// store NUL in text; refusing it here keeps both stores alike.
const noNul = (s: string) => !s.includes('\u0000');
const Id = z.string().min(1).max(1000).refine(noNul, 'must not contain NUL characters');
const Name = z.string().min(1).max(500).refine(noNul, 'must not contain NUL characters');

/**
 * Any JSON value. Unlike the conversation state's z.json(), an object property
 * may be `undefined`: the Bot Framework builds references with optional fields
 * left undefined (`locale`, for one). JSON drops such a property, so it reads
 * back absent, which is what it meant. Everything else round-trips exactly.
 */
const OpaqueJson = z.custom<unknown>((value) => isJson(value), {
  error: 'expected a JSON value (no undefined, NaN, Infinity, Date, Map, class instances or functions)',
});

function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== 'object') return false;
  // A plain object from any realm (jest runs tests in a vm context): its
  // prototype is some Object.prototype, or it has none.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) return false;
  return Object.values(value).every((v) => v === undefined || isJson(v));
}

const ConversationKind = z.enum(['personal', 'groupChat', 'channel']);
type ConversationKind = z.infer<typeof ConversationKind>;

/** Where the bot can post without being spoken to first. */
export const ConversationRecord = z
  .strictObject({
    conversationId: Id,
    kind: ConversationKind,
    tenantId: Id.optional(),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2000),
    /** Personal chats: the user's Entra object id. */
    userAadObjectId: Id.optional(),
    userPrincipalName: Id.optional(),
    /** Channels: the team's id. */
    teamId: Id.optional(),
    /** The Bot Framework conversation reference, opaque to the store and given back as it was saved. */
    reference: OpaqueJson,
    updatedAt: z.date(),
  })
  .refine((c) => c.kind !== 'channel' || c.teamId !== undefined, {
    error: 'a channel conversation needs its teamId (it is how an uninstall from the team finds it)',
    path: ['teamId'],
  });
export type ConversationRecord = z.infer<typeof ConversationRecord>;

const ReminderRole = z.enum(['owner', 'team-lead', 'fallback', 'digest', 'test']);
type ReminderRole = z.infer<typeof ReminderRole>;

export const ReminderStatus = z.enum(['pending', 'sent', 'failed', 'unreachable']);
export type ReminderStatus = z.infer<typeof ReminderStatus>;

const Occurrence = z.iso.date({ error: "expected the occurrence's date as YYYY-MM-DD" });

export const NewReminder = z.strictObject({
  /** Unique: a second enqueue of the same key is ignored (e.g. 'deadlineId|occurrence|owner|stage|recipient'). */
  key: Id,
  deadlineId: Name,
  occurrence: Occurrence,
  owner: Name,
  recipient: Name,
  role: ReminderRole,
  stage: Name,
  /** What the sender renders; opaque to the store. */
  payload: OpaqueJson,
  /** Not before this time; `now` of the enqueue when absent. */
  nextAttemptAt: z.date().optional(),
});
export type NewReminder = z.infer<typeof NewReminder>;

export const Reminder = z.strictObject({
  key: Id,
  deadlineId: Name,
  occurrence: Occurrence,
  owner: Name,
  recipient: Name,
  role: ReminderRole,
  stage: Name,
  payload: OpaqueJson,
  status: ReminderStatus,
  /** How many times a handler was given the row, whatever it answered. */
  attempts: z.int().min(0),
  nextAttemptAt: z.date(),
  /** The error of the latest attempt that did not send; kept after a later success. */
  lastError: z.string().optional(),
  sentAt: z.date().optional(),
  activityId: z.string().optional(),
  conversationId: z.string().optional(),
  createdAt: z.date(),
});
export type Reminder = z.infer<typeof Reminder>;

/** What a handler reports about one delivery. Only `retry` leaves the row pending. */
export const DeliveryOutcome = z.discriminatedUnion('kind', [
  // Lenient on purpose: a 'sent' refused here would be retried, and sent twice.
  z.strictObject({ kind: z.literal('sent'), activityId: z.string(), conversationId: z.string() }),
  z.strictObject({ kind: z.literal('retry'), at: z.date(), error: z.string() }),
  /** Nobody to deliver to (no conversation with the recipient, bot removed); retrying would not help. */
  z.strictObject({ kind: z.literal('unreachable'), error: z.string() }),
  z.strictObject({ kind: z.literal('failed'), error: z.string() }),
]);
export type DeliveryOutcome = z.infer<typeof DeliveryOutcome>;

export type ReminderHandler = (reminder: Reminder) => Promise<DeliveryOutcome>;

/** When a handler throws (or answers something that is not an outcome), the row is retried this much later. */
export const HANDLER_ERROR_RETRY_MS = 60_000;

export const ReminderQuery = z.strictObject({
  deadlineId: Name.optional(),
  status: ReminderStatus.optional(),
  limit: z.int().min(0),
});
export type ReminderQuery = z.infer<typeof ReminderQuery>;

/** What the scheduler needs to know that a stage was already enqueued. */
export interface EnqueuedStage {
  deadlineId: string;
  occurrence: string;
  recipient: string;
  stage: string;
  key: string;
}

export const Acknowledgement = z.strictObject({
  deadlineId: Name,
  occurrence: Occurrence,
  owner: Name,
  /** A display name or an id of whoever acknowledged. */
  by: Name,
  at: z.date(),
});
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const Snooze = z.strictObject({
  deadlineId: Name,
  occurrence: Occurrence,
  owner: Name,
  until: z.date(),
  at: z.date(),
});
export type Snooze = z.infer<typeof Snooze>;

/** A tenant's budget of proactive requests: `perSecond` sustained, at most `burst` at once. */
export const SendRate = z.strictObject({ perSecond: z.number().positive().max(10_000), burst: z.int().min(1).max(10_000) });
export type SendRate = z.infer<typeof SendRate>;

export interface ReminderStore {
  /**
   * Inserts or refreshes by conversationId. A record that lacks the user's
   * object id, UPN, tenant or team keeps the ones known before: not every
   * activity carries them, and losing them would make the user unreachable.
   */
  saveConversation(conversation: ConversationRecord): Promise<void>;
  /** Whether there was one to remove. */
  removeConversation(conversationId: string): Promise<boolean>;
  /** When the bot is uninstalled from a team; how many were removed. */
  removeTeamConversations(teamId: string): Promise<number>;
  /** The newest personal chat with a user, by Entra object id or UPN, both case-insensitively. */
  findPersonalConversation(userIdOrUpn: string): Promise<ConversationRecord | undefined>;
  /** One channel conversation per team (the newest), ordered by team id. */
  listTeamConversations(): Promise<ConversationRecord[]>;

  /**
   * Adds the rows whose key is new and ignores the others, also when another
   * instance enqueues the same keys at the same time. Returns how many were new.
   * Invalid rows reject the whole batch before anything is written.
   */
  enqueueReminders(rows: NewReminder[], now: Date): Promise<number>;
  /**
   * Claims one pending row due at `now` (earliest nextAttemptAt first), exclusively
   * among all callers, hands it to `handler` and stores the outcome. False when
   * nothing was due. A handler that throws gets the row retried
   * HANDLER_ERROR_RETRY_MS later with the error recorded. Rejects only when the
   * outcome could not be stored; the row is then pending again (PostgreSQL) or
   * after the next start (SQLite).
   */
  processNextReminder(now: Date, handler: ReminderHandler): Promise<boolean>;
  /** Newest first, for the admin status command. */
  listReminders(query: ReminderQuery): Promise<Reminder[]>;
  /** Every row, whatever its status; read from an index, without the payloads. */
  listEnqueuedStages(): Promise<EnqueuedStage[]>;

  /** The first acknowledgement of an occurrence wins; every call returns the one that did. */
  acknowledge(acknowledgement: Acknowledgement): Promise<Acknowledgement>;
  listAcknowledgements(): Promise<Acknowledgement[]>;
  /** Replaces an earlier snooze of the same deadline, occurrence and owner (one with an older `at` never replaces a newer one). */
  snooze(snooze: Snooze): Promise<void>;
  listSnoozes(): Promise<Snooze[]>;

  /**
   * Reserves the tenant's next proactive-send slot from one budget that every
   * instance on this database shares, and says in how many ms it is (0: now).
   * Slots go out in call order, at most `rate.burst` at once and
   * `rate.perSecond` a second after that (GCRA, see reminders/pacer.ts), by
   * the database's clock, so the instances' clocks need not agree.
   */
  reserveSendSlot(tenantId: string, rate: SendRate): Promise<number>;
}
