// The search layer (search.ts over the record registry and the passages) and the confidence gate (confidence.ts).
import { createAnalyzer } from '../../src/answering/analyze';
import { decide, GATE } from '../../src/answering/confidence';
import { passagesOf } from '../../src/answering/passages';
import { indexEntries, RECORD_KINDS } from '../../src/answering/registry';
import { buildSearchIndex } from '../../src/answering/search';
import { understand } from '../../src/answering/understand';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const entries = indexEntries(kb);
const passages = passagesOf(kb);
const analyzer = createAnalyzer(kb.vocabulary, [...entries.flatMap((e) => [...e.names, ...e.text]), ...Object.values(kb.sourceTexts)]);
const index = buildSearchIndex(entries, passages, analyzer);
const search = (q: string, lang: 'da' | 'en' = 'da') => {
  const u = understand(q, lang, analyzer);
  return index.search(u.content, u.joined, u.frame, lang, { english: u.english });
};

describe('search', () => {
  it('indexes every record the assistant answers from, and every sentence of the five sources', () => {
    const indexed = new Set(entries.map((e) => e.id));
    const answerable = [...kb.byId.values()].filter((r) => RECORD_KINDS.some((k) => k.type === r.type));
    expect(answerable.filter((r) => !indexed.has(r.record.id))).toEqual([]);
    expect(answerable.length).toBeGreaterThan(100);
    expect(new Set(passages.map((p) => p.source.file)).size).toBe(5);
  });

  it('finds a record by a misspelt name', () => {
    expect(search('ragnhilsgade').hits[0]?.id).toBe('18-plus-ragnhildsgade');
    expect(search('gadepulsn').hits[0]?.id).toBe('gadepulsen-plus');
  });

  it('finds a name typed as one word, and a compound by its parts', () => {
    expect(search('kortesnor').hits.slice(0, 2).map((h) => h.id)).toContain('den-korte-snor');
    const top = search('Fortæl om nattelivsprincippet').hits[0];
    expect(top?.id).toBe('fp-natteliv');
    expect(top?.coverage).toBeGreaterThan(0.8);
  });

  it('finds a sentence of a source that no record holds', () => {
    const hit = search('Hvad er sagsnummeret?').hits.find((h) => h.type === 'passage');
    expect(passages.find((p) => p.id === hit?.id)?.text).toMatch(/2010-19986/);
  });

  it("searches an English question's own words in the records' English translations", () => {
    // "scheme" and "framework" are no words of the vocabulary: only the translations hold them ("a trial scheme",
    // "The framework is"). ("chaired" is a question word of English now, rules.ts: it asks who.)
    const scheme = search('What was the trial scheme in the 2024 budget?', 'en');
    expect(scheme.hits[0]?.id).toBe('ev-2024-budget-tryghedsvagter');
    expect(scheme.unknownShare).toBe(0);
    expect(search('What was the framework of the decision in January 2010?', 'en').hits.slice(0, 2).map((h) => h.id)).toContain('fact-2010-oeu-beslutning-rammer');
    // A Danish question does not search the translations: an English word in it is unknown as before.
    expect(search('Hvad var scheme i budget 2024?').words.find((w) => w.word === 'scheme')?.unknown).toBe(1);
    expect(search('Hvem chaired projektrådet?').words.find((w) => w.word === 'chaired')?.unknown).toBe(1);
  });

  it('says how much of an off-topic question nothing in the knowledge base knows', () => {
    expect(search('Hvordan søger jeg om parkeringslicens?').unknownShare).toBeGreaterThanOrEqual(0.5);
    expect(search('Hvad er Exit KK?').unknownShare).toBe(0);
  });

  it('covers less of a question that shares one common word with the strategy', () => {
    const off = search('Hvornår har biblioteket åbent om søndagen?').hits[0];
    const on = search('Hvorfor er migranter foreslået som fokusområde?').hits[0];
    expect(on?.coverage ?? 0).toBeGreaterThan(off?.coverage ?? 0);
  });
});

describe('the confidence gate', () => {
  const sure = { coverage: 0.9, secondCoverage: 0.3, margin: 0.5, unknownShare: 0, holdsAnswerType: true };

  it('answers when the best hit covers the question and is ahead', () => {
    expect(decide(sure)).toBe('answer');
  });

  it('declines when much of the question is unknown, however well the rest matches', () => {
    expect(decide({ ...sure, unknownShare: GATE.unknown + 0.1 })).toBe('fallback');
  });

  it('asks "Mente du …?" only when two candidates are close', () => {
    expect(decide({ ...sure, coverage: 0.7, secondCoverage: 0.7, margin: 0.01 })).toBe('suggest');
    expect(decide({ ...sure, coverage: 0.7, secondCoverage: 0.7, margin: 0.5 })).toBe('answer');
  });

  it('wants more of the question covered when the best hit lacks the type of fact asked for', () => {
    expect(decide({ ...sure, coverage: (GATE.answer + GATE.untyped) / 2 })).toBe('answer');
    expect(decide({ ...sure, coverage: (GATE.answer + GATE.untyped) / 2, holdsAnswerType: false })).not.toBe('answer');
  });

  it('suggests a partial match with nothing unknown, and declines a weak one', () => {
    expect(decide({ ...sure, coverage: (GATE.answer + GATE.suggest) / 2 })).toBe('suggest');
    expect(decide({ ...sure, coverage: GATE.suggest / 2 })).toBe('fallback');
  });
});
