// Mends the slips people make typing a question, before it is understood:
// two words run together ("omnatteliv", "hvemer"), a compound typed as two
// words ("natte liv", "styre gruppe"), a letter dropped, doubled, swapped or
// wrong ("trygheed", "fagprinciper"), and a name typed nearly right ("Per
// Larsn"). It corrects only towards the knowledge base's own words, and only
// where one correction is plainly meant: a word it cannot mend stays as it
// is, so that the confidence gate still sees a word nothing knows (an
// off-topic question keeps its off-topic words). Pure; built once per
// knowledge base.
import type { Lang } from '../kernel/lang';
import type { Analyzer } from './analyze';
import { editDistance, fold, skeleton, tokens } from './text';

export interface Speller {
  /** The text with the slips it is sure of mended (each mended word folded); the rest as written. */
  correct(text: string, lang: Lang): string;
}

/**
 * A word this short is mended by any one slip only beside a name it belongs to: shorter words have too many
 * neighbours, and many are words the knowledge base does not use ("hentet", "dækkede"). A letter doubled or
 * undoubled is mended in words from MIN_RUN letters ("udsate").
 */
const MIN_FREE = 8;
/** A word this short is not taken for two run together. */
const MIN_RUN = 5;
/** A name's word this short is no anchor, nor mended ("by", "for"). */
const MIN_NAME_WORD = 3;
/** A word typed as two is joined only into a word this long ("styregruppe", not "ikke"). */
const MIN_JOINED = 6;
/** A run-together word splits into at most this many words ("centerforsikkerby": center for sikker by). */
const MAX_PARTS = 4;
/** A word of two or three letters that is no stopword is a part of a run-together word only if the knowledge base uses it this often ("by"; not "sv", "ger"). */
const MIN_SHORT_COUNT = 20;
/** The Danish question words (skeletal, text.ts), which are typed run together with the next word ("hvemer", "hvader"). */
const QUESTION_WORDS: ReadonlySet<string> = new Set(['hvad', 'hvem', 'hvor', 'hvornar', 'hvilke', 'hvilken', 'hvilket', 'hvordan', 'hvorfor', 'hvorda']);
/** Of two words run together, one with a slip (as long as MIN_FREE), the other is at least this long ("ekstremisme" + "handlplan"). */
const MIN_EXACT_PART = 6;
/** Words whose mending is remembered; questions reuse a small vocabulary. */
const MAX_MEMO = 20_000;

/** What the knowledge base's texts say about their words: the forms written, how often, and which words stand side by side. */
interface Lexicon {
  /** A word's skeleton (text.ts) → its most frequent folded form. */
  readonly forms: ReadonlyMap<string, string>;
  readonly count: ReadonlyMap<string, number>;
  /** "a b" for every two words that stand side by side somewhere. */
  readonly pairs: ReadonlySet<string>;
  /** A word with one letter deleted (or none) → the words it comes from: one-edit neighbours in one lookup. */
  readonly deletions: ReadonlyMap<string, readonly string[]>;
}

function deletionsOf(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function lexiconOf(texts: readonly string[]): Lexicon {
  const formCounts = new Map<string, Map<string, number>>();
  const pairs = new Set<string>();
  for (const text of texts)
    for (const line of text.split(/\n|[.!?;:]\s/)) {
      const folded = fold(line).split(' ').filter(Boolean);
      const skeletons = folded.map(skeleton);
      folded.forEach((w, i) => {
        const sk = skeletons[i]!;
        const forms = formCounts.get(sk) ?? new Map<string, number>();
        forms.set(w, (forms.get(w) ?? 0) + 1);
        formCounts.set(sk, forms);
        if (i > 0) pairs.add(`${skeletons[i - 1]} ${sk}`);
      });
    }
  const forms = new Map<string, string>();
  const count = new Map<string, number>();
  for (const [sk, fs] of formCounts) {
    const [best] = [...fs].sort((a, b) => b[1] - a[1]);
    forms.set(sk, best![0]);
    count.set(sk, [...fs.values()].reduce((a, b) => a + b, 0));
  }
  const deletions = new Map<string, string[]>();
  for (const w of forms.keys()) {
    if (w.length < 4 || /\d/.test(w)) continue;
    for (const d of deletionsOf(w)) {
      const from = deletions.get(d);
      if (from) from.push(w);
      else deletions.set(d, [w]);
    }
  }
  return { forms, count, pairs, deletions };
}

/**
 * @param texts the knowledge base's texts (names, descriptions, alternate questions, the sources): the words it may correct towards
 * @param names the records' names, each a run of words a question may type nearly right
 * @param people the names of people, whose every word anchors the next ("Per" in "Per Larsn"), stopword or not
 */
export function createSpeller(texts: readonly string[], names: readonly string[], people: readonly string[], analyzer: Analyzer): Speller {
  const lexicon = lexiconOf(texts);
  // (Danish stopwords only: the English list holds all manner of short words, "sta", "ten".)
  const isStop = (w: string) => analyzer.isStopword(w, 'da');
  const isWord = (w: string) => lexicon.forms.has(w) || isStop(w);
  const stems = new Set([...lexicon.forms.keys()].map((w) => analyzer.terms(w).stem));
  const knownStem = (w: string) => stems.has(analyzer.terms(w).stem);
  const formOf = (w: string) => lexicon.forms.get(w) ?? w;

  /** The knowledge base's words one edit from the word, with its first letter. */
  const neighbours = (w: string): string[] => {
    const found = new Set<string>();
    for (const d of deletionsOf(w))
      for (const v of lexicon.deletions.get(d) ?? []) if (v !== w && v[0] === w[0] && editDistance(w, v, 1) <= 1) found.add(v);
    return [...found];
  };
  /** The one word meant, when all the one-edit neighbours are forms of one word (one stem); the most frequent form. */
  const meant = (w: string): string | undefined => {
    const near = neighbours(w).filter((v) => !isStop(v));
    const stems = new Set(near.map((v) => analyzer.terms(v).stem));
    if (stems.size !== 1) return undefined;
    return near.sort((a, b) => (lexicon.count.get(b) ?? 0) - (lexicon.count.get(a) ?? 0))[0];
  };
  // A letter doubled or not ("fagprinciper", "trygheeden"): the same word whatever its stem says.
  const doubled = (longer: string, shorter: string): boolean =>
    longer.length === shorter.length + 1 && [...longer].some((c, k) => k > 0 && c === longer[k - 1] && longer.slice(0, k) + longer.slice(k + 1) === shorter);
  const doubling = (w: string, v: string): boolean => doubled(v, w) || doubled(w, v);

  /**
   * A run-together word as the fewest words of the knowledge base or stopwords (2 to MAX_PARTS, none shorter than
   * two letters). Two thirds of its letters must be in words of substance ("om natteliv", "center for sikker by"), or it
   * is a question word and a verb ("hvem er"): tiny words fit into almost any unknown word ("Amager": am ag er).
   */
  const segment = (w: string): string[] | undefined => {
    const best: (string[] | undefined)[] = [[]];
    for (let end = 2; end <= w.length; end++)
      for (let start = Math.max(0, end - 30); start <= end - 2; start++) {
        const before = best[start];
        const part = w.slice(start, end);
        if (!before || before.length >= MAX_PARTS || !isWord(part) || (part.length < 4 && !isStop(part) && (lexicon.count.get(part) ?? 0) < MIN_SHORT_COUNT)) continue;
        const current = best[end];
        if (!current || before.length + 1 < current.length) best[end] = [...before, part];
      }
    const parts = best[w.length];
    if (!parts || parts.length < 2) return undefined;
    if (isFrame(parts)) return parts;
    // A stopword at the end is more likely an ending ("efterår" is no "efter år"); and the words are a phrase the
    // knowledge base writes ("center for sikker by"), not any words that happen to fit ("ad gangs kort").
    const substance = parts.filter((p) => p.length >= 4 && !isStop(p)).reduce((n, p) => n + p.length, 0);
    const written = parts.every((p, i) => i === 0 || lexicon.pairs.has(`${parts[i - 1]} ${p}`));
    return 3 * substance >= 2 * w.length && !isStop(parts[parts.length - 1]!) && written ? parts : undefined;
  };
  /** A question word and a word after it run together ("hvemer": hvem er). */
  const isFrame = (parts: readonly string[]) => parts.length === 2 && QUESTION_WORDS.has(parts[0]!) && isStop(parts[1]!);
  /** Two words run together, one of them with a slip ("ekstremismehandlplan": ekstremisme + handleplan). */
  const segmentMended = (w: string): string[] | undefined => {
    const found: string[][] = [];
    for (let i = 2; i <= w.length - 2; i++) {
      const [head, tail] = [w.slice(0, i), w.slice(i)];
      if (isWord(head) && head.length >= MIN_EXACT_PART && tail.length >= MIN_FREE) {
        const m = meant(tail);
        if (m) found.push([head, m]);
      }
      if (isWord(tail) && tail.length >= MIN_EXACT_PART && head.length >= MIN_FREE && !isWord(head)) {
        const m = meant(head);
        if (m) found.push([m, tail]);
      }
    }
    return found.length === 1 ? found[0] : undefined;
  };

  // The names' words by position, so that a word of a name anchors its neighbour ("per" before "lasen").
  const wordsOf = (n: string) => fold(n).split(' ').filter(Boolean).map(skeleton);
  const inNames = new Map<string, { words: readonly string[]; at: number }[]>();
  const personal = new Set(people);
  for (const name of new Set([...names, ...people])) {
    const words = wordsOf(name);
    if (words.length < 2) continue;
    words.forEach((w, at) => {
      if (w.length >= MIN_NAME_WORD && (personal.has(name) || !isStop(w))) inNames.set(w, [...(inNames.get(w) ?? []), { words, at }]);
    });
  }
  /** What a word next to an exactly typed word of a name is meant to be, when it is one edit from that name's next (or previous) word. */
  const nameNeighbour = (anchor: string, word: string, side: 1 | -1): string | undefined => {
    if (word.length < 4 || isWord(word)) return undefined;
    const meantBy = new Set(
      (inNames.get(anchor) ?? [])
        .map(({ words, at }) => words[at + side])
        .filter((v): v is string => v !== undefined && v.length >= MIN_NAME_WORD && !isStop(v) && editDistance(word, v, 1) === 1),
    );
    return meantBy.size === 1 ? [...meantBy][0] : undefined;
  };

  /** What a word the knowledge base does not write is meant to be, when that is plain (folded words); undefined: as it is. */
  const mendedWord = (w: string): string | undefined => {
    const parts = segment(w);
    if (knownStem(w)) {
      // A known word's form: two function words run together, or the word with a letter doubled or undoubled.
      const m = w.length >= MIN_FREE ? meant(w) : undefined;
      if (parts && isFrame(parts)) return parts.map(formOf).join(' ');
      return m && doubling(w, m) ? formOf(m) : undefined;
    }
    // A compound of the knowledge base's own words is the analyzer's to split; this mends the rest.
    if (analyzer.split(w).length > 0) return undefined;
    // One slip in a long word is likelier than two words run together ("tryghedsvagtr").
    const m = meant(w);
    const fixed = m && (w.length >= MIN_FREE || doubling(w, m)) ? m : undefined;
    return (fixed ? [fixed] : (parts ?? segmentMended(w)))?.map(formOf).join(' ');
  };
  // A word's own slips do not depend on the words beside it, and trying the ways to mend it is the costly part of
  // mending a question: each word is worked out once (per knowledge base, as the speller is).
  const meantMemo = new Map<string, string | undefined>();
  const meantWord = (w: string): string | undefined => {
    if (meantMemo.has(w)) return meantMemo.get(w);
    const mended = mendedWord(w);
    if (meantMemo.size >= MAX_MEMO) meantMemo.clear();
    meantMemo.set(w, mended);
    return mended;
  };

  return {
    correct(text, lang) {
      const found = [...text.matchAll(/[\p{L}\p{N}+§]+/gu)];
      if (found.length === 0) return text;
      const words = found.map((m) => ({ raw: m[0], at: m.index, skeleton: tokens(m[0]).join(''), out: undefined as string | undefined, joinNext: false }));
      const mend = (i: number, out: string) => {
        const w = words[i]!;
        // Keep a capital: "Larsn" → "Larsen" is still a name inside the sentence.
        w.out = /^\p{Lu}/u.test(w.raw) ? out.charAt(0).toUpperCase() + out.slice(1) : out;
      };
      const adjacent = (i: number) => {
        const a = words[i]!;
        const b = words[i + 1];
        return b !== undefined && /^\s+$/.test(text.slice(a.at + a.raw.length, b.at));
      };

      // A name typed nearly right, beside one of its words typed exactly.
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        for (const side of [1, -1] as const) {
          const other = words[i + side];
          if (!other || other.out !== undefined || !inNames.has(w.skeleton) || !adjacent(side === 1 ? i : i - 1)) continue;
          const name = nameNeighbour(w.skeleton, other.skeleton, side);
          if (name) mend(i + side, formOf(name));
        }
      }
      if (lang === 'da')
        for (let i = 0; i < words.length; i++) {
          const w = words[i]!;
          const next = words[i + 1];
          if (w.out !== undefined || /\d/.test(w.skeleton)) continue;
          // A compound typed as two words: their join is a word of the knowledge base, and they never stand side by side in it.
          const joined = next && next.out === undefined && !/\d/.test(next.skeleton) ? w.skeleton + next.skeleton : '';
          // (Not with a stopword: "initiativ er" is no "initiativer", "for ældre" no "forældre".)
          if (joined.length >= MIN_JOINED && adjacent(i) && lexicon.forms.has(joined) && !isStop(joined) && !lexicon.pairs.has(`${w.skeleton} ${next!.skeleton}`) && !isStop(w.skeleton) && !isStop(next!.skeleton)) {
            mend(i, formOf(joined));
            w.joinNext = true;
            i++;
            continue;
          }
          if (isWord(w.skeleton) || w.skeleton.length < MIN_RUN) continue;
          const mended = meantWord(w.skeleton);
          if (mended !== undefined) mend(i, mended);
        }

      let out = '';
      let from = 0;
      words.forEach((w, i) => {
        if (w.out === undefined) return;
        const until = w.joinNext ? words[i + 1]!.at + words[i + 1]!.raw.length : w.at + w.raw.length;
        out += text.slice(from, w.at) + w.out;
        from = until;
      });
      return out + text.slice(from);
    },
  };
}
