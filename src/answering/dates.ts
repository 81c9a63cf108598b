// Dates as search terms: "19. januar 2010", "19/1-2010", "January 19, 2010" and
// a record's date field 2010-01-19 all become the one word d20100119, "i marts
// 2018" and "March 2018" m201803, a date without its year ("den 13. april")
// d0413, a season with its year ("i efteråret 2019", "the summer of 2009")
// s20193. The analyzer gives a day's word its month and its yearless day as
// parts, so a question's date finds the records and sentences that hold it
// however either side writes it. Pure.

const MONTHS: Readonly<Record<string, number>> = {
  januar: 1, january: 1, jan: 1, februar: 2, february: 2, feb: 2, marts: 3, march: 3, mar: 3, april: 4, apr: 4,
  maj: 5, may: 5, juni: 6, june: 6, jun: 6, juli: 7, july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

/**
 * The seasons by their Danish and English names (folded forms too: the question may be typed without æøå), each
 * numbered 1–4 from spring. A season is three months of its year (SEASON_MONTHS).
 */
const SEASON_NAMES: Readonly<Record<string, number>> = {
  forår: 1, foråret: 1, foraar: 1, foraaret: 1, forar: 1, foraret: 1, spring: 1,
  sommer: 2, sommeren: 2, summer: 2,
  efterår: 3, efteråret: 3, efteraar: 3, efteraaret: 3, efterar: 3, efteraret: 3, autumn: 3, fall: 3,
  vinter: 4, vinteren: 4, winter: 4,
};

/** The months of each season within its year: "vinteren 2010" is taken as the winter months of 2010 (January, February, December). */
const SEASON_MONTHS: Readonly<Record<number, readonly number[]>> = { 1: [3, 4, 5], 2: [6, 7, 8], 3: [9, 10, 11], 4: [1, 2, 12] };

/** How a season of a year is named in an answer. */
export const SEASON_LABELS: Readonly<Record<'da' | 'en', Readonly<Record<number, string>>>> = {
  da: { 1: 'foråret', 2: 'sommeren', 3: 'efteråret', 4: 'vinteren' },
  en: { 1: 'spring', 2: 'summer', 3: 'autumn', 4: 'winter' },
};

const pad = (n: number | string) => String(n).padStart(2, '0');
const MONTH = `(${Object.keys(MONTHS).join('|')})\\.?`;
const DAY = '([12]\\d|3[01]|0?[1-9])';
const YEAR = '((?:19|20)\\d\\d)';

/** The written forms, longest first; each gives day, month (number or name) and year groups. */
const FORMS: readonly { readonly pattern: RegExp; readonly read: (m: RegExpExecArray) => string | undefined }[] = [
  // 2010-01-19
  { pattern: new RegExp(`\\b${YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])\\b`, 'g'), read: (m) => `d${m[1]}${m[2]}${m[3]}` },
  // 19. januar 2010, 19 jan. 2010, 19. januar, 2010
  { pattern: new RegExp(`\\b${DAY}\\.?(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\s*,?\\s+${YEAR}\\b`, 'gi'), read: (m) => day(m[3]!, m[2]!, m[1]!) },
  // January 19, 2010
  { pattern: new RegExp(`\\b${MONTH}\\s+${DAY}(?:st|nd|rd|th)?\\s*,?\\s+${YEAR}\\b`, 'gi'), read: (m) => day(m[3]!, m[1]!, m[2]!) },
  // 19/1-2010, 19/1 2010, 19.1.2010 (a bare "1/3" is a third, not a date)
  { pattern: new RegExp(`\\b${DAY}(?:/(0?[1-9]|1[0-2])[-/ ]|\\.(0?[1-9]|1[0-2])\\.)${YEAR}\\b`, 'g'), read: (m) => `d${m[4]}${pad(m[2] ?? m[3]!)}${pad(m[1]!)}` },
  // marts 2018, March 2018
  { pattern: new RegExp(`\\b${MONTH}\\s+${YEAR}\\b`, 'gi'), read: (m) => `m${m[2]}${pad(MONTHS[m[1]!.toLowerCase()]!)}` },
  // i efteråret 2019, the summer of 2009, autumn 2019
  { pattern: new RegExp(`(?<![\\p{L}])(${Object.keys(SEASON_NAMES).join('|')})\\s+(?:of\\s+)?${YEAR}\\b`, 'giu'), read: (m) => `s${m[2]}${SEASON_NAMES[m[1]!.toLowerCase()]}` },
  // 13. april, den 19 januar, 19th January (a day without its year)
  { pattern: new RegExp(`\\b${DAY}\\.?(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?![\\w])`, 'gi'), read: (m) => `d${pad(MONTHS[m[2]!.toLowerCase()]!)}${pad(m[1]!)}` },
];

function day(year: string, month: string, d: string): string | undefined {
  const n = MONTHS[month.toLowerCase()];
  return n ? `d${year}${pad(n)}${pad(d)}` : undefined;
}

/** The text with each date it writes replaced by its word. */
export function markDates(text: string): string {
  if (!/\d/.test(text)) return text;
  let out = text;
  for (const { pattern, read } of FORMS) out = out.replace(pattern, (...args) => ` ${read(args.slice(0, -2) as unknown as RegExpExecArray) ?? args[0]} `);
  return out;
}

/** The word of a date field as the records store it: "2010-01-19", "2010-02" (a year alone stays a year). */
export function dateWord(date: string): string | undefined {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
  if (!m) return undefined;
  return m[3] ? `d${m[1]}${m[2]}${m[3]}` : `m${m[1]}${m[2]}`;
}

const DAY_WORD = /^d(\d{4})(\d{2})(\d{2})$/;

/** Whether a word is a date's word (a day, a day without its year, a month, a season). */
export function isDateWord(word: string): boolean {
  return /^(d\d{4}|d\d{8}|m\d{6}|s\d{4}[1-4])$/.test(word);
}

/** The year and season of a season's word ("s20193": autumn 2019); none for other words. */
export function seasonOf(word: string): { year: string; season: number } | undefined {
  const m = /^s(\d{4})([1-4])$/.exec(word);
  return m ? { year: m[1]!, season: Number(m[2]) } : undefined;
}

/** Whether a date ("2019-10-31", "2019-10") falls in the season of that year. */
export function inSeason(date: string, year: string, season: number): boolean {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m !== null && m[1] === year && (SEASON_MONTHS[season] ?? []).includes(Number(m[2]));
}

const MONTH_WORD = /^m(\d{4})(\d{2})$/;

/** The season word of a month of a year ("2019", "10" → s20193). */
const seasonWord = (year: string, month: string) => {
  const season = Object.entries(SEASON_MONTHS).find(([, months]) => months.includes(Number(month)))?.[0];
  return season ? [`s${year}${season}`] : [];
};

/**
 * The parts of a day's word: the day without its year, its month and its season ("d20100119" → d0119, m201001,
 * s20104); of a month's word, its season ("m201910" → s20193); none for other words.
 */
export function dateParts(word: string): readonly string[] {
  const d = DAY_WORD.exec(word);
  if (d) return [`d${d[2]}${d[3]}`, `m${d[1]}${d[2]}`, ...seasonWord(d[1]!, d[2]!)];
  const m = MONTH_WORD.exec(word);
  return m ? seasonWord(m[1]!, m[2]!) : [];
}

/** Whether a word is a season's word ("s20193"). */
export const isSeasonWord = (word: string): boolean => /^s\d{4}[1-4]$/.test(word);
