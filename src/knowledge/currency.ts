// Telling "current", "ended" and "not known to us" apart. The newest source is
// not the present: the 2022–2025 strategy has ended even though no later
// strategy is in the knowledge base, so everything here compares periods with
// today's date, which the caller passes in.
import type { KnowledgeBase } from './knowledge-base';
import type { PartialDate, Period, Strategy } from './schema';

export type Currency = 'current' | 'ended' | 'upcoming' | 'unknown';

/** The state of a period of whole years on a local date (YYYY-MM-DD). */
export function periodCurrency(period: Period | undefined, today: string): Currency {
  if (!period) return 'unknown';
  const year = Number(today.slice(0, 4));
  if (year < period.from) return 'upcoming';
  if (period.to === undefined) return 'unknown';
  return year <= period.to ? 'current' : 'ended';
}

/** The state of a funding line on a local date: funded through its last funded year. */
export function fundingCurrency(lastFundedYear: number, firstYear: number, today: string): Currency {
  return periodCurrency({ from: firstYear, to: lastFundedYear }, today);
}

export type CurrentStrategy =
  | { readonly kind: 'current'; readonly strategy: Strategy }
  /** No strategy in the knowledge base covers today; `latest` is the newest one, which has ended. */
  | { readonly kind: 'none-known'; readonly latest: Strategy | undefined };

export function currentStrategy(kb: KnowledgeBase, today: string): CurrentStrategy {
  const current = kb.strategies.find((s) => periodCurrency(s.period, today) === 'current');
  if (current) return { kind: 'current', strategy: current };
  const latest = [...kb.strategies].sort((a, b) => b.period.from - a.period.from)[0];
  return { kind: 'none-known', latest };
}

/** The strategy that followed `strategy` in the knowledge base (the next to begin after it began), if any. */
export function laterStrategy(kb: Pick<KnowledgeBase, 'strategies'>, strategy: Strategy): Strategy | undefined {
  return [...kb.strategies].filter((s) => s.period.from > strategy.period.from).sort((a, b) => a.period.from - b.period.from)[0];
}

/** Whole years between a (partial) source date and today: how old a statement is. */
export function ageInYears(date: PartialDate, today: string): number {
  const [y, m = '01', d = '01'] = date.split('-');
  const [ty, tm, td] = today.split('-');
  let years = Number(ty) - Number(y);
  if (`${tm}-${td}` < `${m}-${d}`) years -= 1;
  return Math.max(0, years);
}
