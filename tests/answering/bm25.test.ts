// The search's ranking (bm25.ts) scores exactly as MiniSearch 7 does: the same documents, the same scores to
// the last bit, equal scores in the same order, over the shipped knowledge base's records and sentences.
import MiniSearch from 'minisearch';
import { buildBm25, type QueryTerm } from '../../src/answering/bm25';
import { passagesOf } from '../../src/answering/passages';
import { indexEntries } from '../../src/answering/registry';
import { tokens } from '../../src/answering/text';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const FIELDS = ['names', 'questions', 'text', 'english'] as const;
type Field = (typeof FIELDS)[number];
type Doc = { key: number } & Record<Field, string>;

const kb = shippedKnowledgeBase();
const docs: Doc[] = [
  ...indexEntries(kb).map((e) => ({ names: e.names.join('\n'), questions: e.questions.join('\n'), text: e.text.join('\n'), english: (e.english ?? []).join('\n') })),
  ...passagesOf(kb).map((p) => ({ names: '', questions: '', text: p.text, english: '' })),
].map((d, key) => ({ key, ...d }));
// Like the search, a word may give several terms (here: itself and its first four letters), and a field's tokens may repeat.
const termsOf = (word: string) => (word.length > 6 ? [word, word.slice(0, 4)] : [word]);

const mini = new MiniSearch<Doc>({ idField: 'key', fields: [...FIELDS], storeFields: [], tokenize: (s) => tokens(s), processTerm: (w) => termsOf(w) });
mini.addAll(docs);
const ranking = buildBm25(FIELDS, docs.length, (doc, field) => {
  const words = tokens(docs[doc]![field]);
  return { terms: words.flatMap(termsOf), length: new Set(words).size };
});

/** A fixed sequence of pseudo-random numbers in [0, 1). */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const vocabulary = [...new Set(docs.flatMap((d) => FIELDS.flatMap((f) => tokens(d[f]).flatMap(termsOf))))];
const BOOSTS: Partial<Record<Field, number>>[] = [{ names: 3, questions: 1.2, text: 1, english: 0.3 }, { names: 3, questions: 1.2, text: 1 }, { text: 1, names: 2 }];

const miniSearch = (terms: readonly QueryTerm[], boost: Partial<Record<Field, number>>) =>
  mini
    .search(terms.map((t) => t.term).join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      boost: boost as Record<string, number>,
      fields: Object.keys(boost),
      boostTerm: (t) => terms.find((x) => x.term === t)?.boost ?? 1,
      combineWith: 'OR',
    })
    .map((r) => ({ id: r.id as number, score: r.score }));

describe('the ranking', () => {
  it('indexes enough to compare', () => {
    expect(docs.length).toBeGreaterThan(300);
    expect(vocabulary.length).toBeGreaterThan(2000);
  });

  it('scores 300 queries of one to eight terms (common, rare, unknown) exactly as MiniSearch', () => {
    const next = random(7);
    for (let i = 0; i < 300; i++) {
      const terms = Array.from({ length: 1 + Math.floor(next() * 8) }, () => ({
        term: next() < 0.1 ? 'ordetfindesikke' : vocabulary[Math.floor(next() * vocabulary.length)]!,
        boost: [1, 0.8, 0.75, 0.5, 0.6 * next()][Math.floor(next() * 5)]!,
      })).filter((t, k, all) => all.findIndex((x) => x.term === t.term) === k);
      const boost = BOOSTS[i % BOOSTS.length]!;
      expect(ranking.search(terms, boost)).toEqual(miniSearch(terms, boost));
    }
  });

  it('keeps the order MiniSearch gives documents of equal score', () => {
    // "sikker" and "by" are in most records: many documents tie.
    const terms = ['sikker', 'by', 'koebenhavn'].map((term) => ({ term, boost: 1 }));
    const ours = ranking.search(terms, BOOSTS[0]!);
    expect(ours.length).toBeGreaterThan(50);
    expect(ours).toEqual(miniSearch(terms, BOOSTS[0]!));
  });

  it('counts a term asked twice twice, but once among the terms a document holds, as MiniSearch', () => {
    const terms = ['sikker', 'by', 'sikker'].map((term) => ({ term, boost: 1 }));
    const asked = mini.search('sikker by sikker', { tokenize: (s) => s.split(' '), processTerm: (t) => t, boost: BOOSTS[1] as Record<string, number>, fields: ['names', 'questions', 'text'], combineWith: 'OR' });
    expect(ranking.search(terms, BOOSTS[1]!)).toEqual(asked.map((r) => ({ id: r.id as number, score: r.score })));
  });
});
