// Finds the records and source sentences a question is about. MiniSearch
// ranks (BM25+ over names, alternate questions, text and a passage's
// neighbours); the words go in as analyze.ts makes them (stems, synonyms,
// compound parts). A question word the index does not hold is resolved to the
// index terms it may stand for: by prefix, by edit distance (typos), by
// character trigrams (derivations: koordinator ~ koordinerer), and for a
// misspelt name by fuse.js over the words of the records' names. Besides the
// ranking, the search says how much of the question each hit covers, weighted
// by rarity (IDF), and how much of it nothing in the knowledge base knows.
// An English question searches the records' own English translations as well,
// in its own words (English stems, apart from the Danish terms): the words the
// vocabulary does not put into Danish ("chaired", "framework") are found there.
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import type { Lang } from '../kernel/lang';
import { isEnglishTerm, type Analyzer } from './analyze';
import { isSeasonWord } from './dates';
import type { Passage } from './passages';
import type { IndexEntry } from './registry';
import { editDistance, tokens } from './text';

export interface Hit {
  readonly id: string;
  /** A record type, or "passage" for a sentence of a source. */
  readonly type: string;
  readonly score: number;
  /** Share (0–1, weighted by rarity) of the question's content words this hit matched. */
  readonly coverage: number;
  /** It matches the word the question asks for ("hvilket punkt": punkt); true when the question names none. */
  readonly coversFocus: boolean;
  /** How well (0–1) it matched each of the question's content words, in the order of SearchResult.words. */
  readonly credits: readonly number[];
  /** Share (0–1, by rarity weight) of the content words it matched that its names hold: the question names it. */
  readonly named: number;
}

/** One of the question's content words as the index sees it: what the confidence gate weighs. */
export interface WordSignal {
  readonly word: string;
  /** Its share of the question's rarity weight (the weights sum to 1). */
  readonly weight: number;
  /**
   * 1: nothing in the knowledge base or the sources holds it, nor a word it could be a typo or a form of;
   * 0.5: only its beginning is a known word and nothing holds the rest ("rådhustårnet": rådhus + tårnet); 0: known.
   */
  readonly unknown: number;
  /** How sure (0–1) its best index term is: 1 as written or inflected, less for a typo or a derivation; 0 when it has none (unknown, or known only as part of a joined pair, "inn" in "all inn"). */
  readonly sure: number;
  /** Share (0–1) of the indexed records and sentences that hold its rarest term: "København" is everywhere, "Crossroad" in few. */
  readonly spread: number;
}

interface SearchResult {
  /** Best first. */
  readonly hits: readonly Hit[];
  /** Share of the question's content words that neither the knowledge base nor the sources hold. */
  readonly unknownShare: number;
  /** The content words counted for coverage, in the order of each hit's credits. */
  readonly words: readonly WordSignal[];
}

export interface SearchIndex {
  /**
   * @param content the question's content words (understand.ts)
   * @param joined its adjacent words joined, searched where the index knows the join
   * @param frame its question words, matched against the records' alternate questions
   * @param weigh scales a hit's score by what the question asks (1: unchanged)
   * @param focus the content word the question asks for ("hvilket punkt …": punkt): it counts double
   * @param english for an English question, the English words each content word stands for (Understanding.english)
   * @param keep records that stay candidates however far down the word matches rank them
   */
  /** Whether the index holds the word (its stem), as a name's joined words ("allin"). */
  knows(word: string): boolean;
  /**
   * The question's content words as the index sees them (SearchResult.words, without a focus) and the share nothing
   * holds, without ranking anything: what the off-topic gate reads on routes that answer before the search.
   */
  signals(content: readonly string[], joined: readonly string[], english?: ReadonlyMap<string, readonly string[]>): Pick<SearchResult, 'unknownShare' | 'words'>;
  search(
    content: readonly string[],
    joined: readonly string[],
    frame: readonly string[],
    lang: Lang,
    options?: { weigh?: (id: string, type: string) => number; focus?: string; english?: ReadonlyMap<string, readonly string[]>; keep?: ReadonlySet<string> },
  ): SearchResult;
}

/** The indexed fields; a passage's neighbours (`context`) count only towards coverage. */
const FIELDS = ['names', 'questions', 'text', 'english'] as const;
/**
 * The translations repeat the records' Danish names ("SSP+"): they count mostly towards coverage (the share of
 * the question a record holds), little towards the ranking by word matches, or a short translation that
 * repeats a name would go before the record of that name.
 */
const BOOST = { names: 3, questions: 1.2, text: 1, english: 0.3 };
/** The words a question word may be the beginning of that it searches for, the shortest first. */
const PREFIXES = 3;
/** A word this long or longer that the index does not hold finds the compounds ending in it, if they have this many letters more
 * (so not "indstilling" for "stilling": a prefix of a verb is short). */
const MIN_HEAD = 5;
const MIN_HEAD_PREFIX = 5;
/** How sure a compound ending in the question's word is ("niveau" → direktørniveau): as a word it begins. */
const HEADED_SURE = 0.8;
/** A question word searches for at most this many of the index terms it may stand for, the surest first. */
const TERMS_PER_WORD = 5;
/** A sentence of a source counts for less than a record that says the same: the record is checked and typed. */
const PASSAGE_WEIGHT = 0.7;
/** How much the question words' match with a record's alternate questions adds to its score. */
const FRAME_WEIGHT = 0.3;
/** How sure a fuse.js match of a misspelt name word is, at best. */
const FUZZY_NAME_SURE = 0.6;
/** At most this many edits between a misspelt name word and the name word fuse.js pairs it with. */
const FUZZY_NAME_EDITS = 3;
const MAX_MEMO = 20_000;
/** The best-matching documents (by BM25) whose coverage is worked out; the rest never win. */
const CANDIDATES = 60;
/** A term held by this few documents or fewer keeps every document that holds it among the candidates. */
const RARE_DOCS = 5;
/** The question's rarest word, held by this few documents or fewer, keeps every document that holds it among the candidates. */
const RAREST_DOCS = 40;
/** How much of a question word a passage's neighbour covers. */
const CONTEXT_CREDIT = 0.5;
/** How much more the word a question asks for counts towards coverage than its other words. */
const FOCUS_WEIGHT = 2;
/** A hit whose names hold the word asked for ("hvilke opgaver …": "Center for Sikker Bys opgaver") counts this much more. */
const FOCUS_NAMED = 1.1;
/** A hit holds the word asked for when it matches it at least this surely (a compound's part alone does not). */
const FOCUS_SURE = 0.75;
/**
 * How steeply the share of the question covered ranks a hit: a record that holds more of the question's
 * rare words goes before one whose few matching words are in its name (measured on the tuning banks: 4).
 */
const COVERAGE_POWER = 4;
/** How much a hit ranks on its word matches alone, before the share of the question it covers counts. */
const COVERAGE_FLOOR = 0.25;

interface Doc {
  readonly key: number;
  readonly id: string;
  readonly type: string;
  readonly names: string;
  readonly questions: string;
  readonly text: string;
  readonly english: string;
  readonly context: string;
}

export function buildSearchIndex(entries: readonly IndexEntry[], passages: readonly Passage[], analyzer: Analyzer): SearchIndex {
  const docs: Doc[] = [
    ...entries.map((e, key) => ({
      key,
      id: e.id,
      type: e.type,
      names: e.names.join('\n'),
      questions: e.questions.join('\n'),
      text: e.text.join('\n'),
      english: (e.english ?? []).join('\n'),
      context: '',
    })),
    ...passages.map((p, i) => ({
      key: entries.length + i,
      id: p.id,
      type: 'passage',
      names: '',
      questions: '',
      text: p.text,
      english: '',
      // (Its section's heading too: a sentence under "Kontakt" or "Proces" is found by the heading's words.)
      context: [p.heading, p.before, p.after].filter(Boolean).join('\n'),
    })),
  ];

  // The names' adjacent words joined: "Den Korte Snor" is typed "kortesnor", "ALL IN" "allin".
  const tokenize = (text: string, field?: string): string[] => {
    // The English translations are indexed as they are written, not put into Danish.
    if (field === 'english') return tokens(text);
    const words = analyzer.words(text);
    if (field !== 'names') return words;
    const joined = text.split('\n').flatMap((name) => {
      const ws = analyzer.words(name);
      return ws.slice(1).map((w, i) => ws[i] + w);
    });
    return [...words, ...joined];
  };
  const termsOf = (word: string, field?: string): string[] => {
    if (field === 'english') {
      const t = analyzer.englishTerm(word);
      return t ? [t] : [];
    }
    if (analyzer.isStopword(word)) return [];
    const t = analyzer.terms(word);
    return [t.stem, ...t.parts];
  };

  // MiniSearch reads every field's words, and the coverage below needs the same words again: the second
  // time they are looked up, not worked out anew (a sixth of building the index). Emptied once both have read.
  const tokenized = new Map<string, string[]>();
  const tokenizeOnce = (text: string, field?: string): string[] => {
    const key = `${field ?? ''}\u0000${text}`;
    let words = tokenized.get(key);
    if (!words) tokenized.set(key, (words = tokenize(text, field)));
    return words;
  };

  const mini = new MiniSearch<Doc>({
    idField: 'key',
    fields: [...FIELDS],
    storeFields: [],
    tokenize: tokenizeOnce,
    processTerm: (word, field) => {
      const terms = termsOf(word, field);
      return terms.length ? terms : null;
    },
  });
  mini.addAll(docs);

  // Each document's terms per field, and its neighbours' terms, for what it covers.
  const analysed = docs.map((d) => ({
    fields: new Map(FIELDS.map((f) => [f, { terms: tokenizeOnce(d[f], f).flatMap((w) => termsOf(w, f)) }] as const)),
    context: tokenize(d.context).flatMap((w) => termsOf(w)),
  }));
  tokenized.clear();

  // Which documents hold each term, for coverage, and so each term's document frequency, for its rarity. A question
  // looks its few terms up once; a candidate document is then a number in a set, not a string in each document's terms.
  const holders = (termsOf: (a: (typeof analysed)[number]) => readonly string[]) => {
    const out = new Map<string, Set<number>>();
    analysed.forEach((a, doc) => {
      for (const t of termsOf(a)) {
        const holding = out.get(t);
        if (holding) holding.add(doc);
        else out.set(t, new Set([doc]));
      }
    });
    return out;
  };
  const docsWith = holders((a) => FIELDS.flatMap((f) => a.fields.get(f)!.terms));
  // A passage's neighbours cover a question word for half: "Sagsnr. 2010-19986" sits under "Til Økonomiudvalget".
  const contextsWith = holders((a) => a.context);
  const namesWith = holders((a) => a.fields.get('names')!.terms);
  const NONE: ReadonlySet<number> = new Set();
  const df = new Map([...docsWith].map(([t, holding]) => [t, holding.size]));
  // (Typos and derivations are looked for among the Danish terms; an English word is matched by its stem as it is.)
  const vocabulary = [...df.keys()].filter((t) => !isEnglishTerm(t));
  const idf = (t: string) => Math.log(1 + docs.length / (df.get(t) ?? docs.length));
  const maxIdf = Math.log(1 + docs.length);
  const trigramsOf = (w: string): Set<string> => {
    const padded = `_${w}_`;
    const out = new Set<string>();
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
    return out;
  };
  // A new question word is compared with the terms that can match it, not with the whole vocabulary: its typos,
  // derivations and the words it begins share its first letter, and the compounds that end in it its last letters.
  // (Each list keeps the vocabulary's order, which settles ties. Terms with digits are neither.)
  const byFirstLetter = new Map<string, (readonly [string, Set<string>])[]>();
  const byEnding = new Map<string, string[]>();
  for (const v of vocabulary) {
    if (/\d/.test(v)) continue;
    const first = byFirstLetter.get(v[0]!);
    if (first) first.push([v, trigramsOf(v)]);
    else byFirstLetter.set(v[0]!, [[v, trigramsOf(v)]]);
    if (v.length < MIN_HEAD + MIN_HEAD_PREFIX) continue;
    const ending = byEnding.get(v.slice(-MIN_HEAD));
    if (ending) ending.push(v);
    else byEnding.set(v.slice(-MIN_HEAD), [v]);
  }
  const dice = (a: Set<string>, b: Set<string>) => {
    let common = 0;
    for (const x of a) if (b.has(x)) common++;
    return (2 * common) / (a.size + b.size);
  };
  const nameWords = new Fuse([...new Set(entries.flatMap((e) => e.names.flatMap((n) => analyzer.words(n))))].filter((w) => w.length >= 4), {
    includeScore: true,
    threshold: 0.3,
  });

  /** The index terms a question word may stand for, with how sure that is (0–1). */
  const resolveMemo = new Map<string, Map<string, number>>();
  const resolve = (word: string): Map<string, number> => {
    const cached = resolveMemo.get(word);
    if (cached) return cached;
    const out = new Map<string, number>();
    const put = (t: string, sure: number) => out.set(t, Math.max(out.get(t) ?? 0, sure));
    const { stem, parts } = analyzer.terms(word);
    if (df.has(stem)) put(stem, 1);
    // (A season is a part of a day only to find the day by its season: a question's day does not stand for its season.)
    for (const p of parts) if (df.has(p) && !isSeasonWord(p)) put(p, 0.5);
    if (!df.has(stem) && !/\d/.test(stem)) {
      const grams = trigramsOf(stem);
      // Words the stem begins ("strat" → strategi, strategisk …): only the closest few, so that a typo's match ("start") is not crowded out.
      const prefixed: string[] = [];
      // Compounds that end in the word ("niveau": direktørniveau, gruppeniveau): a Danish compound is a kind of its last part.
      const headed: string[] = [];
      if (stem.length >= MIN_HEAD) for (const v of byEnding.get(stem.slice(-MIN_HEAD)) ?? []) if (v.length >= stem.length + MIN_HEAD_PREFIX && v.endsWith(stem)) headed.push(v);
      // A typo rarely hits the first letter; "parkere" is not a misspelt "markere".
      for (const [v, vGrams] of byFirstLetter.get(stem[0] ?? '') ?? []) {
        if (stem.length >= 4 && v.startsWith(stem)) prefixed.push(v);
        else if (v.length >= 5 && stem.startsWith(v)) put(v, stem.length - v.length <= 4 ? 0.8 : 0.5);
        else if (stem.length >= 5 && v.length >= 4) {
          const max = stem.length >= 9 ? 2 : 1;
          const d = editDistance(stem, v, max);
          if (d <= max) put(v, d === 1 ? 0.75 : 0.6);
          else if (stem.length >= 6) {
            const sim = dice(grams, vGrams);
            if (sim >= 0.6) put(v, 0.6 * sim);
          }
        }
      }
      // A name typed too wrong for the edit distance ("ragnildsgade"): its nearest name words, weakly.
      for (const v of prefixed.sort((a, b) => a.length - b.length).slice(0, PREFIXES)) put(v, 0.8);
      for (const v of headed.sort((a, b) => a.length - b.length).slice(0, PREFIXES)) put(v, HEADED_SURE);
      // Only a near spelling with the same first letter counts: fuse.js alone pairs "parkere" with "markere".
      if (out.size === 0 && word.length >= 5)
        for (const r of nameWords.search(word, { limit: 3 })) {
          const t = analyzer.terms(r.item).stem;
          if (df.has(t) && r.item[0] === word[0] && editDistance(word, r.item, FUZZY_NAME_EDITS) <= FUZZY_NAME_EDITS) put(t, FUZZY_NAME_SURE * (1 - (r.score ?? 1)));
        }
    }
    const surest = new Map([...out].sort((a, b) => b[1] - a[1]).slice(0, TERMS_PER_WORD));
    if (resolveMemo.size >= MAX_MEMO) resolveMemo.clear();
    resolveMemo.set(word, surest);
    return surest;
  };

  /**
   * The English translations' term for a content word of an English question that is an English word the
   * vocabulary left as it is ("chaired"), if a translation holds it.
   * A word the vocabulary put into Danish ("steering group" → styregruppen) is searched as that Danish word
   * only: the vocabulary says what it means here.
   */
  const englishOf = (word: string, glosses: readonly string[] | undefined): string | undefined => {
    if (glosses?.length !== 1 || glosses[0] !== word) return undefined;
    const t = analyzer.englishTerm(word);
    return t && df.has(t) ? t : undefined;
  };

  /** 0.5 when a word is known only by a known word it begins with, and nothing holds the rest of it (4 letters or more). */
  const unknownRest = (word: string, to: ReadonlyMap<string, number>): number => {
    const { stem, parts } = analyzer.terms(word);
    if (df.has(stem) || parts.some((p) => df.has(p))) return 0;
    const rests = [...to.keys()].map((t) => (stem.startsWith(t) && stem.length - t.length >= 4 ? stem.slice(t.length) : undefined));
    if (rests.some((r) => r === undefined)) return 0;
    return rests.every((r) => !df.has(r!) && !df.has(analyzer.terms(r!).stem) && !vocabulary.some((v) => v.length >= 4 && r!.startsWith(v))) ? 0.5 : 0;
  };

  // The question words ("hvornår", "fagprincip") say little about the topic but something about the
  // record: they add a little for records whose alternate questions or text hold them. Questions
  // share a few frames ("hvem", "hvornår", "hvor meget"), so each frame is searched once.
  const frameMemo = new Map<string, ReadonlyMap<number, number>>();
  const frameScoresOf = (frame: readonly string[], lang: Lang): ReadonlyMap<number, number> => {
    const frameTerms = frame.flatMap((w) => analyzer.words(w, lang)).map((w) => analyzer.terms(w).stem).filter((t) => df.has(t));
    const key = frameTerms.join(' ');
    const cached = frameMemo.get(key);
    if (cached) return cached;
    const scores = new Map<number, number>();
    if (frameTerms.length)
      for (const r of mini.search(key, { tokenize: (s: string) => s.split(' '), processTerm: (t: string) => t, boost: BOOST, combineWith: 'OR', fields: ['names', 'questions', 'text'] })) scores.set(r.id as number, r.score);
    if (frameMemo.size >= MAX_MEMO) frameMemo.clear();
    frameMemo.set(key, scores);
    return scores;
  };

  /** How the index sees the question's content words, and the joined pairs it knows, before any ranking. */
  const signalsOf = (content: readonly string[], joined: readonly string[], english: ReadonlyMap<string, readonly string[]> | undefined, focus?: string) => {
    const words = [...new Set(content)];
    const lookup = (w: string): Map<string, number> => {
      const to = resolve(w);
      const en = englishOf(w, english?.get(w));
      return en ? new Map([...to, [en, 1]]) : to;
    };
    // Adjacent words joined, where the index knows the join ("bande kriminalitet", "korte snor").
    for (const pair of joined) if (!words.includes(pair) && df.has(analyzer.terms(pair).stem)) words.push(pair);
    const resolved = words.map((w) => ({ word: w, to: lookup(w) }));
    const unknown = resolved.filter((r) => r.to.size === 0 && !words.some((o) => o !== r.word && o.includes(r.word) && lookup(o).size > 0)).length;
    const own = content.length === 0 ? 0 : Math.min(1, unknown / new Set(content).size);
    const weightOf = (to: Map<string, number>) => (to.size === 0 ? 0.8 * maxIdf : Math.max(...[...to].map(([t, s]) => idf(t) * s)));
    // A joined pair stands in for its two words: it does not add to what the question must cover.
    const counted = resolved.filter((r) => content.includes(r.word));
    const focusFactor = (word: string) => (word === focus ? FOCUS_WEIGHT : 1);
    const total = counted.reduce((sum, r) => sum + weightOf(r.to) * focusFactor(r.word), 0);
    const boosts = new Map<string, number>();
    for (const r of resolved) for (const [t, s] of r.to) boosts.set(t, Math.max(boosts.get(t) ?? 0, s));
    const signals: WordSignal[] = counted.map((r) => ({
      word: r.word,
      weight: total > 0 ? (weightOf(r.to) * focusFactor(r.word)) / total : 0,
      unknown: r.to.size === 0 ? (words.some((o) => o !== r.word && o.includes(r.word) && lookup(o).size > 0) ? 0 : 1) : unknownRest(r.word, r.to),
      sure: r.to.size === 0 ? 0 : Math.max(...r.to.values()),
      // A compound is as specific as its rarest part ("radikaliseringsindsatsen": radikalisering).
      spread: r.to.size === 0 ? 0 : Math.min(...[...r.to].map(([t]) => (df.get(t) ?? 0) / docs.length)),
    }));
    return { resolved, counted, own, total, boosts, signals, weightOf, focusFactor };
  };

  return {
    knows: (word) => df.has(analyzer.terms(word).stem),
    signals(content, joined, english) {
      const { own, signals } = signalsOf(content, joined, english);
      return { unknownShare: own, words: signals };
    },
    search(content, joined, frame, lang, { weigh, focus, english, keep } = {}) {
      const { resolved, counted, own, total, boosts, signals, weightOf, focusFactor } = signalsOf(content, joined, english, focus);
      if (boosts.size === 0) return { hits: [], unknownShare: own, words: signals };

      const query = [...boosts.keys()].join(' ');
      const options = {
        tokenize: (s: string) => s.split(' '),
        processTerm: (t: string) => t,
        boost: BOOST,
        boostTerm: (t: string) => boosts.get(t) ?? 1,
        combineWith: 'OR' as const,
      };
      const results = mini.search(query, options);
      const frameScore = frameScoresOf(frame, lang);

      // What each content word may match, worked out once per question: its terms, a compound's
      // parts, and the joined pairs it is part of ("korte" in "kortesnor"), each with the documents that hold it.
      const where = (t: string) => ({ docs: docsWith.get(t) ?? NONE, context: contextsWith.get(t) ?? NONE, names: namesWith.get(t) ?? NONE });
      const needs = counted.map((c) => {
        const { parts } = analyzer.terms(c.word);
        const viaPairs = resolved.filter((p) => !content.includes(p.word) && p.word.includes(c.word) && p.to.size > 0).flatMap((p) => [...p.to]);
        return {
          to: [...c.to].map(([t, sure]) => ({ sure, ...where(t) })),
          parts: (parts.length > 1 ? parts : []).map(where),
          viaPairs: viaPairs.map(([t, sure]) => ({ sure, ...where(t) })),
          weight: weightOf(c.to) * focusFactor(c.word),
          focus: c.word === focus,
        };
      });
      // Coverage is worked out for the best-matching documents only: the ranking's long tail never wins.
      // (A sentence that holds a rare word of the question stays a candidate, however many records share its common words:
      // "borgerdialog" beside "Økonomiudvalget".)
      // (So does one that holds the question's rarest word, where few hold it: "Hvilke to fokusområder vil Sikker
      // By-samarbejdet tilføje?" is about the statement with "tilføjet", not the many records named Sikker By.)
      const rarest = counted.reduce<(typeof counted)[number] | undefined>((a, b) => (a && weightOf(a.to) >= weightOf(b.to) ? a : b), undefined);
      const rareHolders = [...boosts.keys()]
        .filter((t) => (df.get(t) ?? Infinity) <= RARE_DOCS || ((df.get(t) ?? Infinity) <= RAREST_DOCS && rarest?.to.has(t)))
        .map((t) => docsWith.get(t) ?? NONE);
      const candidates = results.filter((r, i) => i < CANDIDATES || rareHolders.some((holding) => holding.has(r.id)) || keep?.has(docs[r.id]!.id));
      const hits: Hit[] = candidates.map((r) => {
        const d = docs[r.id]!;
        const key = d.key;
        // Each content word counts with its best match in this document (a joined pair counts for both its words).
        let covered = 0;
        let coversFocus = focus === undefined || !content.includes(focus);
        let namesFocus = false;
        let matched = 0;
        let inNames = 0;
        const credits: number[] = [];
        for (const need of needs) {
          let credit = 0;
          for (const t of need.to)
            if (t.docs.has(key)) credit = Math.max(credit, t.sure);
            else if (t.context.has(key)) credit = Math.max(credit, t.sure * CONTEXT_CREDIT);
          if (need.parts.length && need.parts.every((p) => p.docs.has(key))) credit = Math.max(credit, 0.9);
          for (const t of need.viaPairs) if (t.docs.has(key)) credit = Math.max(credit, t.sure);
          covered += credit * need.weight;
          if (need.focus && credit >= FOCUS_SURE) coversFocus = true;
          if (need.focus && need.to.some((t) => t.sure >= FOCUS_SURE && t.names.has(key))) namesFocus = true;
          credits.push(credit);
          if (credit >= 0.5) {
            matched += need.weight;
            if (need.to.some((t) => t.names.has(key)) || (need.parts.length > 0 && need.parts.every((p) => p.names.has(key)))) inNames += need.weight;
          }
        }
        const coverage = total > 0 ? Math.min(1, covered / total) : 0;
        // The ranking score grows with the share of the question covered, not only with how often its words occur.
        const base = (r.score + FRAME_WEIGHT * (frameScore.get(d.key) ?? 0)) * (COVERAGE_FLOOR + coverage) ** COVERAGE_POWER;
        const score = base * (d.type === 'passage' ? PASSAGE_WEIGHT : 1) * (namesFocus ? FOCUS_NAMED : 1) * (weigh?.(d.id, d.type) ?? 1);
        return { id: d.id, type: d.type, score, coverage, coversFocus, credits, named: matched > 0 ? inNames / matched : 0 };
      });
      hits.sort((a, b) => b.score - a.score);
      return { hits, unknownShare: own, words: signals };
    },
  };
}
