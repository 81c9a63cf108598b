// The knowledge base's file formats. These zod schemas are the single source of
// the TypeScript types of everything the assistant knows: the loader validates
// the YAML files in knowledge/ against them, and the rest of the bot reads the
// inferred types.
import { z } from 'zod';
import { Vocabulary } from './vocabulary';

/** Stable ids are lower-case kebab-case so they survive edits of names and titles. */
const Id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case kebab-case id such as "exit-kk"');
type Id = z.infer<typeof Id>;

/**
 * A date as precise as the source gives it: "2024", "2010-02" or "2010-02-01".
 * Sources often say only "early 2010" or "in 2024"; a partial date keeps that honest.
 */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = z.infer<typeof PartialDate>;

/** A full calendar date (local Copenhagen date), YYYY-MM-DD. */
const IsoDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
type IsoDate = z.infer<typeof IsoDate>;

/** Where a fact comes from: a source record and, where useful, the section inside it. */
export const Citation = z.strictObject({
  source: Id,
  section: z.string().min(1).optional(),
});
export type Citation = z.infer<typeof Citation>;

/** Every fact cites at least one source. */
const Sources = z.array(Citation).min(1, 'at least one source');

/** A period in years, inclusive; `to` is absent when the source gives no end. */
export const Period = z
  .strictObject({ from: z.number().int(), to: z.number().int().optional() })
  .refine((p) => p.to === undefined || p.to >= p.from, { message: '`to` must not be before `from`' });
export type Period = z.infer<typeof Period>;

const Text = z.string().trim().min(1);
const Aliases = z.array(Text).default([]);

/**
 * Faithful English translations of a record's prose, under the Danish fields' own names
 * (`en: { description: … }`). Only the named fields are allowed; the Danish stays the
 * authority, and an answer built from `en` says it is a translation (see translation.ts).
 */
function En<const F extends string>(fields: readonly F[], lists: readonly string[] = []) {
  const shape: Record<string, z.ZodOptional<z.ZodString | z.ZodArray<z.ZodString>>> = {};
  for (const f of fields) shape[f] = Text.optional();
  for (const f of lists) shape[f] = z.array(Text).optional();
  return z.strictObject(shape).optional();
}

/**
 * An editor's gloss that no source states (the README's spelling-out of an abbreviation).
 * Shown only labelled as editorial, never under "Kilde:".
 */
const Editorial = Text.optional();

/** A source document, and what it says about itself (the fields are given only where it says them). */
export const Source = z.strictObject({
  id: Id,
  file: z.string().regex(/^[\w.-]+$/, 'a file name inside knowledge/sources/'),
  title: Text,
  kind: z.enum(['webpage', 'memo', 'committee-case', 'status-report']),
  aliases: Aliases,
  body: Text.describe('the body, committee or author behind the document'),
  /** The document's date; for an undated document the inferred date that `dateNote` explains. */
  date: PartialDate,
  /** The document carries no date: citations say "udateret" and give `date` only as inferred. */
  undated: z.boolean().default(false),
  dateNote: Text.optional(),
  notes: Text.optional(),
  addressee: Text.optional(),
  sender: Text.optional(),
  /** The unit whose letterhead the document is written on. */
  letterhead: Text.optional(),
  caseNumber: Text.optional(),
  documentNumber: Text.optional(),
  caseOfficer: Id.optional(),
  signatories: z.array(Id).default([]),
  meeting: z
    .strictObject({ date: IsoDate, time: z.string().regex(/^\d\d:\d\d$/, 'a time as HH:MM').optional(), place: Text.optional() })
    .optional(),
  /** The people the document says attended (person ids). */
  attendees: z.array(Id).default([]),
  summary: Text.optional(),
  recommendation: Text.optional(),
  decision: Text.optional(),
  economy: Text.optional(),
  furtherProcess: Text.optional(),
  /** `note`: a remark of the knowledge base's, not the document's ("the attachments are not among the sources"). */
  attachments: z.array(z.strictObject({ title: Text.optional(), text: Text, note: Text.optional() })).default([]),
  en: En(['dateNote', 'notes', 'summary', 'recommendation', 'decision', 'economy', 'furtherProcess'], ['attachments']),
});
export type Source = z.infer<typeof Source>;

export const Organisation = z.strictObject({
  id: Id,
  name: Text,
  abbreviation: Text.optional(),
  kind: z.enum([
    'administration',
    'committee',
    'council',
    'police',
    'cooperation',
    'governance-body',
    'unit',
    'other',
  ]),
  aliases: Aliases,
  partOf: Id.optional(),
  /** The unit that coordinates the Sikker By work (000): where questions without a named owner are pointed. */
  coordinator: z.boolean().default(false),
  description: Text.optional(),
  /** When the source shows the organisation existing; for historical bodies this is all we know. */
  asOf: PartialDate,
  historical: z.boolean().default(false),
  contact: z
    .strictObject({
      address: z.array(Text).min(1).optional(),
      phone: Text.optional(),
      fax: Text.optional(),
      email: z.email().optional(),
      ean: Text.optional(),
      web: Text.optional(),
      asOf: PartialDate,
    })
    .optional(),
  editorial: Editorial,
  /** `name`: the English name as a sentence uses it ("the Finance Administration"); the Danish name stays the official one. */
  en: En(['name', 'description', 'editorial']),
  sources: Sources,
});
export type Organisation = z.infer<typeof Organisation>;

export const Person = z.strictObject({
  id: Id,
  name: Text,
  /** The role as the source states it; null where the source names the person without a role. */
  role: Text.nullable(),
  organisation: Id.optional(),
  context: Text.describe('what the source says the person did or was part of'),
  asOf: PartialDate,
  historical: z.boolean(),
  en: En(['role', 'context']),
  sources: Sources,
});
export type Person = z.infer<typeof Person>;

export const Strategy = z.strictObject({
  id: Id,
  name: Text,
  aliases: Aliases,
  period: Period,
  decisions: z
    .array(
      z.strictObject({
        date: PartialDate,
        by: Id,
        what: Text,
        en: En(['what']),
        sources: Sources,
      }),
    )
    .min(1),
  purpose: Text.optional(),
  organisation: Text.optional().describe('how the work with the strategy is organised'),
  structure: Text.optional(),
  /** Counts the sources state even where they do not name the members (the two grundprincipper). */
  principleCounts: z
    .array(
      z.strictObject({
        kind: z.enum(['princip', 'grundprincip', 'fagprincip', 'appendiks']),
        count: z.number().int().nonnegative(),
        namedInSources: z.boolean(),
        note: Text.optional(),
      }),
    )
    .default([]),
  midtermStatus: z
    .strictObject({
      date: PartialDate,
      discussedBy: Id,
      presentedTo: Id,
      summary: Text,
      en: En(['summary']),
      sources: Sources,
    })
    .optional(),
  en: En(['purpose', 'organisation', 'structure']),
  sources: Sources,
});
export type Strategy = z.infer<typeof Strategy>;

export const Principle = z.strictObject({
  id: Id,
  strategy: Id,
  kind: z.enum(['princip', 'grundprincip', 'fagprincip', 'appendiks']),
  /** The number the source gives the principle; absent where the source gives none. */
  number: z.number().int().positive().optional(),
  /**
   * The place a source lists the principle in, where no source numbers it (the midterm status lists the five
   * fagprincipper in one order): "fagprincip 3" finds the third listed, with the answer saying it has no number.
   */
  listed: z.number().int().positive().optional(),
  title: Text,
  shortName: Text,
  aliases: Aliases,
  summary: Text,
  /** The number of focus areas the source states, even where it names fewer. */
  focusAreaCount: z.number().int().nonnegative().optional(),
  midtermStatus: Text.optional(),
  since: PartialDate.optional(),
  en: En(['title', 'shortName', 'summary', 'midtermStatus']),
  sources: Sources,
});
export type Principle = z.infer<typeof Principle>;

export const FocusArea = z.strictObject({
  id: Id,
  principle: Id,
  /** Position the source gives ("det fjerde fokusområde"); absent where it gives none. */
  ordinal: z.number().int().positive().optional(),
  title: Text,
  aliases: Aliases,
  description: Text,
  status: z.enum(['in-strategy', 'proposed-at-midterm']),
  proposal: z
    .strictObject({
      proposedBy: z.array(Id).min(1),
      reasons: z.array(z.strictObject({ by: Id, reason: Text, en: En(['reason']) })).min(1),
    })
    .optional(),
  en: En(['title', 'description']),
  sources: Sources,
});
export type FocusArea = z.infer<typeof FocusArea>;

export const Plan = z.strictObject({
  id: Id,
  name: Text,
  aliases: Aliases,
  period: Period.optional(),
  adopted: PartialDate.optional(),
  adoptedBy: Id.optional(),
  principle: Id.optional(),
  description: Text,
  /** What the source says of its state at its date ("udløbet", "stadig gældende"). */
  statusAtSource: Text.optional(),
  en: En(['name', 'description', 'statusAtSource']),
  sources: Sources,
});
export type Plan = z.infer<typeof Plan>;

const Year = z.string().regex(/^20\d\d$/, 'a year such as "2024"');
const Amount = z.number().nonnegative('a non-negative amount in DKK million');

export const Initiative = z.strictObject({
  id: Id,
  name: Text,
  /** The row's label exactly as in the budget table. */
  tableLabel: Text,
  aliases: Aliases,
  /** Only the administrations the table itself names (its footnotes); empty where it names none. */
  administrations: z.array(Id).default([]),
  administrationsNote: Text.optional(),
  budgetRefs: z.array(z.string().regex(/^Æ\d+$/, 'a budget reference such as "Æ45"')).default([]),
  budgetAgreement: Text.optional(),
  /** DKK million per year at the table's price level; a year without an amount is an empty cell. */
  amounts: z.record(Year, Amount),
  permanentFunding: Amount.optional(),
  split: z
    .strictObject({
      footnote: z.enum(['*', '**']),
      markedYear: Year,
      parts: z.array(z.strictObject({ administration: Id, amount: Amount })).min(2),
    })
    .optional(),
  description: Text.optional(),
  en: En(['description', 'administrationsNote']),
  sources: Sources,
});
export type Initiative = z.infer<typeof Initiative>;

export const BudgetPackage = z.strictObject({
  id: Id,
  name: Text,
  aliases: Aliases,
  description: Text,
  /** The administration whose case the table stands in (it attributes no line by itself). */
  overviewOf: Id,
  overviewNote: Text,
  unit: Text,
  priceLevel: z.number().int(),
  years: z.array(Year).min(1),
  expiryTotals: z
    .array(
      z.strictObject({
        year: Year,
        stated: Amount,
        /**
         * Where the document's own total differs from the sum of its rows, the
         * difference is recorded here rather than hidden; the loader checks it.
         */
        discrepancy: z
          .strictObject({ computed: Amount, explanation: Text, editorial: Editorial, en: En(['explanation', 'editorial']) })
          .optional(),
      }),
    )
    .min(1),
  en: En(['name', 'description', 'overviewNote']),
  sources: Sources,
});
export type BudgetPackage = z.infer<typeof BudgetPackage>;

export const TimelineEvent = z.strictObject({
  id: Id,
  date: PartialDate,
  /** The last day of an event that spans days ("8. februar – 1. marts"). */
  until: PartialDate.optional(),
  title: Text,
  description: Text.optional(),
  aliases: Aliases,
  related: z.array(Id).default([]),
  en: En(['title', 'description']),
  sources: Sources,
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const Deadline = z.strictObject({
  id: Id,
  title: Text,
  kind: z.enum(['midterm-status', 'effect-follow-up', 'funding-end']),
  /** The local Copenhagen date of the (first) deadline. */
  due: IsoDate,
  /** `sourced` when a source gives this exact date, else `configured` with a note saying what the source gives. */
  dueBasis: z.enum(['sourced', 'configured']),
  dueNote: Text.optional(),
  recurrence: z.enum(['none', 'yearly']).default('none'),
  /** Reminders go out this many days before the due date (0: on the day); an overdue reminder follows the day after. */
  leadDays: z.array(z.number().int().min(0).max(365)).min(1).default([30, 14, 7, 1, 0]),
  concerns: z
    .strictObject({ strategy: Id.optional(), principle: Id.optional(), initiative: Id.optional() })
    .default({}),
  fallbackContact: Id,
  en: En(['title', 'dueNote']),
  sources: Sources,
});
export type Deadline = z.infer<typeof Deadline>;

export const Term = z.strictObject({
  id: Id,
  term: Text,
  aliases: Aliases,
  definition: Text,
  related: z.array(Id).default([]),
  editorial: Editorial,
  en: En(['term', 'definition', 'editorial']),
  sources: Sources,
});
export type Term = z.infer<typeof Term>;

/**
 * A statement of the sources that belongs to no other record, or that hides in one's
 * prose: what a recommendation had to contain, which weekdays seconded staff worked.
 * `statement` stays as close to the source's words as correct Danish allows; `items`
 * holds a list the source gives.
 */
export const Fact = z.strictObject({
  id: Id,
  title: Text,
  /** Other ways people name what the fact is about (search aids, not facts). */
  aliases: Aliases,
  statement: Text,
  items: z.array(Text).default([]),
  /** A remark about the knowledge base's copy of the source, not a statement of the source ("the colours are lost"). */
  remark: Text.optional(),
  /** Ids of the records the fact is about. */
  about: z.array(Id).default([]),
  en: En(['title', 'statement', 'remark'], ['items']),
  sources: Sources,
});
export type Fact = z.infer<typeof Fact>;

/**
 * What the sources do not say, where one would expect them to ("the purpose of the
 * 2022-2025 strategy"): an answer of its own, citing where it would be expected.
 */
export const Unknown = z.strictObject({
  id: Id,
  title: Text,
  aliases: Aliases,
  /** "Kilderne oplyser ikke …": the honest answer. */
  statement: Text,
  related: z.array(Id).default([]),
  en: En(['title', 'statement']),
  /** Where one would look for it: the documents (and sections) that are silent. */
  expectedIn: Sources,
});
export type Unknown = z.infer<typeof Unknown>;

/**
 * An answer from Team Sikker By to a question the sources did not answer,
 * approved by an admin ("godkend N"). The bot writes these (src/experts/
 * knowledge-file.ts); editors may edit them like any record. They cite no
 * source document: their source is Team Sikker By, named with the dates and
 * the approver ("Svar fra Team Sikker By, <answered>, godkendt af <approvedBy>").
 */
export const ExpertAnswer = z.strictObject({
  id: Id,
  question: Text,
  /** Other ways of asking the same question. */
  alternates: z.array(Text).default([]),
  answer: Text,
  /** The language the expert answered in. */
  lang: z.enum(['da', 'en']).default('da'),
  answered: IsoDate,
  /** The expert who answered; shown to no one but the editors. */
  answeredBy: Text,
  approved: IsoDate,
  approvedBy: Text,
});
export type ExpertAnswer = z.infer<typeof ExpertAnswer>;

/** Another way to ask for an existing record, approved from an expert's answer that pointed to it. */
export const AlternateQuestion = z.strictObject({
  record: Id,
  question: Text,
  approved: IsoDate,
  approvedBy: Text,
});
export type AlternateQuestion = z.infer<typeof AlternateQuestion>;

/** The files of the knowledge base and the record list each holds. */
export const KnowledgeFiles = {
  'sources.yaml': z.strictObject({ sources: z.array(Source).min(1) }),
  'organisations.yaml': z.strictObject({ organisations: z.array(Organisation) }),
  'people.yaml': z.strictObject({ people: z.array(Person) }),
  'strategies.yaml': z.strictObject({ strategies: z.array(Strategy).min(1) }),
  'principles.yaml': z.strictObject({ principles: z.array(Principle) }),
  'focus-areas.yaml': z.strictObject({ focusAreas: z.array(FocusArea) }),
  'plans.yaml': z.strictObject({ plans: z.array(Plan) }),
  'initiatives.yaml': z.strictObject({ budgetPackage: BudgetPackage, initiatives: z.array(Initiative) }),
  'timeline.yaml': z.strictObject({ events: z.array(TimelineEvent) }),
  'deadlines.yaml': z.strictObject({ deadlines: z.array(Deadline) }),
  'terms.yaml': z.strictObject({ terms: z.array(Term) }),
  'facts.yaml': z.strictObject({ facts: z.array(Fact) }),
  'unknowns.yaml': z.strictObject({ unknowns: z.array(Unknown) }),
  'expert-answers.yaml': z.strictObject({ expertAnswers: z.array(ExpertAnswer), alternateQuestions: z.array(AlternateQuestion) }),
  'vocabulary.yaml': Vocabulary,
} as const;
export type KnowledgeFileName = keyof typeof KnowledgeFiles;
