// `npm run eval -- FILE [--verbose] [--today YYYY-MM-DD] [--matcher ranker|fuse|both]`:
// the share of questions answered, per kind, and every miss with what the answer
// lacked; `--matcher both` also runs the fuse.js-only baseline and sets the figures side by side.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { localDate } from '../kernel/dates';
import { loadKnowledgeBase } from '../knowledge/load';
import type { Matcher } from '../answering/engine';
import { evaluate } from './evaluate';
import { EvalQuestion } from './score';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run eval -- FILE.jsonl [--verbose] [--today YYYY-MM-DD] [--matcher ranker|fuse|both]');
    return 2;
  }
  const todayArg = args.indexOf('--today');
  const today = todayArg >= 0 ? (args[todayArg + 1] ?? '') : localDate(new Date(), 'Europe/Copenhagen');
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  const questions = lines.map((l, i) => {
    const parsed = EvalQuestion.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    return parsed.data;
  });
  const kb = await loadKnowledgeBase(path.resolve('knowledge'));
  const matcherArg = args.indexOf('--matcher');
  const choice = matcherArg >= 0 ? args[matcherArg + 1] : 'ranker';
  const matchers: Matcher[] = choice === 'both' ? ['fuse', 'ranker'] : choice === 'fuse' ? ['fuse'] : ['ranker'];
  const reports = matchers.map((m) => ({ matcher: m, report: evaluate(kb, questions, today, 'da', m) }));
  for (const { matcher, report } of reports) {
    if (reports.length > 1) console.log(`\n== ${matcher} ==`);
    for (const r of report.results) {
      if (r.ok && !args.includes('--verbose')) continue;
      console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.item.id} [${r.item.kind}] ${r.item.q}`);
      if (!r.ok) console.log(`     missing: ${r.misses.join(' , ')}\n     got: ${r.text.slice(0, 300)}`);
    }
    console.log(Object.entries(report.byKind).map(([k, v]) => `${k} ${v.passed}/${v.total}`).join(', '));
    console.log(`answered ${report.passed}/${questions.length} (${((100 * report.passed) / questions.length).toFixed(1)}%)`);
  }
  if (reports.length > 1) {
    console.log('\nside by side:');
    for (const { matcher, report } of reports)
      console.log(`  ${matcher.padEnd(7)} ${report.passed}/${questions.length} (${((100 * report.passed) / questions.length).toFixed(1)}%)`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
