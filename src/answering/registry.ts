// The registry of record types the assistant answers from. Each type says how
// its records are found (names, text, and alternate questions from templates
// in Danish and English, plus the questions editors write in
// knowledge/vocabulary.yaml) and how an answer is composed from one of them.
// A new record type plugs in by adding one entry to RECORD_KINDS.
import { expertAnswerKind } from '../experts/answer';
import type { KnowledgeBase, RecordType } from '../knowledge/knowledge-base';
import type { Answer } from './answer';
import * as compose from './compose';
import { placeOf } from './neighbours';
import * as records from './records';
import { dateWord } from './dates';
import { fold } from './text';
import type { AnswerType } from './rules';
import type { Understanding } from './understand';

/** What the search indexes for one record. */
export interface IndexEntry {
  readonly id: string;
  readonly type: RecordType;
  /** Names and aliases: the strongest evidence that a question is about the record. */
  readonly names: readonly string[];
  /** Descriptions and other prose. */
  readonly text: readonly string[];
  /** Alternate questions the record answers, Danish and English. */
  readonly questions: readonly string[];
  /** The record's own English translations (its `en` texts), which English questions search in their own words. */
  readonly english?: readonly string[];
}

/** What the composition of an answer gets: the question understood, and the other records found for it. */
export interface Ask {
  readonly u: Understanding;
  readonly hits: readonly { readonly id: string; readonly type: string; readonly score: number }[];
}

export interface RecordKind {
  readonly type: RecordType;
  /** The records of this type, as the search indexes them. */
  entries(kb: KnowledgeBase): IndexEntry[];
  /** The answer about one record, shaped by what the question asks; undefined: the record cannot answer it. */
  compose(ctx: compose.ComposeContext, id: string, ask: Ask): Answer | undefined;
  /** The types of fact its answers hold, for reranking by what the question asks for. */
  readonly provides: readonly AnswerType[];
  /** Types of fact only some of its records hold (a unit with an address, an event with a full date). */
  providesOf?(kb: KnowledgeBase, id: string): readonly AnswerType[];
  /** Whether the record holds what the question asks (absent: it does): the next close hit may hold it instead. */
  holds?(kb: KnowledgeBase, id: string, u: Understanding): boolean;
  /** A short name, for "Mente du …?". */
  label(kb: KnowledgeBase, id: string): string | undefined;
}

const present = (xs: readonly (string | undefined | null)[]): string[] => xs.filter((x): x is string => !!x);
/** Alternate questions from templates: the same questions for every name of the record. */
const templated = (names: readonly string[], templates: readonly ((name: string) => string)[]): string[] =>
  names.slice(0, 2).flatMap((n) => templates.map((t) => t(n)));

/** The questions editors wrote for a record (vocabulary.yaml) and those approved from experts' answers. */
function editorQuestions(kb: KnowledgeBase, id: string): string[] {
  return [
    ...kb.vocabulary.questions.filter((q) => q.id === id).flatMap((q) => [...q.da, ...q.en]),
    ...kb.alternateQuestions.filter((q) => q.record === id).map((q) => q.question),
  ];
}

/** Danish ordinals, for a record's number in words ("det fjerde fokusområde"). */
const ORDINALS: Readonly<Record<number, string>> = { 1: 'første', 2: 'andet anden', 3: 'tredje', 4: 'fjerde', 5: 'femte', 6: 'sjette', 7: 'syvende' };

/** "Under hvilket princip hører X?", "which principle does X belong to?": a principle asked of one record, not a list of them. */
const asksPrincipleOf = (u: Understanding) =>
  u.intents.has('principles') && !u.intents.has('count') && !u.intents.has('focusAreas') && !/\b(\w*principper\w*|principles)\b/.test(u.folded);

const orgName = (kb: KnowledgeBase, id: string | undefined) => kb.organisations.find((o) => o.id === id)?.name ?? '';

/** The known unknown that no source ties an initiative to a principle or a focus area (unknowns.yaml). */
const UNLINKED = 'unknown-indsatsernes-fagprincip';

const initiative: RecordKind = {
  type: 'initiative',
  provides: ['amount', 'date'],
  entries: (kb) =>
    kb.initiatives.map((i) => ({
      id: i.id,
      type: 'initiative',
      names: [i.name, ...i.aliases],
      text: present([i.tableLabel, i.description, i.budgetRefs.join(' '), i.administrations.map((a) => orgName(kb, a)).join(' ')]),
      questions: templated([i.name], [
        (n) => `Hvor meget får ${n}?`, (n) => `Hvornår udløber ${n}?`, (n) => `Hvordan er ${n} fordelt?`, (n) => `Hvad koster ${n}?`,
        (n) => `Hvornår slutter finansieringen af ${n}?`, (n) => `Hvad er den varige finansiering af ${n}?`, (n) => `Hvilken forvaltning får midlerne til ${n}?`,
        (n) => `How much does ${n} receive?`, (n) => `When does ${n} funding end?`, (n) => `How is the money for ${n} split?`,
        // What it is for, whom it is for, who runs it and how its row is marked: its card answers that, or says what the sources do not.
        (n) => `Hvad er formålet med ${n}?`, (n) => `Hvem er målgruppen for ${n}?`, (n) => `Hvem driver ${n}?`, (n) => `Hvad bruges pengene til ${n} til?`,
        (n) => `Hvilken markering har ${n} i budgettabellen?`,
        (n) => `What is the purpose of ${n}?`, (n) => `Who is ${n} for?`, (n) => `Who runs ${n}?`, (n) => `What is ${n} used for?`,
      ]),
    })),
  compose(ctx, id, { u }) {
    const i = ctx.kb.initiatives.find((x) => x.id === id);
    if (!i) return undefined;
    const has = (x: Parameters<typeof u.intents.has>[0]) => u.intents.has(x);
    // "Hvilket fagprincip hører Exit KK under?": no source ties a line of the table to a principle or focus area.
    const asksPart = (has('principles') || has('focusAreas')) && !(has('amount') || has('split') || has('permanent') || has('fundingEnd'));
    const unlinked = asksPart ? ctx.kb.unknowns.find((x) => x.id === UNLINKED) : undefined;
    if (unlinked) return records.unknownAnswer(ctx, unlinked);
    // "Hvor meget får BUF af …?": an administration the footnote names asks for its share.
    const namesShare = i.split?.parts.some((part) => {
      const o = ctx.kb.organisations.find((x) => x.id === part.administration);
      return o !== undefined && ((o.abbreviation !== undefined && u.content.includes(fold(o.abbreviation))) || u.folded.includes(fold(o.name)));
    });
    // "Hvem står for den?": the administrations a line is split between, or that the table does not say.
    const focus: compose.InitiativeFocus = has('split') || has('who') || namesShare
      ? 'split'
      : has('permanent')
        ? 'permanent'
        : has('fundingEnd')
          ? 'fundingEnd'
          : has('amount') || u.years.length > 0
            ? 'amount'
            : 'overview';
    return compose.initiativeAnswer(ctx, i, focus, u.years);
  },
  label: (kb, id) => kb.initiatives.find((x) => x.id === id)?.name,
};

const principle: RecordKind = {
  type: 'principle',
  provides: ['count'],
  entries: (kb) =>
    kb.principles.map((p) => ({
      id: p.id,
      type: 'principle',
      names: [p.title, p.shortName, ...p.aliases],
      // Its number as people say it: "fagprincip 2", "nummer 2", "det andet princip"; where a source only lists it
      // in a place, that place (the answer then says that no source numbers it).
      // And the strategy it is part of, which a question names to say which principle ("det andet fagprincip i strategien 2022-2025").
      // (Its midterm status under that name: "status for princippet om børn og unge ved midtvejsstatus".)
      text: present([p.summary, p.midtermStatus && `Midtvejsstatus: ${p.midtermStatus}`, placeOf(p) ? `${p.kind} ${placeOf(p)} nummer ${placeOf(p)} ${ORDINALS[placeOf(p) ?? 0] ?? ''}` : undefined, kb.strategies.find((s) => s.id === p.strategy)?.name]),
      questions: templated([p.shortName], [
        (n) => `Hvad går princippet om ${n} ud på?`, (n) => `Hvilke fokusområder har ${n}?`, (n) => `Hvad er status for ${n}?`,
        (n) => `What does the principle ${n} cover?`, (n) => `What is the status of ${n}?`,
      ]),
    })),
  compose(ctx, id, { u }) {
    const p = ctx.kb.principles.find((x) => x.id === id);
    if (!p) return undefined;
    // "fagprincip nummer 3" found by the place a source lists it in: the answer says that no source numbers it.
    const listedAt = u.ordinal?.of === 'principle' && p.number === undefined && p.listed === u.ordinal.n ? p.listed : undefined;
    return compose.principleAnswer(ctx, p, u.intents.has('count') ? 'count' : u.intents.has('focusAreas') ? 'focusAreas' : 'overview', listedAt);
  },
  label: (kb, id) => kb.principles.find((x) => x.id === id)?.shortName,
};

const focusArea: RecordKind = {
  type: 'focusArea',
  provides: [],
  entries: (kb) =>
    kb.focusAreas.map((f) => ({
      id: f.id,
      type: 'focusArea',
      names: [f.title, ...f.aliases],
      text: present([f.description, f.ordinal ? `nummer ${f.ordinal} ${ORDINALS[f.ordinal] ?? ''} fokusområde` : undefined, ...(f.proposal?.reasons.map((r) => r.reason) ?? []), ...(f.proposal?.proposedBy.map((o) => orgName(kb, o)) ?? [])]),
      questions: templated([f.title], [(n) => `Hvad handler fokusområdet ${n} om?`, (n) => `What is the focus area ${n}?`]),
    })),
  compose(ctx, id, { u }) {
    const f = ctx.kb.focusAreas.find((x) => x.id === id);
    if (!f) return undefined;
    // "Hvilke fokusområder har natteliv-princippet?" names one area but asks for all of its principle's.
    const plural = /\b(fokusomraaderne|fokusomraader|fokusomrader|focus areas)\b/.test(u.folded);
    const parent = plural ? ctx.kb.principles.find((p) => p.id === f.principle) : undefined;
    if (parent && f.status === 'in-strategy') return compose.principleAnswer(ctx, parent, u.intents.has('count') ? 'count' : 'focusAreas');
    return compose.focusAreaAnswer(ctx, f);
  },
  label: (kb, id) => kb.focusAreas.find((x) => x.id === id)?.title,
};

const strategy: RecordKind = {
  type: 'strategy',
  provides: ['date', 'person', 'count'],
  entries: (kb) =>
    kb.strategies.map((s) => ({
      id: s.id,
      type: 'strategy',
      names: [s.name, ...s.aliases],
      text: present([s.purpose, s.organisation, s.structure, s.midtermStatus?.summary, ...s.decisions.map((d) => d.what)]),
      questions: templated([s.name], [(n) => `Hvem vedtog ${n}?`, (n) => `Hvornår blev ${n} godkendt?`, (n) => `Hvad er formålet med ${n}?`, (n) => `Who approved ${n}?`]),
    })),
  compose(ctx, id, { u }) {
    const s = ctx.kb.strategies.find((x) => x.id === id);
    if (!s) return undefined;
    const has = (x: Parameters<typeof u.intents.has>[0]) => u.intents.has(x);
    if ((has('principles') || has('count')) && !has('focusAreas')) return compose.principlesOfStrategy(ctx, s);
    // "Hvilke fokusområder har strategien 2022-2025?": each principle's focus areas.
    if (has('focusAreas') && !has('midterm') && !has('principles')) return compose.focusAreasOfStrategy(ctx, s);
    return compose.strategyAnswer(ctx, s, has('midterm') ? 'midterm' : has('decision') || has('who') || has('when') ? 'decision' : 'overview');
  },
  label: (kb, id) => kb.strategies.find((x) => x.id === id)?.name,
};

const organisation: RecordKind = {
  type: 'organisation',
  provides: ['person'],
  providesOf(kb, id) {
    // The details shown are its own or, where the sources print none, a sibling unit's (compose.contactNearby).
    const o = kb.organisations.find((x) => x.id === id);
    const c = o && (o.contact ?? compose.contactNearby(kb, o)?.contact);
    return [...(c?.address ? (['place'] as const) : []), ...(c?.phone || c?.fax || c?.email || c?.ean || c?.web ? (['number'] as const) : [])];
  },
  entries: (kb) =>
    kb.organisations.map((o) => ({
      id: o.id,
      type: 'organisation',
      names: present([o.name, o.abbreviation, ...o.aliases]),
      text: present([o.description, o.contact?.address?.join(' ')]),
      questions: templated([o.name], [
        (n) => `Hvad laver ${n}?`, (n) => `Hvem er med i ${n}?`, (n) => `Hvad er opgaven for ${n}?`, (n) => `Hvem sidder i ${n}?`,
        (n) => `What does ${n} do?`, (n) => `Who are the members of ${n}?`, (n) => `What is the role of ${n}?`,
      ]),
    })),
  compose(ctx, id, { u }) {
    const o = ctx.kb.organisations.find((x) => x.id === id);
    if (!o) return undefined;
    if (u.intents.has('initiatives') && o.kind === 'administration') return compose.initiativesByAdministration(ctx, o);
    return compose.organisationAnswer(ctx, o, u.intents.has('contact') || u.answerTypes.has('place') ? 'contact' : 'overview');
  },
  label: (kb, id) => kb.organisations.find((x) => x.id === id)?.name,
};

const person: RecordKind = {
  type: 'person',
  provides: ['person'],
  entries: (kb) =>
    kb.people.map((p) => ({
      id: p.id,
      type: 'person',
      names: [p.name],
      text: present([p.role, p.context, orgName(kb, p.organisation)]),
      questions: templated([p.name], [(n) => `Hvem er ${n}?`, (n) => `Hvilken rolle har ${n}?`, (n) => `Who is ${n}?`, (n) => `What is the role of ${n}?`]),
    })),
  compose(ctx, id, { hits }) {
    // People mentioned together ("hvem deltog fra …") come as a group of near-equal hits.
    const top = hits.find((h) => h.id === id)?.score ?? 0;
    const group = hits.filter((h) => h.type === 'person' && h.score >= top * 0.9).slice(0, 5);
    const ids = group.length > 0 ? group.map((h) => h.id) : [id];
    return compose.peopleAnswer(ctx, ctx.kb.people.filter((p) => ids.includes(p.id)));
  },
  label: (kb, id) => kb.people.find((x) => x.id === id)?.name,
};

const term: RecordKind = {
  type: 'term',
  provides: [],
  entries: (kb) =>
    kb.terms.map((t) => ({
      id: t.id,
      type: 'term',
      names: [t.term, ...t.aliases],
      text: [t.definition],
      questions: templated([t.term], [(n) => `Hvad er ${n}?`, (n) => `Hvad betyder ${n}?`, (n) => `What is ${n}?`]),
    })),
  compose: (ctx, id, { u }) => compose.termAnswer(ctx, id, asksPrincipleOf(u)),
  label: (kb, id) => kb.terms.find((x) => x.id === id)?.term,
};

const plan: RecordKind = {
  type: 'plan',
  provides: ['date'],
  entries: (kb) =>
    kb.plans.map((p) => ({
      id: p.id,
      type: 'plan',
      names: [p.name, ...p.aliases],
      text: present([p.description, p.statusAtSource]),
      questions: templated([p.name], [(n) => `Hvilken periode dækker ${n}?`, (n) => `What period does ${n} cover?`]),
    })),
  compose: (ctx, id, { u }) => compose.planAnswer(ctx, id, asksPrincipleOf(u)),
  label: (kb, id) => kb.plans.find((x) => x.id === id)?.name,
};

const event: RecordKind = {
  type: 'event',
  provides: ['date'],
  // A full date tells its weekday ("Hvilken ugedag …?").
  providesOf: (kb, id) => (/^\d{4}-\d{2}-\d{2}$/.test(kb.events.find((e) => e.id === id)?.date ?? '') ? ['weekday'] : []),
  entries: (kb) =>
    kb.events.map((e) => ({
      id: e.id,
      type: 'event',
      names: [e.title],
      text: present([e.description]),
      questions: templated([e.title], [(n) => `Hvornår: ${n}?`, (n) => `When: ${n}?`]),
    })),
  compose: (ctx, id, { u }) => compose.eventAnswer(ctx, id, asksPrincipleOf(u)),
  label: (kb, id) => kb.events.find((x) => x.id === id)?.title,
};

const deadline: RecordKind = {
  type: 'deadline',
  provides: ['date'],
  entries: (kb) =>
    kb.deadlines.map((d) => ({
      id: d.id,
      type: 'deadline',
      names: [d.title],
      text: present([d.dueNote]),
      questions: templated([d.title], [(n) => `Hvornår er fristen for ${n}?`, (n) => `When is the deadline for ${n}?`]),
    })),
  compose(ctx, id) {
    const d = ctx.kb.deadlines.find((x) => x.id === id);
    return d && compose.deadlineAnswer(ctx, d);
  },
  label: (kb, id) => kb.deadlines.find((x) => x.id === id)?.title,
};

const budgetPackage: RecordKind = {
  type: 'budgetPackage',
  provides: ['amount', 'count'],
  entries: (kb) => [
    {
      id: kb.budgetPackage.id,
      type: 'budgetPackage',
      names: [kb.budgetPackage.name, ...kb.budgetPackage.aliases],
      text: [kb.budgetPackage.description],
      questions: ['Hvor meget udløber i alt?', 'Hvor mange indsatser er der i budgetpakken?', 'How much expires in total?'],
    },
  ],
  compose: (ctx, _id, { u }) => (u.intents.has('total') || u.years.length > 0 ? compose.totalsAnswer(ctx, u.years) : compose.budgetPackageAnswer(ctx)),
  label: (kb) => kb.budgetPackage.name,
};

// Documents, the sources' statements and what they do not say: indexed and composed in records.ts (kb's).
const documentKinds: RecordKind[] = (['source', 'fact', 'unknown'] as const).map((type) => ({
  type,
  provides: type === 'source' ? ['person', 'date', 'time', 'place', 'number'] : [],
  entries: (kb) => records.recordDocuments(kb).filter((d) => d.type === type),
  compose(ctx, id, { u }) {
    const r = ctx.kb.byId.get(id);
    if (r?.type === 'source') return records.documentAnswer(ctx, r.record, u.folded);
    if (r?.type === 'fact') return records.factAnswer(ctx, r.record);
    if (r?.type === 'unknown') return records.unknownAnswer(ctx, r.record);
    return undefined;
  },
  holds: (kb, id, u) => {
    const r = kb.byId.get(id);
    return r?.type !== 'source' || records.documentHolds(r.record, u.folded);
  },
  label: (kb, id) => records.recordLabel(kb, id),
}));

/** Every record type the assistant answers from, in one place. */
export const RECORD_KINDS: readonly RecordKind[] = [initiative, principle, focusArea, strategy, organisation, person, term, plan, event, deadline, budgetPackage, ...documentKinds, expertAnswerKind];

/** Every record as the search indexes it, with the questions editors wrote for it. */
export function indexEntries(kb: KnowledgeBase): IndexEntry[] {
  return RECORD_KINDS.flatMap((k) => k.entries(kb)).map((e) => {
    const record = kb.byId.get(e.id)?.record;
    const dates = datesOf(record);
    return { ...e, text: dates.length ? [...e.text, dates.join(' ')] : e.text, questions: [...e.questions, ...editorQuestions(kb, e.id)], english: translationsOf(record) };
  });
}

/** The fields that say when a record happened or falls due; `asOf` (the date of the source it is read from) is none. */
const DATE_FIELDS = new Set(['date', 'until', 'due', 'since']);

/** The words of a record's dates (dates.ts), found in its fields and those of its parts (a document's meeting), not in its translation or citations. */
function datesOf(record: unknown): string[] {
  if (Array.isArray(record)) return record.flatMap(datesOf);
  if (!record || typeof record !== 'object') return [];
  return Object.entries(record).flatMap(([key, value]) => {
    if (key === 'en' || key === 'sources') return [];
    if (DATE_FIELDS.has(key) && typeof value === 'string') return present([dateWord(value)]);
    return typeof value === 'object' ? datesOf(value) : [];
  });
}

/** The texts of a record's `en` translations, its parts' included (a strategy's decisions), not its citations. */
function translationsOf(record: unknown, inEnglish = false): string[] {
  if (typeof record === 'string') return inEnglish ? [record] : [];
  if (Array.isArray(record)) return record.flatMap((x) => translationsOf(x, inEnglish));
  if (!record || typeof record !== 'object') return [];
  return Object.entries(record).flatMap(([key, value]) => (key === 'sources' ? [] : translationsOf(value, inEnglish || key === 'en')));
}

const BY_TYPE = new Map(RECORD_KINDS.map((k) => [k.type as string, k]));

export function kindOf(type: string): RecordKind | undefined {
  return BY_TYPE.get(type);
}
