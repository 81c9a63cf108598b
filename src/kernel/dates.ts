// Local dates and clocks in a time zone, and the yearly rule every part of the
// assistant uses for a recurring deadline. The time zone is always a parameter
// (TIME_ZONE in the configuration); every UTC offset comes from
// Intl.DateTimeFormat, so daylight-saving changes follow the IANA database.

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch (err) {
    if (err instanceof RangeError) return false;
    throw err;
  }
}

/** What a clock in the time zone shows at an instant. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building a formatter costs far more than using one, and there are only a few time zones.
const formatters = new Map<string, Intl.DateTimeFormat>();
// Using one still costs several µs (formatToParts), and every answer asks for today's date: the
// last second's clock is kept per zone (a UTC offset changes on a whole second, never within one).
const lastSecond = new Map<string, { second: number; clock: WallClock }>();

export function wallClock(instant: Date, timeZone: string): WallClock {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastSecond.get(timeZone);
  if (last?.second === second) return last.clock;
  const clock = formatWallClock(instant, timeZone);
  if (Number.isFinite(second)) lastSecond.set(timeZone, { second, clock });
  return clock;
}

function formatWallClock(instant: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    // hourCycle h23: with hour12: false some engines print midnight as "24".
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
  const { year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN } = parts;
  return Object.freeze({ year, month, day, hour, minute, second });
}

const pad = (n: number): string => String(n).padStart(2, '0');

const dateOf = (w: WallClock): string => `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;

/** The local calendar date at an instant, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  return dateOf(wallClock(instant, timeZone));
}

/** The local date and the clock's hour and minute as two digits each ("09", "05"). */
export function localTime(instant: Date, timeZone: string): { date: string; hour: string; minute: string } {
  const w = wallClock(instant, timeZone);
  return { date: dateOf(w), hour: pad(w.hour), minute: pad(w.minute) };
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The same month and day in another year; 29 February becomes 28 February in
 * common years (and is 29 February again in the next leap year). The one rule
 * for a yearly deadline, shared by the scheduler, the answers and the tab.
 */
export function sameDateInYear(date: string, year: number): string {
  const monthDay = date.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay}`;
}

/** The first occurrence of a yearly date (first due `first`) on or after `today`; never before `first`. */
export function nextYearly(first: string, today: string): string {
  if (first >= today) return first;
  const year = Number(today.slice(0, 4));
  const thisYear = sameDateInYear(first, year);
  return thisYear >= today ? thisYear : sameDateInYear(first, year + 1);
}
