// Computations over the knowledge base's figures (compute.ts): what a question asks to compute, the
// answer's figures (exact, with the Danish decimal comma in Danish), where each figure stands, and
// that a plain lookup stays a lookup. The probes are this suite's own (fixtures/compute-probes.ts).
import { createAnalyzer } from '../../src/answering/analyze';
import { amountIn, Computation, computationOf, initiativeNamer, yearsIn } from '../../src/answering/compute';
import { createEngine } from '../../src/answering/engine';
import { indexEntries } from '../../src/answering/registry';
import { understand } from '../../src/answering/understand';
import { renderAnswerCard } from '../../src/cards/render';
import { evalFold, replyStrings } from '../../src/evaluation/score';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { COMPUTE_PROBES, NOT_COMPUTED } from './fixtures/compute-probes';

const kb = shippedKnowledgeBase();
const engine = createEngine(kb, 'da');
const TODAY = '2026-12-02';
const analyzer = createAnalyzer(kb.vocabulary, [...indexEntries(kb).flatMap((e) => [...e.names, ...e.text]), ...Object.values(kb.sourceTexts)]);
const named = initiativeNamer(kb);
const lang = (q: string) => (/\b(how|which|what|the)\b/i.test(q) ? 'en' : 'da');
const parse = (q: string) => computationOf(q, understand(q, lang(q), analyzer), named(q), kb);
const ask = (q: string) => engine.respond({ text: q }, undefined, TODAY);
const folded = (q: string) => evalFold(replyStrings(renderAnswerCard(ask(q).answer, { answerId: 'probe' })).join('\n'));

describe('reading the figures a question names', () => {
  it('reads an amount in DKK million however it is written', () => {
    expect(amountIn('Hvilken indsats får 4,2 mio. kr.?')).toBe(4.2);
    expect(amountIn('which line gets DKK 0.8 million')).toBe(0.8);
    expect(amountIn('får 4.200.000 kr. om året')).toBe(4.2);
    expect(amountIn('mere end 5 millioner')).toBe(5);
  });

  it('reads no amount in a year, a date or a count', () => {
    expect(amountIn('Hvad får Sjakket i 2025?')).toBeUndefined();
    expect(amountIn('den 1. marts 2023')).toBeUndefined();
    expect(amountIn('hvor mange indsatser er der')).toBeUndefined();
  });

  it('writes a range of years out, and keeps a list of years as it is', () => {
    expect(yearsIn('fra 2023 til 2025', ['2023', '2025'])).toEqual(['2023', '2024', '2025']);
    expect(yearsIn('2024-2026', ['2024', '2026'])).toEqual(['2024', '2025', '2026']);
    expect(yearsIn('between 2023 and 2024', ['2023', '2024'])).toEqual(['2023', '2024']);
    expect(yearsIn('i 2023 og 2025', ['2023', '2025'])).toEqual(['2023', '2025']);
  });

  it('finds the initiatives a question names, the longer name first and with a genitive -s', () => {
    expect(named('Hvor meget mere får SSP 18+ end SSP+?')).toEqual(['ssp-18-plus', 'ssp-plus']);
    expect(named("What is Exit KK's total?")).toEqual(['exit-kk']);
    expect(named('Sjakkets beløb og Ny Starts beløb')).toEqual(['sjakket', 'ny-start']);
    expect(named('Hvad er Sikker By?')).toEqual([]);
  });
});

describe('what a question asks to compute', () => {
  it.each(COMPUTE_PROBES.map((p) => [p.q, p.op] as const))('%s → %s', (q, op) => {
    const c = parse(q);
    expect(c?.op).toBe(op);
    // The computation is data of the schema's shape.
    expect(Computation.parse(c)).toEqual(c);
  });

  it.each(NOT_COMPUTED)('%s → no computation', (q) => {
    expect(parse(q)).toBeUndefined();
  });

  it('reads a comparison beside an amount as a threshold, and the amount alone as a lookup by amount', () => {
    expect(parse('Hvilke indsatser får under 3 mio. kr.?')).toMatchObject({ op: 'select', filter: { compare: { op: 'below', amount: 3 } } });
    expect(parse('Hvilke indsatser får 3 mio. kr.?')).toMatchObject({ op: 'byAmount', amount: 3 });
  });
});

describe('computed answers', () => {
  it.each(COMPUTE_PROBES.map((p) => [p.q, p.expect] as const))('%s', (q, expected) => {
    const r = ask(q);
    expect(r.outcome).toBe('answered');
    const text = folded(q);
    for (const e of expected) expect(text).toMatch(e);
  });

  it('writes amounts exactly, with the decimal comma in Danish and the point in English', () => {
    expect(ask('Hvad får Exit KK i alt i 2023-2025?').answer.text).toContain('12,6 mio. kr.');
    expect(ask('How much does Exit KK receive in total in 2023-2025?').answer.text).toContain('DKK 12.6 million');
    expect(ask('Hvad får Exit KK i alt i 2023-2025?').answer.text).not.toMatch(/\d\.\d{3,}|kr\.\./);
  });

  it('says where the table gives no amount for a year asked, instead of counting it', () => {
    const text = ask('Hvor mange penge får Center Crossroad i alt i 2023 og 2024?').answer.text;
    expect(text).toContain('intet beløb til Center Crossroad i 2024');
    expect(text).toContain('3,8 mio. kr.');
  });

  it('shows every figure used with a reference to the section of the source it stands in', () => {
    for (const { q } of COMPUTE_PROBES) {
      const a = ask(q).answer;
      // (An empty result has no figures to show, and says so.)
      if (!a.table) {
        expect(a.text).toMatch(/^(Ingen|None)/);
        continue;
      }
      for (const row of a.table?.rows ?? []) expect(row[2]).toMatch(/^\[\d+\]$/);
      expect(a.text).toMatch(/(Tallene står i|The figures are from):/);
      expect(a.citations.length).toBeGreaterThan(0);
    }
  });

  it('cites a footnote share from the footnote, and a yearly amount from its row', () => {
    const a = ask('Hvilken forvaltning får 0,7 mio. kr. af SSP+?').answer;
    expect(a.text).toMatch(/\\\[2\\\] ".*0,7 mio\. kr\. til SOF/);
    expect(a.table?.rows.find((r) => r[0]?.startsWith('SSP+ 2023'))?.[2]).toBe('[1]');
  });

  it('answers English questions in English', () => {
    for (const { q } of COMPUTE_PROBES.filter((p) => lang(p.q) === 'en')) {
      const a = ask(q).answer;
      expect(a.lang).toBe('en');
      // (The notes quote the source's Danish headings.)
      expect(a.text.split('The figures are from:')[0]).not.toMatch(/\b(får|indsatser|tallene|om året)\b/i);
    }
  });

  it('leaves "how many focus areas has it?" to the principle it points back to', () => {
    const first = ask('Hvad er fagprincippet om et trygt natteliv?');
    const next = engine.respond({ text: 'Hvor mange fokusområder har det?' }, first.state, TODAY);
    expect(next.answer.table).toBeUndefined();
    expect(next.answer.text).toContain('tre (3) fokusområder');
  });

  it('leaves a question about one initiative to its own answer, and other budgets to the gate', () => {
    for (const q of NOT_COMPUTED) expect(ask(q).answer.table).toBeUndefined();
  });

  it('after a computed list, the next question with a topic of its own starts afresh', () => {
    const first = ask('Hvilke indsatser får mere end 4 mio. kr. om året?');
    const next = engine.respond({ text: 'Hvor meget får Sjakket i 2025?' }, first.state, TODAY);
    expect(next.answer.title).toBe('Sjakket');
    expect(next.answer.text).toContain('0,5 mio. kr.');
  });
});

describe("counting a document's lists", () => {
  it('counts the people who attended, and lists them', () => {
    const text = ask('Hvor mange var til stede fra forvaltningerne, da Socialudvalget fik orienteringen om strategien?').answer.text;
    expect(text).toContain('fem (5) personer');
    expect(text).toContain('Lise Stidsen Vandahl');
  });

  it('counts in English too', () => {
    for (const q of ['How many attended the meeting of the Social Committee on 1 March 2023?', 'How many took part in the Social Committee meeting of 1 March 2023?']) {
      const a = ask(q).answer;
      expect(a.lang).toBe('en');
      expect(a.text).toContain('five (5) people attended');
    }
  });

  it('still falls back when the count asked for is of something no document lists', () => {
    expect(ask('Hvor mange ansatte har Socialforvaltningen?').outcome).not.toBe('answered');
  });
});
