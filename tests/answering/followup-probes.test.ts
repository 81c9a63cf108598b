import { createAnalyzer } from '../../src/answering/analyze';
import { withYears } from '../../src/answering/compute';
import { ConversationState, createEngine } from '../../src/answering/engine';
import { indexEntries } from '../../src/answering/registry';
import { understand } from '../../src/answering/understand';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { conversationMisses, type ProbeTurn } from './fixtures/conversation';
import { FOLLOWUP_CONVERSATIONS } from './fixtures/followup-probes';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const analyzer = createAnalyzer(kb.vocabulary, [...indexEntries(kb).flatMap((e) => [...e.names, ...e.text]), ...Object.values(kb.sourceTexts)]);
const today = '2026-12-02';

const misses = (turns: readonly ProbeTurn[]) => conversationMisses(engine, turns, today);

describe('follow-ups by kind: contact, cleft, a computation for another year, another record', () => {
  it.each(FOLLOWUP_CONVERSATIONS.map((c) => [c[0]!.q, c] as const))('%s …', (_first, turns) => {
    expect(misses(turns)).toEqual([]);
  });
});

describe('a cleft', () => {
  const refersBack = (q: string, lang: 'da' | 'en' = 'da') => understand(q, lang, analyzer).refersBack;

  it('has a pronoun that points forward, to the rest of the question', () => {
    expect(refersBack('Hvem er det, der står for Exit KK?')).toBe(false);
    expect(refersBack('Hvad var det som blev besluttet i januar 2010?')).toBe(false);
    expect(refersBack('Who is it that runs SSP+?', 'en')).toBe(false);
  });

  it('still points back with a pronoun of its own, and a plain "det" points back', () => {
    expect(refersBack('Hvem er det, der står for den?')).toBe(true);
    expect(refersBack('Hvad er det?')).toBe(true);
    expect(refersBack('Hvornår udløber det?')).toBe(true);
  });
});

describe('a pronoun beside a topic of the question\'s own', () => {
  const refersBack = (q: string, lang: 'da' | 'en' = 'da') => understand(q, lang, analyzer).refersBack;

  it('stands for the topic a clause before it names, or for the clause after "det at"', () => {
    expect(refersBack('Hvornår startede Exit KK, og hvem står for den?')).toBe(false);
    expect(refersBack('princippet om natteliv – hvad hedder det?')).toBe(false);
    expect(refersBack('Hvad betyder det, at strategien ændres?')).toBe(false);
  });

  it('points back with no topic before it, after thanks, or as a person', () => {
    expect(refersBack('hvad er budgettet for den?')).toBe(true);
    expect(refersBack('Tak, og hvem står for den?')).toBe(true);
    expect(refersBack('Thanks, and who runs it?', 'en')).toBe(true);
    expect(refersBack('Per Larsen, hvornår startede han?')).toBe(true);
  });
});

describe('a place counted from the end', () => {
  const ordinal = (q: string, lang: 'da' | 'en' = 'da') => understand(q, lang, analyzer).ordinal;

  it('is a place of its own when the question names nothing else', () => {
    expect(ordinal('og den sidste?')).toEqual({ n: -1, alone: true });
    expect(ordinal('and the last one?', 'en')).toEqual({ n: -1, alone: true });
  });

  it('is none beside a class of records the question names, or in a phrase of its own', () => {
    expect(ordinal('Hvad er den sidste frist?')).toBeUndefined();
    expect(ordinal('Hvornår var sidste gang?')).toBeUndefined();
  });
});

describe('a list answer in the conversation state', () => {
  it('keeps the records it listed, in the order shown, through the store\'s JSON round trip', () => {
    const state = engine.respond({ text: 'Hvilke indsatser har varig finansiering?' }, undefined, today).state;
    expect(state.topic?.listed).toEqual(['ssp-plus', 'koebenhavnerteamet', 'sjakket']);
    expect(ConversationState.parse(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
});

describe('a computed answer in the conversation state', () => {
  const computed = engine.respond({ text: 'Hvilke indsatser får penge i 2024?' }, undefined, today).state;

  it('is kept with the topic, and survives the store\'s JSON round trip', () => {
    expect(computed.topic?.computation).toEqual({ op: 'select', filter: { years: { rule: 'funded', years: ['2024'] } }, count: false });
    expect(ConversationState.parse(JSON.parse(JSON.stringify(computed)))).toEqual(computed);
  });

  it('reads a state stored before topics kept computations', () => {
    const old = { topic: { id: 'exit-kk', type: 'initiative', intents: ['amount'], years: ['2024'] }, lang: 'da' };
    expect(ConversationState.parse(old)).toEqual(old);
    expect(engine.respond({ text: 'og i 2025?' }, ConversationState.parse(old), today).state.topic?.id).toBe('exit-kk');
  });

  it('drops a computation this build cannot read, not the topic, and leaves no undefined key', () => {
    const odd = { topic: { id: 'sikker-by-budgetpakken', type: 'budgetPackage', intents: [], years: ['2024'], computation: { op: 'median', years: ['2024'] } } };
    const parsed = ConversationState.parse(odd);
    expect(parsed.topic?.id).toBe('sikker-by-budgetpakken');
    expect(parsed.topic && 'computation' in parsed.topic).toBe(false);
  });

  it('is computed again only for a follow-up that names years and asks nothing else', () => {
    expect(engine.respond({ text: 'og i 2025?' }, computed, today).state.topic?.computation).toMatchObject({ filter: { years: { years: ['2025'] } } });
    expect(engine.respond({ text: 'Hvad er Exit KK?' }, computed, today).state.topic?.computation).toBeUndefined();
    expect(engine.respond({ text: 'hvem står for den?' }, computed, today).state.topic?.computation).toBeUndefined();
  });
});

describe('a computation for other years', () => {
  it('moves the years of sums, differences and filters', () => {
    expect(withYears({ op: 'sum', initiatives: ['exit-kk'], years: ['2023', '2024'] }, ['2026'])).toEqual({ op: 'sum', initiatives: ['exit-kk'], years: ['2026'] });
    expect(withYears({ op: 'select', filter: { years: { rule: 'after', years: ['2024'] } }, count: true }, ['2025', '2026'])).toEqual({ op: 'select', filter: { years: { rule: 'after', years: ['2026'] } }, count: true });
    expect(withYears({ op: 'select', filter: { compare: { op: 'above', amount: 3, measure: 'amount', year: '2025' } }, count: false }, ['2026'])).toEqual({
      op: 'select',
      filter: { compare: { op: 'above', amount: 3, measure: 'amount', year: '2026' } },
      count: false,
    });
  });

  it('has none for a ranking, or for a threshold at a named line\'s amount in the years asked', () => {
    expect(withYears({ op: 'rank', measure: 'permanent', order: 'most' }, ['2025'])).toBeUndefined();
    expect(withYears({ op: 'select', filter: { compare: { op: 'above', amount: 4.2, measure: 'amount', year: '2024', than: 'exit-kk' } }, count: false }, ['2025'])).toBeUndefined();
  });
});
