// Whether to answer, ask "Mente du …?" or say honestly that the assistant does
// not know, from three signals that tell the truth on a small corpus (see
// ../shared/notes/search.md): how much of the question the best hit covers
// (rarity-weighted), how much of the question nothing in the knowledge base
// knows, and how far the best hit is ahead of the next. Pure.
import type { Hit, WordSignal } from './search';

export interface Signals {
  /** Rarity-weighted share (0–1) of the question's content words the best hit matched. */
  readonly coverage: number;
  /** The same for the best other candidate (0 when there is none). */
  readonly secondCoverage: number;
  /** (best − second) / best of the ranking scores; 1 when there is no second. */
  readonly margin: number;
  /** Share (0–1) of the content words that neither the knowledge base nor the sources hold. */
  readonly unknownShare: number;
  /** The best hit holds the type of fact the question asks for ("hvem" → a person), or it asks for none. */
  readonly holdsAnswerType: boolean;
  /**
   * Every content word the best hit matched is a common word of the field (København, kommune, budget …),
   * and the question does not name the hit with them: a match that says nothing about what is asked.
   */
  readonly commonOnly?: boolean;
  /** The question asks how many of something ("hvor mange ansatte") that the best hit never counts. */
  readonly uncounted?: boolean;
  /**
   * The question asks for something of an owner ("Aarhus Kommunes tryghedsstrategi", Understanding.possessed) that the
   * best hit does not match: it names the owner only in passing (a list of whom the centre met), however rare its name.
   */
  readonly unowned?: boolean;
}

export type Decision = 'answer' | 'suggest' | 'fallback';

/** The thresholds, calibrated on the tuning part of the question bank (tests/evaluation/bank-tune.jsonl). */
export const GATE = {
  /** An answer needs at least this coverage. */
  answer: 0.55,
  /** Below this, not even a suggestion. */
  suggest: 0.35,
  /**
   * This much unknown content or more is a question about something else ("parkeringslicens", "France"):
   * one word in three that nothing holds ("Hvordan booker jeg et mødelokale på Rådhuset?"); one in four is
   * how the sources' own topics are asked about in words of one's own ("Hvor lå Center for Sikker By?").
   */
  unknown: 0.3,
  /** A word matched less surely than this (by its letters' trigrams only) is not known: typos are surer (0.75). */
  weak: 0.5,
  /** Two candidates closer than this (relative score), with near-equal coverage, are ambiguous. */
  close: 0.08,
  /** "Near-equal" coverage for the ambiguity test. */
  sameCoverage: 0.1,
  /** A best hit without the type of fact asked for needs this much coverage: "Who is the mayor of Aarhus?" is not about a meeting list. */
  untyped: 0.75,
  /** A best hit that covers this much of the question is answered even when another is as close. */
  complete: 0.95,
  /** A word held by this share of the indexed records and sentences or more is common in the field: København, kommune, budget, strategien. */
  common: 0.1,
  /** The share of the matched words' weight that must be in the hit's names for common words to name it ("Center for Sikker By"). */
  named: 0.5,
  /** A list over a record (the budget package's totals) needs it to cover this much of a question that has a topic. */
  list: 0.5,
} as const;

/**
 * The share of the question's content words that nothing holds. A word known only by its beginning, whose rest nothing
 * holds ("politiattest": politi + attest, "rådhustårnet"), counts as unknown too: the rest is what it asks about, and
 * no record answers for it (counted half, "Hvad koster en politiattest i København?" got the police's card). So does a
 * word that only resembles a few index terms ("canteen" ~ "center").
 */
export function unknownShareOf(words: readonly WordSignal[]): number {
  return words.length === 0 ? 0 : words.filter((w) => w.unknown > 0 || (w.sure > 0 && w.sure < GATE.weak)).length / words.length;
}

/**
 * The gate every route's answer passes, whatever found it (a computation, a list, a follow-up, a quote, the search):
 * a question whose content words nothing holds ("parkeringslicens", "kantinen") or that names a place or body the
 * sources never name ("Odense", "France") is about something else, and gets the honest fallback. An answer about a
 * record the question names outright (the midterm status: "Hvad står der i afsnittet Løsning i midtvejsstatus?") has
 * words of its own beside the name, and is held back by a foreign name only.
 */
export function offTopic(words: readonly WordSignal[], foreignName: boolean, named = false): boolean {
  return foreignName || (!named && unknownShareOf(words) >= GATE.unknown);
}

/**
 * Whether a question may get a list composed over a record (the budget package's totals per year): it has no
 * topic words, or the record itself covers them. "Hvad er kommunens samlede budget for 2024?" asks about
 * another budget than the one the record's table holds.
 */
export function coversList(content: readonly string[], hits: readonly Pick<Hit, 'id' | 'coverage'>[], id: string): boolean {
  return content.length === 0 || (hits.find((h) => h.id === id)?.coverage ?? 0) >= GATE.list;
}

/**
 * Whether a question about a list over a record (the budget package's totals) names a body or a person outright, ranked
 * before that record: it asks about their own budget, which the record merely mentions them in ("Hvad er
 * Socialforvaltningens samlede budget i 2026?"), and neither the list nor the body's own card answers it.
 */
export function namesOwnBudget(hits: readonly Pick<Hit, 'id' | 'type' | 'named'>[], id: string): boolean {
  const at = hits.findIndex((h) => h.id === id);
  return at > 0 && hits.slice(0, at).some((h) => OWN_BUDGET.has(h.type) && h.named >= GATE.named);
}

/** The kinds of records that have a budget, a staff and a total of their own, beside what the sources say of them. */
const OWN_BUDGET: ReadonlySet<string> = new Set(['organisation', 'person']);

/** Whether the hit leaves out what the question asks of an owner (Signals.unowned). */
export function unowned(words: readonly WordSignal[], hit: Pick<Hit, 'credits'>, possessed: string | undefined): boolean {
  const at = possessed === undefined ? -1 : words.findIndex((w) => w.word === possessed);
  return at >= 0 && (hit.credits[at] ?? 0) < MATCHED;
}

/** A hit's credit for a word from which it counts as matched: a typo or a form of it, not a trigram likeness. */
const MATCHED = 0.5;

/** Whether the hit's match rests on common words alone that do not name it (Signals.commonOnly). */
export function commonOnly(words: readonly WordSignal[], hit: Pick<Hit, 'credits' | 'named'>): boolean {
  const matched = words.filter((_, i) => (hit.credits[i] ?? 0) >= MATCHED);
  if (matched.length === 0 || !matched.every((w) => w.spread >= GATE.common)) return false;
  // Named by common words, it still misses what the question asks about it: "Københavns Kommunes samlede budget".
  return hit.named < GATE.named || matched.length < words.length;
}

export function decide(s: Signals): Decision {
  if (s.unknownShare >= GATE.unknown || s.commonOnly || s.uncounted || s.unowned) return 'fallback';
  if (s.coverage >= (s.holdsAnswerType ? GATE.answer : GATE.untyped)) {
    const ambiguous = s.coverage < GATE.complete && s.margin < GATE.close && s.secondCoverage >= s.coverage - GATE.sameCoverage;
    return ambiguous ? 'suggest' : 'answer';
  }
  if (s.coverage >= GATE.suggest && s.unknownShare === 0) return 'suggest';
  return 'fallback';
}
