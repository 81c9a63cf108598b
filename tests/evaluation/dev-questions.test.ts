// The project's own evaluation over the development questions and the tuning
// part of the question bank: the share answered must stay at or above the
// issue's bar, asked fresh and as one session. (The held-out part of the bank
// is not scored here: it is scored only to report, never to tune.)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '../../src/evaluation/evaluate';
import { EvalQuestion } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const read = (file: string) =>
  readFileSync(path.join(__dirname, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => EvalQuestion.parse(JSON.parse(l)));
const TODAY = '2026-11-22';
const kb = shippedKnowledgeBase();

describe.each([false, true])('session %s', (session) => {
  it('answers at least 98 % of the development questions, every off-topic one among them', () => {
    const questions = read('dev.jsonl');
    const report = evaluate(kb, questions, TODAY, { session });
    const misses = report.results.filter((r) => !r.ok).map((r) => `${r.item.id} ${r.item.q}: ${r.misses.join(', ')}`);
    expect(misses).toEqual(misses.slice(0, Math.floor(questions.length * 0.02)));
    expect(report.byKind['offtopic']).toEqual({ passed: 3, total: 3 });
  });

  it('answers at least 93 % of the tuning part of the question bank (the goal is 95 %), every off-topic one among them', () => {
    const questions = read('bank-tune.jsonl');
    const report = evaluate(kb, questions, TODAY, { session });
    const misses = report.results.filter((r) => !r.ok).map((r) => `${r.item.id} ${r.item.q}: ${r.misses.join(', ')}`);
    expect(misses).toEqual(misses.slice(0, Math.floor(questions.length * 0.07)));
    const off = report.byKind['offtopic'];
    expect(off?.passed).toBe(off?.total);
  });
});

it('answers more of them than the engine before the rebuild and than fuse.js alone', () => {
  const questions = read('bank-tune.jsonl');
  const [fresh, old, fuseOnly] = (['new', 'old', 'fuse'] as const).map((engine) => evaluate(kb, questions, TODAY, { engine }).passed);
  // The baseline must be a working search, not a strawman: it answers most questions too.
  expect(fuseOnly! / questions.length).toBeGreaterThan(0.5);
  expect(fresh).toBeGreaterThan(old!);
  expect(fresh).toBeGreaterThan(fuseOnly!);
});
