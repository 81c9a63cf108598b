// The project's own evaluation over the development questions: the share
// answered must stay at or above the bar. Tuning on these sentences
// alone would not help: the bot is judged on other questions of the same kinds.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '../../src/evaluation/evaluate';
import { EvalQuestion } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const questions = readFileSync(path.join(__dirname, 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => EvalQuestion.parse(JSON.parse(l)));

it('answers at least 95 % of the development questions, every off-topic one among them', () => {
  const report = evaluate(shippedKnowledgeBase(), questions, '2026-11-22');
  const misses = report.results.filter((r) => !r.ok).map((r) => `${r.item.id} ${r.item.q}: ${r.misses.join(', ')}`);
  expect(report.passed / questions.length).toBeGreaterThanOrEqual(0.95);
  expect(report.byKind['offtopic']).toEqual({ passed: 3, total: 3 });
  expect(report.byKind['followup']).toEqual({ passed: 4, total: 4 });
  // Printed so a regression names its questions.
  if (misses.length) console.log(`missed:\n${misses.join('\n')}`);
});

it('answers more of them with the word ranker than with fuse.js alone (why the ranker exists)', () => {
  const ranker = evaluate(shippedKnowledgeBase(), questions, '2026-11-22', 'da', 'ranker');
  const fuseOnly = evaluate(shippedKnowledgeBase(), questions, '2026-11-22', 'da', 'fuse');
  // The baseline must be a working search, not a strawman: it answers most questions too.
  expect(fuseOnly.passed / questions.length).toBeGreaterThan(0.6);
  expect(ranker.passed).toBeGreaterThan(fuseOnly.passed);
});
