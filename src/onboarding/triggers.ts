// When a message asks for the tour ("Kom godt i gang med Sikker By"). The ways
// people ask are data: a table of phrases, matched against the whole message
// once it is normalised (case, punctuation, a leading slash, æ/ø/å written as
// ae/oe/aa, a greeting or a "please" around it). A message that only contains
// one of them ("jeg er ny, hvem er min kontakt?") is a question, not a request
// for the tour. Pure.

/** What people write to start or resume the tour, normalised (see `normalise`), Danish and English. */
export const TOUR_PHRASES: readonly string[] = [
  // The tour's own button labels (src/cards/render.ts, src/onboarding/tour.ts), typed.
  'kom godt i gang med sikker by',
  'getting started with sikker by',
  // Danish
  'kom godt i gang',
  'kom i gang',
  'hvordan kommer jeg i gang',
  'hvordan kommer jeg godt i gang',
  'hvor starter jeg',
  'hvor skal jeg starte',
  'hvor begynder jeg',
  'jeg er ny',
  'jeg er ny her',
  'jeg er ny medarbejder',
  'jeg er nyansat',
  'ny medarbejder',
  'nyansat',
  'vis mig rundt',
  'vise mig rundt',
  'giv mig en rundvisning',
  'give mig en rundvisning',
  'rundvisning',
  'start rundvisningen',
  'tag rundvisningen',
  'introduktion',
  'en introduktion',
  'giv mig en introduktion',
  'give mig en introduktion',
  'introduktion til sikker by',
  'intro',
  'start touren',
  'onboarding',
  // English
  'get started',
  'getting started',
  'how do i get started',
  'where do i start',
  'where do i begin',
  'im new',
  'im new here',
  'i am new',
  'i am new here',
  'new employee',
  'im a new employee',
  'i am a new employee',
  'show me around',
  'give me a tour',
  'take the tour',
  'start the tour',
  'tour',
  'the tour',
  'introduction',
  'give me an introduction',
  'introduction to sikker by',
];

// Said around a request without changing it: "Hej, jeg er ny", "show me around please".
const LEADING = ['hej', 'hejsa', 'goddag', 'hi', 'hello', 'hey', 'kan du', 'vil du', 'can you', 'could you', 'would you', 'please', 'gerne', 'jeg vil gerne', 'id like to', 'i would like to'];
const TRAILING = ['tak', 'please', 'thanks', 'thank you', 'gerne'];

/** Lower case, Danish letters as typed on an English keyboard, no punctuation, single spaces. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const PHRASES = new Set(TOUR_PHRASES.map(normalise));
const AROUND = (words: readonly string[]) => words.map(normalise).sort((a, b) => b.length - a.length);
const LEADING_WORDS = AROUND(LEADING);
const TRAILING_WORDS = AROUND(TRAILING);

/** Whether a typed message asks for the tour. */
export function asksForTour(text: string): boolean {
  let s = normalise(text);
  if (PHRASES.has(s)) return true;
  // Peel greetings and courtesies off both ends, one at a time, checking after each.
  for (;;) {
    const lead = LEADING_WORDS.find((w) => s.startsWith(`${w} `));
    if (lead) s = s.slice(lead.length + 1);
    const trail = TRAILING_WORDS.find((w) => s.endsWith(` ${w}`));
    if (trail) s = s.slice(0, -trail.length - 1);
    if (!lead && !trail) return false;
    if (PHRASES.has(s)) return true;
  }
}
