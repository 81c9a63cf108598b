import { DEFAULT_WORKING_TIME_POLICY, WorkingTimePolicy, atLocalTime } from '../../src/reminders/calendar';
import {
  type DueRemindersInput,
  type EnqueuedReminder,
  OVERDUE_WINDOW_DAYS,
  ReminderDeadline,
  dueReminders,
  upcomingStages,
  weeklyDigestsDue,
} from '../../src/reminders/schedule';

const policy = DEFAULT_WORKING_TIME_POLICY;
const cph = (date: string, hour: number, minute = 0): Date => atLocalTime(date, hour, minute, 'Europe/Copenhagen');

const OWNER = 'owner@kk.dk';
const LEAD = 'lead@kk.dk';

function deadline(overrides: Partial<ReminderDeadline> = {}): ReminderDeadline {
  return {
    id: 'annual-report',
    title: 'Årsrapport til Sikker By-styregruppen',
    due: '2026-11-27', // a Friday
    recurrence: 'none',
    leadDays: [30, 14, 7, 1],
    owners: [{ recipient: OWNER, teamLead: LEAD }],
    ...overrides,
  };
}

const sent = (stage: string, occurrence = '2026-11-27', recipient = OWNER): EnqueuedReminder =>
  ({ deadlineId: 'annual-report', occurrence, recipient, stage });

const snoozed = (until: Date) => ({ deadlineId: 'annual-report', occurrence: '2026-11-27', recipient: OWNER, until });

function due(now: Date, more: Partial<DueRemindersInput> = {}) {
  return dueReminders({ deadlines: [deadline()], enqueued: [], acknowledged: [], snoozes: [], now, policy, ...more });
}

/** `role:stage` of each reminder: enough to tell the rules apart. */
const stagesOf = (reminders: ReturnType<typeof dueReminders>) => reminders.map((r) => `${r.role}:${r.stage}`);

/** `stage fire-time` of each scheduled stage between two dates. */
function fireTimes(d: ReminderDeadline, from: string, until: string, p: WorkingTimePolicy = policy): string[] {
  return upcomingStages(d, p, new Date(from), new Date(until)).map((s) => `${s.stage} ${s.fireAt.toISOString()}`);
}

describe('fire times (rule 1)', () => {
  it('fires at 09:00 local time in the weeks of the spring and autumn daylight-saving changes', () => {
    expect(fireTimes(deadline({ due: '2026-04-14', leadDays: [18, 15] }), '2026-03-01', '2026-05-01')).toEqual([
      'lead-18 2026-03-27T08:00:00.000Z', // Friday, winter time
      'lead-15 2026-03-30T07:00:00.000Z', // Monday, summer time
      'overdue 2026-04-15T07:00:00.000Z',
    ]);
    expect(fireTimes(deadline({ due: '2026-11-06', leadDays: [14, 11] }), '2026-10-01', '2026-12-01')).toEqual([
      'lead-14 2026-10-23T07:00:00.000Z', // Friday, summer time
      'lead-11 2026-10-26T08:00:00.000Z', // Monday, winter time
      'overdue 2026-11-09T08:00:00.000Z',
    ]);
  });

  it('fires a stage that falls on a weekend on the Friday before, and names lead 0 "due"', () => {
    expect(fireTimes(deadline({ due: '2026-06-15', leadDays: [2, 0] }), '2026-06-01', '2026-07-01')).toEqual([
      'lead-2 2026-06-12T07:00:00.000Z',
      'due 2026-06-15T07:00:00.000Z',
      'overdue 2026-06-16T07:00:00.000Z',
    ]);
  });

  it('moves stages off public holidays: Kristi himmelfartsdag and Easter 2026', () => {
    expect(fireTimes(deadline({ due: '2026-05-15', leadDays: [1] }), '2026-05-01', '2026-05-15')).toEqual([
      'lead-1 2026-05-13T07:00:00.000Z',
    ]);
    // 2. påskedag, påskedag, Saturday, langfredag and skærtorsdag are all closed: back to Wednesday.
    expect(fireTimes(deadline({ due: '2026-04-07', leadDays: [1] }), '2026-03-01', '2026-04-07')).toEqual([
      'lead-1 2026-04-01T07:00:00.000Z',
    ]);
    // Due on skærtorsdag: overdue waits for the Tuesday after Easter.
    expect(fireTimes(deadline({ due: '2026-04-02', leadDays: [] }), '2026-03-01', '2026-05-01')).toEqual([
      'overdue 2026-04-07T07:00:00.000Z',
    ]);
  });

  it('treats store bededag as a holiday in 2023 but not in 2024', () => {
    expect(fireTimes(deadline({ due: '2023-05-08', leadDays: [3] }), '2023-05-01', '2023-05-08')).toEqual([
      'lead-3 2023-05-04T07:00:00.000Z',
    ]);
    expect(fireTimes(deadline({ due: '2024-04-29', leadDays: [3] }), '2024-04-20', '2024-04-29')).toEqual([
      'lead-3 2024-04-26T07:00:00.000Z',
    ]);
  });

  it('follows the configurable closed days (grundlovsdag 2026 is a Friday)', () => {
    const d = deadline({ due: '2026-06-08', leadDays: [3] });
    const at = (p: WorkingTimePolicy) => fireTimes(d, '2026-06-01', '2026-06-08', p);
    expect(at(policy)).toEqual(['lead-3 2026-06-04T07:00:00.000Z']);
    expect(at(WorkingTimePolicy.parse({ defaultClosedDays: false }))).toEqual(['lead-3 2026-06-05T07:00:00.000Z']);
    const bridge = WorkingTimePolicy.parse({ extraClosedDates: ['2026-06-04'] });
    expect(at(bridge)).toEqual(['lead-3 2026-06-03T07:00:00.000Z']);
  });
});

describe('dueReminders', () => {
  it('sends a stage once it has fired, with a stable key', () => {
    expect(due(cph('2026-11-20', 8, 59))).toEqual([]);
    const reminders = due(cph('2026-11-20', 9));
    expect(reminders).toEqual([
      {
        key: 'annual-report|2026-11-27|owner@kk.dk|lead-7|owner@kk.dk',
        deadlineId: 'annual-report',
        occurrence: '2026-11-27',
        owner: OWNER,
        recipient: OWNER,
        role: 'owner',
        stage: 'lead-7',
        daysLeft: 7,
      },
    ]);
    expect(due(cph('2026-11-20', 9))).toEqual(reminders);
  });

  it('sends nothing outside working time (rule 2)', () => {
    expect(stagesOf(due(cph('2026-11-20', 15, 59)))).toEqual(['owner:lead-7']);
    expect(due(cph('2026-11-20', 20))).toEqual([]);
    expect(due(cph('2026-11-21', 12))).toEqual([]); // Saturday noon
  });

  it('sends one reminder after downtime, not every missed one (rule 3)', () => {
    // Back on Wednesday: lead-30, lead-14 and lead-7 have fired, nothing was sent.
    const reminders = due(cph('2026-11-25', 10));
    expect(stagesOf(reminders)).toEqual(['owner:lead-7']);
    expect(reminders[0]?.daysLeft).toBe(2);
    expect(due(cph('2026-11-25', 10), { enqueued: [sent('lead-7')] })).toEqual([]);
    // A later stage already enqueued covers the earlier one.
    expect(due(cph('2026-11-25', 10), { enqueued: [sent('lead-1')] })).toEqual([]);
    expect(stagesOf(due(cph('2026-11-26', 9), { enqueued: [sent('lead-7')] }))).toEqual(['owner:lead-1']);
  });

  it('sends only overdue after the due date, and not before the next working day', () => {
    expect(stagesOf(due(cph('2026-11-27', 15)))).toEqual(['owner:lead-1']);
    expect(due(cph('2026-11-28', 12))).toEqual([]);
    const reminders = due(cph('2026-12-01', 10), { enqueued: [sent('lead-30')] });
    expect(stagesOf(reminders)).toEqual(['team-lead:overdue', 'owner:overdue']);
    expect(reminders.map((r) => r.daysLeft)).toEqual([-4, -4]);
  });

  it('escalates overdue, and only overdue, to the team lead (rule 4)', () => {
    const [toLead, toOwner] = due(cph('2026-11-30', 9), { enqueued: [sent('lead-1')] });
    expect(toLead).toMatchObject({ role: 'team-lead', recipient: LEAD, owner: OWNER, stage: 'overdue' });
    expect(toLead?.key).toBe('annual-report|2026-11-27|owner@kk.dk|overdue|lead@kk.dk');
    expect(toOwner).toMatchObject({ role: 'owner', recipient: OWNER, owner: OWNER, stage: 'overdue' });
    expect(stagesOf(due(cph('2026-11-26', 9)))).toEqual(['owner:lead-1']);
    expect(due(cph('2026-12-01', 9), { enqueued: [sent('overdue')] })).toEqual([]);

    const noLead = deadline({ owners: [{ recipient: OWNER }] });
    expect(stagesOf(due(cph('2026-11-30', 9), { deadlines: [noLead] }))).toEqual(['owner:overdue']);
    const selfLead = deadline({ owners: [{ recipient: OWNER, teamLead: OWNER }] });
    expect(stagesOf(due(cph('2026-11-30', 9), { deadlines: [selfLead] }))).toEqual(['owner:overdue']);
  });

  it("does not take a team lead's escalation for their own reminder when the row has its key", () => {
    const both = deadline({ owners: [{ recipient: OWNER, teamLead: LEAD }, { recipient: LEAD }] });
    const key = 'annual-report|2026-11-27|owner@kk.dk|overdue|lead@kk.dk';
    const escalation = { ...sent('overdue', '2026-11-27', LEAD), key };
    const enqueued = [sent('overdue'), escalation];
    expect(due(cph('2026-11-30', 10), { deadlines: [both], enqueued }).map((r) => r.key)).toEqual([
      'annual-report|2026-11-27|lead@kk.dk|overdue|lead@kk.dk',
    ]);
    // Without the key the escalation reads as the lead's own overdue reminder.
    const withoutKey = sent('overdue', '2026-11-27', LEAD);
    expect(due(cph('2026-11-30', 10), { deadlines: [both], enqueued: [sent('overdue'), withoutKey] })).toEqual([]);
  });

  it('stops everything for an owner and occurrence once acknowledged, team lead included (rule 5)', () => {
    const two = deadline({ owners: [{ recipient: OWNER, teamLead: LEAD }, { recipient: 'other@kk.dk' }] });
    const ack = { deadlineId: 'annual-report', occurrence: '2026-11-27', recipient: OWNER };
    const at = (now: Date) => due(now, { deadlines: [two], acknowledged: [ack] }).map((r) => r.recipient);
    expect(at(cph('2026-11-20', 9))).toEqual(['other@kk.dk']);
    expect(at(cph('2026-11-30', 9))).toEqual(['other@kk.dk']);
    const otherOccurrence = { ...ack, occurrence: '2025-11-27' };
    expect(stagesOf(due(cph('2026-11-20', 9), { acknowledged: [otherOccurrence] }))).toEqual(['owner:lead-7']);
  });

  it('holds reminders during a snooze and sends exactly one when it ends (rule 6)', () => {
    const until = new Date('2026-11-23T12:00:00Z'); // Monday 13:00 in Copenhagen
    const snoozes = [snoozed(until)];
    const enqueued = [sent('lead-14')];
    expect(stagesOf(due(cph('2026-11-20', 10), { enqueued }))).toEqual(['owner:lead-7']);
    expect(due(cph('2026-11-20', 10), { enqueued, snoozes })).toEqual([]);
    expect(due(new Date('2026-11-23T11:59:59.999Z'), { enqueued, snoozes })).toEqual([]);
    const [reminder, ...rest] = due(until, { enqueued, snoozes });
    expect(rest).toEqual([]);
    expect(reminder?.stage).toBe('snooze-2026-11-23T12:00:00.000Z');
    expect(reminder?.key).toBe('annual-report|2026-11-27|owner@kk.dk|snooze-2026-11-23T12:00:00.000Z|owner@kk.dk');
    const afterSnooze = [...enqueued, sent('snooze-2026-11-23T12:00:00.000Z')];
    expect(due(cph('2026-11-24', 10), { enqueued: afterSnooze, snoozes })).toEqual([]);
    expect(stagesOf(due(cph('2026-11-26', 9), { enqueued: afterSnooze, snoozes }))).toEqual(['owner:lead-1']);
  });

  it('sends a snooze ending out of hours at the next working start; a lead stage at the same time wins', () => {
    const weekend = [snoozed(new Date('2026-11-21T10:00:00Z'))];
    const enqueued = [sent('lead-7')];
    expect(stagesOf(due(cph('2026-11-23', 9), { enqueued, snoozes: weekend }))).toEqual([
      'owner:snooze-2026-11-21T10:00:00.000Z',
    ]);
    expect(stagesOf(due(cph('2026-11-26', 9), { enqueued, snoozes: [snoozed(cph('2026-11-26', 9))] }))).toEqual([
      'owner:lead-1',
    ]);
  });

  it('places enqueued stages of an earlier configuration by their names', () => {
    // lead-3 is no longer configured, but it was sent on Tuesday, after lead-7 fired.
    expect(due(cph('2026-11-25', 10), { enqueued: [sent('lead-3')] })).toEqual([]);
    expect(stagesOf(due(cph('2026-11-25', 10), { enqueued: [sent('not-a-stage')] }))).toEqual(['owner:lead-7']);
  });

  it(`looks at a deadline until its overdue stage is ${OVERDUE_WINDOW_DAYS} days old (rule 7)`, () => {
    const enqueued = [sent('lead-1')];
    expect(stagesOf(due(cph('2027-01-29', 10), { enqueued }))).toEqual(['team-lead:overdue', 'owner:overdue']);
    expect(due(cph('2027-02-01', 10), { enqueued })).toEqual([]);
  });

  describe('yearly recurrence (rule 7)', () => {
    const yearly = deadline({ due: '2025-12-01', recurrence: 'yearly', leadDays: [30, 7] });
    const occurrencesAt = (now: Date, enqueued: EnqueuedReminder[]) =>
      due(now, { deadlines: [yearly], enqueued }).map((r) => `${r.occurrence} ${r.role}:${r.stage} ${r.daysLeft}`);

    it("reminds of next year's occurrence once its earliest lead stage has fired", () => {
      const lastYearDone = [sent('overdue', '2025-12-01')];
      // lead-30 of 2026-12-01 is Sunday 1 November, so it fired on Friday 30 October.
      expect(occurrencesAt(cph('2026-10-29', 10), lastYearDone)).toEqual([]);
      expect(occurrencesAt(cph('2026-10-30', 9), lastYearDone)).toEqual(['2026-12-01 owner:lead-30 32']);
      expect(occurrencesAt(cph('2026-11-24', 9), [...lastYearDone, sent('lead-30', '2026-12-01')])).toEqual([
        '2026-12-01 owner:lead-7 7',
      ]);
    });

    it("keeps an unacknowledged occurrence for the overdue window, not until next year's", () => {
      // 2025-12-01's overdue stage fired on 2 December 2025: 59 days before 30 January 2026.
      expect(occurrencesAt(cph('2026-01-30', 9), [])).toEqual(['2025-12-01 team-lead:overdue -60', '2025-12-01 owner:overdue -60']);
      expect(occurrencesAt(cph('2026-02-02', 9), [])).toEqual([]);
      expect(occurrencesAt(cph('2026-10-30', 9), [])).toEqual(['2026-12-01 owner:lead-30 32']);
      expect(occurrencesAt(cph('2026-12-02', 9), [])).toEqual([
        '2026-12-01 team-lead:overdue -1',
        '2026-12-01 owner:overdue -1',
      ]);
    });

    it('recurs on 28 February in common years for a 29 February deadline', () => {
      const leap = deadline({ due: '2024-02-29', recurrence: 'yearly', leadDays: [] });
      const occurrences = upcomingStages(leap, policy, new Date('2024-01-01'), new Date('2029-01-01'));
      expect(occurrences.map((s) => s.occurrence)).toEqual([
        '2024-02-29', '2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29',
      ]);
    });
  });

  it('orders by fire time, then key, whatever the input order (rule 8)', () => {
    const other = deadline({ id: 'budget', due: '2026-12-04', leadDays: [7], owners: [{ recipient: 'b@kk.dk' }] });
    const input = { enqueued: [sent('lead-1')], now: cph('2026-11-30', 10) };
    const keys = due(input.now, { ...input, deadlines: [deadline(), other] }).map((r) => r.key);
    expect(keys).toEqual([
      'budget|2026-12-04|b@kk.dk|lead-7|b@kk.dk', // fired Friday 27 November
      'annual-report|2026-11-27|owner@kk.dk|overdue|lead@kk.dk',
      'annual-report|2026-11-27|owner@kk.dk|overdue|owner@kk.dk',
    ]);
    expect(due(input.now, { ...input, deadlines: [other, deadline()] }).map((r) => r.key)).toEqual(keys);
  });

  it('rejects ids and recipients that would break the key', () => {
    expect(ReminderDeadline.safeParse(deadline()).success).toBe(true);
    expect(ReminderDeadline.safeParse(deadline({ id: 'a|b' })).success).toBe(false);
    expect(ReminderDeadline.safeParse(deadline({ owners: [{ recipient: 'x|y' }] })).success).toBe(false);
  });
});

describe('weeklyDigestsDue', () => {
  const digests = (now: Date, sentDigestKeys: string[] = [], weekday?: number) =>
    weeklyDigestsDue({ teamLeads: [LEAD, 'a@kk.dk', LEAD], sentDigestKeys, now, policy, weekday });

  it('is due from Monday 09:00 in working time, once per team lead and ISO week', () => {
    expect(digests(cph('2026-11-23', 8, 59))).toEqual([]);
    expect(digests(cph('2026-11-23', 9))).toEqual([
      { key: 'digest|a@kk.dk|2026-W48', recipient: 'a@kk.dk' },
      { key: 'digest|lead@kk.dk|2026-W48', recipient: LEAD },
    ]);
    expect(digests(cph('2026-11-24', 15), ['digest|a@kk.dk|2026-W48']).map((d) => d.recipient)).toEqual([LEAD]);
    expect(digests(cph('2026-11-24', 20))).toEqual([]);
    expect(digests(cph('2026-11-29', 12))).toEqual([]); // Sunday
  });

  it('waits for the configured weekday, and for the next working day when that day is closed', () => {
    expect(digests(cph('2026-11-24', 10), [], 3)).toEqual([]);
    expect(digests(cph('2026-11-25', 10), [], 3)).toHaveLength(2);
    expect(digests(cph('2026-04-06', 10))).toEqual([]); // 2. påskedag
    expect(digests(cph('2026-04-07', 10)).map((d) => d.key)).toContain('digest|lead@kk.dk|2026-W15');
    expect(() => digests(cph('2026-11-23', 10), [], 8)).toThrow(RangeError);
  });
});
