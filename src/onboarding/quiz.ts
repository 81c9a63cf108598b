// The tour's quiz: questions drawn from the knowledge base by a seed, so a
// resumed quiz asks the same questions and two people may get different ones.
// Each question has one right choice taken from the records and distractors
// taken from other records of the same kind, never made up. Pure.
import type { Citation } from '../kernel/citation';
import type { Lang } from '../kernel/lang';
import { cite } from '../kernel/citation';
import { joinList, money } from '../kernel/format';
import { coordinatorOf, type FundedInitiative, type KnowledgeBase } from '../knowledge/knowledge-base';
import type { Organisation } from '../knowledge/schema';
import { organisationName, prose } from '../knowledge/translation';
import { seededRandom } from '../random';

export interface QuizQuestion {
  readonly text: string;
  readonly choices: readonly string[];
  readonly correct: number;
  /** Why, with the figure or name from the source. */
  readonly explanation: string;
  readonly citations: readonly Citation[];
}

interface QuizContext {
  readonly kb: KnowledgeBase;
  readonly lang: Lang;
  readonly today: string;
}

const pick = <T>(items: readonly T[], random: () => number): T | undefined => items[Math.floor(random() * items.length)];

function shuffled<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The right answer among up to two distractors, in an order the seed decides. */
function choicesWith(right: string, distractors: readonly string[], random: () => number): { choices: string[]; correct: number } {
  const others = shuffled([...new Set(distractors.filter((d) => d !== right))], random).slice(0, 2);
  const choices = [...others];
  const correct = Math.floor(random() * (others.length + 1));
  choices.splice(correct, 0, right);
  return { choices, correct };
}

type Generator = (ctx: QuizContext, random: () => number) => QuizQuestion | undefined;

const t = (ctx: QuizContext, da: string, en: string) => (ctx.lang === 'da' ? da : en);
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * How many principles the newest strategy has, by kind: "fagprincipper" (five) is a
 * different question from all principles (two grundprincipper + five fagprincipper = seven),
 * so the question names the kind, and no distractor is another kind's true count.
 */
const principleCount: Generator = (ctx, random) => {
  const newest = [...ctx.kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
  const counts = newest?.principleCounts ?? [];
  const fag = counts.find((c) => c.kind === 'fagprincip');
  if (!newest || !fag) return undefined;
  const n = fag.count;
  const otherTrue = new Set([...counts.map((c) => c.count), counts.reduce((sum, c) => sum + c.count, 0)].filter((x) => x !== n));
  const distractors = [n - 1, n + 1, n + 2, n - 2, n + 3].filter((x) => x > 0 && !otherTrue.has(x)).map(String);
  const { choices, correct } = choicesWith(String(n), distractors, random);
  const parts = counts.map((c) => `${c.count} ${c.count === 1 ? c.kind : `${c.kind}per`}`);
  const partsEn = counts.map((c) => `${c.count} ${c.kind === 'grundprincip' ? 'basic principles (grundprincipper)' : c.kind === 'fagprincip' ? 'subject principles (fagprincipper)' : c.kind}`);
  return {
    text: t(ctx, `Hvor mange fagprincipper har ${newest.name}?`, `How many subject principles (fagprincipper) does ${newest.name} have?`),
    choices,
    correct,
    explanation: t(ctx, `${newest.name} har ${joinList(parts, 'da')}; spørgsmålet gælder fagprincipperne: ${n}.`,
      `${newest.name} has ${joinList(partsEn, 'en')}; the question is about the subject principles: ${n}.`),
    citations: cite(ctx, newest.sources),
  };
};

const coordinator: Generator = (ctx, random) => {
  const team = coordinatorOf(ctx.kb);
  if (!team) return undefined;
  // A button is short: in English the translated name alone; the explanation adds the official Danish name.
  const name = (o: Organisation) => capitalised(prose(o, 'name', ctx.lang)?.text ?? o.name);
  const others = ctx.kb.organisations.filter((o) => o.kind === 'administration' && o.id !== team.partOf).map(name);
  const { choices, correct } = choicesWith(name(team), others, random);
  const parent = ctx.kb.organisations.find((o) => o.id === team.partOf);
  return {
    text: t(ctx, 'Hvem koordinerer arbejdet i Sikker By-styregruppen og -arbejdsgruppen?', 'Who coordinates the work of the Sikker By steering and working groups?'),
    choices,
    correct,
    explanation: t(ctx, `Det gør ${team.name}${parent ? ` i ${parent.name}` : ''}.`,
      `${capitalised(organisationName(team, 'en'))}${parent ? ` in ${organisationName(parent, 'en')}` : ''} does.`),
    citations: cite(ctx, team.sources),
  };
};

function withAmounts(ctx: QuizContext): FundedInitiative[] {
  return ctx.kb.initiatives.filter((i) => Object.keys(i.amounts).length > 0);
}

const fundingEnds: Generator = (ctx, random) => {
  const initiatives = withAmounts(ctx);
  const i = pick(initiatives, random);
  if (!i) return undefined;
  const years = ctx.kb.budgetPackage.years.map(Number);
  const { choices, correct } = choicesWith(String(i.lastFundedYear), years.map(String), random);
  return {
    text: t(ctx, `Hvad er det sidste år med en bevilling til ${i.name} i Sikker By-budgetpakken?`, `What is the last year with funding for ${i.name} in the Sikker By budget package?`),
    choices,
    correct,
    explanation: t(ctx, `Det sidste beløb til ${i.name} står i ${i.lastFundedYear}.`, `The last amount for ${i.name} is in ${i.lastFundedYear}.`),
    citations: cite(ctx, i.sources),
  };
};

const amountInYear: Generator = (ctx, random) => {
  const i = pick(withAmounts(ctx), random);
  const year = i && pick(Object.keys(i.amounts).sort(), random);
  const amount = i && year ? i.amounts[year] : undefined;
  if (!i || !year || amount === undefined) return undefined;
  const others = ctx.kb.initiatives.map((x) => x.amounts[year]).filter((a): a is number => a !== undefined && a !== amount);
  const label = (a: number) => money(a, ctx.lang);
  const { choices, correct } = choicesWith(label(amount), others.map(label), random);
  if (choices.length < 2) return undefined;
  return {
    text: t(ctx, `Hvor meget får ${i.name} fra Sikker By-budgetpakken i ${year}?`, `How much does ${i.name} receive from the Sikker By budget package in ${year}?`),
    choices,
    correct,
    explanation: t(ctx, `${i.name} får ${label(amount)} i ${year}.`, `${i.name} receives ${label(amount)} in ${year}.`),
    citations: cite(ctx, i.sources),
  };
};

const GENERATORS: readonly Generator[] = [principleCount, coordinator, fundingEnds, amountInYear];

/** `count` questions for this seed: one from each kind in turn, skipping kinds the knowledge base cannot fill. */
export function quizQuestions(ctx: QuizContext, seed: number, count: number): QuizQuestion[] {
  const random = seededRandom(seed);
  const questions: QuizQuestion[] = [];
  for (let i = 0; i < GENERATORS.length * 2 && questions.length < count; i++) {
    const question = GENERATORS[i % GENERATORS.length]!(ctx, random);
    if (question && !questions.some((q) => q.text === question.text)) questions.push(question);
  }
  return questions;
}
