// `npm run eval -- FILE [--session] [--engine new|old|fuse] [--verbose] [--explain] [--quick] [--today YYYY-MM-DD]`:
// scores a question file in-process with the new engine, the engine before the
// rebuild ("old") and a fuse.js-only baseline ("fuse"), each asked fresh (every
// question its own conversation) and as one session (every question without
// `conv` in one conversation, like ask.mjs --session), and prints them side by
// side; the misses printed are those of --engine (default new), asked the way
// --session says.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { localDate } from '../kernel/dates';
import { loadKnowledgeBase } from '../knowledge/load';
import type { Trace } from '../answering/engine';
import { ENGINE_NAMES, evaluate, type EngineName } from './evaluate';
import { EvalQuestion } from './score';

const percent = (passed: number, total: number) => `${passed}/${total} (${((100 * passed) / total).toFixed(1)}%)`;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const file = args.find((a, i) => !a.startsWith('--') && !['--engine', '--today'].includes(args[i - 1] ?? ''));
  const shown = (value('--engine') ?? 'new') as EngineName;
  if (!file || !ENGINE_NAMES.includes(shown)) {
    console.error('usage: npm run eval -- FILE.jsonl [--session] [--engine new|old|fuse] [--verbose] [--explain] [--quick] [--today YYYY-MM-DD]');
    return 2;
  }
  const today = value('--today') ?? localDate(new Date(), 'Europe/Copenhagen');
  const session = args.includes('--session');
  const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l.trim());
  const questions = lines.map((l, i) => {
    const parsed = EvalQuestion.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
    return parsed.data;
  });
  const kb = await loadKnowledgeBase(path.resolve('knowledge'));

  const explain = args.includes('--explain');
  const report = evaluate(kb, questions, today, { engine: shown, session, explain });
  for (const r of report.results) {
    if (r.ok && !args.includes('--verbose')) continue;
    console.log(`${r.ok ? 'PASS' : 'FAIL'} ${r.item.id} [${r.item.kind}] ${r.item.q}`);
    if (!r.ok) console.log(`     missing: ${r.misses.join(' , ')}\n     got: ${r.text.slice(0, 300)}`);
    if (explain && r.trace) console.log(describe(r.trace));
  }
  console.log(`${shown}${session ? ' --session' : ''}: ${Object.entries(report.byKind).map(([k, v]) => `${k} ${v.passed}/${v.total}`).join(', ')}`);

  if (args.includes('--quick')) {
    const other = evaluate(kb, questions, today, { engine: shown, session: !session });
    console.log(`${shown}: ${percent(session ? other.passed : report.passed, questions.length)} fresh, ${percent(session ? report.passed : other.passed, questions.length)} session`);
    return 0;
  }
  console.log(`\n${path.basename(file)}, ${questions.length} questions    fresh            session`);
  for (const name of ENGINE_NAMES) {
    const fresh = evaluate(kb, questions, today, { engine: name });
    const one = evaluate(kb, questions, today, { engine: name, session: true });
    console.log(`  ${name.padEnd(6)}  ${percent(fresh.passed, questions.length).padEnd(17)}${percent(one.passed, questions.length)}`);
  }
  return 0;
}

function describe(t: Trace): string {
  const u = t.understood;
  const hits = t.hits
    .slice(0, 5)
    .map((h) => `${h.id} ${h.score.toFixed(2)}/${h.coverage.toFixed(2)}`)
    .join(' | ');
  return [
    `     route ${t.route}; content [${u.content.join(' ')}] frame [${u.frame.join(' ')}] intents [${[...u.intents].join(' ')}] types [${[...u.answerTypes].join(' ')}] unknown ${t.unknownShare.toFixed(2)}${u.elliptic ? ' elliptic' : ''}`,
    `     hits ${hits}`,
  ].join('\n');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
