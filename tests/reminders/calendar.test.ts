import {
  DEFAULT_WORKING_TIME_POLICY,
  LocalDate,
  WorkingTimePolicy,
  addDays,
  atLocalTime,
  danishPublicHolidays,
  daysBetween,
  easterSunday,
  isWorkingDay,
  isWorkingTime,
  isoWeek,
  isoWeekday,
  nextWorkingDay,
  nextWorkingTime,
  previousWorkingDay,
} from '../../src/reminders/calendar';

const policy = DEFAULT_WORKING_TIME_POLICY;
const cph = (date: string, hour: number, minute = 0): Date => atLocalTime(date, hour, minute, 'Europe/Copenhagen');

describe('local wall-clock time and instants', () => {
  it.each([
    ['Friday before spring forward (winter time, UTC+1)', '2026-03-27', '2026-03-27T08:00:00.000Z'],
    ['Monday after spring forward (summer time, UTC+2)', '2026-03-30', '2026-03-30T07:00:00.000Z'],
    ['Friday before fall back (summer time)', '2026-10-23', '2026-10-23T07:00:00.000Z'],
    ['Monday after fall back (winter time)', '2026-10-26', '2026-10-26T08:00:00.000Z'],
  ])('09:00 on the %s', (_name, date, iso) => {
    expect(cph(date, 9).toISOString()).toBe(iso);
  });

  it('moves a time in the spring-forward gap forward by the gap: 02:30 becomes 03:30 summer time', () => {
    expect(cph('2026-03-29', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(cph('2026-03-29', 3, 0).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('takes the earlier of the two 02:30s when the clock falls back', () => {
    expect(cph('2026-10-25', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(cph('2026-10-25', 3, 0).toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it('takes the time zone as a parameter', () => {
    // New York moved to summer time on 8 March 2026, three weeks before Europe.
    expect(atLocalTime('2026-03-09', 9, 0, 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('reads hour 24 as midnight at the end of the day', () => {
    expect(cph('2026-12-31', 24).toISOString()).toBe('2026-12-31T23:00:00.000Z');
  });
});

describe('local dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(daysBetween('2026-11-30', '2026-11-27')).toBe(-3);
  });

  it('knows ISO weekdays and weeks, including week 53 and weeks that straddle a new year', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(isoWeek('2026-11-23')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('validates local dates', () => {
    expect(LocalDate.safeParse('2026-02-28').success).toBe(true);
    expect(LocalDate.safeParse('2026-02-29').success).toBe(false);
    expect(LocalDate.safeParse('2026-2-3').success).toBe(false);
    // Not a date at all: an answer, not an exception (zod runs the calendar check after a failed pattern).
    expect(LocalDate.safeParse('tomorrow-ish').success).toBe(false);
  });
});

describe('Danish public holidays', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the 2026 holidays', () => {
    expect(danishPublicHolidays(2026).map((h) => `${h.date} ${h.name}`)).toEqual([
      '2026-01-01 Nytårsdag',
      '2026-04-02 Skærtorsdag',
      '2026-04-03 Langfredag',
      '2026-04-05 Påskedag',
      '2026-04-06 2. påskedag',
      '2026-05-14 Kristi himmelfartsdag',
      '2026-05-24 Pinsedag',
      '2026-05-25 2. pinsedag',
      '2026-12-25 Juledag',
      '2026-12-26 2. juledag',
    ]);
  });

  it('has store bededag up to 2023 and not from 2024', () => {
    expect(danishPublicHolidays(2023)).toContainEqual({ date: '2023-05-05', name: 'Store bededag' });
    expect(isWorkingDay('2023-05-05', policy)).toBe(false);
    expect(danishPublicHolidays(2024).map((h) => h.name)).not.toContain('Store bededag');
    expect(isWorkingDay('2024-04-26', policy)).toBe(true);
  });
});

describe('working days', () => {
  it.each([
    ['a Monday', '2026-11-23', true],
    ['a Saturday', '2026-11-28', false],
    ['a Sunday', '2026-11-29', false],
    ['Kristi himmelfartsdag', '2026-05-14', false],
    ['the Friday after Kristi himmelfartsdag (a bridge day, open by default)', '2026-05-15', true],
    ['langfredag', '2026-04-03', false],
    ['2. påskedag', '2026-04-06', false],
    ['grundlovsdag', '2026-06-05', false],
    ['juleaftensdag', '2025-12-24', false],
    ['nytårsaftensdag', '2025-12-31', false],
  ])('%s: %s is a working day: %s', (_name, date, expected) => {
    expect(isWorkingDay(date, policy)).toBe(expected);
  });

  it('lets a deployment drop the default closed days or add its own', () => {
    const noCustomDays = WorkingTimePolicy.parse({ defaultClosedDays: false });
    expect(isWorkingDay('2026-06-05', noCustomDays)).toBe(true);
    expect(isWorkingDay('2025-12-24', noCustomDays)).toBe(true);
    expect(isWorkingDay('2025-12-25', noCustomDays)).toBe(false);
    const bridgeDay = WorkingTimePolicy.parse({ extraClosedDates: ['2026-05-15'] });
    expect(isWorkingDay('2026-05-15', bridgeDay)).toBe(false);
    const sixDays = WorkingTimePolicy.parse({ workingWeekdays: [1, 2, 3, 4, 5, 6] });
    expect(isWorkingDay('2026-11-28', sixDays)).toBe(true);
  });

  it('finds the previous and next working day, or the day itself', () => {
    expect(previousWorkingDay('2026-11-23', policy)).toBe('2026-11-23');
    expect(previousWorkingDay('2026-11-29', policy)).toBe('2026-11-27');
    expect(previousWorkingDay('2026-04-06', policy)).toBe('2026-04-01');
    expect(nextWorkingDay('2026-04-02', policy)).toBe('2026-04-07');
    expect(nextWorkingDay('2025-12-24', policy)).toBe('2025-12-29');
  });

  it('has defaults and rejects an impossible policy', () => {
    expect(policy).toEqual({
      timeZone: 'Europe/Copenhagen',
      workingWeekdays: [1, 2, 3, 4, 5],
      startHour: 9,
      endHour: 16,
      defaultClosedDays: true,
      extraClosedDates: [],
    });
    expect(WorkingTimePolicy.safeParse({ startHour: 16, endHour: 9 }).success).toBe(false);
    expect(WorkingTimePolicy.safeParse({ timeZone: 'Europe/Kobenhavn' }).success).toBe(false);
    expect(WorkingTimePolicy.safeParse({ extraClosedDates: ['2026-13-01'] }).success).toBe(false);
  });
});

describe('working time', () => {
  it.each([
    ['09:00 on a Monday', true, cph('2026-11-23', 9)],
    ['08:59 on a Monday', false, cph('2026-11-23', 8, 59)],
    ['15:59 on a Monday', true, cph('2026-11-23', 15, 59)],
    ['16:00 on a Monday', false, cph('2026-11-23', 16)],
    ['20:00 on a Monday', false, cph('2026-11-23', 20)],
    ['noon on a Saturday', false, cph('2026-11-28', 12)],
    ['noon on Kristi himmelfartsdag', false, cph('2026-05-14', 12)],
  ])('%s is working time: %s', (_name, expected, instant) => {
    expect(isWorkingTime(instant, policy)).toBe(expected);
  });

  it('gives the instant itself within working time and the next start outside it', () => {
    const inside = cph('2026-11-23', 11, 17);
    expect(nextWorkingTime(inside, policy)).toEqual(inside);
    expect(nextWorkingTime(cph('2026-11-23', 7), policy)).toEqual(cph('2026-11-23', 9));
    expect(nextWorkingTime(cph('2026-11-27', 20), policy)).toEqual(cph('2026-11-30', 9));
    expect(nextWorkingTime(cph('2026-04-01', 17), policy)).toEqual(cph('2026-04-07', 9));
  });

  it('starts the day at 09:00 local time on both sides of a daylight-saving change', () => {
    expect(nextWorkingTime(cph('2026-03-27', 18), policy).toISOString()).toBe('2026-03-30T07:00:00.000Z');
    expect(nextWorkingTime(cph('2026-10-23', 18), policy).toISOString()).toBe('2026-10-26T08:00:00.000Z');
  });
});
