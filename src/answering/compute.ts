// Answers computed from the figures the knowledge base holds: an initiative's
// amounts added up over years, the difference between two lines, the lines
// above or below an amount, the line that has a given amount, the largest
// permanent funding, the year in which most money expires, and lists and
// counts with a filter (the lines funded in a year, the fagprincipper with
// four focus areas). The question's words say which operation (COMPUTATIONS
// in rules.ts); what else it holds (initiatives named, an amount, years) says
// whether it asks to compute at all, so a question about one line's amount
// stays a lookup. Every answer shows the figures it used, each with the
// source it stands in, and says where the table gives no amount rather than
// counting it as nought. Amounts are added in tenths (the table's precision),
// so 4.2 + 4.2 + 4.2 is 12.6, not 12.600000000000001. Pure.
import { z } from 'zod';
import type { FundedInitiative, KnowledgeBase } from '../knowledge/knowledge-base';
import type { Citation } from '../knowledge/schema';
import { localName, organisationName, prose } from '../knowledge/translation';
import { bullets, countWord, date, decimal, joinList, money } from '../kernel/format';
import type { Answer } from './answer';
import { expiringAnswer, finish, permanentFundingAnswer, type ComposeContext } from './compose';
import { budgetRefIn } from './records';
import { BUDGET_TERMS, BUDGET_WORDS, COMPUTATIONS, MONEY_WORDS, NUMBER_WORDS, type Operation } from './rules';
import { tokens } from './text';
import { wordsPattern, type Understanding } from './understand';

const Year = z.string().regex(/^\d{4}$/);
const Order = z.enum(['most', 'least']);
const Comparison = z.enum(['above', 'atLeast', 'below', 'atMost']);
type Comparison = z.infer<typeof Comparison>;

/** Which lines of the budget table a list or a count is about; every condition given must hold. */
const Filter = z.strictObject({
  /**
   * funded: an amount in one of the years; unfunded: an amount in none of them; only: amounts in these years and
   * in no other; ends: the last year with an amount is one of them; after: an amount in a year after the (last) one given.
   */
  years: z.strictObject({ rule: z.enum(['funded', 'unfunded', 'only', 'ends', 'after']), years: z.array(Year).min(1) }).optional(),
  /** With (true) or without (false) permanent funding beyond Sikker By money. */
  permanent: z.boolean().optional(),
  /**
   * A yearly amount (in the year, else in any year) or the permanent funding against an amount in DKK million;
   * `than`: the amount is that initiative's, which is then no answer of its own.
   */
  compare: z
    .strictObject({ op: Comparison, amount: z.number(), measure: z.enum(['amount', 'permanent']), year: Year.optional(), than: z.string().optional() })
    .optional(),
  /** A budget reference in the line's label ("Æ45"). */
  ref: z.string().optional(),
  /** The budget agreement the line cites ("budgetaftale 2023"). */
  agreement: z.string().optional(),
});
type Filter = z.infer<typeof Filter>;

export const Computation = z.discriminatedUnion('op', [
  /** Amounts added up over the years (all the table's years when none is given): of the lines named, or of every line that passes the filter. */
  z.strictObject({ op: z.literal('sum'), initiatives: z.array(z.string()), years: z.array(Year), filter: Filter.optional() }),
  z.strictObject({ op: z.literal('difference'), a: z.string(), b: z.string(), years: z.array(Year) }),
  z.strictObject({ op: z.literal('select'), filter: Filter, count: z.boolean() }),
  /** The lines with this amount (a yearly amount, a permanent funding or a footnote's share), of one line if named. */
  z.strictObject({ op: z.literal('byAmount'), amount: z.number(), years: z.array(Year), initiative: z.string().optional() }),
  z.strictObject({ op: z.literal('rank'), measure: z.enum(['permanent', 'lastYear']), order: Order }),
  /** The years by the money whose funding ends in them (the table's "Årlige udløb i alt") or by the number of lines. */
  z.strictObject({ op: z.literal('rankYears'), by: z.enum(['money', 'lines']), order: Order }),
  /** The principles for which the sources state this number of focus areas. */
  z.strictObject({ op: z.literal('principlesByAreas'), areas: z.number().int().nonnegative(), count: z.boolean() }),
  /** The focus areas of a strategy's principles added up, where the sources state their number. */
  z.strictObject({ op: z.literal('focusAreaTotal'), strategy: z.string() }),
]);
export type Computation = z.infer<typeof Computation>;

const OPERATIONS = COMPUTATIONS.map(({ op, words }) => ({ op, pattern: wordsPattern(words) }));
const BUDGET = wordsPattern(BUDGET_WORDS);
const MONEY = wordsPattern(MONEY_WORDS);
const AREA_COUNT = new RegExp(`\\b(\\d|${Object.keys(NUMBER_WORDS).join('|')})\\s+(?:fokus ?omr\\w*|focus areas?)\\b`);
/** "hvilke (af) fagprincipperne …", "how many principles …": the principles are what is asked for, not one of them. */
/** "budgetaftale 2023", "the 2023 budget agreement". */
const AGREEMENT = /\bbudgetaftale(?:n)?\s+((?:19|20)\d\d)\b|\b((?:19|20)\d\d)\s+budget\s+agreement\b|\bbudget\s+agreement\s+(?:of\s+)?((?:19|20)\d\d)\b/;
/** The three spellings of a Danish letter meet, as in the question's content words (text.ts). */
const skeletal = (w: string) => w.replace(/aa/g, 'a').replace(/ae/g, 'a').replace(/oe/g, 'o');
/** The words a question about the whole table may hold besides its topic: the table's terms and the computations' own words. */
const KNOWN_WORD = new RegExp(
  `^(?:${wordsPattern([...BUDGET_TERMS, ...BUDGET_WORDS, ...MONEY_WORDS, ...COMPUTATIONS.flatMap((c) => c.words)].flatMap((w) => w.split(' ')).map(skeletal)).source})$`,
);
const ASKS_PRINCIPLES = /\b(?:hvilke|hvilket|hvilken|which|what|hvor mange|how many)\s+(?:af\s+|of\s+)?(?:de\s+|the\s+)?(?:\w+\s+)?(?:\w*princip\w*|principles?)\b/;

/** Finds the initiatives a text names by their names and aliases (a genitive -s allowed), longest names first, each word once. */
export function initiativeNamer(kb: KnowledgeBase): (text: string) => string[] {
  const names = kb.initiatives
    .flatMap((i) => [i.name, ...i.aliases].map((n) => ({ id: i.id, words: tokens(n) })))
    .filter((n) => n.words.length > 0)
    .sort((a, b) => b.words.length - a.words.length);
  return (text) => {
    const words = tokens(text);
    // Only a name whose first word the text holds can be there (a one-word name also with a genitive -s).
    const present = new Set(words);
    const used = words.map(() => false);
    const found: { id: string; at: number }[] = [];
    const fits = (w: string, k: number, n: readonly string[], at: number) => {
      const word = words[at + k];
      return !used[at + k] && (word === w || (k === n.length - 1 && (word === `${w}s` || (word === w && words[at + k + 1] === 's'))));
    };
    for (const n of names) {
      const first = n.words[0]!;
      if (!present.has(first) && !(n.words.length === 1 && present.has(`${first}s`))) continue;
      for (let at = 0; at + n.words.length <= words.length; at++) {
        if (!n.words.every((w, k) => fits(w, k, n.words, at))) continue;
        for (let k = 0; k < n.words.length; k++) used[at + k] = true;
        if (!found.some((f) => f.id === n.id)) found.push({ id: n.id, at });
      }
    }
    return found.sort((a, b) => a.at - b.at).map((f) => f.id);
  };
}

/** An amount in DKK million that a text names: "4,2 mio. kr.", "DKK 4.2 million", "4.200.000 kr.". */
export function amountIn(text: string): number | undefined {
  const t = text.toLowerCase();
  const short = /(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:mio\b|mill?\b|millioner\b|millions?\b)/.exec(t);
  if (short) return Number(short[1]!.replace(',', '.'));
  const full = /(?<![\d.,])(\d{1,3}(?:\.\d{3}){2,})\s*(?:kr|dkk|kroner)\b/.exec(t);
  return full ? Number(full[1]!.replace(/\./g, '')) / 1e6 : undefined;
}

/** The years a text asks about: a range written out ("2023-2025", "fra 2023 til 2025", "between 2023 and 2025"), else those it names. */
export function yearsIn(text: string, named: readonly string[]): string[] {
  const t = text.toLowerCase();
  const range =
    /\b((?:19|20)\d\d)\s*(?:-|–|—|til|to|through|until)\s*((?:19|20)\d\d)\b/.exec(t) ?? /\b(?:mellem|between)\s+((?:19|20)\d\d)\s+(?:og|and)\s+((?:19|20)\d\d)\b/.exec(t);
  const [from, to] = range ? [Number(range[1]), Number(range[2])] : [0, -1];
  if (range && to >= from && to - from < 20) return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
  return [...new Set(named)];
}

/**
 * What the question asks to compute, if anything.
 * @param named the initiatives the question names, in order (initiativeNamer)
 */
export function computationOf(text: string, u: Understanding, named: readonly string[], kb: KnowledgeBase): Computation | undefined {
  const ops = new Set(OPERATIONS.filter((o) => o.pattern.test(u.folded)).map((o) => o.op));
  const has = (op: Operation) => ops.has(op);
  const amount = amountIn(text);
  const agreementYear = AGREEMENT.exec(u.folded)?.slice(1).find(Boolean);
  const years = yearsIn(text, u.years).filter((y) => y !== agreementYear);
  const order = u.intents.has('most') ? 'most' : u.intents.has('least') ? 'least' : undefined;
  const counting = u.intents.has('count') && !u.intents.has('list');
  // What the question names beyond what it computes ("for unge"): a computation over every line would not answer it.
  const ownTopic = u.content.some((w) => !/\d/.test(w) && !KNOWN_WORD.test(w));

  // Principles and their focus areas; a question that points back ("hvor mange fokusområder har den?") is about one of them.
  const fresh = !u.refersBack && !u.continues;
  const areas = AREA_COUNT.exec(u.folded)?.[1];
  if (fresh && areas && u.intents.has('principles') && ASKS_PRINCIPLES.test(u.folded))
    return { op: 'principlesByAreas', areas: Number(NUMBER_WORDS[areas] ?? areas), count: counting };
  if (fresh && !ownTopic && named.length === 0 && u.intents.has('count') && u.intents.has('focusAreas')) {
    const strategy = strategyOf(kb, u.years);
    if (strategy) return { op: 'focusAreaTotal', strategy };
  }

  // Only questions about the budget package's money: "kommunens samlede driftsbudget" is not one.
  const ref = budgetRefIn(text);
  const budget = named.length > 0 || ref !== undefined || u.intents.has('initiatives') || u.intents.has('permanent') || BUDGET.test(u.folded);
  if (!budget) return undefined;
  const fundingEnd = u.intents.has('fundingEnd');

  const comparison = (['atLeast', 'atMost', 'above', 'below'] as const).find(has);
  const measure = u.intents.has('permanent') ? 'permanent' : 'amount';
  if (named.length > 0) {
    const [a, b] = named;
    if (a && b && (has('difference') || order)) return { op: 'difference', a, b, years };
    // "Hvilke indsatser får mere end Exit KK?": a threshold at the line's own amount.
    const than = a && named.length === 1 && comparison && u.classNoun && u.intents.has('initiatives') ? amountOf(kb, a, measure, years) : undefined;
    if (a && comparison && than !== undefined)
      return { op: 'select', filter: { compare: { op: comparison, amount: than, measure, ...(years.length === 1 && years[0] ? { year: years[0] } : {}), than: a } }, count: counting };
    if (a && amount !== undefined && named.length === 1 && shareOf(kb, a, amount)) return { op: 'byAmount', amount, years, initiative: a };
    if (has('sum') && !u.intents.has('permanent') && !u.intents.has('split') && !fundingEnd) return { op: 'sum', initiatives: [...named], years };
    return undefined;
  }

  if (ownTopic) return undefined;
  // Lines named by their budget reference or agreement, rather than by their names.
  const lines: Filter = { ...(ref ? { ref } : {}), ...(agreementYear ? { agreement: `budgetaftale ${agreementYear}` } : {}) };
  if (amount !== undefined)
    return comparison
      ? { op: 'select', filter: { ...lines, compare: { op: comparison, amount, measure, ...(years.length === 1 && years[0] ? { year: years[0] } : {}) } }, count: counting }
      : { op: 'byAmount', amount, years };
  if ((has('latest') || has('earliest')) && (fundingEnd || u.intents.has('initiatives'))) return { op: 'rank', measure: 'lastYear', order: has('latest') ? 'most' : 'least' };
  if (order && u.intents.has('when') && fundingEnd) return { op: 'rankYears', by: MONEY.test(u.folded) ? 'money' : 'lines', order };
  if (order && u.intents.has('permanent')) return { op: 'rank', measure: 'permanent', order };
  if (has('sum') && u.intents.has('amount') && !fundingEnd && !u.intents.has('permanent')) return { op: 'sum', initiatives: [], years, ...(ref || agreementYear ? { filter: lines } : {}) };
  // "Hvilken indsats får flest penge i 2024?" ranks the lines by their amount in the year (the engine's list answers), it lists none.
  if (order && u.intents.has('amount') && !counting) return undefined;

  if (!(u.intents.has('list') || u.intents.has('count') || u.intents.has('initiatives'))) return undefined;
  const filter: Filter = { ...lines };
  const last = years[years.length - 1];
  if (last) {
    if (has('only')) filter.years = { rule: 'only', years };
    else if (has('after') && !fundingEnd) filter.years = { rule: 'after', years: [last] };
    else if (fundingEnd) filter.years = { rule: 'ends', years };
    // ("Hvilke indsatser får ingen penge i 2026?": the lines without an amount in the year; "uden varig finansiering" is the filter below.)
    else if (u.intents.has('amount')) filter.years = { rule: has('without') && !u.intents.has('permanent') ? 'unfunded' : 'funded', years };
  }
  if (u.intents.has('permanent')) filter.permanent = !has('without');
  // (A budget reference alone has its own answer, which says that the sources do not explain it.)
  if (!filter.years && filter.permanent === undefined && !filter.agreement) return undefined;
  return { op: 'select', filter, count: counting };
}

/**
 * The computation for other years ("og i 2025?" after the lines funded in 2024); undefined for one that has no
 * years to change (a ranking) or whose figures came from its years (the threshold at a named line's amount).
 */
export function withYears(c: Computation, years: readonly string[]): Computation | undefined {
  const ys = [...years];
  switch (c.op) {
    case 'sum':
    case 'difference':
    case 'byAmount':
      return { ...c, years: ys };
    case 'select': {
      const { years: span, compare } = c.filter;
      if (compare?.than !== undefined || (!span && compare?.year === undefined)) return undefined;
      // ("… og i 2025?" after lines whose last year is 2024: the rule stays, one year moves to the other.)
      const last = ys[ys.length - 1] ?? '';
      const moved = span && { ...span, years: span.rule === 'after' ? [last] : ys };
      return { ...c, filter: { ...c.filter, ...(moved ? { years: moved } : {}), ...(compare ? { compare: { ...compare, year: last } } : {}) } };
    }
    default:
      return undefined;
  }
}

/** A line's amount to compare others with: in the year asked, else its largest (the table's lines keep one amount a year). */
function amountOf(kb: KnowledgeBase, id: string, measure: 'amount' | 'permanent', years: readonly string[]): number | undefined {
  const i = kb.initiatives.find((x) => x.id === id);
  if (!i) return undefined;
  if (measure === 'permanent') return i.permanentFunding;
  const year = years.length === 1 ? years[0] : undefined;
  return year ? i.amounts[year] : Math.max(...Object.values(i.amounts));
}

/** The strategy a year names, else the newest. */
function strategyOf(kb: KnowledgeBase, years: readonly string[]): string | undefined {
  const named = kb.strategies.find((s) => years.some((y) => Number(y) >= s.period.from && Number(y) <= (s.period.to ?? s.period.from)));
  return (named ?? [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0])?.id;
}

/** The footnote share of a line that is this amount. */
function shareOf(kb: KnowledgeBase, id: string, amount: number) {
  return kb.initiatives.find((i) => i.id === id)?.split?.parts.find((p) => tenths(p.amount) === tenths(amount));
}

/** The answer to a computation, and what the conversation is then about. */
export function computedAnswer(ctx: ComposeContext, c: Computation): { answer: Answer; about: { id: string; type: string } } {
  const pkg = { id: ctx.kb.budgetPackage.id, type: 'budgetPackage' };
  switch (c.op) {
    case 'sum': {
      const only = c.initiatives.length === 1 ? c.initiatives[0] : undefined;
      return { answer: sumAnswer(ctx, c.initiatives, c.years, c.filter), about: only ? { id: only, type: 'initiative' } : pkg };
    }
    case 'difference':
      return { answer: differenceAnswer(ctx, c.a, c.b, c.years), about: pkg };
    case 'select':
      return { answer: selectAnswer(ctx, c.filter, c.count), about: pkg };
    case 'byAmount':
      return { answer: byAmountAnswer(ctx, c.amount, c.years, c.initiative), about: c.initiative ? { id: c.initiative, type: 'initiative' } : pkg };
    case 'rank':
      return { answer: c.measure === 'permanent' ? permanentRankAnswer(ctx, c.order) : lastYearAnswer(ctx, c.order), about: pkg };
    case 'rankYears':
      return { answer: yearsRankAnswer(ctx, c.by, c.order), about: pkg };
    case 'principlesByAreas':
      return { answer: principlesByAreasAnswer(ctx, c.areas, c.count), about: { id: 'strategy-list', type: 'strategy-list' } };
    case 'focusAreaTotal':
      return { answer: focusAreaTotalAnswer(ctx, c.strategy), about: { id: c.strategy, type: 'strategy' } };
  }
}

// ---------------------------------------------------------------- figures and where they stand

const t = (ctx: ComposeContext, da: string, en: string): string => (ctx.lang === 'da' ? da : en);
const tenths = (n: number) => Math.round(n * 10);
const sumOf = (xs: readonly number[]) => xs.reduce((s, x) => s + tenths(x), 0) / 10;
/** The table's price level, beside an amount: "(2023-priser)". */
const unit = (ctx: ComposeContext) => t(ctx, `${ctx.kb.budgetPackage.priceLevel}-priser`, `${ctx.kb.budgetPackage.priceLevel} prices`);
/** A count as people write it: a word up to ten, with the digits beside it ("tre (3)"), else the digits. */
const counted = (n: number, lang: ComposeContext['lang']) => (n <= 10 ? `${countWord(n, lang)} (${n})` : String(n));

/** "2023-2025" for consecutive years, else "2023 og 2025". */
function span(ctx: ComposeContext, years: readonly string[]): string {
  const n = years.map(Number);
  const consecutive = n.length > 2 && n.every((y, i) => i === 0 || y === (n[i - 1] ?? 0) + 1);
  return consecutive ? `${years[0]}-${years[years.length - 1]}` : joinList(years, ctx.lang);
}

/**
 * The figures an answer used, as a table with the source of each: a numbered reference to the
 * section of the document it stands in, listed under the answer.
 */
class Figures {
  private readonly refs: Citation[] = [];
  private readonly rows: string[][] = [];
  constructor(private readonly ctx: ComposeContext) {}

  add(what: string, value: string, source: Citation | undefined): void {
    const at = source ? this.refs.findIndex((r) => r.source === source.source && r.section === source.section) : -1;
    const n = source ? (at >= 0 ? at : this.refs.push(source) - 1) + 1 : undefined;
    this.rows.push([what, value, n ? `[${n}]` : '']);
  }

  /** "[1] «Oversigt over …», Orientering om … (1. marts 2023)". */
  notes(): string {
    const { ctx } = this;
    const lines = this.refs.map((r, i) => {
      const s = ctx.kb.sources.find((x) => x.id === r.source);
      const where = [r.section ? `"${r.section}"` : '', s ? `${s.title} (${date(s.date, ctx.lang)})` : r.source].filter(Boolean).join(', ');
      return `[${i + 1}] ${where}`;
    });
    return lines.length ? `${t(ctx, 'Tallene står i:', 'The figures are from:')}\n${bullets(lines)}` : '';
  }

  table(): Answer['table'] {
    const { ctx } = this;
    return { columns: [t(ctx, 'Tal', 'Figure'), t(ctx, 'Værdi', 'Value'), t(ctx, 'Kilde', 'Source')], rows: this.rows };
  }

  get size(): number {
    return this.rows.length;
  }

  get sources(): readonly Citation[] {
    return this.refs;
  }
}

/** The citations of a line that are the budget table's (its row, and a footnote where it has one). */
function tableSources(ctx: ComposeContext, i: FundedInitiative): Citation[] {
  return i.sources.filter((c) => ctx.kb.budgetPackage.sources.some((p) => p.source === c.source));
}

/** Where a line's figure stands: the citation whose section quotes it (a footnote: "0,3 mio. kr. til BUF"), else its row. */
function citationOf(ctx: ComposeContext, i: FundedInitiative, amount?: number): Citation | undefined {
  const own = tableSources(ctx, i);
  const quoted = amount === undefined ? undefined : own.find((c) => c.section?.includes(`${decimal(amount, 'da').replace(/,0$/, '')} mio`));
  return quoted ?? own[0] ?? ctx.kb.budgetPackage.sources[0];
}

/** The table's own rows (its "Årlige udløb i alt"): cited as every line's row is. */
function tableCitation(ctx: ComposeContext): Citation | undefined {
  const first = ctx.kb.initiatives[0];
  return first ? citationOf(ctx, first) : ctx.kb.budgetPackage.sources[0];
}

function lineOf(ctx: ComposeContext, id: string): FundedInitiative {
  const i = ctx.kb.initiatives.find((x) => x.id === id);
  if (!i) throw new Error(`no initiative ${id}`);
  return i;
}

/** The years a line has amounts in, among those asked (all the table's years when none is asked). */
function amountsIn(ctx: ComposeContext, i: FundedInitiative, years: readonly string[]) {
  const asked = years.length ? years : ctx.kb.budgetPackage.years;
  return asked.map((y) => ({ year: y, amount: i.amounts[y] }));
}

/** "Tabellen dækker kun 2023-2026" when years outside it are asked. */
function outsideLine(ctx: ComposeContext, years: readonly string[]): string {
  const pkg = ctx.kb.budgetPackage;
  const outside = years.filter((y) => !pkg.years.includes(y));
  return outside.length
    ? t(ctx, `Budgettabellen dækker kun ${span(ctx, pkg.years)}; for ${joinList(outside, 'da')} angiver den intet beløb.`,
        `The budget table covers only ${span(ctx, pkg.years)}; it gives no amount for ${joinList(outside, 'en')}.`)
    : '';
}

/** A sentence ending in an amount ends in its "kr." already: no second full stop. */
const oneStop = (line: string) => line.replace(/\.\.(?=\s|$)/g, '.');

function done(ctx: ComposeContext, title: string, lines: readonly string[], figures: Figures, followUps: readonly string[] = [], listed?: readonly string[]): Answer {
  return finish(ctx, {
    title,
    ...(listed ? { listed } : {}),
    text: [...lines, figures.notes()].filter(Boolean).map(oneStop).join('\n\n'),
    ...(figures.size > 0 ? { table: figures.table() } : {}),
    followUps: followUps.slice(0, 3),
    sources: figures.sources.length ? figures.sources : ctx.kb.budgetPackage.sources,
  });
}

// ---------------------------------------------------------------- sums and differences

function sumAnswer(ctx: ComposeContext, ids: readonly string[], years: readonly string[], filter: Filter = {}): Answer {
  const figures = new Figures(ctx);
  const asked = years.length ? years : ctx.kb.budgetPackage.years;
  const inTable = asked.filter((y) => ctx.kb.budgetPackage.years.includes(y));
  const lines = ids.map((id) => lineOf(ctx, id));
  const outside = outsideLine(ctx, asked);
  if (lines.length === 0) return packageSumAnswer(ctx, inTable, outside, figures, filter);

  const text: string[] = [];
  const subtotals = lines.map((i) => {
    const cells = amountsIn(ctx, i, inTable);
    const present = cells.filter((c): c is { year: string; amount: number } => c.amount !== undefined);
    const missing = cells.filter((c) => c.amount === undefined).map((c) => c.year);
    for (const c of cells) figures.add(`${i.name} ${c.year}`, c.amount === undefined ? t(ctx, 'intet beløb', 'no amount') : money(c.amount, ctx.lang), citationOf(ctx, i));
    const total = sumOf(present.map((c) => c.amount));
    if (present.length === 0)
      text.push(t(ctx, `${i.name} har intet beløb i Sikker By-budgetpakken i ${span(ctx, inTable.length ? inTable : asked)}.`,
        `${i.name} has no amount in the Sikker By budget package in ${span(ctx, inTable.length ? inTable : asked)}.`));
    else {
      const sum = `${present.map((c) => `${decimal(c.amount, ctx.lang)} (${c.year})`).join(' + ')} = ${money(total, ctx.lang)}`;
      text.push(
        t(ctx, `${i.name} får i alt ${money(total, 'da')} i ${span(ctx, present.map((c) => c.year))} (${unit(ctx)}): ${sum}.`,
          `${i.name} receives ${money(total, 'en')} in total in ${span(ctx, present.map((c) => c.year))} (${unit(ctx)}): ${sum}.`),
      );
    }
    if (present.length > 0 && missing.length > 0)
      text.push(missing.length === 1
        ? t(ctx, `Tabellen har intet beløb til ${i.name} i ${missing[0]}; det år indgår ikke i summen.`, `The table has no amount for ${i.name} in ${missing[0]}; that year is not in the sum.`)
        : t(ctx, `Tabellen har intet beløb til ${i.name} i ${joinList(missing, 'da')}; de år indgår ikke i summen.`, `The table has no amount for ${i.name} in ${joinList(missing, 'en')}; those years are not in the sum.`));
    if (i.permanentFunding !== undefined)
      text.push(t(ctx, `Den varige finansiering udover Sikker By-midler (${money(i.permanentFunding, 'da')} om året) er ikke talt med.`,
        `The permanent funding beyond Sikker By money (${money(i.permanentFunding, 'en')} a year) is not included.`));
    return total;
  });
  if (lines.length > 1)
    text.unshift(t(ctx, `Tilsammen får ${joinList(lines.map((i) => i.name), 'da')} ${money(sumOf(subtotals), 'da')}: ${subtotals.map((s) => decimal(s, 'da')).join(' + ')} = ${money(sumOf(subtotals), 'da')}.`,
      `Together ${joinList(lines.map((i) => i.name), 'en')} receive ${money(sumOf(subtotals), 'en')}: ${subtotals.map((s) => decimal(s, 'en')).join(' + ')} = ${money(sumOf(subtotals), 'en')}.`));
  const title = lines.length === 1 ? t(ctx, `${lines[0]?.name}: i alt`, `${lines[0]?.name}: total`) : t(ctx, 'Beløb i alt', 'Total amounts');
  return done(ctx, title, [...text, outside], figures, lines.map((i) => t(ctx, `Hvornår udløber ${i.name}?`, `When does ${i.name} funding end?`)));
}

/** Every line's amounts in the years, added up year by year: a sum the table itself does not give. */
function packageSumAnswer(ctx: ComposeContext, years: readonly string[], outside: string, figures: Figures, filter: Filter): Answer {
  const chosen = ctx.kb.initiatives.filter((i) => passes(ctx, i, filter).ok);
  const which = describe(ctx, filter);
  const perYear = years.map((y) => {
    const lines = chosen.filter((i) => i.amounts[y] !== undefined);
    for (const i of lines) figures.add(`${i.name} ${y}`, money(i.amounts[y] ?? 0, ctx.lang), citationOf(ctx, i));
    return { year: y, lines: lines.length, total: sumOf(lines.map((i) => i.amounts[y] ?? 0)) };
  });
  const text = perYear.map((p) =>
    which
      ? t(ctx, `I ${p.year} summer de ${p.lines} linjer med beløb, der ${which}, til ${money(p.total, 'da')} (${unit(ctx)}).`,
          `In ${p.year} the ${p.lines} lines with an amount that ${which} add up to ${money(p.total, 'en')} (${unit(ctx)}).`)
      : t(ctx, `I ${p.year} summer budgettabellens ${p.lines} linjer med beløb til ${money(p.total, 'da')} (${unit(ctx)}).`,
          `In ${p.year} the budget table's ${p.lines} lines with an amount add up to ${money(p.total, 'en')} (${unit(ctx)}).`),
  );
  if (perYear.length > 1) {
    const all = sumOf(perYear.map((p) => p.total));
    text.push(t(ctx, `For ${span(ctx, years)} i alt: ${perYear.map((p) => decimal(p.total, 'da')).join(' + ')} = ${money(all, 'da')}.`,
      `For ${span(ctx, years)} in total: ${perYear.map((p) => decimal(p.total, 'en')).join(' + ')} = ${money(all, 'en')}.`));
  }
  text.push(t(ctx, 'Tabellen angiver ikke selv en sum af linjerne pr. år (dens række "Årlige udløb i alt" er de beløb, der udløber); summen er lagt sammen af rækkerne.',
    'The table itself gives no yearly sum of its lines (its row "Årlige udløb i alt" is the money that expires); the sum is added up from the rows.'));
  return done(ctx, t(ctx, 'Sikker By-budgetpakken i alt', 'The Sikker By budget package in total'), [...text, outside], figures);
}

function differenceAnswer(ctx: ComposeContext, aId: string, bId: string, years: readonly string[]): Answer {
  const figures = new Figures(ctx);
  const [a, b] = [lineOf(ctx, aId), lineOf(ctx, bId)];
  const asked = years.length ? years.filter((y) => ctx.kb.budgetPackage.years.includes(y)) : ctx.kb.budgetPackage.years;
  const rows = asked.map((y) => ({ year: y, a: a.amounts[y], b: b.amounts[y] }));
  for (const i of [a, b]) for (const r of rows) {
    const v = i.amounts[r.year];
    figures.add(`${i.name} ${r.year}`, v === undefined ? t(ctx, 'intet beløb', 'no amount') : money(v, ctx.lang), citationOf(ctx, i));
  }
  const both = rows.filter((r): r is { year: string; a: number; b: number } => r.a !== undefined && r.b !== undefined);
  const gaps = both.map((r) => (tenths(r.a) - tenths(r.b)) / 10);
  const same = both.length > 0 && gaps.every((g) => g === gaps[0]) && rows.every((r) => r.a !== undefined && r.b !== undefined);
  const compare = (x: FundedInitiative, y: FundedInitiative, gap: number, ax: number, ay: number, when: string) =>
    gap === 0
      ? t(ctx, `${x.name} og ${y.name} får det samme ${when}: ${money(ax, 'da')} hver.`, `${x.name} and ${y.name} receive the same ${when}: ${money(ax, 'en')} each.`)
      : t(ctx, `${x.name} får ${money(Math.abs(gap), 'da')} ${gap > 0 ? 'mere' : 'mindre'} end ${y.name} ${when}: ${decimal(ax, 'da')} − ${decimal(ay, 'da')} = ${decimal(gap, 'da')} (${unit(ctx)}).`,
          `${x.name} receives ${money(Math.abs(gap), 'en')} ${gap > 0 ? 'more' : 'less'} than ${y.name} ${when}: ${decimal(ax, 'en')} − ${decimal(ay, 'en')} = ${decimal(gap, 'en')} (${unit(ctx)}).`);
  const text: string[] = [];
  const first = both[0];
  if (same && first) text.push(compare(a, b, gaps[0] ?? 0, first.a, first.b, t(ctx, `om året i ${span(ctx, asked)}`, `a year in ${span(ctx, asked)}`)));
  else {
    for (const [k, r] of both.entries()) text.push(compare(a, b, gaps[k] ?? 0, r.a, r.b, t(ctx, `i ${r.year}`, `in ${r.year}`)));
    const alone = rows.filter((r) => (r.a === undefined) !== (r.b === undefined));
    for (const r of alone) {
      const [has, lacks] = r.a !== undefined ? [a, b] : [b, a];
      text.push(t(ctx, `I ${r.year} har kun ${has.name} et beløb (${money(has.amounts[r.year] ?? 0, 'da')}); tabellen har intet til ${lacks.name}.`,
        `In ${r.year} only ${has.name} has an amount (${money(has.amounts[r.year] ?? 0, 'en')}); the table has none for ${lacks.name}.`));
    }
    const [ta, tb] = [sumOf(rows.map((r) => r.a ?? 0)), sumOf(rows.map((r) => r.b ?? 0))];
    text.push(t(ctx, `I alt over ${span(ctx, asked)}: ${a.name} ${money(ta, 'da')}, ${b.name} ${money(tb, 'da')}; forskellen er ${money(Math.abs(ta - tb), 'da')}.`,
      `In total over ${span(ctx, asked)}: ${a.name} ${money(ta, 'en')}, ${b.name} ${money(tb, 'en')}; the difference is ${money(Math.abs(ta - tb), 'en')}.`));
  }
  return done(ctx, t(ctx, `${a.name} og ${b.name}`, `${a.name} and ${b.name}`), [...text, outsideLine(ctx, years)], figures);
}

// ---------------------------------------------------------------- lists, counts and the line with an amount

const COMPARED: Record<Comparison, { test: (x: number, y: number) => boolean; da: string; en: string }> = {
  above: { test: (x, y) => x > y, da: 'mere end', en: 'more than' },
  atLeast: { test: (x, y) => x >= y, da: 'mindst', en: 'at least' },
  below: { test: (x, y) => x < y, da: 'under', en: 'less than' },
  atMost: { test: (x, y) => x <= y, da: 'højst', en: 'at most' },
};

/** Whether a line passes the filter, and the figures that decided it. */
function passes(ctx: ComposeContext, i: FundedInitiative, f: Filter): { ok: boolean; shown: { label: string; amount: number }[] } {
  const pkg = ctx.kb.budgetPackage;
  const funded = Object.keys(i.amounts);
  const yearly = (ys: readonly string[]) => ys.filter((y) => i.amounts[y] !== undefined).map((y) => ({ label: y, amount: i.amounts[y] ?? 0 }));
  let shown = yearly(pkg.years);
  let ok = true;
  if (f.years) {
    const ys = f.years.years;
    const last = Number(ys[ys.length - 1]);
    if (f.years.rule === 'funded') ok &&= ys.some((y) => i.amounts[y] !== undefined);
    if (f.years.rule === 'unfunded') ok &&= ys.every((y) => i.amounts[y] === undefined);
    if (f.years.rule === 'only') ok &&= funded.length > 0 && funded.every((y) => ys.includes(y));
    if (f.years.rule === 'ends') ok &&= ys.includes(String(i.lastFundedYear));
    if (f.years.rule === 'after') ok &&= i.lastFundedYear > last;
    if (f.years.rule === 'funded') shown = yearly(ys);
  }
  if (f.permanent !== undefined) ok &&= (i.permanentFunding !== undefined) === f.permanent;
  if (f.ref) ok &&= i.budgetRefs.includes(f.ref);
  if (f.agreement) ok &&= i.budgetAgreement === f.agreement;
  if (f.compare?.than) ok &&= i.id !== f.compare.than;
  if (f.compare) {
    const c = f.compare;
    if (c.measure === 'permanent') {
      ok &&= i.permanentFunding !== undefined && COMPARED[c.op].test(tenths(i.permanentFunding), tenths(c.amount));
      shown = [];
    } else {
      const hits = yearly(c.year ? [c.year] : pkg.years).filter((x) => COMPARED[c.op].test(tenths(x.amount), tenths(c.amount)));
      ok &&= hits.length > 0;
      shown = hits;
    }
  }
  if (i.permanentFunding !== undefined && (f.permanent !== undefined || f.compare?.measure === 'permanent'))
    shown = [...shown, { label: t(ctx, 'varig', 'permanent'), amount: i.permanentFunding }];
  return { ok, shown };
}

/** The filter in words, after "indsatser, der …" / "initiatives that …". */
function describe(ctx: ComposeContext, f: Filter): string {
  const parts: string[] = [];
  if (f.years) {
    const ys = joinList(f.years.years, ctx.lang);
    const last = f.years.years[f.years.years.length - 1] ?? '';
    parts.push({
      funded: t(ctx, `har beløb i ${ys}`, `have an amount in ${ys}`),
      unfunded: t(ctx, `ikke har noget beløb i ${ys}`, `have no amount in ${ys}`),
      only: t(ctx, `kun har beløb i ${ys}`, `have amounts only in ${ys}`),
      ends: t(ctx, `har ${ys} som sidste år med beløb`, `have ${ys} as their last year with an amount`),
      after: t(ctx, `har beløb efter ${last}`, `have an amount after ${last}`),
    }[f.years.rule]);
  }
  if (f.permanent !== undefined)
    parts.push(f.permanent ? t(ctx, 'har varig finansiering udover Sikker By-midler', 'have permanent funding beyond Sikker By money')
      : t(ctx, 'ikke har varig finansiering udover Sikker By-midler', 'have no permanent funding beyond Sikker By money'));
  if (f.ref) parts.push(t(ctx, `har ${f.ref} i betegnelsen`, `have ${f.ref} in their label`));
  if (f.agreement) parts.push(t(ctx, `henviser til ${f.agreement}`, `cite ${f.agreement} (the budget agreement)`));
  if (f.compare) {
    const c = COMPARED[f.compare.op];
    const than = f.compare.than && ctx.kb.initiatives.find((i) => i.id === f.compare?.than)?.name;
    const amount = than ? `${than} (${money(f.compare.amount, ctx.lang)})` : money(f.compare.amount, ctx.lang);
    parts.push(f.compare.measure === 'permanent'
      ? t(ctx, `har varig finansiering på ${c.da} ${amount} om året`, `have permanent funding of ${c.en} ${amount} a year`)
      : f.compare.year
        ? t(ctx, `får ${c.da} ${amount} i ${f.compare.year}`, `receive ${c.en} ${amount} in ${f.compare.year}`)
        : t(ctx, `får ${c.da} ${amount} om året`, `receive ${c.en} ${amount} a year`));
  }
  return joinList(parts, ctx.lang);
}

function selectAnswer(ctx: ComposeContext, f: Filter, count: boolean): Answer {
  const { kb } = ctx;
  // One condition that an answer of its own already gives, with the document's own total or the permanent amounts.
  const onlyEnds = f.years?.rule === 'ends' && f.years.years.length === 1 && f.permanent === undefined && !f.compare;
  if (onlyEnds && f.years?.years[0]) return expiringAnswer(ctx, f.years.years[0]);
  if (f.permanent === true && !f.years && !f.compare && !f.ref && !f.agreement) return permanentFundingAnswer(ctx);

  const figures = new Figures(ctx);
  const chosen = kb.initiatives.map((i) => ({ i, ...passes(ctx, i, f) })).filter((x) => x.ok);
  const what = describe(ctx, f);
  const total = kb.initiatives.length;
  const lead =
    chosen.length === 0
      ? t(ctx, `Ingen af budgettabellens ${total} indsatser ${what}.`, `None of the budget table's ${total} initiatives ${what}.`)
      : count
        ? t(ctx, `${capital(counted(chosen.length, 'da'))} af budgettabellens ${total} indsatser ${what}:`,
            `${capital(counted(chosen.length, 'en'))} of the budget table's ${total} initiatives ${what}:`)
        : t(ctx, `Disse ${chosen.length} af budgettabellens ${total} indsatser ${what}:`, `These ${chosen.length} of the budget table's ${total} initiatives ${what}:`);
  const items = chosen.map(({ i, shown }) => {
    for (const s of shown) figures.add(`${i.name} ${s.label}`, money(s.amount, ctx.lang), citationOf(ctx, i));
    return shown.length ? `${i.name}: ${shown.map((s) => `${money(s.amount, ctx.lang)} (${s.label})`).join(', ')}` : i.name;
  });
  const lines = [lead, chosen.length ? bullets(items) : '', f.years ? outsideLine(ctx, f.years.years) : ''];
  return done(ctx, t(ctx, 'Indsatser i Sikker By-budgetpakken', 'Initiatives in the Sikker By budget package'), lines, figures,
    chosen.slice(0, 2).map(({ i }) => t(ctx, `Hvad er ${i.name}?`, `What is ${i.name}?`)), chosen.map(({ i }) => i.id));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function byAmountAnswer(ctx: ComposeContext, amount: number, years: readonly string[], only?: string): Answer {
  const { kb } = ctx;
  const figures = new Figures(ctx);
  const pkg = kb.budgetPackage;
  const asked = years.filter((y) => pkg.years.includes(y));
  const lines = only ? [lineOf(ctx, only)] : kb.initiatives;
  const same = (x: number) => tenths(x) === tenths(amount);
  const text: string[] = [];
  for (const i of lines) {
    const ys = (asked.length ? asked : pkg.years).filter((y) => i.amounts[y] !== undefined && same(i.amounts[y] ?? 0));
    if (ys.length && !only) {
      for (const y of ys) figures.add(`${i.name} ${y}`, money(amount, ctx.lang), citationOf(ctx, i));
      text.push(t(ctx, `${i.name} får ${money(amount, 'da')} i ${span(ctx, ys)}.`, `${i.name} receives ${money(amount, 'en')} in ${span(ctx, ys)}.`));
    }
    if (i.permanentFunding !== undefined && same(i.permanentFunding) && !only) {
      figures.add(`${i.name} ${t(ctx, 'varig', 'permanent')}`, money(amount, ctx.lang), citationOf(ctx, i));
      text.push(t(ctx, `${i.name} har varig finansiering udover Sikker By-midler på ${money(amount, 'da')} om året.`,
        `${i.name} has permanent funding beyond Sikker By money of ${money(amount, 'en')} a year.`));
    }
    for (const part of i.split?.parts.filter((p) => same(p.amount)) ?? []) {
      const o = kb.organisations.find((x) => x.id === part.administration);
      const name = o ? `${organisationName(o, ctx.lang)}${o.abbreviation ? ` (${o.abbreviation})` : ''}` : part.administration;
      const whole = i.amounts[i.split?.markedYear ?? ''] ?? 0;
      figures.add(`${i.name} ${i.split?.markedYear}`, money(whole, ctx.lang), citationOf(ctx, i));
      figures.add(`${name}, ${t(ctx, 'fodnote', 'footnote')} ${i.split?.footnote}`, money(part.amount, ctx.lang), citationOf(ctx, i, part.amount));
      text.push(t(ctx, `Ifølge fodnote ${i.split?.footnote} til ${i.split?.markedYear}-beløbet for ${i.name} (${money(whole, 'da')}) får ${name} ${money(part.amount, 'da')}. Tabellen angiver ikke fordelingen for de øvrige år.`,
        `According to footnote ${i.split?.footnote} on the ${i.split?.markedYear} amount of ${i.name} (${money(whole, 'en')}), ${name} receives ${money(part.amount, 'en')}. The table does not give the split for the other years.`));
    }
  }
  if (text.length === 0) {
    const when = asked.length ? t(ctx, ` i ${joinList(asked, 'da')}`, ` in ${joinList(asked, 'en')}`) : '';
    text.push(t(ctx, `Ingen linje i Sikker By-budgetpakken har et beløb på ${money(amount, 'da')}${when}.`, `No line of the Sikker By budget package has an amount of ${money(amount, 'en')}${when}.`));
    const near = kb.initiatives
      .flatMap((i) => (asked.length ? asked : pkg.years).flatMap((y) => (i.amounts[y] === undefined ? [] : [{ i, y, a: i.amounts[y] ?? 0 }])))
      .sort((x, y) => Math.abs(x.a - amount) - Math.abs(y.a - amount))[0];
    if (near) {
      figures.add(`${near.i.name} ${near.y}`, money(near.a, ctx.lang), citationOf(ctx, near.i));
      text.push(t(ctx, `Nærmeste beløb i tabellen: ${near.i.name}, ${money(near.a, 'da')} i ${near.y}.`, `The nearest amount in the table: ${near.i.name}, ${money(near.a, 'en')} in ${near.y}.`));
    }
  }
  return done(ctx, t(ctx, `Beløbet ${money(amount, 'da')}`, `The amount ${money(amount, 'en')}`), [...text, outsideLine(ctx, years)], figures);
}

// ---------------------------------------------------------------- rankings

function permanentRankAnswer(ctx: ComposeContext, order: 'most' | 'least'): Answer {
  const figures = new Figures(ctx);
  const ranked = ctx.kb.initiatives
    .filter((i): i is FundedInitiative & { permanentFunding: number } => i.permanentFunding !== undefined)
    .sort((a, b) => (order === 'most' ? b.permanentFunding - a.permanentFunding : a.permanentFunding - b.permanentFunding));
  for (const i of ranked) figures.add(`${i.name} ${t(ctx, 'varig', 'permanent')}`, money(i.permanentFunding, ctx.lang), citationOf(ctx, i));
  const first = ranked[0];
  const lead = first
    ? order === 'most'
      ? t(ctx, `Den største varige finansiering udover Sikker By-midler har ${first.name}: ${money(first.permanentFunding, 'da')} om året.`,
          `The largest permanent funding beyond Sikker By money goes to ${first.name}: ${money(first.permanentFunding, 'en')} a year.`)
      : t(ctx, `Den mindste varige finansiering udover Sikker By-midler har ${first.name}: ${money(first.permanentFunding, 'da')} om året.`,
          `The smallest permanent funding beyond Sikker By money goes to ${first.name}: ${money(first.permanentFunding, 'en')} a year.`)
    : t(ctx, 'Ingen linje i budgettabellen har varig finansiering.', 'No line of the budget table has permanent funding.');
  const rest = t(ctx, `De øvrige ${ctx.kb.initiatives.length - ranked.length} indsatser har ingen varig finansiering i tabellen.`,
    `The other ${ctx.kb.initiatives.length - ranked.length} initiatives have no permanent funding in the table.`);
  return done(ctx, t(ctx, 'Varig finansiering', 'Permanent funding'), [lead, bullets(ranked.map((i) => `${i.name}: ${money(i.permanentFunding, ctx.lang)}`)), rest], figures);
}

function lastYearAnswer(ctx: ComposeContext, order: 'most' | 'least'): Answer {
  const figures = new Figures(ctx);
  const years = ctx.kb.initiatives.map((i) => i.lastFundedYear);
  const year = order === 'most' ? Math.max(...years) : Math.min(...years);
  const lines = ctx.kb.initiatives.filter((i) => i.lastFundedYear === year);
  for (const i of lines) figures.add(`${i.name} ${year}`, money(i.amounts[String(year)] ?? 0, ctx.lang), citationOf(ctx, i));
  const lead = order === 'most'
    ? t(ctx, `De sidste til at udløbe er disse ${lines.length} indsatser, der har beløb til og med ${year} (tabellens sidste år med beløb):`,
        `The last to expire are these ${lines.length} initiatives, with amounts up to and including ${year} (the last year with an amount in the table):`)
    : t(ctx, `De første til at udløbe er disse ${lines.length} indsatser, hvis sidste år med beløb er ${year}:`,
        `The first to expire are these ${lines.length} initiatives, whose last year with an amount is ${year}:`);
  return done(ctx, t(ctx, `Udløb i ${year}`, `Expiring in ${year}`), [lead, bullets(lines.map((i) => `${i.name}: ${money(i.amounts[String(year)] ?? 0, ctx.lang)} (${year})`))], figures,
    lines.slice(0, 2).map((i) => t(ctx, `Hvad er ${i.name}?`, `What is ${i.name}?`)));
}

function yearsRankAnswer(ctx: ComposeContext, by: 'money' | 'lines', order: 'most' | 'least'): Answer {
  const figures = new Figures(ctx);
  const pkg = ctx.kb.budgetPackage;
  const cite = tableCitation(ctx);
  const rows = pkg.expiryTotals.map((x) => ({ ...x, lines: ctx.kb.initiatives.filter((i) => String(i.lastFundedYear) === x.year).length }));
  const value = (r: (typeof rows)[number]) => (by === 'money' ? r.stated : r.lines);
  const ranked = [...rows].sort((a, b) => (order === 'most' ? value(b) - value(a) : value(a) - value(b)));
  const first = ranked[0];
  for (const r of rows) figures.add(t(ctx, `Årlige udløb i alt ${r.year}`, `Annual expiries in total ${r.year}`), money(r.stated, ctx.lang), cite);
  const most = order === 'most';
  const lead = !first
    ? t(ctx, 'Tabellen angiver ingen udløb.', 'The table gives no expiries.')
    : by === 'money'
      ? t(ctx, `${most ? 'Flest' : 'Færrest'} penge udløber i ${first.year}: ${money(first.stated, 'da')} ifølge tabellens række "Årlige udløb i alt" (${first.lines} indsatser har ${first.year} som sidste år med beløb).`,
          `${most ? 'The most' : 'The least'} money expires in ${first.year}: ${money(first.stated, 'en')} according to the table's row "Årlige udløb i alt" (${first.lines} initiatives have ${first.year} as their last year with an amount).`)
      : t(ctx, `${most ? 'Flest' : 'Færrest'} indsatser udløber i ${first.year}: ${first.lines} af ${ctx.kb.initiatives.length} har ${first.year} som sidste år med beløb (${money(first.stated, 'da')} ifølge "Årlige udløb i alt").`,
          `${most ? 'The most' : 'The fewest'} initiatives expire in ${first.year}: ${first.lines} of ${ctx.kb.initiatives.length} have ${first.year} as their last year with an amount (${money(first.stated, 'en')} according to "Årlige udløb i alt").`);
  const list = bullets(rows.map((r) => t(ctx, `${r.year}: ${money(r.stated, 'da')}, ${r.lines} indsatser`, `${r.year}: ${money(r.stated, 'en')}, ${r.lines} initiatives`)));
  const notes = rows.flatMap((r) => (r.discrepancy
    ? [t(ctx, `For ${r.year} summer rækkerne til ${money(r.discrepancy.computed, 'da')}, mens dokumentet angiver ${money(r.stated, 'da')}; dokumentet forklarer ikke forskellen.`,
        `For ${r.year} the rows add up to ${money(r.discrepancy.computed, 'en')}, while the document states ${money(r.stated, 'en')}; the document does not explain the difference.`)]
    : []));
  return done(ctx, t(ctx, 'Udløb pr. år', 'Expiries by year'), [lead, list, ...notes], figures,
    first ? [t(ctx, `Hvilke indsatser udløber i ${first.year}?`, `Which initiatives end in ${first.year}?`)] : []);
}

// ---------------------------------------------------------------- principles

function principlesByAreasAnswer(ctx: ComposeContext, areas: number, count: boolean): Answer {
  const figures = new Figures(ctx);
  const counted = ctx.kb.principles.filter((p) => p.focusAreaCount !== undefined);
  const strategies = new Set(counted.map((p) => p.strategy));
  const name = (p: (typeof counted)[number]) => localName(p.title, prose(p, 'title', ctx.lang)?.text, ctx.lang);
  for (const p of counted) figures.add(name(p), String(p.focusAreaCount), p.sources[0]);
  const chosen = counted.filter((p) => p.focusAreaCount === areas);
  const silent = ctx.kb.principles.filter((p) => strategies.has(p.strategy) && p.kind === 'fagprincip' && p.focusAreaCount === undefined);
  const n = countWord(areas, ctx.lang);
  const lead = chosen.length === 0
    ? t(ctx, `Kilderne angiver ikke noget princip med ${n} fokusområder.`, `The sources give no principle with ${n} focus areas.`)
    : count
      ? t(ctx, `${capital(countWord(chosen.length, 'da'))} principper har ${n} (${areas}) fokusområder:`, `${capital(countWord(chosen.length, 'en'))} principles have ${n} (${areas}) focus areas:`)
      : t(ctx, `Disse principper har ${n} (${areas}) fokusområder:`, `These principles have ${n} (${areas}) focus areas:`);
  const others = counted.filter((p) => p.focusAreaCount !== areas).map((p) => `${name(p)}: ${p.focusAreaCount}`);
  return done(ctx, t(ctx, `Principper med ${n} fokusområder`, `Principles with ${n} focus areas`), [
    lead,
    bullets(chosen.map(name)),
    others.length ? `${t(ctx, 'De øvrige:', 'The others:')}\n${bullets(others)}` : '',
    silent.length ? t(ctx, `Kilderne angiver ikke antallet af fokusområder for ${joinList(silent.map(name), 'da')}.`, `The sources do not give the number of focus areas of ${joinList(silent.map(name), 'en')}.`) : '',
  ], figures);
}

function focusAreaTotalAnswer(ctx: ComposeContext, strategyId: string): Answer {
  const figures = new Figures(ctx);
  const strategy = ctx.kb.strategies.find((s) => s.id === strategyId);
  const own = ctx.kb.principles.filter((p) => p.strategy === strategyId);
  // The fagprincipper carry the focus areas where a strategy has them; otherwise its principles.
  const principles = own.some((p) => p.kind === 'fagprincip') ? own.filter((p) => p.kind === 'fagprincip') : own;
  const name = (p: (typeof own)[number]) => localName(p.title, prose(p, 'title', ctx.lang)?.text, ctx.lang);
  const counted = principles.filter((p): p is typeof p & { focusAreaCount: number } => p.focusAreaCount !== undefined);
  const silent = principles.filter((p) => p.focusAreaCount === undefined);
  for (const p of counted) figures.add(name(p), String(p.focusAreaCount), p.sources[0]);
  const total = counted.reduce((s, p) => s + p.focusAreaCount, 0);
  const sum = `${counted.map((p) => p.focusAreaCount).join(' + ')} = ${total}`;
  const title = strategy?.name ?? strategyId;
  const lead =
    counted.length === 0
      ? t(ctx, `Kilderne angiver ikke, hvor mange fokusområder principperne i ${title} har.`, `The sources do not give the number of focus areas of the principles of ${title}.`)
      : silent.length === 0
        ? t(ctx, `Principperne i ${title} har i alt ${total} fokusområder: ${sum}.`, `The principles of ${title} have ${total} focus areas in total: ${sum}.`)
        : t(ctx, `De ${counted.length} principper i ${title}, hvor kilderne angiver antallet, har i alt ${total} fokusområder: ${sum}. For ${joinList(silent.map(name), 'da')} angiver kilderne ikke antallet, så det samlede tal for alle ${principles.length} kendes ikke.`,
            `The ${counted.length} principles of ${title} whose number the sources give have ${total} focus areas in total: ${sum}. For ${joinList(silent.map(name), 'en')} the sources do not give the number, so the total for all ${principles.length} is not known.`);
  // ("How many focus areas does each principle have?": how many one has, as well as how many all have.)
  const fewest = Math.min(...counted.map((p) => p.focusAreaCount));
  const most = Math.max(...counted.map((p) => p.focusAreaCount));
  const range = fewest === most ? String(most) : `${fewest}-${most}`;
  const each = counted.length >= 2 ? t(ctx, `Hvert af dem har ${range} fokusområder:`, `Each of them has ${range} focus areas:`) : '';
  return done(ctx, t(ctx, `Fokusområder i ${title}`, `Focus areas in ${title}`), [lead, each, bullets(counted.map((p) => `${name(p)}: ${p.focusAreaCount}`))].filter(Boolean), figures);
}
