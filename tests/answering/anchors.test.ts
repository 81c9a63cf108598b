// Anchors a question gives besides its words: a position in a numbered class of
// records ("det andet fokusområde", "fagprincip nummer 4"). The cases are built
// from the shipped knowledge base, so every numbered record is asked for.
import { createEngine } from '../../src/answering/engine';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const TODAY = '2026-11-22';
const topicOf = (text: string) => engine.respond({ text }, undefined, TODAY).state.topic?.id;

const DANISH = ['første', 'andet', 'tredje', 'fjerde', 'femte'];
const ENGLISH = ['first', 'second', 'third', 'fourth', 'fifth'];

describe('a position in a numbered class of records', () => {
  const numbered = kb.focusAreas.filter((f) => f.ordinal !== undefined);
  const principleOf = (id: string) => kb.principles.find((p) => p.id === id)!;

  it.each(numbered.map((f) => [f.title, f] as const))('the focus area at its position under its principle: %s', (_title, f) => {
    const p = principleOf(f.principle);
    const n = f.ordinal! - 1;
    expect(topicOf(`Hvad går det ${DANISH[n]} fokusområde under ${p.shortName} ud på?`)).toBe(f.id);
    expect(topicOf(`What is the ${ENGLISH[n]} focus area under ${p.en?.shortName ?? p.shortName}?`)).toBe(f.id);
  });

  it.each(kb.principles.filter((p) => p.number !== undefined && p.kind === 'fagprincip').map((p) => [p.shortName, p] as const))(
    'a fagprincip by its number: %s',
    (_name, p) => {
      expect(topicOf(`Hvilket fagprincip har nummer ${p.number}?`)).toBe(p.id);
      expect(topicOf(`Hvad siger fagprincip ${p.number}?`)).toBe(p.id);
    },
  );

  // No source numbers them; one lists them: the answer names the place and says there is no number.
  it.each(kb.principles.filter((p) => p.number === undefined && p.listed !== undefined).map((p) => [p.shortName, p] as const))(
    'a fagprincip by the place a source lists it in: %s',
    (_name, p) => {
      for (const q of [`Hvad handler fagprincip nummer ${p.listed} om?`, `Hvad er det ${DANISH[p.listed! - 1]} fagprincip?`]) {
        const r = engine.respond({ text: q }, undefined, TODAY);
        expect(r.state.topic?.id).toBe(p.id);
        expect(r.answer.text).toMatch(new RegExp(`ikke dette fagprincip et nummer.*nr\\. ${p.listed}`));
      }
    },
  );

  it.each(kb.principles.filter((p) => p.number !== undefined && p.kind === 'princip').map((p) => [p.shortName, p] as const))(
    'a principle of the older strategy by its ordinal: %s',
    (_name, p) => {
      const s = kb.strategies.find((x) => x.id === p.strategy)!;
      expect(topicOf(`Hvad gik det ${DANISH[p.number! - 1]} princip i strategien ${s.period.from}-${s.period.to} ud på?`)).toBe(p.id);
    },
  );
});

describe('a date the question names', () => {
  const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
  const days = kb.events.filter((e) => /^\d{4}-\d\d-\d\d$/.test(e.date));
  const said = (text: string) => {
    const { answer, outcome } = engine.respond({ text }, undefined, TODAY);
    return { outcome, text: [answer.title, answer.text, ...answer.facts.map((f) => `${f.label} ${f.value}`)].join('\n') };
  };

  // However the day is written, the answer is about something that happened or fell due that day.
  it.each(days.map((e) => [e.date, e] as const))('a day with an event: %s', (date) => {
    const [y, m, d] = date.split('-').map(Number);
    for (const q of [`Hvad skete der den ${d}. ${MONTHS[m! - 1]} ${y}?`, `Hvad skete der ${d}/${m}-${y}?`]) {
      const { outcome, text } = said(q);
      expect(outcome).toBe('answered');
      expect(text).toMatch(new RegExp(`\\b${d}\\.? ?(?:-\\d+\\. )?${MONTHS[m! - 1]}`, 'i'));
    }
  });
});
