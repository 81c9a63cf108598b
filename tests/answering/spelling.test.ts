// The speller (spelling.ts): what it mends towards the knowledge base's own words, and what it leaves as typed.
import { createAnalyzer } from '../../src/answering/analyze';
import { createEngine } from '../../src/answering/engine';
import { indexEntries } from '../../src/answering/registry';
import { createSpeller } from '../../src/answering/spelling';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses } from './fixtures/conversation';
import { TYPO_PROBES } from './fixtures/typo-probes';

const kb = shippedKnowledgeBase();
const entries = indexEntries(kb);
const analyzer = createAnalyzer(kb.vocabulary, [...entries.flatMap((e) => [...e.names, ...e.text]), ...Object.values(kb.sourceTexts)]);
const speller = createSpeller(
  [...entries.flatMap((e) => [...e.names, ...e.text, ...e.questions]), ...Object.values(kb.sourceTexts)],
  entries.flatMap((e) => e.names),
  kb.people.map((p) => p.name),
  analyzer,
);
const correct = (q: string) => speller.correct(q, 'da');

describe('the speller', () => {
  it('splits two words run together into words of the knowledge base', () => {
    expect(correct('fagprincipperne omnatteliv')).toBe('fagprincipperne om natteliv');
    expect(correct('hvemer kontaktperson')).toBe('hvem er kontaktperson');
    expect(correct('centerforsikkerby adresse')).toBe('center for sikker by adresse');
  });

  it('joins a compound typed as two words', () => {
    expect(correct('natte liv')).toBe('natteliv');
    expect(correct('hvad laver styre gruppen')).toBe('hvad laver styregruppen');
  });

  it('mends one slip in a long word, and a doubled or undoubled letter', () => {
    expect(correct('kvinders trygheed')).toBe('kvinders tryghed');
    expect(correct('radikaliserng')).toBe('radikalisering');
    expect(correct('fagprinciper')).toBe('fagprincipper');
  });

  it('mends a name beside one of its words typed exactly, keeping its capital', () => {
    expect(correct('Hvem er Per Larsn?')).toBe('Hvem er Per Larsen?');
    expect(correct('hvem er ingeborg degen')).toBe('hvem er ingeborg degn');
  });

  it('leaves words it does not know as they are, and short words to the search', () => {
    for (const q of ['Hvordan booker jeg et mødelokale på Rådhuset?', 'Hvad står der på menuen i kantinen i dag?', 'Hvornår bliver storskraldet hentet på Amager?', 'Hvad skal udvalget have forelagt hvert efterår?', 'Hvor længe har BIF arbejdet med det?'])
      expect(correct(q)).toBe(q);
  });

  it('mends nothing in English but names', () => {
    expect(speller.correct('Who is Per Larsn?', 'en')).toBe('Who is Per Larsen?');
    expect(speller.correct('natte liv', 'en')).toBe('natte liv');
  });
});

describe('questions typed with slips', () => {
  const engine = createEngine(kb, 'da');
  it.each(TYPO_PROBES.map((p) => [p.q, p] as const))('are answered as meant: %s', (_q, probe) => {
    expect(conversationMisses(engine, [probe], '2026-12-02')).toEqual([]);
  });
});
