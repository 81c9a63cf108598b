// The records next to another in an order of the sources' own, for follow-ups that point from the previous
// answer to its neighbour: "den forrige strategi", "og det næste fagprincip?", "the previous one" (strategies by
// period, a strategy's principles and a principle's focus areas by the place the sources give them, deadlines by
// the date they next fall on: "og hvornår er den næste?"), and "en uge
// senere", "og året efter?" (the events of that time). Pure.
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { nextYearly } from '../kernel/dates';
import type { Shift } from './rules';

type Ordered = 'strategy' | 'principle' | 'focusArea' | 'deadline';

export interface Neighbour {
  readonly id: string;
  readonly type: string;
}

/** The place a principle has in its strategy's list: the number a source gives it, else the place a source lists it in. */
export const placeOf = (p: { number?: number; listed?: number }): number | undefined => p.number ?? p.listed;

/**
 * The record of the class asked for (or of the previous record's own class) that the previous record is, or
 * belongs to: a focus area's principle, a principle's or an event's strategy.
 */
function anchorOf(kb: KnowledgeBase, id: string, of: Ordered | undefined): { id: string; type: Ordered } | undefined {
  const r = kb.byId.get(id);
  if (!r) return undefined;
  const own = r.type === 'strategy' || r.type === 'principle' || r.type === 'focusArea' || r.type === 'deadline' ? r.type : undefined;
  if (own && (of === undefined || of === own)) return { id, type: own };
  if (r.type === 'focusArea' && of !== 'focusArea') return anchorOf(kb, r.record.principle, of);
  if (r.type === 'principle' && of === 'strategy') return { id: r.record.strategy, type: 'strategy' };
  // An event of a strategy ("Borgerrepræsentationen godkender strategien 2022-2025"): "the previous one" is the previous strategy.
  const strategy = r.type === 'event' ? r.record.related.find((x) => kb.byId.get(x)?.type === 'strategy') : undefined;
  if (strategy && (of === undefined || of === 'strategy')) return { id: strategy, type: 'strategy' };
  return undefined;
}

/** The records of a class in their order, with the place each has; a record without a place stands outside it. */
function orderOf(kb: KnowledgeBase, anchor: { id: string; type: Ordered }, today: string): { id: string; place: number }[] {
  const r = kb.byId.get(anchor.id);
  // (Deadlines due the same day keep the order of the list of next deadlines.)
  if (anchor.type === 'deadline')
    return kb.deadlines
      .map((d) => ({ id: d.id, due: d.recurrence === 'yearly' ? nextYearly(d.due, today) : d.due }))
      .sort((a, b) => a.due.localeCompare(b.due))
      .map((d, i) => ({ id: d.id, place: i + 1 }));
  if (anchor.type === 'strategy') return [...kb.strategies].sort((a, b) => a.period.from - b.period.from).map((s, i) => ({ id: s.id, place: i + 1 }));
  if (r?.type === 'principle')
    return kb.principles.filter((p) => p.strategy === r.record.strategy && p.kind === r.record.kind).flatMap((p) => {
      const place = placeOf(p);
      return place === undefined ? [] : [{ id: p.id, place }];
    });
  if (r?.type === 'focusArea')
    return kb.focusAreas.filter((f) => f.principle === r.record.principle && f.status === 'in-strategy').flatMap((f) => (f.ordinal === undefined ? [] : [{ id: f.id, place: f.ordinal }]));
  return [];
}

/** The record before or after the previous one in its order; undefined where it has no place or is the first or last. */
export function stepFrom(kb: KnowledgeBase, id: string, step: -1 | 1, of: Ordered | undefined, today: string): Neighbour | undefined {
  const anchor = anchorOf(kb, id, of);
  if (!anchor) return undefined;
  const order = orderOf(kb, anchor, today);
  const here = order.find((x) => x.id === anchor.id);
  const next = here && order.find((x) => x.place === here.place + step);
  return next ? { id: next.id, type: anchor.type } : undefined;
}

/** The record at a place in the previous one's order ("og det femte?" after the fourth fagprincip). */
export function placeFrom(kb: KnowledgeBase, id: string, place: number, today: string): Neighbour | undefined {
  const anchor = anchorOf(kb, id, undefined);
  const there = anchor && orderOf(kb, anchor, today).find((x) => x.place === place);
  return anchor && there ? { id: there.id, type: anchor.type } : undefined;
}

/** A date or year of the previous record: an event's, or that of the event a fact is about. */
function dateOf(kb: KnowledgeBase, id: string): string | undefined {
  const r = kb.byId.get(id);
  if (r?.type === 'event') return r.record.date;
  if (r?.type === 'fact') return r.record.about.map((x) => kb.byId.get(x)).find((x) => x?.type === 'event')?.record.date;
  return undefined;
}

const DAY = 86_400_000;
/** A shift of a week or more finds an event within this many days of the date it points to ("en uge senere" may be six or eight days). */
const WEEK_SLACK = 2;

/** Years moved by a number of years: "og året efter?" after a question about 2024 asks about 2025. */
export const shiftYears = (years: readonly string[], by: number): string[] => years.map((y) => String(Number(y) + by));

/** The events at the time a shift points to from the previous record's date ("en uge senere"), nearest first. */
export function shiftFrom(kb: KnowledgeBase, topic: { id: string }, shift: Shift): Neighbour[] {
  const date = dateOf(kb, topic.id);
  if (!date) return [];
  const [y = 0, m = 1, d = 1] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y + (shift.years ?? 0), m - 1 + (shift.months ?? 0), d + (shift.days ?? 0)));
  const iso = target.toISOString().slice(0, 10);
  // As precise as the shift and the date: a day for days, a month for months, a year for years.
  const precision = shift.days && date.length === 10 ? 10 : shift.months && date.length >= 7 ? 7 : 4;
  const slack = precision === 10 && Math.abs(shift.days ?? 0) >= 7 ? WEEK_SLACK : 0;
  const distance = (other: string) => Math.abs(Date.parse(other) - target.getTime()) / DAY;
  return kb.events
    .filter((e) => e.id !== topic.id && e.date.length >= precision && (slack > 0 ? distance(e.date) <= slack : e.date.slice(0, precision) === iso.slice(0, precision)))
    .sort((a, b) => distance(a.date.padEnd(10, '-01')) - distance(b.date.padEnd(10, '-01')))
    .map((e) => ({ id: e.id, type: 'event' }));
}

/** The whole years a record spans: a strategy's period, or an event's that runs over more than one year (the Sikker By programmes 2010-2017). */
function yearsOf(kb: KnowledgeBase, id: string): { from: number; to: number } | undefined {
  const r = kb.byId.get(id);
  if (r?.type === 'strategy') return { from: r.record.period.from, to: r.record.period.to ?? r.record.period.from };
  if (r?.type !== 'event' || r.record.until === undefined) return undefined;
  const from = Number(r.record.date.slice(0, 4));
  const to = Number(r.record.until.slice(0, 4));
  return to > from ? { from, to } : undefined;
}

/** The record of a period that a record found for a name is: itself, or (for a term) the event of a period it names. */
export function periodRecord(kb: KnowledgeBase, id: string): Neighbour | undefined {
  const r = kb.byId.get(id);
  if (r && yearsOf(kb, id)) return { id, type: r.type };
  const event = r?.type === 'term' ? kb.events.find((e) => e.related.includes(id) && yearsOf(kb, e.id)) : undefined;
  return event ? { id: event.id, type: 'event' } : undefined;
}

/**
 * What came before or after a record of a period ("hvad gjaldt inden 2018-2021-strategien?"): the strategy before or
 * after it, else the period that ends the year before it begins (or begins the year after it ends).
 */
export function periodNeighbour(kb: KnowledgeBase, id: string, step: -1 | 1, today: string): Neighbour | undefined {
  const own = yearsOf(kb, id);
  if (!own) return undefined;
  const strategy = kb.byId.get(id)?.type === 'strategy' ? stepFrom(kb, id, step, 'strategy', today) : undefined;
  if (strategy) return strategy;
  const periods = [...kb.strategies.map((s) => ({ id: s.id, type: 'strategy' })), ...kb.events.map((e) => ({ id: e.id, type: 'event' }))];
  return periods.find((p) => {
    const years = p.id !== id ? yearsOf(kb, p.id) : undefined;
    return years !== undefined && (step < 0 ? years.to === own.from - 1 : years.from === own.to + 1);
  });
}
