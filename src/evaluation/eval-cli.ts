// `npm run eval -- FILE [--verbose] [--today YYYY-MM-DD]`: the share of
// questions answered, per kind, and every miss with what the answer lacked.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { localDate } from '../knowledge/currency';
import { loadKnowledgeBase } from '../knowledge/load';
import { evaluate } from './evaluate';
import { EvalQuestion } from './score';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run eval -- FILE.jsonl [--verbose] [--today YYYY-MM-DD]');
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
  const report = evaluate(kb, questions, today);
  for (const r of report.results) {
    if (r.ok && !args.includes('--verbose')) continue;
    console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.item.id} [${r.item.kind}] ${r.item.q}`);
    if (!r.ok) console.log(`     missing: ${r.misses.join(' , ')}\n     got: ${r.text.slice(0, 300)}`);
  }
  console.log(Object.entries(report.byKind).map(([k, v]) => `${k} ${v.passed}/${v.total}`).join(', '));
  console.log(`answered ${report.passed}/${questions.length} (${((100 * report.passed) / questions.length).toFixed(1)}%)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
