import { commonOnly, coversList, decide, GATE, namesOwnBudget, unknownShareOf, type Signals } from '../../src/answering/confidence';
import { createEngine } from '../../src/answering/engine';
import type { WordSignal } from '../../src/answering/search';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { FOREIGN_NAMES, FUTURE_OFF_TOPIC, FUTURE_ON_TOPIC, OFF_TOPIC, ON_TOPIC } from './fixtures/gate-probes';

const sure: Signals = { coverage: 0.9, secondCoverage: 0, margin: 1, unknownShare: 0, holdsAnswerType: true };
const word = (w: string, weight: number, spread: number, unknown = 0, sure = unknown === 1 ? 0 : 1): WordSignal => ({ word: w, weight, spread, unknown, sure });

describe('the decision', () => {
  it('answers a clear, covered question', () => {
    expect(decide(sure)).toBe('answer');
  });

  it('falls back when a third of the question is unknown, however well the rest is covered', () => {
    expect(decide({ ...sure, unknownShare: 1 / 3 })).toBe('fallback');
    expect(decide({ ...sure, unknownShare: 0.25 })).toBe('answer');
  });

  it('falls back when the match rests on common words alone', () => {
    expect(decide({ ...sure, commonOnly: true })).toBe('fallback');
  });

  it('falls back when the question counts something the best hit never counts', () => {
    expect(decide({ ...sure, coverage: 1, uncounted: true })).toBe('fallback');
    expect(decide({ ...sure, coverage: 1, uncounted: false })).toBe('answer');
  });

  it('offers a choice when two candidates are close and neither covers all', () => {
    expect(decide({ ...sure, coverage: 0.7, secondCoverage: 0.7, margin: 0.01 })).toBe('suggest');
  });
});

describe('the off-topic signals', () => {
  it('counts a word known only by its beginning, whose rest nothing holds, as unknown', () => {
    expect(unknownShareOf([word('radhustarnet', 1, 0.01, 0.5)])).toBe(1);
    expect(unknownShareOf([word('politiattest', 0.5, 0.06, 0.5), word('kobenhavn', 0.5, 0.13)])).toBe(0.5);
    expect(unknownShareOf([word('booker', 0.4, 0, 1), word('modelokale', 0.3, 0.05), word('radhuset', 0.3, 0.01)])).toBeCloseTo(1 / 3);
    expect(unknownShareOf([])).toBe(0);
    // "canteen" only resembles "center" by its trigrams; a typo ("crosroad") is surer.
    expect(unknownShareOf([word('canteen', 0.3, 0.04, 0, 0.43), word('tat', 0.7, 0.02)])).toBe(0.5);
    expect(unknownShareOf([word('crosroad', 0.5, 0.01, 0, 0.75), word('centre', 0.5, 0.04)])).toBe(0);
  });

  it('sees a match on common words only, unless those words name the hit and cover the question', () => {
    const words = [word('kobenhavns', 0.34, 0.125), word('kommunes', 0.33, 0.13), word('budget', 0.33, 0.137)];
    // The hit names "Københavns Kommune" but not the budget the question asks about.
    expect(commonOnly(words, { credits: [1, 1, 0], named: 1 })).toBe(true);
    // "Hvad er Sikker By?": common words that name the record, all of them matched.
    const sikkerBy = [word('sikker', 0.5, 0.54), word('by', 0.5, 0.54)];
    expect(commonOnly(sikkerBy, { credits: [1, 1], named: 1 })).toBe(false);
    expect(commonOnly(sikkerBy, { credits: [1, 1], named: 0 })).toBe(true);
    // A rare word matched is evidence of its own.
    expect(commonOnly([word('crossroad', 0.7, 0.01), word('kobenhavn', 0.3, 0.125)], { credits: [1, 1], named: 0 })).toBe(false);
    expect(GATE.common).toBeGreaterThan(0.05);
  });

  it('lets a list over a record answer only a question without topic words or with words the record covers', () => {
    const hits = [{ id: 'pkg', coverage: 0.27 }];
    expect(coversList([], hits, 'pkg')).toBe(true);
    expect(coversList(['kommunens', 'driftsbudget'], hits, 'pkg')).toBe(false);
    expect(coversList(['budgetpakken'], [{ id: 'pkg', coverage: 1 }], 'pkg')).toBe(true);
    expect(coversList(['budgetpakken'], [], 'pkg')).toBe(false);
  });

  it('says a total asked of a body or person the question names, ranked before the list\'s record, is their own budget', () => {
    const body = { id: 'sof', type: 'organisation', named: 0.51 };
    const pkg = { id: 'pkg', type: 'budgetPackage', named: 0.49 };
    expect(namesOwnBudget([body, pkg], 'pkg')).toBe(true);
    expect(namesOwnBudget([pkg, body], 'pkg')).toBe(false);
    expect(namesOwnBudget([{ ...body, type: 'initiative' }, pkg], 'pkg')).toBe(false);
    expect(namesOwnBudget([{ ...body, named: 0.2 }, pkg], 'pkg')).toBe(false);
  });
});

// The probes are the gate's own (tests/answering/fixtures/gate-probes.ts), not the evaluation's questions.
describe('the gate on probes of its own', () => {
  const engine = createEngine(shippedKnowledgeBase(), 'da');
  const today = '2026-12-02';
  const folded = (text: string) => {
    const r = engine.respond({ text }, undefined, today);
    return { outcome: r.outcome, text: evalFold(replyStrings(renderAnswerCard(r.answer, { answerId: 'probe' })).join('\n')) };
  };

  it('answers (almost) no question from everyday municipal life that is not about the strategy', () => {
    const answered = OFF_TOPIC.filter((q) => folded(q).outcome === 'answered');
    console.log(`gate probes: off-topic answered ${answered.length}/${OFF_TOPIC.length}: ${answered.join(' | ')}`);
    // Measured 9/68 before the gate's off-topic signals, 3/104 with requests and counts (the rest need vocabulary).
    expect(answered.length).toBeLessThanOrEqual(3);
  });

  it('still answers what the knowledge base holds, asked in other words', () => {
    const results = ON_TOPIC.map(({ q, expect: pattern }) => ({ q, ...folded(q), pattern }));
    const declined = results.filter((r) => r.outcome !== 'answered');
    const wrong = results.filter((r) => r.outcome === 'answered' && !r.pattern.test(r.text));
    console.log(`gate probes: on-topic declined ${declined.length}/${ON_TOPIC.length}, answered without the fact ${wrong.length}: ${[...declined, ...wrong].map((r) => r.q).join(' | ')}`);
    expect(declined.length).toBeLessThanOrEqual(4);
    expect(wrong.length).toBeLessThanOrEqual(1);
  });

  it.each(FUTURE_OFF_TOPIC)('does not answer what is still to come: %s', (q) => {
    expect(folded(q).outcome).toBe('fallback');
  });

  it.each(FUTURE_ON_TOPIC)('still answers the sources\' own future: %s', (q) => {
    expect(folded(q).outcome).toBe('answered');
  });

  it.each(FOREIGN_NAMES)('does not answer about a place or body the sources never name: %s', (q) => {
    expect(folded(q).outcome).toBe('fallback');
  });
});
