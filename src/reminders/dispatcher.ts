// The reminder loop: on every tick, enqueue what the pure schedule says is due
// (an outbox row per deadline, occurrence, owner, stage and recipient; a key
// already there is ignored) and deliver pending rows, a few at once (each
// waits for its slot in the tenant's budget, see pacer.ts). The store hands a
// row to one handler only (PostgreSQL: a row lock held while it is sent), so
// several instances can tick at once; a crash mid-send leaves the rows in
// delivery pending for the next tick (at most `concurrency` of them may then
// reach their recipient twice). Faults become the row's next state: a retry
// at a time (Retry-After, else backoff), unreachable (403/404, no
// conversation: the admins are told) or failed. Nothing is dropped silently.
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import type { ConversationRecord, DeliveryOutcome, NewReminder, Reminder, ReminderStore } from '../storage/reminder-store';
import { localDate } from '../kernel/dates';
import { isoWeek, type WorkingTimePolicy } from './calendar';
import { digestItems, teamLeadsOf } from './digest';
import { findMember, type Failure, type OutgoingMessage, type ProactiveMessenger } from './messenger';
import type { DeadlineOwners } from './owners';
import type { Pacer } from './pacer';
import { decideRetry } from './retry';
import { dueReminders, weeklyDigestsDue, type DueReminder, type ReminderDeadline } from './schedule';

export interface DispatcherOptions {
  /** The knowledge base in force (it can be reloaded while the bot runs). */
  readonly kb: () => KnowledgeBase;
  /** Who owns which deadline in this deployment (OWNERS_FILE). */
  readonly owners: DeadlineOwners;
  readonly store: ReminderStore;
  readonly messenger: ProactiveMessenger;
  /** The card for a row, from the knowledge base as it is now; undefined when its deadline is gone. */
  readonly compose: (reminder: Reminder, now: Date) => OutgoingMessage | undefined;
  readonly policy: WorkingTimePolicy;
  /** Entra object ids or UPNs told when an owner cannot be reached. */
  readonly admins: readonly string[];
  readonly pacer: Pacer;
  readonly now: () => Date;
  readonly random?: () => number;
  readonly log: Logger;
  /** Rows delivered per tick at most (about: each worker finishes its row), so one tick cannot run for ever. */
  readonly maxPerTick?: number;
  /**
   * Rows in delivery at once. Several are needed to keep up with the tenant's
   * budget while each waits for its slot and the connector's answer; with
   * PostgreSQL each holds a pooled connection meanwhile (the pool has room
   * for them and for the questions people ask, see postgres-store.ts).
   */
  readonly concurrency?: number;
  /** Counts deliveries by outcome; absent: nothing is counted. */
  readonly metrics?: Pick<Metrics, 'reminder'>;
}

interface TickReport {
  readonly enqueued: number;
  readonly delivered: number;
}

export interface Dispatcher {
  tick(): Promise<TickReport>;
}

/** Keys of rows that are not a stage of an owner's reminder, so the schedule must not read them. */
const NOT_A_STAGE = /^(fallback|digest|test)\|/;

/** The schedule's view of the knowledge base's deadlines, with the owners this deployment set (none: no reminders). */
export function reminderDeadlines(kb: KnowledgeBase, owners: DeadlineOwners): ReminderDeadline[] {
  return kb.deadlines.map((d) => ({
    id: d.id,
    title: d.title,
    due: d.due,
    recurrence: d.recurrence,
    leadDays: d.leadDays,
    owners: owners.ownersOf(d.id).map((o) => ({ recipient: o.id, ...(o.teamLead ? { teamLead: o.teamLead.id } : {}) })),
  }));
}

/** What the schedule says is due at `at`, given what the store has recorded. Reads only. */
export async function remindersDue(
  kb: KnowledgeBase,
  owners: DeadlineOwners,
  store: Pick<ReminderStore, 'listEnqueuedStages' | 'listAcknowledgements' | 'listSnoozes'>,
  at: Date,
  policy: WorkingTimePolicy,
): Promise<DueReminder[]> {
  const [enqueued, acknowledged, snoozes] = await Promise.all([store.listEnqueuedStages(), store.listAcknowledgements(), store.listSnoozes()]);
  return dueReminders({
    deadlines: reminderDeadlines(kb, owners),
    enqueued: enqueued.filter((e) => !NOT_A_STAGE.test(e.key)),
    acknowledged: acknowledged.map((a) => ({ deadlineId: a.deadlineId, occurrence: a.occurrence, recipient: a.owner })),
    snoozes: snoozes.map((s) => ({ deadlineId: s.deadlineId, occurrence: s.occurrence, recipient: s.owner, until: s.until })),
    now: at,
    policy,
  });
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { owners, store, messenger, compose, policy, admins, pacer, now, random = Math.random, log, maxPerTick = 200, concurrency = 8, metrics } = options;

  /** Monday's digest for each team lead, with their owners' deadlines as they stand at enqueue time. */
  async function enqueueDigests(at: Date): Promise<number> {
    const kb = options.kb();
    const teamLeads = teamLeadsOf(kb, owners);
    if (teamLeads.length === 0) return 0;
    const sentDigestKeys = (await store.listEnqueuedStages()).map((e) => e.key).filter((k) => k.startsWith('digest|'));
    const due = weeklyDigestsDue({ teamLeads, sentDigestKeys, now: at, policy });
    if (due.length === 0) return 0;
    const history = { acknowledgements: await store.listAcknowledgements(), snoozes: await store.listSnoozes() };
    const today = localDate(at, policy.timeZone);
    const rows: NewReminder[] = due.map((d) => ({
      key: d.key,
      deadlineId: 'digest',
      occurrence: today,
      owner: d.recipient,
      recipient: d.recipient,
      role: 'digest',
      stage: isoWeek(today),
      payload: { week: isoWeek(today), items: digestItems(kb, owners, d.recipient, history, at, today), ...teamLeadName(d.recipient) },
    }));
    return store.enqueueReminders(rows, at);
  }

  const teamLeadName = (id: string) => {
    const name = owners.nameOf(id);
    return name ? { teamLeadName: name } : {};
  };

  async function enqueueDue(at: Date): Promise<number> {
    const due = await remindersDue(options.kb(), owners, store, at, policy);
    if (due.length === 0) return 0;
    const rows: NewReminder[] = due.map((d) => ({
      key: d.key,
      deadlineId: d.deadlineId,
      occurrence: d.occurrence,
      owner: d.owner,
      recipient: d.recipient,
      role: d.role,
      stage: d.stage,
      payload: {},
    }));
    return store.enqueueReminders(rows, at);
  }

  /** The 1:1 conversation with a person: known from an earlier message, or opened through a team the bot is in. */
  async function conversationWith(person: string): Promise<ConversationRecord | Failure | undefined> {
    const known = await store.findPersonalConversation(person);
    if (known) return known;
    let lastFailure: Failure | undefined;
    for (const team of await store.listTeamConversations()) {
      const roster = await messenger.roster(team);
      if (!roster.ok) {
        lastFailure = roster;
        continue;
      }
      const member = findMember(roster.members, person);
      if (!member) continue;
      const opened = await messenger.openPersonalConversation(team, member);
      if (!opened.ok) return opened;
      const record: ConversationRecord = {
        conversationId: opened.conversation.conversationId,
        kind: 'personal',
        serviceUrl: opened.conversation.serviceUrl,
        reference: opened.conversation.reference,
        updatedAt: now(),
        ...(opened.conversation.tenantId ? { tenantId: opened.conversation.tenantId } : {}),
        ...(member.aadObjectId ? { userAadObjectId: member.aadObjectId } : {}),
        ...(member.userPrincipalName ? { userPrincipalName: member.userPrincipalName } : {}),
      };
      await store.saveConversation(record);
      return record;
    }
    return lastFailure;
  }

  async function deliver(reminder: Reminder): Promise<DeliveryOutcome> {
    const message = compose(reminder, now());
    if (!message) return { kind: 'failed', error: 'the deadline is no longer in the knowledge base' };
    const target = await conversationWith(reminder.recipient);
    const result = target === undefined ? undefined : 'ok' in target ? target : await send(target, message);
    if (result === undefined) return unreachable(reminder, 'no conversation with the recipient, and they are in no team the bot is in');
    if (result.ok) return { kind: 'sent', activityId: result.activityId, conversationId: result.conversationId };
    const decision = decideRetry(result, { attempt: reminder.attempts + 1, now: now(), random });
    if (decision.kind === 'retry') return { kind: 'retry', at: decision.at, error: decision.error };
    if (decision.kind === 'unreachable') return unreachable(reminder, decision.error);
    return { kind: 'failed', error: decision.error };
  }

  /** deliver, counted; a throw is still the store's to turn into a retry. */
  async function deliverCounted(reminder: Reminder): Promise<DeliveryOutcome> {
    try {
      const outcome = await deliver(reminder);
      metrics?.reminder(outcome.kind);
      return outcome;
    } catch (err) {
      metrics?.reminder('error');
      throw err;
    }
  }

  async function send(target: ConversationRecord, message: OutgoingMessage) {
    await pacer.take(target.conversationId, target.tenantId);
    const result = await messenger.send(target, message);
    return result.ok ? { ...result, conversationId: target.conversationId } : result;
  }

  /** The row ends as unreachable, and each admin gets a fallback notice (itself an outbox row, so it is retried too). */
  async function unreachable(reminder: Reminder, error: string): Promise<DeliveryOutcome> {
    log.warn('a reminder recipient cannot be reached', { deadlineId: reminder.deadlineId, stage: reminder.stage, role: reminder.role, error });
    if (reminder.role === 'owner' || reminder.role === 'team-lead') {
      const notices: NewReminder[] = admins.map((admin) => ({
        key: `fallback|${reminder.key}|${admin}`,
        deadlineId: reminder.deadlineId,
        occurrence: reminder.occurrence,
        owner: reminder.owner,
        recipient: admin,
        role: 'fallback',
        stage: reminder.stage,
        payload: { unreachable: reminder.recipient },
      }));
      if (notices.length > 0) await store.enqueueReminders(notices, now());
      else log.error('nobody to tell that a reminder recipient cannot be reached: ADMIN_IDS is empty', { deadlineId: reminder.deadlineId });
    }
    return { kind: 'unreachable', error };
  }

  return {
    async tick() {
      const enqueued = (await enqueueDue(now())) + (await enqueueDigests(now()));
      let delivered = 0;
      const worker = async () => {
        while (delivered < maxPerTick && (await store.processNextReminder(now(), deliverCounted))) delivered++;
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return { enqueued, delivered };
    },
  };
}
