// Text normalisation for matching Danish questions typed any which way:
// "Børn", "boern" and "born" must meet, and so must "fokusområder" and
// "fokusomrader". Pure functions.

/** Lower case, æ/ø/å spelled ae/oe/aa, accents removed, anything but letters, digits and + made a space. */
export function fold(text: string): string {
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
function skeleton(word: string): string {
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

const ENGLISH_MARKERS = new Set([
  'what', 'who', 'whom', 'which', 'when', 'where', 'why', 'how', 'the', 'does', 'is', 'are', 'much', 'many', 'receive',
  'receives', 'get', 'gets', 'approved', 'principle', 'principles', 'strategy', 'cover', 'covers', 'funding', 'funded',
  'split', 'tell', 'about', 'and', 'of', 'in', 'to', 'contact', 'deadline', 'deadlines', 'next', 'current', 'focus', 'areas',
].map(skeleton));
const DANISH_MARKERS = new Set([
  'hvad', 'hvem', 'hvilke', 'hvilken', 'hvornaar', 'hvor', 'hvordan', 'hvorfor', 'er', 'og', 'det', 'den', 'til', 'paa', 'af', 'om',
  'fortael', 'meget', 'mange', 'har', 'faar', 'i', 'en', 'et', 'der', 'med',
].map(skeleton));

/** "en" when the text reads as English, "da" when Danish, undefined when it cannot tell (a name alone). */
export function detectLanguage(text: string): 'da' | 'en' | undefined {
  const words = tokens(text);
  const en = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
  // A Danish letter counts for Danish, but a Danish name in an English question ("Københavnerteamet") does not make it Danish.
  const da = words.filter((w) => DANISH_MARKERS.has(w)).length + (/[æøå]/i.test(text) ? 1.5 : 0);
  if (en > da) return 'en';
  if (da > en) return 'da';
  return undefined;
}

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
