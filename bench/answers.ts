// `npx tsx bench/answers.ts`: the answering engine alone, in-process: how long the
// engine before issue 11 ("old", src/evaluation/baseline) and the new one take to
// build from the shipped knowledge base, and their mean time per answer over the
// development questions (each asked fresh, 20 rounds after one warm-up round).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEngine } from '../src/answering/engine';
import { createEngine as createOldEngine } from '../src/evaluation/baseline/engine';
import { loadKnowledgeBase } from '../src/knowledge/load';

const ROUNDS = 20;

async function main(): Promise<void> {
  const root = path.join(__dirname, '..');
  const kb = await loadKnowledgeBase(path.join(root, 'knowledge'));
  const questions = readFileSync(path.join(root, 'tests', 'evaluation', 'dev.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);
  const engines = { old: () => createOldEngine(kb, 'da', 'ranker'), new: () => createEngine(kb, 'da') };
  for (const [name, build] of Object.entries(engines)) {
    const t0 = performance.now();
    const engine = build();
    const built = performance.now() - t0;
    for (const q of questions) engine.respond({ text: q }, undefined, '2026-12-01');
    const t1 = performance.now();
    for (let i = 0; i < ROUNDS; i++) for (const q of questions) engine.respond({ text: q }, undefined, '2026-12-01');
    const perAnswer = ((performance.now() - t1) / (ROUNDS * questions.length)) * 1000;
    console.log(`${name.padEnd(4)} build ${built.toFixed(0)} ms, ${perAnswer.toFixed(0)} µs per answer (${ROUNDS} × ${questions.length} questions)`);
  }
}

void main();
