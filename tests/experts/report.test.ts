import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildReport, isoWeek, renderReportCard, reportCsv, reportMarkdown, type ReportInput } from '../../src/experts/report';
import { validateCard } from '../../src/cards/validate';
import type { ExpertQuestion } from '../../src/storage/expert-store';
import { openSqliteStore } from '../../src/storage/sqlite-store';
import type { Feedback, UnansweredQuestion } from '../../src/storage/store';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const TZ = 'Europe/Copenhagen';
const at = (iso: string) => new Date(iso);
const unanswered = (question: string, when = '2026-11-25T10:00:00Z', lang: 'da' | 'en' = 'da'): UnansweredQuestion => ({ question, lang, outcome: 'fallback', at: at(when) });
const feedback = (rating: 'up' | 'down', answerTitle: string, question: string): Feedback => ({ answerId: 'x', rating, answerTitle, question, at: at('2026-11-26T10:00:00Z') });
const expertQuestion = (id: number, asked: string, answeredAfterHours?: number, status?: ExpertQuestion['status']): ExpertQuestion => ({
  id,
  question: 'Q',
  lang: 'da',
  asker: { id: 'a', name: 'Hemmelig Navnesen' },
  conversation: { conversationId: 'c', serviceUrl: 'http://127.0.0.1:9/', reference: {} },
  askedAt: at(asked),
  status: status ?? (answeredAfterHours === undefined ? 'open' : 'delivered'),
  ...(answeredAfterHours !== undefined && { answer: { text: 'A', by: { id: 'e', name: 'Ekspert Eriksen' }, at: new Date(at(asked).getTime() + answeredAfterHours * 3_600_000) } }),
});

const input: ReportInput = {
  since: at('2026-11-01T00:00:00Z'),
  now: at('2026-12-01T12:00:00Z'),
  timeZone: TZ,
  unanswered: [
    unanswered('Hvem sidder i styregruppen?'),
    unanswered('Hvem sidder i styregruppen?'),
    unanswered('hvem sidder i styregruppen'),
    unanswered('Hvem er med i styregrupperne?'),
    unanswered('Who is on the steering group?', undefined, 'en'),
    unanswered('Hvad koster SSP-samarbejdet?'),
    unanswered('Hvem sidder i styregruppen?', '2026-10-01T10:00:00Z'), // before the period
  ],
  feedback: [feedback('down', 'Exit-programmet', 'Hvad er Exit?'), feedback('down', 'Exit-programmet', 'Hvad er Exit?'), feedback('down', 'Exit-programmet', 'exit i 2025'), feedback('up', 'Exit-programmet', 'x'), feedback('up', 'Tryghedsmåling', 'y')],
  outcomes: [
    // Sunday 29 November 23:30 UTC is Monday 30 November in Copenhagen: week 49.
    { outcome: 'answered', at: at('2026-11-29T23:30:00Z') },
    { outcome: 'fallback', at: at('2026-11-30T09:00:00Z') },
    { outcome: 'answered', at: at('2026-11-29T10:00:00Z') },
    { outcome: 'suggestions', at: at('2026-11-28T10:00:00Z') },
  ],
  questions: [expertQuestion(1, '2026-11-20T08:00:00Z', 2), expertQuestion(2, '2026-11-21T08:00:00Z', 5), expertQuestion(3, '2026-11-22T08:00:00Z', 30, 'undeliverable'), expertQuestion(4, '2026-11-30T08:00:00Z')],
  pendingSuggestions: [{ id: 7, questionId: 1, kind: 'new', question: 'Hvem sidder i styregruppen?', answer: 'A', answeredBy: { id: 'e', name: 'Ekspert Eriksen' }, answeredAt: at('2026-11-20T10:00:00Z'), status: 'pending' }],
};

describe('the report', () => {
  const report = buildReport(input);

  it('groups the same question in other words, most frequent first, within the period', () => {
    expect(report.unanswered).toEqual([
      { question: 'Hvem sidder i styregruppen?', count: 4, variants: ['Hvem er med i styregrupperne?'] },
      { question: 'Hvad koster SSP-samarbejdet?', count: 1, variants: [] },
      { question: 'Who is on the steering group?', count: 1, variants: [] },
    ]);
  });

  it('counts 👎 per answer with the questions that led to it', () => {
    expect(report.disliked).toEqual([{ answer: 'Exit-programmet', down: 3, up: 1, questions: ['Hvad er Exit?', 'exit i 2025'] }]);
  });

  it('gives the share answered per ISO week in local time, and how the experts keep up', () => {
    expect(report.weeks).toEqual([
      { week: '2026-W48', asked: 2, answered: 1 },
      { week: '2026-W49', asked: 2, answered: 1 },
    ]);
    expect(report.experts).toEqual({ open: 1, answered: 3, undeliverable: 1, medianHoursToAnswer: 5 });
    expect(report.suggestions).toEqual([{ id: 7, question: 'Hvem sidder i styregruppen?', kind: 'new' }]);
    expect([report.from, report.to]).toEqual(['2026-11-01', '2026-12-01']);
  });

  it('numbers ISO weeks across a year end', () => {
    expect(['2026-12-31', '2027-01-01', '2027-01-04', '2021-01-03', '2026-01-01'].map(isoWeek)).toEqual(['2026-W53', '2026-W53', '2027-W01', '2020-W53', '2026-W01']);
  });

  it('reads as markdown, with no asker or expert named', () => {
    const md = reportMarkdown(report, 'da');
    expect(md).toContain('# Rapport for vidensbasen, 2026-11-01 – 2026-12-01');
    expect(md).toContain('| 4 | Hvem sidder i styregruppen? | Hvem er med i styregrupperne? |');
    expect(md).toContain('| 3 | 1 | Exit-programmet | Hvad er Exit?; exit i 2025 |');
    expect(md).toContain('| 2026-W49 | 2 | 1 | 50 % |');
    expect(md).toContain('- Mediantid til svar: 5 timer');
    expect(md).toContain('- 7: Hvem sidder i styregruppen?');
    expect(md).not.toMatch(/Navnesen|Eriksen/);
    expect(reportMarkdown(report, 'en')).toContain('## Share answered per week');
    const injected = reportMarkdown(buildReport({ ...input, unanswered: [unanswered('[klik](https://x.dk) | kolonne')] }), 'da');
    expect(injected).toContain('| 1 | \\[klik\\](https:\u200B//x.dk) \\| kolonne |  |');
  });

  it('is one CSV table that a spreadsheet cannot mistake for formulas', () => {
    const csv = reportCsv(buildReport({ ...input, unanswered: [unanswered('=HYPERLINK("x"), "y"')] }));
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('section,item,count,share,detail');
    expect(lines[1]).toBe(`unanswered,"'=HYPERLINK(""x""), ""y""",1,,`);
    expect(lines).toContain('week,2026-W48,2,0.50,answered 1');
    expect(lines).toContain('experts,median-hours-to-answer,5,,');
  });

  it('fits a Teams chat as a valid card, in both languages, empty or not', () => {
    for (const lang of ['da', 'en'] as const) {
      for (const r of [report, buildReport({ ...input, unanswered: [], feedback: [], outcomes: [], questions: [], pendingSuggestions: [] })]) {
        const { card, summary } = renderReportCard(r, lang);
        expect(validateCard(card)).toEqual([]);
        expect(summary).toMatch(/2026-11-01 – 2026-12-01/);
      }
    }
    expect(JSON.stringify(renderReportCard(report, 'da').card)).toContain('Hvem sidder i styregruppen?');
  });
});

describe('npm run report', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'report-'));
    const store = await openSqliteStore({ path: path.join(dir, 'bot.sqlite') });
    const recent = new Date(Date.now() - 2 * 86_400_000);
    await store.recordUnanswered({ question: 'Hvem sidder i styregruppen?', lang: 'da', outcome: 'fallback', at: recent });
    await store.recordAnswerOutcome({ outcome: 'fallback', at: recent });
    await store.recordAnswerOutcome({ outcome: 'answered', at: recent });
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[]) =>
    spawnSync(process.execPath, [TSX, path.join(ROOT, 'src', 'experts', 'report-cli.ts'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, SQLITE_PATH: path.join(dir, 'bot.sqlite'), DATABASE_URL: '', TIME_ZONE: TZ, DEFAULT_LANG: 'da' },
    });

  it('prints the markdown report of the store, and the CSV', () => {
    const md = run([]);
    expect(md.stderr).toBe('');
    expect(md.status).toBe(0);
    expect(md.stdout).toContain('| 1 | Hvem sidder i styregruppen? |  |');
    expect(md.stdout).toMatch(/\| 2026-W\d\d \| 2 \| 1 \| 50 % \|/);
    const csv = run(['--format', 'csv', '--since', '2020-01-01']);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\n')).toContain('unanswered,Hvem sidder i styregruppen?,1,,');
  });

  it('leaves out what came before --since, and explains a wrong call', () => {
    const later = run(['--since', '2099-01-01']);
    expect(later.stdout).toContain('Ingen.');
    const wrong = run(['--format', 'pdf']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/--format pdf: expected md or csv\n\nusage: npm run report/);
    expect(run(['--since', '1. december']).status).toBe(2);
  });
});
