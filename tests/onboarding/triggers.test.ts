// Which messages start the tour (src/onboarding/triggers.ts): every phrase of its
// table, the tour button's own label in both languages, the same requests typed
// the way people type them, and — just as important — questions that merely
// contain such words, which must still be answered.
import { helpAnswer } from '../../src/answering/messages';
import { renderWelcomeCard } from '../../src/cards/render';
import { asksForTour, TOUR_PHRASES } from '../../src/onboarding/triggers';
import { buttonsOf } from '../support/playground';

describe('asksForTour', () => {
  it.each(TOUR_PHRASES)('recognises the phrase "%s"', (phrase) => {
    expect(asksForTour(phrase)).toBe(true);
  });

  it.each(['da', 'en'] as const)('recognises the welcome card tour button label typed out (%s)', (lang) => {
    const label = buttonsOf(renderWelcomeCard(helpAnswer(lang))).find((b) => (b.data as { action?: string }).action === 'tour.resume')?.title;
    expect(label).toBeDefined();
    expect(asksForTour(label!)).toBe(true);
  });

  // Not in the table as written: case, punctuation, a slash command, æøå typed as ae/oe/aa, greetings and courtesies.
  it.each([
    'Kom godt i gang!',
    'KOM GODT I GANG MED SIKKER BY',
    '/tour',
    'Hej! Jeg er ny.',
    'Hej, jeg er ny her 🙂',
    'Kan du vise mig rundt?',
    'Kan du give mig en rundvisning, tak',
    'jeg er nyansat',
    'Hvor skal jeg starte?',
    'Get started',
    "I'm new here",
    'Hi, I’m new',
    'Could you show me around please?',
    'Show me around!',
    'hello, where do I start?',
    'Start the tour',
  ])('recognises "%s"', (text) => {
    expect(asksForTour(text)).toBe(true);
  });

  it.each([
    'hvordan kommer jeg godt i gang med ny start',
    'Jeg er ny, hvem er min kontakt?',
    'Hvem er ny i styregruppen?',
    'Hvad er nyt i strategien?',
    'How do I get started with the midterm status report?',
    'Who is new in the steering group?',
    'Hvad er Sikker By?',
    'introduktion af tryghedsvagter',
    'tak',
    'hej',
    '',
  ])('leaves "%s" to be answered as a question', (text) => {
    expect(asksForTour(text)).toBe(false);
  });
});
