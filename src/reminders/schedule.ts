// Which deadline reminders are due now: a pure function of the deadlines, of
// what the store says has happened, of `now` and of the working-time policy.
// The dispatcher asks again on every tick; nothing here remembers anything.
//
// 1. Stages of one occurrence, per owner: `lead-<N>` for each N in leadDays
//    (`due` for N = 0) and `overdue`. `lead-N` fires at the working-day start
//    of the local date due − N, or of the working day before if that date is
//    closed (earlier rather than too late); `overdue` at the start of the
//    first working day after the due date.
// 2. Nothing is due while `now` is outside working time; the dispatcher asks again.
// 3. Catch-up: per (deadline, occurrence, owner) only the latest stage that has
//    fired (fire time ≤ now) is a candidate, and only if no stage at or after
//    it in stage order was enqueued for the owner: one reminder after a week
//    of downtime, not every missed one, and only `overdue` after the due date.
// 4. `overdue` also goes to the owner's team lead (role 'team-lead', same stage).
// 5. The owner's acknowledgement stops everything for that occurrence, the
//    team lead's reminder included.
// 6. While a snooze runs (now < until) nothing is due for that owner and
//    occurrence. Each snooze adds a stage `snooze-<until as ISO string>` firing
//    at `until` moved into working time, which takes part in rule 3 like any
//    stage: one reminder when it ends, unless a later stage was already enqueued.
// 7. Yearly deadlines recur on the due date plus whole years (29 February →
//    28 February in common years). An occurrence, one-off or yearly, is looked
//    at from the day its earliest lead stage fires until its overdue stage is
//    OVERDUE_WINDOW_DAYS old.
// 9. A snooze that ends after the due date escalates like `overdue`: the
//    team lead is told too, so snoozing cannot hide a missed deadline.
// 8. The output is ordered by fire time, then by key.
import { z } from 'zod';
import { localDate, sameDateInYear } from '../kernel/dates';
import {
  LocalDate, WorkingTimePolicy, addDays, daysBetween, isWorkingTime, isoWeek, isoWeekday,
  nextWorkingDay, nextWorkingTime, previousWorkingDay, workingHoursOf,
} from './calendar';

/** Ids and recipients are parts of the '|'-separated idempotency key, so they cannot contain '|'. */
const KeyPart = z.string().regex(/^[^|]+$/, 'a non-empty string without "|"');

/** Recipients are Entra ID object ids or UPNs. */
const ReminderOwner = z.strictObject({ recipient: KeyPart, teamLead: KeyPart.optional() });
type ReminderOwner = z.infer<typeof ReminderOwner>;

export const ReminderDeadline = z.strictObject({
  id: KeyPart,
  title: z.string().min(1),
  /** Local date of the first occurrence. */
  due: LocalDate,
  recurrence: z.enum(['none', 'yearly']),
  /** Days before the due date; 0 means on the day. */
  leadDays: z.array(z.number().int().min(0)),
  owners: z.array(ReminderOwner),
});
export type ReminderDeadline = z.infer<typeof ReminderDeadline>;

// Store rows are plain objects: extra columns (status, timestamps) are allowed.
const OccurrenceRecipient = z.object({ deadlineId: z.string(), occurrence: LocalDate, recipient: z.string() });

/**
 * A reminder that was ever enqueued, whatever became of its delivery. With its
 * `key`, a team lead's escalation is told apart from that person's own reminders.
 */
export const EnqueuedReminder = OccurrenceRecipient.extend({ stage: z.string(), key: z.string().optional() });
export type EnqueuedReminder = z.infer<typeof EnqueuedReminder>;

/** `recipient` is the owner who acknowledged. */
const Acknowledgement = OccurrenceRecipient;
type Acknowledgement = z.infer<typeof Acknowledgement>;

const Snooze = OccurrenceRecipient.extend({ until: z.date() });
type Snooze = z.infer<typeof Snooze>;

export const DueRemindersInput = z.object({
  deadlines: z.array(ReminderDeadline),
  enqueued: z.array(EnqueuedReminder), acknowledged: z.array(Acknowledgement), snoozes: z.array(Snooze),
  now: z.date(), policy: WorkingTimePolicy,
});
export type DueRemindersInput = z.infer<typeof DueRemindersInput>;

export interface DueReminder {
  /** `deadlineId|occurrence|owner|stage|recipient`: the outbox row's idempotency key. */
  readonly key: string;
  readonly deadlineId: string;
  readonly occurrence: LocalDate;
  /** The owner the reminder is about; the recipient too unless role is 'team-lead'. */
  readonly owner: string;
  readonly recipient: string;
  readonly role: 'owner' | 'team-lead';
  readonly stage: string;
  /** Whole local days from today to the due date; negative when overdue. */
  readonly daysLeft: number;
}

export type UpcomingStage = Readonly<{ deadlineId: string; occurrence: LocalDate; stage: string; fireAt: Date }>;

/**
 * How long after its overdue stage a one-off deadline is still looked at. A
 * deadline missed by two months needs a person, not another bot message, and
 * without a bound a long outage would end in reminders about long-closed matters.
 */
export const OVERDUE_WINDOW_DAYS = 60;

/**
 * Stage order is fire time, then `rank` (snoozes, lead stages by N descending,
 * overdue), then name: a snooze ending just as a lead stage fires yields to the
 * lead stage, which says more.
 */
type Stage = Readonly<{ name: string; fireAt: Date; rank: number }>;

function leadStage(occurrence: LocalDate, n: number, policy: WorkingTimePolicy): Stage {
  const day = previousWorkingDay(addDays(occurrence, -n), policy);
  return { name: n === 0 ? 'due' : `lead-${n}`, fireAt: workingHoursOf(day, policy).start, rank: -n };
}

function overdueStage(occurrence: LocalDate, policy: WorkingTimePolicy): Stage {
  const day = nextWorkingDay(addDays(occurrence, 1), policy);
  return { name: 'overdue', fireAt: workingHoursOf(day, policy).start, rank: Infinity };
}

function snoozeStage(until: Date, policy: WorkingTimePolicy): Stage {
  return { name: `snooze-${until.toISOString()}`, fireAt: nextWorkingTime(until, policy), rank: -Infinity };
}

/** Any stage name, including ones no longer configured, so old outbox rows keep their place in stage order. */
function parseStage(name: string, occurrence: LocalDate, policy: WorkingTimePolicy): Stage | undefined {
  if (name === 'due') return leadStage(occurrence, 0, policy);
  if (name === 'overdue') return overdueStage(occurrence, policy);
  const lead = /^lead-(\d+)$/.exec(name);
  if (lead) return leadStage(occurrence, Number(lead[1]), policy);
  const until = name.startsWith('snooze-') ? new Date(name.slice('snooze-'.length)) : undefined;
  return until && !Number.isNaN(until.getTime()) ? snoozeStage(until, policy) : undefined;
}

const compare = <T>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

function compareStages(a: Stage, b: Stage): number {
  return compare(a.fireAt.getTime(), b.fireAt.getTime()) || compare(a.rank, b.rank) || compare(a.name, b.name);
}

function scheduledStages(deadline: ReminderDeadline, occurrence: LocalDate, policy: WorkingTimePolicy): Stage[] {
  const leads = [...new Set(deadline.leadDays)].map((n) => leadStage(occurrence, n, policy));
  return [...leads, overdueStage(occurrence, policy)];
}

const yearOf = (date: LocalDate): number => Number(date.slice(0, 4));

function occurrencesInYears(deadline: ReminderDeadline, firstYear: number, lastYear: number): LocalDate[] {
  if (deadline.recurrence === 'none') return [deadline.due];
  const first = Math.max(firstYear, yearOf(deadline.due));
  return Array.from({ length: Math.max(0, lastYear - first + 1) }, (_, i) => sameDateInYear(deadline.due, first + i));
}

const maxLead = (deadline: ReminderDeadline): number => Math.max(0, ...deadline.leadDays);

/** The last year whose occurrence may fire by the end of `year`; +1 because a 1 January stage moves back a year. */
const lastYearToScan = (deadline: ReminderDeadline, year: number): number =>
  year + 1 + Math.ceil(maxLead(deadline) / 365);

/** Rule 7. */
function occurrencesToConsider(deadline: ReminderDeadline, today: LocalDate, policy: WorkingTimePolicy): LocalDate[] {
  // Last year's occurrence is not reminded of just before this year's: past the window it needs a person.
  const recentEnough = (occ: LocalDate) => daysBetween(localDate(overdueStage(occ, policy).fireAt, policy.timeZone), today) <= OVERDUE_WINDOW_DAYS;
  if (deadline.recurrence === 'none') return recentEnough(deadline.due) ? [deadline.due] : [];
  const lastYear = lastYearToScan(deadline, yearOf(today));
  return occurrencesInYears(deadline, yearOf(today) - 1, lastYear).filter(
    (occ) => recentEnough(occ) && previousWorkingDay(addDays(occ, -maxLead(deadline)), policy) <= today,
  );
}

const groupKey = (deadlineId: string, occurrence: string, recipient: string): string =>
  `${deadlineId}|${occurrence}|${recipient}`;

function groupBy<T extends z.infer<typeof OccurrenceRecipient>>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = groupKey(row.deadlineId, row.occurrence, row.recipient);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

/** The owner a row was about: from a key of our format, else the recipient (the owner, bar escalations). */
function ownerOf(row: EnqueuedReminder): string {
  const [deadlineId, occurrence, owner, stage, recipient, ...rest] = row.key?.split('|') ?? [];
  const ours = deadlineId === row.deadlineId && occurrence === row.occurrence && stage === row.stage;
  return ours && recipient === row.recipient && rest.length === 0 && owner ? owner : row.recipient;
}

/** Owners by recipient, first entry wins: a duplicated owner would otherwise duplicate keys. */
function uniqueOwners(owners: readonly ReminderOwner[]): ReminderOwner[] {
  return owners.filter((o, i) => owners.findIndex((x) => x.recipient === o.recipient) === i);
}

/** The store's rows by deadline, occurrence and owner. */
interface Histories {
  readonly enqueued: Map<string, EnqueuedReminder[]>;
  readonly acknowledged: Map<string, Acknowledgement[]>;
  readonly snoozes: Map<string, Snooze[]>;
}

/** Rules 3, 5 and 6 for one owner of one occurrence: the stage to send now, if any. */
function stageToSend(
  deadline: ReminderDeadline, occurrence: LocalDate, owner: string,
  history: Histories, now: Date, policy: WorkingTimePolicy,
): Stage | undefined {
  const group = groupKey(deadline.id, occurrence, owner);
  if (history.acknowledged.has(group)) return undefined;
  const snoozes = history.snoozes.get(group) ?? [];
  if (snoozes.some((s) => now < s.until)) return undefined;
  const snoozeStages = snoozes.map((snooze) => snoozeStage(snooze.until, policy));
  const stages = [...scheduledStages(deadline, occurrence, policy), ...snoozeStages];
  const candidate = stages.sort(compareStages).filter((s) => s.fireAt <= now).at(-1);
  if (!candidate) return undefined;
  const done = (history.enqueued.get(group) ?? [])
    .map((row) => parseStage(row.stage, occurrence, policy))
    .some((s) => s !== undefined && compareStages(s, candidate) >= 0);
  return done ? undefined : candidate;
}

export function dueReminders(input: DueRemindersInput): DueReminder[] {
  const { deadlines, now, policy } = input;
  if (!isWorkingTime(now, policy)) return [];
  const today = localDate(now, policy.timeZone);
  const history: Histories = {
    enqueued: groupBy(input.enqueued.map((row) => ({ ...row, recipient: ownerOf(row) }))),
    acknowledged: groupBy(input.acknowledged),
    snoozes: groupBy(input.snoozes),
  };
  const due: { reminder: DueReminder; fireAt: Date }[] = [];
  for (const deadline of deadlines) {
    for (const occurrence of occurrencesToConsider(deadline, today, policy)) {
      for (const { recipient: owner, teamLead } of uniqueOwners(deadline.owners)) {
        const stage = stageToSend(deadline, occurrence, owner, history, now, policy);
        if (!stage) continue;
        const remind = (recipient: string, role: DueReminder['role']): void => {
          const key = [deadline.id, occurrence, owner, stage.name, recipient].join('|');
          const daysLeft = daysBetween(today, occurrence);
          const reminder = { key, deadlineId: deadline.id, occurrence, owner, recipient, role, daysLeft };
          due.push({ reminder: { ...reminder, stage: stage.name }, fireAt: stage.fireAt });
        };
        remind(owner, 'owner');
        const pastDue = stage.name === 'overdue' || (stage.name.startsWith('snooze-') && localDate(stage.fireAt, policy.timeZone) > occurrence);
        if (pastDue && teamLead !== undefined && teamLead !== owner) remind(teamLead, 'team-lead');
      }
    }
  }
  return due
    .sort((a, b) => compare(a.fireAt.getTime(), b.fireAt.getTime()) || compare(a.reminder.key, b.reminder.key))
    .map((d) => d.reminder);
}

/**
 * The scheduled stages (not snoozes, which belong to one owner) of a deadline
 * that fire in [from, until), in fire-time order.
 */
export function upcomingStages(
  deadline: ReminderDeadline, policy: WorkingTimePolicy, from: Date, until: Date,
): UpcomingStage[] {
  const firstYear = yearOf(localDate(from, policy.timeZone)) - 1;
  const lastYear = lastYearToScan(deadline, yearOf(localDate(until, policy.timeZone)));
  return occurrencesInYears(deadline, firstYear, lastYear)
    .flatMap((occurrence) => scheduledStages(deadline, occurrence, policy).map((stage) => ({ occurrence, stage })))
    .filter(({ stage }) => from <= stage.fireAt && stage.fireAt < until)
    .sort((a, b) => compareStages(a.stage, b.stage) || compare(a.occurrence, b.occurrence))
    .map(({ occurrence, stage }) => ({ deadlineId: deadline.id, occurrence, stage: stage.name, fireAt: stage.fireAt }));
}

/** `weekday` is the ISO weekday of the digest, 1 = Monday … 7 = Sunday. */
export type WeeklyDigestsInput = Readonly<{
  teamLeads: readonly string[]; sentDigestKeys: readonly string[]; now: Date; policy: WorkingTimePolicy;
  weekday?: number;
}>;

/** `key` is `digest|<teamLead>|<ISO week>`, e.g. 'digest|lead@kk.dk|2026-W48'. */
export type DigestDue = Readonly<{ key: string; recipient: string }>;

/**
 * One digest per team lead and ISO week, due in working time from the start of
 * working hours on `weekday` of the current week. If that day is closed (2.
 * påskedag, 2. pinsedag) the digest goes out on the next working day of the week.
 */
export function weeklyDigestsDue(input: WeeklyDigestsInput): DigestDue[] {
  const { teamLeads, sentDigestKeys, now, policy, weekday = 1 } = input;
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw new RangeError(`weekday must be an ISO weekday from 1 (Monday) to 7 (Sunday), got ${weekday}`);
  }
  if (!isWorkingTime(now, policy)) return [];
  const today = localDate(now, policy.timeZone);
  const digestDay = addDays(today, weekday - isoWeekday(today));
  if (now < workingHoursOf(digestDay, policy).start) return [];
  const sent = new Set(sentDigestKeys);
  return [...new Set(teamLeads)]
    .sort()
    .map((lead) => ({ key: `digest|${lead}|${isoWeek(today)}`, recipient: lead }))
    .filter((digest) => !sent.has(digest.key));
}
