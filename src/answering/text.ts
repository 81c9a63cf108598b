// Text normalisation for matching Danish questions typed any which way:
// "Børn", "boern" and "born" must meet, and so must "fokusområder" and
// "fokusomrader". Pure functions.

/** Text that folding leaves as it is: folded words, one space apart (most of what fold is given is words already folded). */
const FOLDED = /^[a-z0-9+§]+(?: [a-z0-9+§]+)*$/;

/** Lower case, æ/ø/å spelled ae/oe/aa, accents removed, anything but letters, digits and + made a space. */
export function fold(text: string): string {
  if (FOLDED.test(text)) return text;
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9+§]+/g, ' ')
    .trim();
}

/**
 * A folded word reduced further so that the three ways of typing a Danish
 * letter meet: "boern"/"born" → "born", "omraader"/"omrader" → "omrader".
 * Applied alike to the index and the question, so the collisions it causes
 * ("does" → "dos") are harmless.
 */
export function skeleton(word: string): string {
  return word.replace(/aa/g, 'a').replace(/ae/g, 'a').replace(/oe/g, 'o');
}

/** Folded, skeletal tokens of a text. */
export function tokens(text: string): string[] {
  return fold(text)
    .split(' ')
    .filter((t) => t.length > 0)
    .map(skeleton);
}

/** Words that carry no topic: question words, particles, and the names every record shares. */
const STOPWORDS = new Set(
  [
    // Danish
    'af', 'alle', 'alt', 'at', 'bliver', 'blev', 'da', 'de', 'dem', 'den', 'denne', 'der', 'deres', 'det', 'dette', 'du',
    'efter', 'eller', 'en', 'end', 'er', 'et', 'for', 'fra', 'faa', 'faar', 'fik', 'gaar', 'gik', 'giv', 'giver', 'har', 'have', 'havde', 'hende', 'ham', 'han', 'hun',
    'hvad', 'hvem', 'hvilke', 'hvilken', 'hvilket', 'hvor', 'hvordan', 'hvorfor', 'hvornaar', 'hvis', 'i', 'ikke', 'ind', 'jeg', 'kan', 'kunne', 'man',
    'med', 'meget', 'mere', 'mig', 'min', 'mit', 'mine', 'mon', 'naar', 'nu', 'og', 'om', 'op', 'os', 'paa', 'sig', 'sin', 'sit', 'sine', 'skal',
    'som', 'til', 'ud', 'under', 'ved', 'var', 'vi', 'vil', 'vaere', 'vaeret', 'fortael', 'fortaelle', 'gerne', 'lidt', 'saa', 'sige', 'mange',
    'lige', 'nogen', 'noget', 'nogle', 'dens', 'dets', 'ogsaa', 'fx', 'bl', 'f', 'ca', 'mht', 'ift', 'vide', 'ved', 'hej', 'tak', 'venligst',
    'laver', 'lave', 'handler', 'betyder', 'indebaerer', 'gaar', 'eget', 'egen', 'egne', 'sig', 'e', 'dig', 'jer', 'siden', 'mellem', 'forvaltningerne', 'aar', 'aaret', 'aarligt', 'naeste', 'kommende', 'hjaelpe', 'hjaelp',
    // English
    'a', 'an', 'and', 'are', 'as', 'at', 'be', 'by', 'can', 'do', 'does', 'did', 'for', 'from', 'has', 'have', 'how', 'i', 'in', 'is', 'it',
    'its', 'me', 'much', 'many', 'of', 'on', 'or', 'tell', 'that', 'the', 'their', 'them', 'they', 'this', 'to', 'was', 'were', 'what', 'when',
    'where', 'which', 'who', 'whom', 'why', 'will', 'with', 'you', 'your', 'about', 'please', 'there', 'get', 'gets', 'got',
    'year', 'years', 'yearly', 'annually', 'next', 'upcoming', 'cover', 'covers', 'mean', 'means', 'include', 'includes', 'own', 'work', 'works', 'doing', 'done', 'make', 'makes',
  ].map(skeleton),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

// Function words that only one of the two languages uses ("the", "og"), and a few words of the field
// that staff write in English ("funding", "deadline"). Words both languages spell alike ("for", "under",
// "at", "man", "over") count for neither.
const ENGLISH_MARKERS = new Set([
  'what', 'who', 'whom', 'whose', 'which', 'when', 'where', 'why', 'how', 'the', 'a', 'an', 'does', 'do', 'did', 'done',
  'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'must',
  'much', 'many', 'this', 'that', 'these', 'those', 'there', 'their', 'they', 'them', 'it', 'its', 'you', 'your', 'my', 'me', 'we', 'our',
  'and', 'or', 'of', 'in', 'on', 'to', 'with', 'from', 'after', 'before', 'until', 'since', 'still', 'also', 'only', 'not', 'any', 'about',
  'tell', 'please', 'help', 'show', 'explain', 'list', 'get', 'gets', 'receive', 'receives',
  'approved', 'principle', 'principles', 'strategy', 'cover', 'covers', 'funding', 'funded', 'split',
  'contact', 'deadline', 'deadlines', 'next', 'current', 'focus', 'areas',
].map(skeleton));
const DANISH_MARKERS = new Set([
  'hvad', 'hvem', 'hvilke', 'hvilken', 'hvilket', 'hvornaar', 'hvor', 'hvordan', 'hvorfor', 'er', 'og', 'eller', 'det', 'den', 'de', 'dem',
  'til', 'paa', 'af', 'om', 'fra', 'efter', 'med', 'mod', 'uden', 'hos', 'ikke', 'ogsaa', 'stadig', 'nu',
  'fortael', 'meget', 'mange', 'har', 'havde', 'faar', 'fik', 'blev', 'bliver', 'skal', 'skulle', 'kan', 'kunne', 'vil', 'ville',
  'jeg', 'vi', 'du', 'dig', 'mig', 'min', 'mit', 'sin', 'sit', 'sine', 'deres', 'en', 'et', 'der', 'denne', 'dette', 'disse', 'naar', 'hvis',
].map(skeleton));

/** The words of a text, each folded to one token, with whether it was written with a Danish letter. */
function pieces(text: string): { token: string; danishLetter: boolean; capitalI: boolean }[] {
  return text
    .split(/[^\p{L}\p{N}+§]+/u)
    .filter((w) => w.length > 0)
    .map((w) => ({ token: tokens(w).join(''), danishLetter: /[æøå]/i.test(w), capitalI: w === 'I' }));
}

export type LanguageDetector = (text: string) => 'da' | 'en' | undefined;

/**
 * Decides a question's language from its own words, not from the names in it: "What does
 * Børn og unge cover?" is English, though the principle's name has "og" and an "ø".
 * @param names names of the knowledge base (Danish mostly): a name's words count for neither language,
 *   unless the name is itself English ("the steering group").
 * @param englishTerms English words of the field ("steering", "expire"), each a vote for English.
 */
export function createLanguageDetector(names: readonly string[] = [], englishTerms: readonly string[] = []): LanguageDetector {
  const english = new Set([...ENGLISH_MARKERS, ...englishTerms.flatMap((t) => tokens(t))]);
  // Only names that would sway the count: with a Danish word or letter, and no English word.
  const danishNames = [...new Set(names)]
    .map((n) => ({ words: pieces(n).map((p) => p.token), letter: /[æøå]/i.test(n) }))
    .filter((n) => n.words.length > 0 && (n.letter || n.words.some((w) => DANISH_MARKERS.has(w))) && !n.words.some((w) => ENGLISH_MARKERS.has(w)))
    .map((n) => n.words)
    .sort((a, b) => b.length - a.length);
  const byFirst = new Map<string, string[][]>();
  for (const n of danishNames) {
    const first = n[0] ?? '';
    byFirst.set(first, [...(byFirst.get(first) ?? []), n]);
  }
  return (text) => {
    const words = pieces(text);
    const own = words.map(() => true);
    for (let i = 0; i < words.length; i++) {
      const name = byFirst.get(words[i]?.token ?? '')?.find((n) => n.every((w, k) => words[i + k]?.token === w));
      if (!name) continue;
      for (let k = 0; k < name.length; k++) own[i + k] = false;
      i += name.length - 1;
    }
    const counted = words.filter((_, i) => own[i]);
    // "I" is the English pronoun; "i" the Danish preposition (a capital one opening the question is either).
    const en = counted.filter((w, i) => english.has(w.token) || (w.capitalI && (i > 0 || words.length === 1))).length;
    const danishI = counted.filter((w) => w.token === 'i' && !w.capitalI).length;
    const da = counted.filter((w) => DANISH_MARKERS.has(w.token)).length + danishI + (counted.some((w) => w.danishLetter) ? 1.5 : 0);
    if (en > da) return 'en';
    if (da > en) return 'da';
    return undefined;
  };
}

/** "en" when the text reads as English, "da" when Danish, undefined when it cannot tell (a name alone). */
export const detectLanguage: LanguageDetector = createLanguageDetector();

/** Edit distance with transpositions (optimal string alignment), stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      // A swap of two neighbours ("strat" for "start") is one typo, not two.
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}
