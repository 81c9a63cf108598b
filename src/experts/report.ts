// Figures for the knowledge base's editors: which questions go unanswered
// (the same question in other words counted together), which answers get 👎
// and from which questions, the share answered per week, how the experts keep
// up, and what waits for approval. Pure: the store's rows and the clock come
// in; `npm run report` and the admin command `rapport` render the result as
// markdown, CSV or a card. No asker's name is in it.
import { newStemmer } from 'snowball-stemmers';
import stopwords from 'stopwords-iso';
import { loadTemplate } from '../cards/render';
import type { AdaptiveCard, RenderedCard } from '../kernel/card';
import { localDate } from '../kernel/dates';
import type { Lang } from '../kernel/lang';
import type { AnswerOutcome, ExpertQuestion, ExpertStore, Suggestion } from '../storage/expert-store';
import type { Feedback, Store, UnansweredQuestion } from '../storage/store';
import { inert, personText } from '../cards/safe-text';

export interface ReportInput {
  readonly since: Date;
  readonly now: Date;
  readonly timeZone: string;
  readonly unanswered: readonly UnansweredQuestion[];
  readonly feedback: readonly Feedback[];
  readonly outcomes: readonly AnswerOutcome[];
  readonly questions: readonly ExpertQuestion[];
  readonly pendingSuggestions: readonly Suggestion[];
}

interface QuestionGroup {
  /** The wording asked most often. */
  readonly question: string;
  readonly count: number;
  /** Other wordings in the group, most frequent first. */
  readonly variants: readonly string[];
}

interface DislikedAnswer {
  readonly answer: string;
  readonly down: number;
  readonly up: number;
  /** The questions that led to a 👎, most frequent first. */
  readonly questions: readonly string[];
}

interface WeekShare {
  /** ISO week, e.g. "2026-W49". */
  readonly week: string;
  readonly asked: number;
  readonly answered: number;
}

export interface Report {
  /** Local dates, YYYY-MM-DD. */
  readonly from: string;
  readonly to: string;
  readonly unanswered: readonly QuestionGroup[];
  readonly disliked: readonly DislikedAnswer[];
  readonly weeks: readonly WeekShare[];
  readonly experts: { readonly open: number; readonly answered: number; readonly undeliverable: number; readonly medianHoursToAnswer?: number };
  readonly suggestions: readonly { readonly id: number; readonly question: string; readonly kind: Suggestion['kind'] }[];
}

const MAX_VARIANTS = 3;
const MAX_QUESTIONS_PER_ANSWER = 5;
/** Two wordings with this share of their content words in common ask the same question. */
const SAME_QUESTION = 0.5;

export function buildReport(input: ReportInput): Report {
  const inRange = (at: Date) => at >= input.since && at <= input.now;
  const asked = input.questions.filter((q) => inRange(q.askedAt));
  const answered = asked.filter((q) => q.answer !== undefined);
  return {
    from: localDate(input.since, input.timeZone),
    to: localDate(input.now, input.timeZone),
    unanswered: groupQuestions(input.unanswered.filter((u) => inRange(u.at))),
    disliked: dislikedAnswers(input.feedback.filter((f) => inRange(f.at))),
    weeks: weekShares(input.outcomes.filter((o) => inRange(o.at)), input.timeZone),
    experts: {
      open: asked.filter((q) => q.status === 'open' || q.status === 'claimed').length,
      answered: answered.length,
      undeliverable: asked.filter((q) => q.status === 'undeliverable').length,
      ...median(answered.map((q) => ((q.answer?.at.getTime() ?? 0) - q.askedAt.getTime()) / 3_600_000)),
    },
    suggestions: input.pendingSuggestions.map((s) => ({ id: s.id, question: s.question, kind: s.kind })),
  };
}

function median(values: readonly number[]): { medianHoursToAnswer?: number } {
  if (values.length === 0) return {};
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { medianHoursToAnswer: Math.round(value * 10) / 10 };
}

// Content words, stemmed, so that "Hvem sidder i styregruppen?" and "hvem er
// med i styregrupperne" meet on "styregrup". Question words are stopwords in
// both lists, so the topic decides.
const STOP = new Set([...stopwords.da, ...stopwords.en]);
const stemmers = { da: newStemmer('danish'), en: newStemmer('english') };

function contentWords(question: string, lang: Lang): Set<string> {
  const words = question.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return new Set(words.filter((w) => !STOP.has(w)).map((w) => stemmers[lang].stem(w)));
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

/** Greedy: each wording joins the first group whose first wording it resembles enough, most frequent wordings first. */
function groupQuestions(rows: readonly UnansweredQuestion[]): QuestionGroup[] {
  const byWording = new Map<string, { text: string; lang: Lang; count: number }>();
  for (const r of rows) {
    const key = r.question.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[?.!]+$/, '');
    const seen = byWording.get(key);
    if (seen) seen.count++;
    else byWording.set(key, { text: r.question.trim(), lang: r.lang, count: 1 });
  }
  const wordings = [...byWording.values()].sort((a, b) => b.count - a.count || a.text.localeCompare(b.text));
  const groups: { words: Set<string>; members: typeof wordings }[] = [];
  for (const w of wordings) {
    const words = contentWords(w.text, w.lang);
    const group = groups.find((g) => overlap(g.words, words) >= SAME_QUESTION);
    if (group) group.members.push(w);
    else groups.push({ words, members: [w] });
  }
  return groups
    .map((g) => ({
      question: g.members[0]?.text ?? '',
      count: g.members.reduce((n, m) => n + m.count, 0),
      variants: g.members.slice(1, 1 + MAX_VARIANTS).map((m) => m.text),
    }))
    .sort((a, b) => b.count - a.count || a.question.localeCompare(b.question));
}

function dislikedAnswers(feedback: readonly Feedback[]): DislikedAnswer[] {
  const byAnswer = new Map<string, { down: number; up: number; questions: Map<string, number> }>();
  for (const f of feedback) {
    const title = f.answerTitle.trim() || '–';
    const entry = byAnswer.get(title) ?? { down: 0, up: 0, questions: new Map<string, number>() };
    byAnswer.set(title, entry);
    if (f.rating === 'up') entry.up++;
    else {
      entry.down++;
      const q = f.question.trim();
      if (q) entry.questions.set(q, (entry.questions.get(q) ?? 0) + 1);
    }
  }
  return [...byAnswer.entries()]
    .filter(([, e]) => e.down > 0)
    .map(([answer, e]) => ({
      answer,
      down: e.down,
      up: e.up,
      questions: [...e.questions.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_QUESTIONS_PER_ANSWER).map(([q]) => q),
    }))
    .sort((a, b) => b.down - a.down || a.answer.localeCompare(b.answer));
}

function weekShares(outcomes: readonly AnswerOutcome[], timeZone: string): WeekShare[] {
  const weeks = new Map<string, { asked: number; answered: number }>();
  for (const o of outcomes) {
    const week = isoWeek(localDate(o.at, timeZone));
    const w = weeks.get(week) ?? { asked: 0, answered: 0 };
    weeks.set(week, w);
    w.asked++;
    if (o.outcome === 'answered') w.answered++;
  }
  return [...weeks.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, w]) => ({ week, ...w }));
}

/** "2026-12-01" → "2026-W49": the ISO week (Monday first; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay() || 7;
  const thursday = new Date(day.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.ceil(((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)} %`);

/** For a browser or a pull request: headings, tables, lists. */
export function reportMarkdown(r: Report, lang: Lang): string {
  const da = lang === 'da';
  // What people typed, escaped: a question cannot become a link or a column in the table.
  const cell = (s: string) => personText(s.replace(/\s+/g, ' '));
  const lines: string[] = [da ? `# Rapport for vidensbasen, ${r.from} – ${r.to}` : `# Knowledge base report, ${r.from} – ${r.to}`, ''];
  lines.push(da ? '## Hyppigste ubesvarede spørgsmål' : '## Most frequent unanswered questions', '');
  if (r.unanswered.length === 0) lines.push(da ? 'Ingen.' : 'None.');
  else {
    lines.push(da ? '| Antal | Spørgsmål | Også stillet som |' : '| Count | Question | Also asked as |', '|---:|---|---|');
    for (const g of r.unanswered) lines.push(`| ${g.count} | ${cell(g.question)} | ${cell(g.variants.join('; '))} |`);
  }
  lines.push('', da ? '## 👎 pr. svar' : '## 👎 per answer', '');
  if (r.disliked.length === 0) lines.push(da ? 'Ingen.' : 'None.');
  else {
    lines.push(da ? '| 👎 | 👍 | Svar | Spørgsmål der førte dertil |' : '| 👎 | 👍 | Answer | Questions that led to it |', '|---:|---:|---|---|');
    for (const d of r.disliked) lines.push(`| ${d.down} | ${d.up} | ${cell(d.answer)} | ${cell(d.questions.join('; '))} |`);
  }
  lines.push('', da ? '## Andel besvaret pr. uge' : '## Share answered per week', '');
  if (r.weeks.length === 0) lines.push(da ? 'Ingen spørgsmål i perioden.' : 'No questions in the period.');
  else {
    lines.push(da ? '| Uge | Stillet | Besvaret | Andel |' : '| Week | Asked | Answered | Share |', '|---|---:|---:|---:|');
    for (const w of r.weeks) lines.push(`| ${w.week} | ${w.asked} | ${w.answered} | ${percent(w.answered, w.asked)} |`);
  }
  lines.push('', da ? '## Spørgsmål til Team Sikker By' : '## Questions for Team Sikker By', '');
  const e = r.experts;
  const median = e.medianHoursToAnswer === undefined ? '–' : `${formatHours(e.medianHoursToAnswer, lang)}`;
  lines.push(
    da ? `- Åbne: ${e.open}` : `- Open: ${e.open}`,
    da ? `- Besvaret: ${e.answered} (heraf ikke leveret: ${e.undeliverable})` : `- Answered: ${e.answered} (not delivered: ${e.undeliverable})`,
    da ? `- Mediantid til svar: ${median}` : `- Median time to an answer: ${median}`,
  );
  lines.push('', da ? '## Forslag der venter' : '## Suggestions waiting', '');
  if (r.suggestions.length === 0) lines.push(da ? 'Ingen.' : 'None.');
  else for (const s of r.suggestions) lines.push(`- ${s.id}: ${cell(s.question)}${s.kind === 'alternate' ? (da ? ' (nyt spørgsmål til en eksisterende post)' : ' (another question for an existing record)') : ''}`);
  return `${lines.join('\n')}\n`;
}

function formatHours(hours: number, lang: Lang): string {
  const n = lang === 'da' ? String(hours).replace('.', ',') : String(hours);
  return lang === 'da' ? `${n} timer` : `${n} hours`;
}

/** One table for a spreadsheet: section, item, count, share, detail. */
export function reportCsv(r: Report): string {
  const field = (v: string | number) => {
    const s = String(v);
    // A leading =, +, - or @ would be a formula in a spreadsheet.
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows: (string | number)[][] = [['section', 'item', 'count', 'share', 'detail']];
  for (const g of r.unanswered) rows.push(['unanswered', g.question, g.count, '', g.variants.join(' | ')]);
  for (const d of r.disliked) rows.push(['thumbs-down', d.answer, d.down, '', `up ${d.up}; ${d.questions.join(' | ')}`]);
  for (const w of r.weeks) rows.push(['week', w.week, w.asked, w.asked === 0 ? '' : (w.answered / w.asked).toFixed(2), `answered ${w.answered}`]);
  rows.push(['experts', 'open', r.experts.open, '', '']);
  rows.push(['experts', 'answered', r.experts.answered, '', `undeliverable ${r.experts.undeliverable}`]);
  rows.push(['experts', 'median-hours-to-answer', r.experts.medianHoursToAnswer ?? '', '', '']);
  for (const s of r.suggestions) rows.push(['suggestion', s.question, s.id, '', s.kind]);
  return `${rows.map((row) => row.map(field).join(',')).join('\n')}\n`;
}

const CARD_ITEMS = 5;
const CARD_WEEKS = 6;
const templates = { report: loadTemplate('expert-report.json') };

/** The admin command `rapport`: the same figures, shortened to fit a Teams chat. */
export function renderReportCard(r: Report, lang: Lang): RenderedCard {
  const da = lang === 'da';
  const lastWeek = r.weeks.at(-1);
  const e = r.experts;
  const title = da ? `Rapport for vidensbasen, ${r.from} – ${r.to}` : `Knowledge base report, ${r.from} – ${r.to}`;
  const data = {
    title,
    summary: [
      { label: da ? 'Besvaret, seneste uge' : 'Answered, latest week', value: lastWeek ? `${percent(lastWeek.answered, lastWeek.asked)} (${lastWeek.answered}/${lastWeek.asked})` : '–' },
      { label: da ? 'Til Team Sikker By' : 'For Team Sikker By', value: da ? `${e.open} åbne, ${e.answered} besvaret` : `${e.open} open, ${e.answered} answered` },
      { label: da ? 'Mediantid til svar' : 'Median time to an answer', value: e.medianHoursToAnswer === undefined ? '–' : formatHours(e.medianHoursToAnswer, lang) },
      { label: da ? 'Forslag der venter' : 'Suggestions waiting', value: String(r.suggestions.length) },
    ],
    unanswered: r.unanswered.slice(0, CARD_ITEMS).map((g) => ({ count: g.count, question: inert(g.question) })),
    disliked: r.disliked.slice(0, CARD_ITEMS).map((d) => ({ down: d.down, answer: inert(d.answer), questions: d.questions.length ? inert(` (${d.questions.slice(0, 2).join('; ')})`) : ' ' })),
    weeks: r.weeks.slice(-CARD_WEEKS).map((w) => ({ label: w.week, value: `${percent(w.answered, w.asked)} (${w.answered}/${w.asked})` })),
    labels: {
      unanswered: da ? 'Hyppigste ubesvarede spørgsmål' : 'Most frequent unanswered questions',
      disliked: da ? 'Flest 👎' : 'Most 👎',
      weeks: da ? 'Andel besvaret pr. uge' : 'Share answered per week',
      none: da ? 'Ingen.' : 'None.',
      more: da ? 'Hele rapporten: npm run report (markdown eller CSV). Forslag: skriv "forslag".' : 'The full report: npm run report (markdown or CSV). Suggestions: write "suggestions".',
    },
  };
  const card = templates.report.expand({ $root: data }) as AdaptiveCard;
  return { card, summary: title };
}

/** The editors' default period: the last 30 days. */
export const DEFAULT_REPORT_DAYS = 30;
// Far more than a municipality's editors will see in a period; the lists are newest first.
const READ_LIMIT = 100_000;

export type ReportStore = Pick<Store, 'listUnanswered' | 'listFeedback'> & Pick<ExpertStore, 'listAnswerOutcomes' | 'listExpertQuestions' | 'listSuggestions'>;

/** Reads what the report needs from the store. */
export async function collectReport(store: ReportStore, { since, now, timeZone }: { since: Date; now: Date; timeZone: string }): Promise<Report> {
  const [unanswered, feedback, outcomes, questions, pendingSuggestions] = await Promise.all([
    store.listUnanswered(READ_LIMIT),
    store.listFeedback(READ_LIMIT),
    store.listAnswerOutcomes(since),
    store.listExpertQuestions({ since, limit: READ_LIMIT }),
    store.listSuggestions({ status: 'pending', limit: READ_LIMIT }),
  ]);
  return buildReport({ since, now, timeZone, unanswered, feedback, outcomes, questions, pendingSuggestions });
}
