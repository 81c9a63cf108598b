// Turns text into search terms, the same way for the knowledge base and for a
// question: folded words (æ/ø/å and their ASCII spellings meet), English terms
// of the field put into Danish (from knowledge/vocabulary.yaml), stopwords
// dropped (stopwords-iso, corrected by the vocabulary), Danish Snowball stems,
// synonyms, and compounds split into parts the knowledge base itself uses
// ("nattelivsprincippet" → natteliv + princip). Pure; built once per knowledge base.
import { newStemmer } from 'snowball-stemmers';
import stopwordsIso from 'stopwords-iso';
import type { Vocabulary } from '../knowledge/vocabulary';
import type { Lang } from '../kernel/lang';
import { dateParts, markDates } from './dates';
import { fold, tokens } from './text';

export interface Analyzer {
  /** The folded words of a text; for English, the field's English phrases are put into Danish first. */
  words(text: string, lang?: Lang): string[];
  /** The same words, each with the English words of the text it stands for (none for Danish). */
  glossed(text: string, lang?: Lang): GlossedWord[];
  /**
   * The term an English word is indexed under in the records' English translations ("chaired" → "en_chair":
   * English Snowball, apart from the Danish terms); undefined for an English stopword or a number.
   */
  englishTerm(word: string): string | undefined;
  isStopword(word: string, lang?: Lang): boolean;
  /** A word's search terms: its stem (with synonyms mapped to one), then the stems of its compound parts. */
  terms(word: string): WordTerms;
  /** The parts of a compound as written ("radikaliseringsmidlerne" → radikalisering, midlerne); empty when it is none. */
  split(word: string): readonly string[];
}

/**
 * A word of a text and the English words it stands for: "styregruppen" for "steering group" (the vocabulary's
 * translation), "chaired" for itself (a word the vocabulary does not know); empty in a Danish text.
 */
interface GlossedWord {
  readonly word: string;
  readonly english: readonly string[];
}

interface WordTerms {
  /** The stem the word is indexed and searched under. */
  readonly stem: string;
  /** Stems of the word's compound parts, empty when it is not a compound of known words. */
  readonly parts: readonly string[];
}

/** Compound parts shorter than this are not trusted ("by", "eks"). */
const MIN_PART = 4;
/** Words shorter than this are not split. */
const MIN_COMPOUND = 7;
/** Words whose terms are remembered; questions reuse a small vocabulary. */
const MAX_MEMO = 20_000;

const danish = newStemmer('danish');
const english = newStemmer('english');
/** The prefix of the terms of the English translations: no folded word has an underscore, so they never meet a Danish term. */
const ENGLISH_PREFIX = 'en_';

/** Whether an index term is one of the English translations' (Analyzer.englishTerm). */
export const isEnglishTerm = (term: string): boolean => term.startsWith(ENGLISH_PREFIX);

/**
 * A word's result computed once. The function must be pure; the memo is emptied when full, since questions reuse a
 * small vocabulary and a clear is cheaper than tracking use.
 */
function memoized<T>(compute: (word: string) => T): (word: string) => T {
  const memo = new Map<string, T>();
  return (word) => {
    if (memo.has(word)) return memo.get(word) as T;
    const value = compute(word);
    if (memo.size >= MAX_MEMO) memo.clear();
    memo.set(word, value);
    return value;
  };
}

/** The stem of a folded word. Numbers and words with digits stay as they are ("2024", "18+"). */
function stemOfWord(word: string): string {
  if (/\d/.test(word)) return word;
  return danish.stem(word);
}

/**
 * @param lexicon the texts whose words may be compound parts: the knowledge
 * base's own vocabulary, so "sagsnummeret" splits only because "nummer" occurs.
 */
export function createAnalyzer(vocabulary: Vocabulary, lexicon: readonly string[]): Analyzer {
  // Each word is stemmed once: the lexicon's words are stemmed for the compound parts and again as the index's
  // terms, and the Snowball stemmer takes tens of microseconds a word.
  const stemOf = memoized(stemOfWord);
  const skeletal = (w: string) => tokens(w).join(' ');
  const keep = { da: new Set(vocabulary.keep.da.map(skeletal)), en: new Set(vocabulary.keep.en.map(skeletal)) };
  const extra = { da: vocabulary.stopwords.da.map(skeletal), en: vocabulary.stopwords.en.map(skeletal) };
  // An English word of the field is never a stopword ("group" in "working group" is, "police" is not).
  const englishTerms = new Set(Object.keys(vocabulary.english).filter((k) => !k.includes(' ')).flatMap((k) => tokens(k)));
  const stopDa = new Set([...stopwordsIso.da.map(skeletal), ...extra.da].filter((w) => !keep.da.has(w)));
  const stopEn = new Set(
    [...stopwordsIso.en.map(skeletal), ...extra.en].filter((w) => !keep.en.has(w) && !englishTerms.has(w)),
  );
  const isStopword = (word: string, lang: Lang = 'da') => (lang === 'da' ? stopDa.has(word) : stopEn.has(word) || stopDa.has(word));

  // English phrases of the field, longest first, matched on folded text.
  const englishPhrases = Object.entries(vocabulary.english)
    .map(([en, da]) => [fold(en), fold(da)] as const)
    .sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || b[0].length - a[0].length);
  const englishMap = new Map(englishPhrases);
  const englishPattern = englishPhrases.length
    ? new RegExp(`\\b(${englishPhrases.map(([en]) => en.replace(/[+]/g, '\\+').replace(/ /g, '\\s+')).join('|')})\\b`, 'g')
    : undefined;

  // Synonyms: every word of a group searches as the group's first word; a group with a phrase
  // ("tager afsæt i", "bygger videre på") is matched as phrases on the folded text, on both sides.
  const synonym = new Map<string, string>();
  const phrases: (readonly [RegExp, string])[] = [];
  for (const group of vocabulary.synonyms) {
    if (group.some((w) => fold(w).includes(' '))) {
      const [head = '', ...rest] = group.map(fold);
      for (const w of rest) phrases.push([new RegExp(`\\b${w.replace(/ /g, '\\s+')}\\b`, 'g'), head]);
      continue;
    }
    const [head, ...rest] = group.map((w) => tokens(w).join(''));
    if (!head) continue;
    for (const w of rest) synonym.set(stemOf(w), stemOf(head));
  }
  const canonical = (stem: string) => synonym.get(stem) ?? stem;

  // The words compounds may be made of, and their stems.
  const known = new Set<string>();
  for (const text of lexicon) for (const w of tokens(text)) if (w.length >= MIN_PART && !stopDa.has(w) && !/\d/.test(w)) known.add(w);
  const knownStems = new Set([...known].map(stemOf));
  const isPart = (w: string) => w.length >= MIN_PART && !stopDa.has(w) && (known.has(w) || knownStems.has(w));
  const isLastPart = (w: string) => w.length >= MIN_PART + 1 && (isPart(w) || knownStems.has(stemOf(w)));

  /** The fewest known parts a word splits into (linking -s-/-e- allowed), or undefined. */
  const splitMemo = new Map<string, string[] | undefined>();
  const split = (w: string, depth = 0): string[] | undefined => {
    if (splitMemo.has(w)) return splitMemo.get(w);
    let best: string[] | undefined;
    if (depth < 3)
      for (let i = w.length - MIN_PART - 1; i >= MIN_PART; i--) {
        const head = w.slice(0, i);
        if (!isPart(head)) continue;
        for (const rest of [w.slice(i), ...(w[i] === 's' || w[i] === 'e' ? [w.slice(i + 1)] : [])]) {
          const tail = isLastPart(rest) ? [rest] : rest.length >= MIN_COMPOUND ? split(rest, depth + 1) : undefined;
          if (tail && (!best || tail.length + 1 < best.length)) best = [head, ...tail];
        }
        if (best?.length === 2) break;
      }
    splitMemo.set(w, best);
    return best;
  };

  const terms = memoized((word: string): WordTerms => {
    const stem = canonical(stemOf(word));
    // A day's word (dates.ts) holds its month and its day without the year: "i januar 2010" and "den 19. januar" find it.
    const parts = word.length >= MIN_COMPOUND && !/\d/.test(word) ? (split(word) ?? []) : dateParts(word);
    return { stem, parts: [...new Set(parts.map((p) => canonical(stemOf(p))))].filter((p) => p !== stem) };
  });

  const glossed = (text: string, lang: Lang = 'da'): GlossedWord[] => {
    let folded = fold(markDates(text));
    for (const [pattern, head] of phrases) folded = folded.replace(pattern, head);
    if (lang !== 'en' || !englishPattern) return tokens(folded).map((word) => ({ word, english: [] }));
    const out: GlossedWord[] = [];
    const asIs = (stretch: string) => {
      for (const word of tokens(stretch)) out.push({ word, english: [word] });
    };
    let at = 0;
    for (const m of folded.matchAll(englishPattern)) {
      asIs(folded.slice(at, m.index));
      const en = tokens(m[0]);
      for (const word of tokens(englishMap.get(m[0].replace(/\s+/g, ' ')) ?? m[0])) out.push({ word, english: en });
      at = m.index + m[0].length;
    }
    asIs(folded.slice(at));
    return out;
  };

  const englishTerm = memoized((word: string): string | undefined =>
    stopEn.has(word) || /\d/.test(word) ? undefined : ENGLISH_PREFIX + english.stem(word),
  );

  return {
    words(text, lang = 'da') {
      if (lang === 'en') return glossed(text, lang).map((g) => g.word);
      let folded = fold(markDates(text));
      for (const [pattern, head] of phrases) folded = folded.replace(pattern, head);
      return tokens(folded);
    },
    glossed,
    englishTerm,
    isStopword,
    terms,
    split: (word) => (word.length >= MIN_COMPOUND && !/\d/.test(word) ? (split(word) ?? []) : []),
  };
}
