// Whether to answer, ask "Mente du …?" or say honestly that the assistant does
// not know, from three signals that tell the truth on a small corpus (see
// ../shared/notes/search.md): how much of the question the best hit covers
// (rarity-weighted), how much of the question nothing in the knowledge base
// knows, and how far the best hit is ahead of the next. Pure.

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
}

export type Decision = 'answer' | 'suggest' | 'fallback';

/** The thresholds, calibrated on the tuning part of the question bank (tests/evaluation/bank-tune.jsonl). */
export const GATE = {
  /** An answer needs at least this coverage. */
  answer: 0.55,
  /** Below this, not even a suggestion. */
  suggest: 0.35,
  /** More unknown content than this is a question about something else ("parkeringslicens", "France"). */
  unknown: 0.34,
  /** Two candidates closer than this (relative score), with near-equal coverage, are ambiguous. */
  close: 0.08,
  /** "Near-equal" coverage for the ambiguity test. */
  sameCoverage: 0.1,
  /** A best hit without the type of fact asked for needs this much coverage: "Who is the mayor of Aarhus?" is not about a meeting list. */
  untyped: 0.75,
  /** A best hit that covers this much of the question is answered even when another is as close. */
  complete: 0.95,
} as const;

export function decide(s: Signals): Decision {
  if (s.unknownShare > GATE.unknown) return 'fallback';
  if (s.coverage >= (s.holdsAnswerType ? GATE.answer : GATE.untyped)) {
    const ambiguous = s.coverage < GATE.complete && s.margin < GATE.close && s.secondCoverage >= s.coverage - GATE.sameCoverage;
    return ambiguous ? 'suggest' : 'answer';
  }
  if (s.coverage >= GATE.suggest && s.unknownShare === 0) return 'suggest';
  return 'fallback';
}
