// Builds the one immutable, typed knowledge base from the files' texts. Pure:
// the loader (load.ts) does the reading; this checks everything and either
// returns the whole knowledge base or every problem found, never half of it.
import { createHash } from 'node:crypto';
import { checkConsistency } from './consistency';
import { parseKnowledgeFile, type Locator } from './parse';
import type { KnowledgeProblem } from './problems';
import {
  KnowledgeFiles,
  type AlternateQuestion,
  type BudgetPackage,
  type Deadline,
  type ExpertAnswer,
  type Fact,
  type FocusArea,
  type Initiative,
  type KnowledgeFileName,
  type Organisation,
  type Person,
  type Plan,
  type Principle,
  type Source,
  type Strategy,
  type Term,
  type TimelineEvent,
  type Unknown,
} from './schema';
import type { Vocabulary } from './vocabulary';
import type { KnownYaml } from './yaml-snapshot';

/** An initiative with what the loader derives from its yearly amounts. */
export type FundedInitiative = Initiative & {
  /** The last year of the budget table with an amount: the year its Sikker By funding ends. */
  readonly lastFundedYear: number;
};

export type RecordType =
  | 'source'
  | 'organisation'
  | 'person'
  | 'strategy'
  | 'principle'
  | 'focusArea'
  | 'plan'
  | 'budgetPackage'
  | 'initiative'
  | 'event'
  | 'deadline'
  | 'term'
  | 'fact'
  | 'unknown'
  | 'expertAnswer';

type KnowledgeRecord =
  | { readonly type: 'source'; readonly record: Source }
  | { readonly type: 'organisation'; readonly record: Organisation }
  | { readonly type: 'person'; readonly record: Person }
  | { readonly type: 'strategy'; readonly record: Strategy }
  | { readonly type: 'principle'; readonly record: Principle }
  | { readonly type: 'focusArea'; readonly record: FocusArea }
  | { readonly type: 'plan'; readonly record: Plan }
  | { readonly type: 'budgetPackage'; readonly record: BudgetPackage }
  | { readonly type: 'initiative'; readonly record: FundedInitiative }
  | { readonly type: 'event'; readonly record: TimelineEvent }
  | { readonly type: 'deadline'; readonly record: Deadline }
  | { readonly type: 'term'; readonly record: Term }
  | { readonly type: 'fact'; readonly record: Fact }
  | { readonly type: 'unknown'; readonly record: Unknown }
  | { readonly type: 'expertAnswer'; readonly record: ExpertAnswer };

export interface KnowledgeBase {
  /** A short hash of the files' contents: changes whenever any file changes. */
  readonly version: string;
  readonly sources: readonly Source[];
  readonly organisations: readonly Organisation[];
  readonly people: readonly Person[];
  readonly strategies: readonly Strategy[];
  readonly principles: readonly Principle[];
  readonly focusAreas: readonly FocusArea[];
  readonly plans: readonly Plan[];
  readonly budgetPackage: BudgetPackage;
  readonly initiatives: readonly FundedInitiative[];
  readonly events: readonly TimelineEvent[];
  readonly deadlines: readonly Deadline[];
  readonly terms: readonly Term[];
  readonly facts: readonly Fact[];
  readonly unknowns: readonly Unknown[];
  /** Team Sikker By's approved answers (knowledge/expert-answers.yaml). */
  readonly expertAnswers: readonly ExpertAnswer[];
  /** Approved other ways to ask for existing records. */
  readonly alternateQuestions: readonly AlternateQuestion[];
  /** Synonyms, English terms and editors' questions (knowledge/vocabulary.yaml). */
  readonly vocabulary: Vocabulary;
  /** The cited source documents' texts by file name (knowledge/sources/*.txt), for quoting their sentences. */
  readonly sourceTexts: Readonly<Record<string, string>>;
  readonly byId: ReadonlyMap<string, KnowledgeRecord>;
}

/** The unit that coordinates the Sikker By work (the record marked `coordinator`). */
export function coordinatorOf(kb: KnowledgeBase): Organisation | undefined {
  return kb.organisations.find((o) => o.coordinator);
}

export type BuildResult = { ok: true; kb: KnowledgeBase } | { ok: false; problems: readonly KnowledgeProblem[] };

export type Parsed = { [F in KnowledgeFileName]: import('zod').infer<(typeof KnowledgeFiles)[F]> };

/** @param known the YAML of texts read before (yaml-snapshot.ts): those are not parsed again. */
export function buildKnowledgeBase(
  texts: Readonly<Record<string, string>>,
  sourceFiles: readonly string[],
  sourceTexts: Readonly<Record<string, string>> = {},
  known?: KnownYaml,
): BuildResult {
  const problems: KnowledgeProblem[] = [];
  const parsed: Partial<Parsed> = {};
  const locators: Partial<Record<KnowledgeFileName, Locator>> = {};
  for (const file of Object.keys(KnowledgeFiles) as KnowledgeFileName[]) {
    const text = texts[file];
    if (text === undefined) {
      problems.push({ file, path: '', message: 'the file is missing from the knowledge folder' });
      continue;
    }
    const result = parseKnowledgeFile(file, text, KnowledgeFiles[file], known?.(text));
    if (result.ok) {
      (parsed as Record<string, unknown>)[file] = result.value;
      locators[file] = result.locate;
    } else problems.push(...result.problems);
  }
  if (problems.length > 0) return { ok: false, problems };

  const files = parsed as Parsed;
  const kb = assemble(files, texts, sourceTexts);
  problems.push(...checkConsistency(kb, files, locators as Record<KnowledgeFileName, Locator>, sourceFiles));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, kb: deepFreeze(kb) };
}

function assemble(files: Parsed, texts: Readonly<Record<string, string>>, sourceTexts: Readonly<Record<string, string>>): KnowledgeBase {
  const initiatives = files['initiatives.yaml'].initiatives.map(
    (i): FundedInitiative => ({ ...i, lastFundedYear: Math.max(...Object.keys(i.amounts).map(Number)) }),
  );
  const kb = {
    version: contentVersion({ ...texts, ...Object.fromEntries(Object.entries(sourceTexts).map(([f, t]) => [`sources/${f}`, t])) }),
    sources: files['sources.yaml'].sources,
    organisations: files['organisations.yaml'].organisations,
    people: files['people.yaml'].people,
    strategies: files['strategies.yaml'].strategies,
    principles: files['principles.yaml'].principles,
    focusAreas: files['focus-areas.yaml'].focusAreas,
    plans: files['plans.yaml'].plans,
    budgetPackage: files['initiatives.yaml'].budgetPackage,
    initiatives,
    events: files['timeline.yaml'].events,
    deadlines: files['deadlines.yaml'].deadlines,
    terms: files['terms.yaml'].terms,
    facts: files['facts.yaml'].facts,
    unknowns: files['unknowns.yaml'].unknowns,
    expertAnswers: files['expert-answers.yaml'].expertAnswers,
    alternateQuestions: files['expert-answers.yaml'].alternateQuestions,
    vocabulary: files['vocabulary.yaml'],
    sourceTexts: { ...sourceTexts },
  };
  const records: KnowledgeRecord[] = [
    ...kb.sources.map((record) => ({ type: 'source' as const, record })),
    ...kb.organisations.map((record) => ({ type: 'organisation' as const, record })),
    ...kb.people.map((record) => ({ type: 'person' as const, record })),
    ...kb.strategies.map((record) => ({ type: 'strategy' as const, record })),
    ...kb.principles.map((record) => ({ type: 'principle' as const, record })),
    ...kb.focusAreas.map((record) => ({ type: 'focusArea' as const, record })),
    ...kb.plans.map((record) => ({ type: 'plan' as const, record })),
    { type: 'budgetPackage' as const, record: kb.budgetPackage },
    ...kb.initiatives.map((record) => ({ type: 'initiative' as const, record })),
    ...kb.events.map((record) => ({ type: 'event' as const, record })),
    ...kb.deadlines.map((record) => ({ type: 'deadline' as const, record })),
    ...kb.terms.map((record) => ({ type: 'term' as const, record })),
    ...kb.facts.map((record) => ({ type: 'fact' as const, record })),
    ...kb.unknowns.map((record) => ({ type: 'unknown' as const, record })),
    ...kb.expertAnswers.map((record) => ({ type: 'expertAnswer' as const, record })),
  ];
  // Duplicates are reported by checkConsistency; the first record of an id wins here.
  const byId = new Map<string, KnowledgeRecord>();
  for (const r of records) if (!byId.has(r.record.id)) byId.set(r.record.id, r);
  return { ...kb, byId };
}

function contentVersion(texts: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(texts).sort()) hash.update(name).update('\0').update(texts[name] ?? '').update('\0');
  return hash.digest('hex').slice(0, 12);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const v of value.values()) deepFreeze(v);
    else for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
