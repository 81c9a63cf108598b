// Finds the knowledge-base records a question is about. A small ranked index:
// every record is a document with strong fields (its names and aliases) and
// weak fields (its description); question words reach index words exactly,
// by prefix (inflections: "bandekriminaliteten"), by compound joining
// ("korte snor" ~ "kortesnor") and by edit distance (typos); a word the index
// does not know at all is matched by fuse.js against the words of the records'
// names (a name typed too wrong for the edit distance).
import Fuse from 'fuse.js';
import type { KnowledgeBase, RecordType } from '../../knowledge/knowledge-base';
import { editDistance, isStopword, tokens } from '../../answering/text';

export interface SearchDocument {
  readonly id: string;
  readonly type: RecordType;
  readonly names: readonly string[];
  readonly text: string;
}

export interface Hit {
  readonly id: string;
  readonly type: RecordType;
  readonly score: number;
  /** Share (0–1, weighted by rarity) of the question's topic words this record matched. */
  readonly coverage: number;
}

export interface SearchIndex {
  /** Hits best first; `weigh` scales a record's score (1: unchanged). */
  search(question: string, options?: { weigh?: (id: string, type: RecordType) => number }): Hit[];
  /** The question's topic words that match nothing in the knowledge base. */
  unknownWords(question: string): string[];
}

const NAME_WEIGHT = 3;
/** Question words whose expansions are remembered; real questions reuse a small vocabulary. */
const MAX_EXPANSIONS = 20_000;
/** How sure a fuse.js match of a misspelt name word is, at best: less than two typos by edit distance. */
const FUZZY_NAME_SURE = 0.6;

/** What one question word contributes to a search; it depends on the word alone, so it is memoised. */
interface WordMatch {
  /** Index words the word may stand for, with how sure that is (0–1). */
  readonly to: ReadonlyMap<string, number>;
  /** The same words as positions in the vocabulary. */
  readonly toIds: Int32Array;
  /** Its share of the question's weight: its best match, or a rare word's weight if it matches nothing. */
  readonly weight: number;
  /** Per record holding one of its matches (by index), the best match's score and how much of the word it covers. */
  readonly docs: Int32Array;
  readonly scores: Float64Array;
  readonly covers: Float64Array;
}

interface IndexedDoc {
  readonly doc: SearchDocument;
  /** token → field weight (names outweigh text). */
  readonly weights: Map<string, number>;
  /** Each name's tokens, to prefer the record whose name the question says most completely. */
  readonly nameTokens: readonly (readonly string[])[];
}

export function buildSearchIndex(documents: readonly SearchDocument[]): SearchIndex {
  const indexed: IndexedDoc[] = documents.map((doc) => {
    const weights = new Map<string, number>();
    const put = (t: string, w: number) => weights.set(t, Math.max(weights.get(t) ?? 0, w));
    for (const t of tokens(doc.text)) put(t, 1);
    for (const name of doc.names) {
      const ts = tokens(name);
      ts.forEach((t, i) => {
        put(t, NAME_WEIGHT);
        // "Den Korte Snor" is also typed "kortesnor".
        const next = ts[i + 1];
        if (next) put(t + next, NAME_WEIGHT);
      });
    }
    return { doc, weights, nameTokens: doc.names.map(tokens) };
  });

  const df = new Map<string, number>();
  // token → the records that hold it, with the field weight there.
  const postings = new Map<string, { doc: number; weight: number }[]>();
  indexed.forEach((d, doc) => {
    for (const [t, weight] of d.weights) {
      df.set(t, (df.get(t) ?? 0) + 1);
      const list = postings.get(t);
      if (list) list.push({ doc, weight });
      else postings.set(t, [{ doc, weight }]);
    }
  });
  const vocabulary = [...df.keys()];
  const vocabularyId = new Map(vocabulary.map((v, id) => [v, id]));
  // Every name of every record, numbered: its record, its length in words, and for each
  // vocabulary word the names it occurs in (once per occurrence), for the name fit.
  const nameDoc: number[] = [];
  const nameLength: number[] = [];
  const namesWith = new Map<number, number[]>();
  indexed.forEach((d, doc) =>
    d.nameTokens.forEach((ts) => {
      const name = nameDoc.length;
      nameDoc.push(doc);
      nameLength.push(Math.max(ts.length, 1));
      for (const t of ts) {
        const id = vocabularyId.get(t)!;
        const list = namesWith.get(id);
        if (list) list.push(name);
        else namesWith.set(id, [name]);
      }
    }),
  );
  const idf = (t: string) => Math.log(1 + indexed.length / (df.get(t) ?? indexed.length));
  const maxIdf = Math.log(1 + indexed.length);

  // Every word of every name, for fuse.js to match misspelt words against.
  const nameWords = new Fuse([...new Set(indexed.flatMap((d) => d.nameTokens.flat()))], { includeScore: true, threshold: 0.3 });
  const expansions = new Map<string, Map<string, number>>();
  /** Index words a question word may stand for, with how sure that is (0–1). */
  const expand = (q: string): Map<string, number> => {
    const cached = expansions.get(q);
    if (cached) return cached;
    const out = new Map<string, number>();
    const put = (v: string, w: number) => out.set(v, Math.max(out.get(v) ?? 0, w));
    for (const v of vocabulary) {
      if (v === q) put(v, 1);
      else if (/^\d+$/.test(q) || /^\d+$/.test(v)) continue; // numbers match exactly or not at all
      else if (q.length >= 4 && v.startsWith(q)) put(v, q.length >= 6 ? 0.85 : 0.7);
      else if (v.length >= 4 && q.startsWith(v)) put(v, q.length - v.length <= 4 ? 0.85 : 0.4);
      else if (sameStem(q, v)) put(v, 0.85);
      else if (q.length >= 5 && v.length >= 5) {
        const max = q.length >= 9 ? 2 : 1;
        const d = editDistance(q, v, max);
        if (d <= max) put(v, d === 1 ? 0.75 : 0.6);
      }
    }
    // A word the index does not know at all may be a name typed wrong ("ragnildsgade"):
    // fuse.js finds the nearest words of the records' names, a weak match.
    if (out.size === 0 && q.length >= 5 && !/^\d+$/.test(q))
      for (const r of nameWords.search(q, { limit: 3 })) put(r.item, FUZZY_NAME_SURE * (1 - (r.score ?? 1)));
    // Questions are arbitrary text: keep the memo from growing without bound.
    if (expansions.size >= MAX_EXPANSIONS) expansions.clear();
    expansions.set(q, out);
    return out;
  };

  const matches = new Map<string, WordMatch>();
  const matchOf = (w: string): WordMatch => {
    const cached = matches.get(w);
    if (cached) return cached;
    const to = expand(w);
    // A variant never says more than the word itself: "center" must not score as the rarer "centret".
    const cap = df.has(w) ? idf(w) : Infinity;
    const idfOf = (v: string) => Math.min(idf(v), cap);
    // A word the knowledge base does not know weighs like a rare word, so
    // "kantinen" or "France" pulls the coverage of every record down.
    let weight = to.size === 0 ? 0.6 * maxIdf : 0;
    const best = new Map<number, { score: number; cover: number }>();
    for (const [v, sure] of to) {
      const said = sure * idfOf(v);
      weight = Math.max(weight, said);
      for (const { doc, weight: field } of postings.get(v) ?? []) {
        const score = said * field;
        const current = best.get(doc);
        // A weak match (a compound part, two typos) covers its word only partly.
        if (!current || score > current.score) best.set(doc, { score, cover: said * (sure < 0.7 ? sure : 1) });
      }
    }
    const match: WordMatch = {
      to,
      toIds: Int32Array.from(to.keys(), (v) => vocabularyId.get(v) ?? -1),
      weight,
      docs: Int32Array.from(best.keys()),
      scores: Float64Array.from(best.values(), (b) => b.score),
      covers: Float64Array.from(best.values(), (b) => b.cover),
    };
    if (matches.size >= MAX_EXPANSIONS) matches.clear();
    matches.set(w, match);
    return match;
  };

  const topicWords = (question: string): string[] => {
    const all = tokens(question);
    // Adjacent words joined: "bande kriminalitet" ~ "bandekriminalitet", and names
    // made of common words ("ALL IN") survive as "allin".
    const joined = all.slice(1).map((t, i) => all[i] + t);
    return [...all.filter((t) => !isStopword(t)), ...joined.filter((j) => df.has(j))];
  };

  // Per search, reused: searches run one at a time and allocating these costs more than clearing them.
  const score = new Float64Array(indexed.length);
  const covered = new Float64Array(indexed.length);
  // How completely the question says a record's best-said name (0–1): "Sikker By" fits
  // "Sikker By-samarbejdet" better than a long event title.
  const nameFit = new Float64Array(indexed.length);
  const nameSaid = new Int32Array(nameDoc.length);
  // The vocabulary words the current question matched: those marked with its search's number.
  const matchedIn = new Uint32Array(vocabulary.length);
  let searches = 0;

  return {
    search(question, options = {}) {
      const words = topicWords(question).map(matchOf);
      if (words.length === 0) return [];
      if (++searches === 2 ** 32) {
        matchedIn.fill(0);
        searches = 1;
      }
      score.fill(0);
      covered.fill(0);
      nameFit.fill(0);
      nameSaid.fill(0);
      let total = 0;
      for (const w of words) {
        total += w.weight;
        for (const id of w.toIds) {
          if (matchedIn[id] === searches) continue;
          matchedIn[id] = searches;
          for (const name of namesWith.get(id) ?? []) nameSaid[name]!++;
        }
      }
      for (let name = 0; name < nameSaid.length; name++) {
        const doc = nameDoc[name]!;
        if (nameSaid[name]! > 0) nameFit[doc] = Math.max(nameFit[doc]!, nameSaid[name]! / nameLength[name]!);
      }
      // Through the postings, only the records that hold a word are looked at; each
      // word adds its best match per record, as a loop over every record would.
      for (const w of words)
        for (let k = 0; k < w.docs.length; k++) {
          score[w.docs[k]!]! += w.scores[k]!;
          covered[w.docs[k]!]! += w.covers[k]!;
        }
      const hits: Hit[] = [];
      for (let i = 0; i < indexed.length; i++) {
        if (score[i]! <= 0) continue;
        const d = indexed[i]!;
        const fitted = score[i]! * (0.75 + 0.25 * nameFit[i]!);
        const coverage = total > 0 ? Math.min(1, covered[i]! / total) : 0;
        hits.push({ id: d.doc.id, type: d.doc.type, score: fitted * (options.weigh?.(d.doc.id, d.doc.type) ?? 1), coverage });
      }
      return hits.sort((a, b) => b.score - a.score);
    },

    unknownWords(question) {
      return tokens(question)
        .filter((t) => !isStopword(t))
        .filter((t) => expand(t).size === 0);
    },
  };
}

/** Inflections of one word: "samarbejder" ~ "samarbejdet", "principper" ~ "princippet". */
function sameStem(a: string, b: string): boolean {
  const stem = (w: string) => w.replace(/(erne|ene|ede|ets|er|et|en|es|e|r|s|t)$/, '');
  const sa = stem(a);
  return sa.length >= 5 && sa === stem(b);
}

/** The searchable text of every record the assistant can answer about. */
export function documentsOf(kb: KnowledgeBase): SearchDocument[] {
  const orgName = (id: string | undefined) => kb.organisations.find((o) => o.id === id)?.name ?? '';
  const docs: SearchDocument[] = [];
  const add = (id: string, type: RecordType, names: (string | undefined)[], text: (string | undefined)[]) =>
    docs.push({ id, type, names: names.filter((n): n is string => !!n), text: text.filter(Boolean).join('\n') });

  for (const i of kb.initiatives)
    add(i.id, 'initiative', [i.name, ...i.aliases], [i.tableLabel, i.description, i.budgetRefs.join(' '), i.administrations.map(orgName).join(' ')]);
  for (const p of kb.principles) add(p.id, 'principle', [p.title, p.shortName, ...p.aliases], [p.summary, p.midtermStatus]);
  for (const f of kb.focusAreas)
    add(f.id, 'focusArea', [f.title, ...f.aliases], [f.description, ...(f.proposal?.reasons.map((r) => r.reason) ?? [])]);
  for (const o of kb.organisations) add(o.id, 'organisation', [o.name, o.abbreviation, ...o.aliases], [o.description]);
  for (const p of kb.people) add(p.id, 'person', [p.name], [p.role ?? '', p.context, orgName(p.organisation)]);
  for (const t of kb.terms) add(t.id, 'term', [t.term, ...t.aliases], [t.definition]);
  for (const p of kb.plans) add(p.id, 'plan', [p.name, ...p.aliases], [p.description, p.statusAtSource]);
  for (const s of kb.strategies)
    add(s.id, 'strategy', [s.name, ...s.aliases], [
      s.purpose,
      s.organisation,
      s.structure,
      s.midtermStatus?.summary,
      ...s.decisions.map((d) => d.what),
    ]);
  for (const e of kb.events) add(e.id, 'event', [e.title], [e.description]);
  for (const d of kb.deadlines) add(d.id, 'deadline', [d.title], [d.dueNote]);
  const b = kb.budgetPackage;
  add(b.id, 'budgetPackage', [b.name, ...b.aliases], [b.description]);
  return docs;
}
