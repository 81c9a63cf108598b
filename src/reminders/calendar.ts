// Working time in a municipal office: which local days are working days, and
// converting between a local wall-clock time and an instant. Pure functions of
// their arguments; the time zone is a parameter and every UTC offset comes from
// Intl.DateTimeFormat, so daylight-saving changes follow the IANA database
// instead of offsets written here.
import { z } from 'zod';
import { isTimeZone, localDate, wallClock } from '../kernel/dates';

/** A local calendar date, YYYY-MM-DD (a date in the policy's time zone, not in UTC). */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD')
  // zod runs this check even when the pattern failed, so it must not throw on any string.
  .refine((s) => {
    const date = toUtcMidnight(s);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
  }, 'a date that exists in the calendar');
export type LocalDate = z.infer<typeof LocalDate>;

const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

export const WorkingTimePolicy = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Copenhagen').default(DEFAULT_TIME_ZONE),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    workingWeekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    /** Whole local hours; working time is [startHour, endHour). */
    startHour: z.number().int().min(0).max(23).default(9),
    endHour: z.number().int().min(1).max(24).default(16),
    /** Grundlovsdag, juleaftensdag and nytårsaftensdag: closed in the office, though not public holidays. */
    defaultClosedDays: z.boolean().default(true),
    extraClosedDates: z.array(LocalDate).default([]),
  })
  .refine((p) => p.startHour < p.endHour, { message: 'startHour must be before endHour', path: ['endHour'] });
export type WorkingTimePolicy = z.infer<typeof WorkingTimePolicy>;

export const DEFAULT_WORKING_TIME_POLICY: WorkingTimePolicy = WorkingTimePolicy.parse({});

export interface NamedDay {
  readonly date: LocalDate;
  readonly name: string;
}

// ---- local dates -----------------------------------------------------------

const DAY_MS = 86_400_000;

function toUtcMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return new Date(toUtcMidnight(date).getTime() + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcMidnight(to).getTime() - toUtcMidnight(from).getTime()) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return ((toUtcMidnight(date).getUTCDay() + 6) % 7) + 1;
}

/** The ISO 8601 week, e.g. '2026-W48'; the week belongs to the year of its Thursday. */
export function isoWeek(date: LocalDate): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

// ---- instants and wall-clock time --------------------------------------------

/** The zone's offset from UTC at an instant, in milliseconds (Copenhagen: +1 h or +2 h). */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the local clock shows `hour:minute` on `date`.
 * Around daylight-saving changes this follows Temporal's "compatible" choice:
 * - a time that does not exist (spring forward, 02:30 on the last Sunday of
 *   March in Copenhagen) is moved forward by the gap: 02:30 → 03:30 summer time;
 * - a time that exists twice (fall back, 02:30 on the last Sunday of October)
 *   is the earlier of the two, still in summer time.
 * Working hours never touch these hours in Denmark; the choice only has to be
 * deliberate and stable. `hour` 24 means midnight at the end of `date`.
 */
export function atLocalTime(date: LocalDate, hour: number, minute = 0, timeZone: string = DEFAULT_TIME_ZONE): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wallAsUtc = Date.UTC(y ?? NaN, (m ?? NaN) - 1, d ?? NaN, hour, minute);
  // Offsets a day either side bracket any single transition near this time.
  const before = offsetAt(new Date(wallAsUtc - DAY_MS), timeZone);
  const after = offsetAt(new Date(wallAsUtc + DAY_MS), timeZone);
  const candidates = [wallAsUtc - before, wallAsUtc - after]
    .filter((t) => wallAsUtc - t === offsetAt(new Date(t), timeZone))
    .sort((a, b) => a - b);
  // No candidate: the time is in the gap; using the offset before the change moves it forward.
  return new Date(candidates[0] ?? wallAsUtc - before);
}

// ---- holidays and closed days --------------------------------------------------

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last year with store bededag: the Folketing abolished it as a holiday from 2024. */
const LAST_STORE_BEDEDAG_YEAR = 2023;

/** Danish public holidays (helligdage) of a year, in date order. */
export function danishPublicHolidays(year: number): NamedDay[] {
  const easter = easterSunday(year);
  const fromEaster = (n: number, name: string): NamedDay => ({ date: addDays(easter, n), name });
  return [
    { date: `${year}-01-01`, name: 'Nytårsdag' },
    fromEaster(-3, 'Skærtorsdag'),
    fromEaster(-2, 'Langfredag'),
    fromEaster(0, 'Påskedag'),
    fromEaster(1, '2. påskedag'),
    ...(year <= LAST_STORE_BEDEDAG_YEAR ? [fromEaster(26, 'Store bededag')] : []),
    fromEaster(39, 'Kristi himmelfartsdag'),
    fromEaster(49, 'Pinsedag'),
    fromEaster(50, '2. pinsedag'),
    { date: `${year}-12-25`, name: 'Juledag' },
    { date: `${year}-12-26`, name: '2. juledag' },
  ];
}

/** Days a municipal office is closed by custom or agreement, though they are not public holidays. */
function defaultClosedDays(year: number): NamedDay[] {
  return [
    { date: `${year}-06-05`, name: 'Grundlovsdag' },
    { date: `${year}-12-24`, name: 'Juleaftensdag' },
    { date: `${year}-12-31`, name: 'Nytårsaftensdag' },
  ];
}

export function isWorkingDay(date: LocalDate, policy = DEFAULT_WORKING_TIME_POLICY): boolean {
  if (!policy.workingWeekdays.includes(isoWeekday(date))) return false;
  if (policy.extraClosedDates.includes(date)) return false;
  const year = Number(date.slice(0, 4));
  const closed = [...danishPublicHolidays(year), ...(policy.defaultClosedDays ? defaultClosedDays(year) : [])];
  return !closed.some((day) => day.date === date);
}

/** A generous bound on the search for a working day, so a policy that closes everything fails loudly. */
const MAX_SEARCH_DAYS = 400;

function findWorkingDay(date: LocalDate, step: 1 | -1, policy: WorkingTimePolicy): LocalDate {
  for (let i = 0, d = date; i < MAX_SEARCH_DAYS; i++, d = addDays(d, step)) {
    if (isWorkingDay(d, policy)) return d;
  }
  throw new Error(`No working day within ${MAX_SEARCH_DAYS} days of ${date}: check the working-time policy`);
}

/** `date` itself if it is a working day, else the nearest earlier working day. */
export function previousWorkingDay(date: LocalDate, policy = DEFAULT_WORKING_TIME_POLICY): LocalDate {
  return findWorkingDay(date, -1, policy);
}

/** `date` itself if it is a working day, else the nearest later working day. */
export function nextWorkingDay(date: LocalDate, policy = DEFAULT_WORKING_TIME_POLICY): LocalDate {
  return findWorkingDay(date, 1, policy);
}

export type WorkingHours = Readonly<{ start: Date; end: Date }>;

/** The working period of a local date, [start, end), whether or not the date is a working day. */
export function workingHoursOf(date: LocalDate, policy = DEFAULT_WORKING_TIME_POLICY): WorkingHours {
  return {
    start: atLocalTime(date, policy.startHour, 0, policy.timeZone),
    end: atLocalTime(date, policy.endHour, 0, policy.timeZone),
  };
}

export function isWorkingTime(instant: Date, policy = DEFAULT_WORKING_TIME_POLICY): boolean {
  const date = localDate(instant, policy.timeZone);
  if (!isWorkingDay(date, policy)) return false;
  const { start, end } = workingHoursOf(date, policy);
  return start <= instant && instant < end;
}

/** `instant` itself if it is within working time, else the start of the next working period. */
export function nextWorkingTime(instant: Date, policy = DEFAULT_WORKING_TIME_POLICY): Date {
  if (isWorkingTime(instant, policy)) return instant;
  let date = nextWorkingDay(localDate(instant, policy.timeZone), policy);
  if (workingHoursOf(date, policy).start < instant) date = nextWorkingDay(addDays(date, 1), policy);
  return workingHoursOf(date, policy).start;
}
