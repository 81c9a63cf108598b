// Which prose lacks its English translation. The schema says, per record type and
// per nested object (a strategy's decisions, a focus area's reasons …), which
// fields may carry an `en` text (schema.ts `En`); every such field that has Danish
// text and no `en` beside it is a gap. An English question is then answered with
// the Danish and a note that it is only in Danish, so editors want the list empty.
import type { z } from 'zod';
import type { KnowledgeBase, RecordType } from './knowledge-base';
import {
  BudgetPackage,
  Deadline,
  Fact,
  FocusArea,
  Initiative,
  Organisation,
  Person,
  Plan,
  Principle,
  Source,
  Strategy,
  Term,
  TimelineEvent,
  Unknown,
} from './schema';

export interface MissingTranslation {
  /** The record's id. */
  readonly id: string;
  /** Where inside the record the field sits: "" for the record itself, else a path such as "decisions[0]". */
  readonly at: string;
  readonly field: string;
}

/** The schema of each record type that may carry translations (expert answers are written in one language). */
const SCHEMAS: Partial<Record<RecordType, z.ZodType>> = {
  source: Source,
  organisation: Organisation,
  person: Person,
  strategy: Strategy,
  principle: Principle,
  focusArea: FocusArea,
  plan: Plan,
  budgetPackage: BudgetPackage,
  initiative: Initiative,
  event: TimelineEvent,
  deadline: Deadline,
  term: Term,
  fact: Fact,
  unknown: Unknown,
};

/** Zod's own description of a schema: only the parts this walk reads. */
interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/** The schema beneath optional, default and nullable wrappers. */
function bare(s: z.ZodType): z.ZodType {
  let d = defOf(s);
  while (d.innerType && ['optional', 'default', 'nullable', 'readonly', 'prefault', 'nonoptional', 'catch'].includes(d.type)) {
    s = d.innerType;
    d = defOf(s);
  }
  return s;
}

const hasText = (v: unknown): boolean =>
  (typeof v === 'string' && v.trim() !== '') || (Array.isArray(v) && v.length > 0);

function walk(schema: z.ZodType, value: unknown, id: string, at: string, out: MissingTranslation[]): void {
  const s = bare(schema);
  const d = defOf(s);
  if (d.type === 'array' && d.element && Array.isArray(value)) {
    value.forEach((v, i) => walk(d.element as z.ZodType, v, id, `${at}[${i}]`, out));
    return;
  }
  if (d.type !== 'object' || !d.shape || !value || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const enSchema = d.shape.en ? defOf(bare(d.shape.en)).shape : undefined;
  const en = (record.en ?? {}) as Record<string, unknown>;
  for (const field of Object.keys(enSchema ?? {}))
    if (hasText(record[field]) && !hasText(en[field])) out.push({ id, at, field });
  for (const [key, child] of Object.entries(d.shape))
    if (key !== 'en') walk(child, record[key], id, at ? `${at}.${key}` : key, out);
}

/** Every prose field, over all records, that has Danish text and no English translation. */
export function missingTranslations(kb: KnowledgeBase): MissingTranslation[] {
  const out: MissingTranslation[] = [];
  for (const { type, record } of kb.byId.values()) {
    const schema = SCHEMAS[type];
    if (schema) walk(schema, record, record.id, '', out);
  }
  return out;
}
