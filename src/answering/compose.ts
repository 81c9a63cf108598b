// Answers composed from the typed knowledge base: each function turns records
// (and what the question asks for) into an Answer. Figures come from the data,
// never from stored prose, so a list, a table and a sum always agree with the
// knowledge base. Pure: the date of today is passed in.
import { ageInYears, currentStrategy, fundingCurrency, laterStrategy, periodCurrency } from '../knowledge/currency';
import { coordinatorOf, type FundedInitiative, type KnowledgeBase } from '../knowledge/knowledge-base';
import type { Citation as SourceRef, Deadline, FocusArea, Organisation, Person, Principle, Strategy } from '../knowledge/schema';
import { cite, OLD_SOURCE_YEARS } from '../kernel/citation';
import { nextYearly } from '../kernel/dates';
import { bullets, countWord, date, joinList, money } from '../kernel/format';
import type { Lang } from '../kernel/lang';
import type { Answer } from './answer';
import { localName, organisationName, prose, type LocalText } from '../knowledge/translation';

export interface ComposeContext {
  readonly kb: KnowledgeBase;
  readonly lang: Lang;
  /** Today's local date, YYYY-MM-DD. */
  readonly today: string;
}

type Draft = Partial<Omit<Answer, 'lang' | 'summary' | 'title' | 'text'>> & {
  title: string;
  text: string;
  sources?: readonly SourceRef[];
  /** The records' prose the text shows (read with `Prose`): an English answer says whether it is translated or only in Danish. */
  prose?: Prose;
};

/**
 * Reads records' prose fields in the answer's language (the records' `en`
 * translations, else the Danish) and remembers which, for the language note.
 */
class Prose {
  private readonly shown: LocalText<string | readonly string[]>[] = [];
  constructor(private readonly lang: Lang) {}
  of<R extends object>(record: R, field: keyof R & string): string | undefined {
    // prose() types its record as having an optional `en`; every record type may carry one.
    const text = prose(record as Parameters<typeof prose>[0], field as never, this.lang) as LocalText<string> | undefined;
    if (text) this.shown.push(text);
    return text?.text;
  }
  note(): string | undefined {
    return languageNote(this.lang, this.shown);
  }
}

/** For an English answer from record prose: that it is a translation, or that parts are only in Danish. */
export function languageNote(lang: Lang, texts: readonly (LocalText<string | readonly string[]> | undefined)[]): string | undefined {
  if (lang !== 'en') return undefined;
  const shown = texts.filter((x): x is LocalText<string | readonly string[]> => x !== undefined);
  if (shown.length === 0) return undefined;
  return shown.every((x) => x.translated)
    ? 'Translated from the Danish source; the Danish text is authoritative.'
    : 'Parts of this are only available in Danish.';
}

export function finish(ctx: ComposeContext, draft: Draft): Answer {
  const { sources = [], prose: read, ...rest } = draft;
  const note = read?.note();
  if (note) rest.text = `${rest.text}\n\n_${note}_`;
  const answer: Omit<Answer, 'summary'> = {
    kind: 'answer',
    facts: [],
    warnings: [],
    followUps: [],
    suggestions: [],
    ...rest,
    citations: draft.citations ?? cite(ctx, sources),
    lang: ctx.lang,
  };
  const firstLine = answer.text.split('\n')[0] ?? '';
  return { ...answer, summary: `${answer.title}: ${firstLine}`.slice(0, 240) };
}

const t = (ctx: ComposeContext, da: string, en: string): string => (ctx.lang === 'da' ? da : en);

/** An editor's gloss (the README's), shown only labelled as such and never as a source. */
function editorialLine(ctx: ComposeContext, text: string | undefined): string {
  return text ? t(ctx, `Redaktionel note (ikke fra kilderne): ${text}`, `Editorial note (not from the sources, in Danish): ${text}`) : '';
}

const orgName = (ctx: ComposeContext, id: string | undefined): string => {
  const o = ctx.kb.organisations.find((x) => x.id === id);
  return o ? organisationName(o, ctx.lang) : (id ?? '');
};
/** A card's title for an organisation: its name (in English the translated name with the Danish) and abbreviation. */
const orgTitle = (ctx: ComposeContext, o: Organisation): string => {
  const name = organisationName(o, ctx.lang);
  const title = name.charAt(0).toUpperCase() + name.slice(1);
  return o.abbreviation ? `${title} (${o.abbreviation})` : title;
};
/** An organisation with its abbreviation ("Socialforvaltningen (SOF)"; in English "the Social Services Administration (Socialforvaltningen, SOF)"). */
const orgShort = (ctx: ComposeContext, id: string): string => {
  const o = ctx.kb.organisations.find((x) => x.id === id);
  if (!o) return id;
  const translated = o.en?.name;
  const english = ctx.lang === 'en' && typeof translated === 'string' ? translated : undefined;
  const official = [english && english !== o.name ? o.name : undefined, o.abbreviation].filter(Boolean).join(', ');
  const name = english ?? o.name;
  return official ? `${name} (${official})` : name;
};

// ---------------------------------------------------------------- initiatives

export type InitiativeFocus = 'overview' | 'amount' | 'split' | 'permanent' | 'fundingEnd';

export function initiativeAnswer(ctx: ComposeContext, i: FundedInitiative, focus: InitiativeFocus, years: readonly string[]): Answer {
  const read = new Prose(ctx.lang);
  const pkg = ctx.kb.budgetPackage;
  const unit = t(ctx, `mio. kr., ${pkg.priceLevel}-priser`, `DKK million, ${pkg.priceLevel} prices`);
  const ended = fundingCurrency(i.lastFundedYear, Number(pkg.years[0]), ctx.today) === 'ended';
  const endLine = ended
    ? t(ctx, `Finansieringen fra Sikker By-budgetpakken udløb med ${i.lastFundedYear} (sidste år med beløb).`,
        `Its funding from the Sikker By budget package ended with ${i.lastFundedYear} (the last year with an amount).`)
    : t(ctx, `Finansieringen fra Sikker By-budgetpakken løber til og med ${i.lastFundedYear} og udløber derefter.`,
        `Its funding from the Sikker By budget package runs to the end of ${i.lastFundedYear}.`);
  const permanentLine =
    i.permanentFunding !== undefined
      ? t(ctx, `Varig finansiering udover Sikker By-midler: ${money(i.permanentFunding, 'da')} om året.`,
          `Permanent funding in addition to Sikker By money: ${money(i.permanentFunding, 'en')} a year.`)
      : t(ctx, 'Tabellen angiver ingen varig finansiering udover Sikker By-midler.', 'The table gives no permanent funding beyond Sikker By money.');
  const splitLine = i.split
    ? t(ctx,
        `Ifølge fodnote ${i.split.footnote} er ${i.split.markedYear}-beløbet på ${money(i.amounts[i.split.markedYear] ?? 0, 'da')} fordelt med ${joinList(i.split.parts.map((p) => `${money(p.amount, 'da')} til ${orgShort(ctx, p.administration)}`), 'da')}. Tabellen angiver ikke fordelingen for de øvrige år.`,
        `According to footnote ${i.split.footnote}, the ${i.split.markedYear} amount of ${money(i.amounts[i.split.markedYear] ?? 0, 'en')} is split as ${joinList(i.split.parts.map((p) => `${money(p.amount, 'en')} to ${orgShort(ctx, p.administration)}`), 'en')}. The table does not give the split for the other years.`)
    : t(ctx, `Tabellen angiver ikke, hvilken forvaltning ${i.name} hører under, og fordeler ikke linjen mellem forvaltninger; oversigten står i ${orgName(ctx, pkg.overviewOf)}s sag.`,
        `The table does not say which administration ${i.name} belongs to, nor split it between administrations; the overview is in a case from ${orgShort(ctx, pkg.overviewOf)}.`);

  const facts = pkg.years.map((y) => ({
    label: y,
    value: i.amounts[y] !== undefined ? money(i.amounts[y], ctx.lang) : t(ctx, 'intet beløb', 'no amount'),
  }));
  if (i.permanentFunding !== undefined) facts.push({ label: t(ctx, 'Varig', 'Permanent'), value: money(i.permanentFunding, ctx.lang) });
  // The row as the table names it: its budget agreement or budget reference ("budgetaftale 2023", "Æ45").
  facts.push({ label: t(ctx, 'Linje i tabellen', 'Row in the table'), value: i.tableLabel });

  const lines: string[] = [];
  const asked = years.filter((y) => Number(y) >= 2000);
  if (focus === 'amount' && asked.length > 0) {
    for (const y of asked) {
      const a = i.amounts[y];
      if (a !== undefined) lines.push(t(ctx, `${i.name} får ${money(a, 'da')} i ${y} (${unit}).`, `${i.name} receives ${money(a, 'en')} in ${y} (${unit}).`));
      else
        lines.push(
          t(ctx, `${i.name} har ikke noget beløb i ${y} i Sikker By-budgetpakken: sidste år med finansiering er ${i.lastFundedYear}.`,
            `${i.name} has no amount in ${y} in the Sikker By budget package: its last funded year is ${i.lastFundedYear}.`),
        );
    }
    lines.push(endLine);
  } else if (focus === 'amount') {
    const amounts = Object.values(i.amounts);
    const same = amounts.every((a) => a === amounts[0]);
    lines.push(
      same
        ? t(ctx, `${i.name} får ${money(amounts[0] ?? 0, 'da')} om året i ${joinList(Object.keys(i.amounts), 'da')} (${unit}).`,
            `${i.name} receives ${money(amounts[0] ?? 0, 'en')} a year in ${joinList(Object.keys(i.amounts), 'en')} (${unit}).`)
        : t(ctx, `${i.name} får beløbene i tabellen nedenfor (${unit}).`, `${i.name} receives the amounts in the table below (${unit}).`),
    );
    lines.push(endLine);
  } else if (focus === 'split') lines.push(splitLine);
  else if (focus === 'permanent') lines.push(permanentLine);
  else if (focus === 'fundingEnd') lines.push(endLine, permanentLine);
  else {
    const description = read.of(i, 'description');
    // (initiatives.yaml gives a description only where a source describes the initiative.)
    lines.push(
      description ??
        t(ctx, `Kilderne beskriver ikke ${i.name} ud over linjen i budgettabellen: "${i.tableLabel}".`,
          `The sources do not describe ${i.name} beyond its line in the budget table: "${i.tableLabel}".`),
    );
    lines.push(
      t(ctx, `Beløb fra Sikker By-budgetpakken (${unit}) står nedenfor.`, `Amounts from the Sikker By budget package (${unit}) are below.`),
      endLine,
    );
    if (i.permanentFunding !== undefined) lines.push(permanentLine);
  }

  const followUps = [
    focus !== 'fundingEnd' ? t(ctx, `Hvornår udløber ${i.name}?`, `When does ${i.name} funding end?`) : undefined,
    i.split && focus !== 'split' ? t(ctx, `Hvordan er ${i.name} fordelt?`, `How is ${i.name} split?`) : undefined,
    t(ctx, `Hvilke indsatser udløber i ${i.lastFundedYear}?`, `Which initiatives end in ${i.lastFundedYear}?`),
  ].filter((q): q is string => !!q);

  // Figures come from the budget table alone: cite only it, so that the age warning of a
  // 2010 memo quoted in a description does not land on 2023 amounts.
  const tableSources = i.sources.filter((c) => pkg.sources.some((p) => p.source === c.source));
  return finish(ctx, {
    prose: read,
    title: i.name,
    text: lines.join('\n\n'),
    facts,
    warnings: [],
    followUps: followUps.slice(0, 3),
    sources: focus === 'overview' || tableSources.length === 0 ? i.sources : tableSources,
  });
}

export function expiringAnswer(ctx: ComposeContext, year: string): Answer {
  const { kb } = ctx;
  const lines = kb.initiatives.filter((i) => String(i.lastFundedYear) === year);
  const stated = kb.budgetPackage.expiryTotals.find((x) => x.year === year);
  const past = Number(ctx.today.slice(0, 4)) > Number(year);
  if (lines.length === 0)
    return finish(ctx, {
      title: t(ctx, `Udløb i ${year}`, `Expiring in ${year}`),
      text: t(ctx, `Ingen indsatser i Sikker By-budgetpakken har ${year} som sidste finansierede år. Tabellen dækker ${kb.budgetPackage.years.join(', ')}.`,
        `No initiative in the Sikker By budget package has ${year} as its last funded year. The table covers ${kb.budgetPackage.years.join(', ')}.`),
      sources: kb.budgetPackage.sources,
    });
  const verb = past ? t(ctx, 'udløb', 'ended') : t(ctx, 'udløber', 'end');
  const text = [
    t(ctx, `Disse ${lines.length} indsatser ${verb} i ${year} (sidste år med beløb i Sikker By-budgetpakken):`,
      `These ${lines.length} initiatives ${verb} in ${year} (last year with an amount in the Sikker By budget package):`),
    bullets(lines.map((i) => `${i.name}: ${money(i.amounts[year] ?? 0, ctx.lang)}`)),
    stated ? totalSentence(ctx, stated) : '',
  ].filter(Boolean);
  return finish(ctx, {
    title: t(ctx, `Udløb i ${year}`, `Expiring in ${year}`),
    text: text.join('\n\n'),
    followUps: lines.slice(0, 2).map((i) => t(ctx, `Hvad er ${i.name}?`, `What is ${i.name}?`)),
    sources: kb.budgetPackage.sources,
    listed: lines.map((i) => i.id),
  });
}

function totalSentence(ctx: ComposeContext, total: KnowledgeBase['budgetPackage']['expiryTotals'][number]): string {
  // money() ends in "kr." already: no second full stop.
  const base = t(ctx, `Dokumentets "Årlige udløb i alt" for ${total.year} er ${money(total.stated, 'da')}`,
    `The document's stated annual expiry total for ${total.year} is ${money(total.stated, 'en')}.`);
  const d = total.discrepancy;
  if (!d) return base;
  const explanation = prose(d, 'explanation', ctx.lang);
  const editorial = prose(d, 'editorial', ctx.lang);
  return [
    base,
    t(ctx, `Bemærk: rækkerne summer til ${money(d.computed, 'da')}`, `Note: the rows add up to ${money(d.computed, 'en')}.`),
    explanation?.text ?? '',
    editorial ? editorialLine(ctx, editorial.text) : '',
  ].filter(Boolean).join(' ');
}

/**
 * The initiatives ranked by their yearly amount, largest (or smallest) first: in the year asked
 * for, else by their largest yearly amount in the table.
 */
export function rankedByAmount(ctx: ComposeContext, order: 'most' | 'least', year?: string): Answer {
  const pkg = ctx.kb.budgetPackage;
  const amountOf = (i: FundedInitiative) => (year ? i.amounts[year] : Math.max(...Object.values(i.amounts)));
  const ranked = ctx.kb.initiatives
    .map((i) => ({ i, amount: amountOf(i) }))
    .filter((x): x is { i: FundedInitiative; amount: number } => x.amount !== undefined && Number.isFinite(x.amount))
    .sort((a, b) => (order === 'most' ? b.amount - a.amount : a.amount - b.amount));
  const unit = t(ctx, `mio. kr., ${pkg.priceLevel}-priser`, `DKK million, ${pkg.priceLevel} prices`);
  const first = ranked[0];
  const when = year ? t(ctx, `i ${year}`, `in ${year}`) : t(ctx, 'om året', 'a year');
  const lead = first
    ? order === 'most'
      ? t(ctx, `Det største beløb ${when} i Sikker By-budgetpakken har ${first.i.name}: ${money(first.amount, 'da')} (${unit}).`,
          `The largest amount ${when} in the Sikker By budget package goes to ${first.i.name}: ${money(first.amount, 'en')} (${unit}).`)
      : t(ctx, `Det mindste beløb ${when} i Sikker By-budgetpakken har ${first.i.name}: ${money(first.amount, 'da')} (${unit}).`,
          `The smallest amount ${when} in the Sikker By budget package goes to ${first.i.name}: ${money(first.amount, 'en')} (${unit}).`)
    : t(ctx, `Ingen indsatser har et beløb ${when} i tabellen.`, `No initiative has an amount ${when} in the table.`);
  return finish(ctx, {
    title: order === 'most' ? t(ctx, 'Største beløb', 'Largest amounts') : t(ctx, 'Mindste beløb', 'Smallest amounts'),
    text: [lead, bullets(ranked.slice(0, 5).map((x) => `${x.i.name}: ${money(x.amount, ctx.lang)}`))].join('\n\n'),
    followUps: ranked.slice(0, 2).map((x) => t(ctx, `Hvad er ${x.i.name}?`, `What is ${x.i.name}?`)),
    sources: pkg.sources,
    listed: ranked.slice(0, 5).map((x) => x.i.id),
  });
}

export function totalsAnswer(ctx: ComposeContext, years: readonly string[]): Answer {
  const totals = ctx.kb.budgetPackage.expiryTotals.filter((x) => years.length === 0 || years.includes(x.year));
  const rows = totals.length > 0 ? totals : ctx.kb.budgetPackage.expiryTotals;
  return finish(ctx, {
    title: t(ctx, 'Årlige udløb i alt', 'Annual expiry totals'),
    text: rows.map((r) => totalSentence(ctx, r)).join('\n\n'),
    facts: rows.map((r) => ({ label: r.year, value: money(r.stated, ctx.lang) })),
    followUps: rows.slice(0, 2).map((r) => t(ctx, `Hvilke indsatser udløber i ${r.year}?`, `Which initiatives end in ${r.year}?`)),
    sources: ctx.kb.budgetPackage.sources,
  });
}

export function initiativesByAdministration(ctx: ComposeContext, org: Organisation): Answer {
  const list = ctx.kb.initiatives.filter((i) => i.administrations.includes(org.id));
  const split = ctx.kb.initiatives.filter((i) => i.split).length;
  // (Through Prose: an English answer says when the note exists only in Danish.)
  const read = new Prose(ctx.lang);
  const note = read.of(ctx.kb.budgetPackage, 'overviewNote');
  const named = organisationName(org, ctx.lang);
  const overview = [
    note ?? '',
    t(ctx, `${split} af tabellens ${ctx.kb.initiatives.length} linjer er fordelt i fodnoterne.`,
      `${split} of the table's ${ctx.kb.initiatives.length} lines are split in the footnotes.`),
  ].filter(Boolean).join(' ');
  return finish(ctx, {
    prose: read,
    title: t(ctx, `Indsatser: ${org.name}`, `Initiatives: ${orgTitle(ctx, org)}`),
    text:
      list.length === 0
        ? [t(ctx, `Budgettabellen knytter ingen indsatser til ${org.name}.`, `The budget table links no initiatives to ${named}.`), overview].join('\n\n')
        : [
            t(ctx, `Budgettabellens fodnoter fordeler ${list.length} indsatser med en andel til ${org.name}:`,
              `The budget table's footnotes give ${named} a share of ${list.length} initiatives:`),
            bullets(list.map((i) => `${i.name} (${t(ctx, 'sidste år', 'last year')} ${i.lastFundedYear})`)),
            overview,
          ].join('\n\n'),
    sources: ctx.kb.budgetPackage.sources,
    listed: list.map((i) => i.id),
  });
}

/** "Hvilke indsatser er 18+ indsatser?": the lines of the budget table that the question's words fit, each with its label. */
export function initiativesListed(ctx: ComposeContext, list: readonly FundedInitiative[]): Answer {
  const total = ctx.kb.initiatives.length;
  return finish(ctx, {
    title: t(ctx, 'Indsatser i Sikker By-budgetpakken', 'Initiatives in the Sikker By budget package'),
    text: [
      list.length === total
        ? t(ctx, `Sikker By-budgetpakken har ${total} indsatser i budgettabellen:`, `The Sikker By budget package has ${total} initiatives in the budget table:`)
        : t(ctx, `${list.length} af budgettabellens ${total} linjer passer på spørgsmålet:`, `${list.length} of the budget table's ${total} lines fit the question:`),
      bullets(list.map((i) => `${i.name}: "${i.tableLabel}" (${t(ctx, 'sidste år med beløb', 'last year with an amount')} ${i.lastFundedYear})`)),
    ].join('\n\n'),
    followUps: list.slice(0, 2).map((i) => t(ctx, `Hvad er ${i.name}?`, `What is ${i.name}?`)),
    sources: ctx.kb.budgetPackage.sources,
    listed: list.map((i) => i.id),
  });
}

export function budgetPackageAnswer(ctx: ComposeContext): Answer {
  const pkg = ctx.kb.budgetPackage;
  const read = new Prose(ctx.lang);
  return finish(ctx, {
    prose: read,
    title: read.of(pkg, 'name') ?? pkg.name,
    text: [
      read.of(pkg, 'description'),
      t(ctx, `Pakken har ${ctx.kb.initiatives.length} indsatser i tabellen for ${pkg.years[0]}-${pkg.years[pkg.years.length - 1]}.`,
        `The package has ${ctx.kb.initiatives.length} initiatives in the table for ${pkg.years[0]}-${pkg.years[pkg.years.length - 1]}.`),
    ].join('\n\n'),
    facts: pkg.expiryTotals.map((x) => ({ label: t(ctx, `Udløb ${x.year}`, `Expiring ${x.year}`), value: money(x.stated, ctx.lang) })),
    followUps: [t(ctx, 'Hvilke indsatser udløber i 2026?', 'Which initiatives end in 2026?'), t(ctx, 'Hvor meget udløber i alt i 2024?', 'How much expires in total in 2024?')],
    sources: pkg.sources,
  });
}

// ---------------------------------------------------------------- principles and focus areas

/** The kinds of principle in English, with the Danish term that the sources use beside it. */
const PRINCIPLE_KINDS_EN: Record<Strategy['principleCounts'][number]['kind'], string> = {
  princip: 'principles',
  grundprincip: 'basic principles (grundprincipper)',
  fagprincip: 'subject principles (fagprincipper)',
  appendiks: 'appendix',
};

/**
 * A principle's or focus area's name for an English follow-up question: its translation with the Danish beside it
 * ("Biker and gang crime (Rocker- og bandekriminalitet)"), so the question reads in English and is found by either.
 */
function askedName<R extends { readonly en?: object }, K extends keyof R & string>(record: R, field: K): string {
  const danish = record[field];
  return typeof danish === 'string' ? localName(danish, prose(record as Parameters<typeof prose>[0], field as never, 'en')?.text as string | undefined, 'en') : '';
}

export function principlesOfStrategy(ctx: ComposeContext, s: Strategy): Answer {
  const read = new Prose(ctx.lang);
  const principles = ctx.kb.principles.filter((p) => p.strategy === s.id);
  const counts = s.principleCounts.map((c) => {
    const named = c.namedInSources ? '' : t(ctx, ' (kilderne nævner ikke, hvilke)', ', which the sources do not name,');
    return `${countWord(c.count, ctx.lang)} ${ctx.lang === 'da' ? (c.kind === 'princip' ? 'principper' : c.kind === 'appendiks' ? 'appendiks' : c.kind.replace('princip', 'principper')) : PRINCIPLE_KINDS_EN[c.kind]}${named}`;
  });
  const state = strategyState(ctx, s);
  return finish(ctx, {
    prose: read,
    title: s.name,
    text: [
      t(ctx, `${s.name} består af ${joinList(counts, 'da')}.`, `${s.name} consists of ${joinList(counts, 'en')}.`),
      // A number the source gives goes after the title: where some principles have none ("fagprincip 1, 2 and 4"),
      // a "1." in front would read as a list with numbers missing.
      bullets(principles.map((p) => { const title = read.of(p, 'title') ?? p.title; return p.number && !principles.every((x) => x.number) ? `${title} (${t(ctx, 'nr.', 'no.')} ${p.number})` : p.number ? `${p.number}. ${title}` : title; })),
      state,
    ].join('\n\n'),
    followUps: principles
      .filter((p) => p.kind === 'fagprincip')
      .slice(0, 3)
      .map((p) => t(ctx, `Hvilke fokusområder har ${p.shortName.toLowerCase()}?`, `What are the focus areas of ${askedName(p, 'shortName')}?`)),
    sources: [...s.sources, ...principles.flatMap((p) => p.sources)],
    listed: principles.map((p) => p.id),
  });
}

/** The focus areas of a strategy, principle by principle ("Hvilke fokusområder har strategien 2022-2025?"). */
export function focusAreasOfStrategy(ctx: ComposeContext, s: Strategy): Answer {
  const read = new Prose(ctx.lang);
  const principles = ctx.kb.principles.filter((p) => p.strategy === s.id);
  const parts = principles.flatMap((p) => {
    const areas = ctx.kb.focusAreas.filter((f) => f.principle === p.id && f.status === 'in-strategy');
    if (areas.length === 0 && p.focusAreaCount === undefined) return [];
    const count = p.focusAreaCount !== undefined ? ` (${countWord(p.focusAreaCount, ctx.lang)})` : '';
    const unnamed = p.focusAreaCount !== undefined && p.focusAreaCount > areas.length
      ? [t(ctx, `Kilderne beskriver kun ${countWord(areas.length, 'da')} af dem.`, `The sources describe only ${countWord(areas.length, 'en')} of them.`)]
      : [];
    return [`**${read.of(p, 'title') ?? p.title}**${count}`, bullets(areas.map((f) => read.of(f, 'title') ?? f.title)), ...unnamed];
  });
  const silent = principles.filter((p) => p.focusAreaCount === undefined && !ctx.kb.focusAreas.some((f) => f.principle === p.id));
  const lines = parts.length
    ? [t(ctx, `Fokusområderne i ${s.name}, fagprincip for fagprincip:`, `The focus areas of ${s.name}, principle by principle:`), ...parts]
    : [t(ctx, `Kilderne nævner ingen fokusområder under principperne i ${s.name}.`, `The sources name no focus areas under the principles of ${s.name}.`)];
  if (parts.length && silent.length)
    lines.push(t(ctx, `Kilderne nævner ikke fokusområderne for ${joinList(silent.map((p) => p.title), 'da')}.`, `The sources do not name the focus areas of ${joinList(silent.map((p) => read.of(p, 'title') ?? p.title), 'en')}.`));
  const proposed = ctx.kb.focusAreas.filter((f) => f.status === 'proposed-at-midterm' && principles.some((p) => p.id === f.principle));
  if (proposed.length)
    lines.push(t(ctx, `Foreslået ved midtvejsstatus: ${joinList(proposed.map((f) => f.title), 'da')}.`, `Proposed at the mid-term status: ${joinList(proposed.map((f) => read.of(f, 'title') ?? f.title), 'en')}.`));
  return finish(ctx, {
    prose: read,
    title: s.name,
    text: lines.join('\n\n'),
    followUps: principles.filter((p) => p.kind === 'fagprincip').slice(0, 2).map((p) => t(ctx, `Hvad går princippet om ${p.shortName.toLowerCase()} ud på?`, `What does the principle ${askedName(p, 'shortName')} cover?`)),
    sources: [...s.sources, ...principles.flatMap((p) => p.sources)],
  });
}

/** Principles of one or more strategies that a question asks for together ("Hvilke principper handler om børn og unge?"), each with its strategy. */
export function principlesListed(ctx: ComposeContext, list: readonly Principle[]): Answer {
  const read = new Prose(ctx.lang);
  const strategyName = (p: Principle) => ctx.kb.strategies.find((s) => s.id === p.strategy)?.name ?? '';
  return finish(ctx, {
    prose: read,
    title: t(ctx, 'Principperne om det, du spørger om', 'The principles about what you ask'),
    text: [
      t(ctx, `Disse ${countWord(list.length, 'da')} principper handler om det, du spørger om:`, `These ${countWord(list.length, 'en')} principles are about what you ask:`),
      bullets(list.map((p) => `${read.of(p, 'title') ?? p.title} (${strategyName(p)})`)),
    ].join('\n\n'),
    followUps: list.slice(0, 3).map((p) => t(ctx, `Hvad går princippet om ${p.shortName.toLowerCase()} ud på?`, `What does the principle ${askedName(p, 'shortName')} cover?`)),
    sources: list.flatMap((p) => p.sources),
  });
}

/**
 * "Hvad er princippet om et trygt natteliv?" – "og i 2018-2021?": the strategy asked about has no principle about the
 * same, so the answer says so and lists the principles it has (a list a follow-up can pick from).
 */
export function noCounterpartAnswer(ctx: ComposeContext, p: Principle, s: Strategy): Answer {
  const read = new Prose(ctx.lang);
  const principles = ctx.kb.principles.filter((x) => x.strategy === s.id);
  const own = ctx.kb.strategies.find((x) => x.id === p.strategy)?.name ?? '';
  const name = localName(p.shortName, read.of(p, 'shortName'), ctx.lang);
  const unnamed = s.principleCounts.filter((c) => !c.namedInSources).map((c) => `${countWord(c.count, ctx.lang)} ${ctx.lang === 'da' ? c.kind.replace('princip', 'principper') : PRINCIPLE_KINDS_EN[c.kind]}`);
  return finish(ctx, {
    prose: read,
    title: t(ctx, `Intet princip om ${name} i ${s.name}`, `No principle on ${name} in ${s.name}`),
    // (Of principles the sources count but do not name, nothing can be said: the answer speaks of those they name.)
    text: [
      unnamed.length > 0
        ? t(ctx, `Af de principper i ${s.name}, som kilderne beskriver, svarer intet til princippet om ${name} i ${own}; kilderne navngiver ikke dens ${joinList(unnamed, 'da')}. De beskrevne principper er:`,
          `Of the principles of ${s.name} that the sources describe, none corresponds to the principle on ${name} in ${own}; the sources do not name its ${joinList(unnamed, 'en')}. The principles described are:`)
        : t(ctx, `${s.name} har intet princip, der svarer til princippet om ${name} i ${own}. Dens principper er:`,
          `${s.name} has no principle that corresponds to the principle on ${name} in ${own}. Its principles are:`),
      bullets(principles.map((x) => { const title = read.of(x, 'title') ?? x.title; return x.number ? `${x.number}. ${title}` : title; })),
      strategyState(ctx, s),
    ].filter(Boolean).join('\n\n'),
    followUps: [t(ctx, `Hvad går princippet om ${p.shortName.toLowerCase()} ud på?`, `What does the principle ${p.shortName} cover?`)],
    sources: [...s.sources, ...p.sources],
    listed: principles.map((x) => x.id),
  });
}

function strategyState(ctx: ComposeContext, s: Strategy): string {
  const state = periodCurrency(s.period, ctx.today);
  if (state === 'ended') {
    const later = laterStrategy(ctx.kb, s);
    if (later) return t(ctx, `Strategiperioden ${s.period.from}-${s.period.to} er slut. Den nyere strategi i kilderne er ${later.name}.`,
      `The strategy period ${s.period.from}-${s.period.to} has ended. The later strategy in the sources is ${later.name}.`);
    return t(ctx, `Strategiperioden ${s.period.from}-${s.period.to} er slut. Kilderne indeholder ingen nyere strategi.`,
      `The strategy period ${s.period.from}-${s.period.to} has ended. The sources hold no later strategy.`);
  }
  if (state === 'current') return t(ctx, `Strategien gælder ${s.period.from}-${s.period.to}.`, `The strategy runs ${s.period.from}-${s.period.to}.`);
  return '';
}

/** @param listedAt the place it was asked for by, where a source lists it there without numbering it. */
export function principleAnswer(ctx: ComposeContext, p: Principle, focus: 'overview' | 'focusAreas' | 'count', listedAt?: number): Answer {
  const read = new Prose(ctx.lang);
  const areas = ctx.kb.focusAreas.filter((f) => f.principle === p.id);
  const inStrategy = areas.filter((f) => f.status === 'in-strategy');
  const proposed = areas.filter((f) => f.status === 'proposed-at-midterm');
  const strategy = ctx.kb.strategies.find((s) => s.id === p.strategy);
  const lines: string[] = [];
  if (listedAt !== undefined) {
    const listed = ctx.kb.principles.filter((x) => x.strategy === p.strategy && x.kind === p.kind && x.listed !== undefined).length;
    lines.push(t(ctx, `Kilderne giver ikke dette ${p.kind} et nummer; i kildens oversigt over de ${countWord(listed, 'da')} ${p.kind}per står det som nr. ${listedAt}.`,
      `The sources give this principle no number; the source's list of the ${countWord(listed, 'en')} ${PRINCIPLE_KINDS_EN[p.kind]} has it in place ${listedAt}.`));
  }
  const countLine =
    p.focusAreaCount !== undefined
      ? t(ctx, `Princippet har ${countWord(p.focusAreaCount, 'da')} (${p.focusAreaCount}) fokusområder.`, `The principle has ${countWord(p.focusAreaCount, 'en')} (${p.focusAreaCount}) focus areas.`)
      : t(ctx, 'Kilderne angiver ikke, hvor mange fokusområder princippet har.', 'The sources do not say how many focus areas the principle has.');
  const areaList = bullets(inStrategy.map((f) => { const title = read.of(f, 'title') ?? f.title; return f.ordinal ? `${title} (${t(ctx, `nr. ${f.ordinal}`, `no. ${f.ordinal}`)})` : title; }));
  const unnamed =
    p.focusAreaCount !== undefined && p.focusAreaCount > inStrategy.length
      ? t(ctx, `Kilderne beskriver kun ${countWord(inStrategy.length, 'da')} af dem.`, `The sources describe only ${countWord(inStrategy.length, 'en')} of them.`)
      : '';
  if (focus === 'count') lines.push(countLine, inStrategy.length ? areaList : '', unnamed);
  else if (focus === 'focusAreas') {
    lines.push(countLine, inStrategy.length ? areaList : '', unnamed);
    for (const f of inStrategy.slice(0, 4)) lines.push(`**${read.of(f, 'title') ?? f.title}**: ${firstSentences(read.of(f, 'description') ?? '', 1)}`);
  } else {
    lines.push(p.title !== p.summary ? (read.of(p, 'summary') ?? p.summary) : p.title);
    if (inStrategy.length) lines.push(countLine, areaList, unnamed);
    const midterm = read.of(p, 'midtermStatus');
    if (midterm) lines.push(`${t(ctx, 'Midtvejsstatus', 'Mid-term status')}: ${midterm}`);
  }
  if (proposed.length)
    lines.push(t(ctx, `Foreslået ved midtvejsstatus: ${joinList(proposed.map((f) => f.title), 'da')}.`, `Proposed at the mid-term status: ${joinList(proposed.map((f) => read.of(f, 'title') ?? f.title), 'en')}.`));
  if (strategy) lines.push(strategyState(ctx, strategy));
  return finish(ctx, {
    prose: read,
    title: localName(p.title, read.of(p, 'title'), ctx.lang),
    text: lines.filter(Boolean).join('\n\n'),
    followUps: [
      focus !== 'focusAreas' ? t(ctx, `Hvilke fokusområder har ${p.shortName.toLowerCase()}?`, `What are the focus areas of ${askedName(p, 'shortName')}?`) : undefined,
      t(ctx, 'Hvilke fagprincipper er der?', 'What are the subject principles?'),
      ...inStrategy.slice(0, 1).map((f) => t(ctx, `Hvad er ${f.title.toLowerCase()}?`, `What is ${askedName(f, 'title')}?`)),
    ].filter((x): x is string => !!x),
    sources: [...p.sources, ...areas.flatMap((f) => f.sources)],
  });
}

export function focusAreaAnswer(ctx: ComposeContext, f: FocusArea): Answer {
  const p = ctx.kb.principles.find((x) => x.id === f.principle);
  const read = new Prose(ctx.lang);
  const lines = [read.of(f, 'description') ?? f.description];
  if (f.proposal) {
    lines.push(
      t(ctx, `Foreslået af ${joinList(f.proposal.proposedBy.map((o) => orgName(ctx, o)), 'da')} ved midtvejsstatus.`,
        `Proposed by ${joinList(f.proposal.proposedBy.map((o) => orgName(ctx, o)), 'en')} at the mid-term status.`),
      ...f.proposal.reasons.map((r) => `${orgName(ctx, r.by)}: ${read.of(r, 'reason') ?? r.reason}`),
    );
  }
  if (p) lines.push(t(ctx, `Fokusområdet hører under ${p.title}.`, `The focus area belongs to ${localName(p.title, read.of(p, 'title'), 'en')}.`));
  return finish(ctx, {
    prose: read,
    title: localName(f.title, read.of(f, 'title'), ctx.lang),
    text: lines.join('\n\n'),
    followUps: p ? [t(ctx, `Hvilke fokusområder har ${p.shortName.toLowerCase()}?`, `What are the focus areas of ${askedName(p, 'shortName')}?`)] : [],
    sources: f.sources,
  });
}

// ---------------------------------------------------------------- strategies

export function strategyAnswer(ctx: ComposeContext, s: Strategy, focus: 'overview' | 'decision' | 'midterm'): Answer {
  const read = new Prose(ctx.lang);
  // The body first: a bullet that opens with a date ("3. november") is escaped as a list number, which plain-text readers then see.
  const decisions = s.decisions.map((d) => `${orgName(ctx, d.by)}, ${date(d.date, ctx.lang)}: ${firstSentences(read.of(d, 'what') ?? d.what, 1)}`);
  const lines: string[] = [];
  if (focus === 'midterm' && s.midtermStatus) {
    lines.push(read.of(s.midtermStatus, 'summary') ?? s.midtermStatus.summary);
    lines.push(t(ctx, `Midtvejsstatus (${date(s.midtermStatus.date, 'da')}) blev drøftet af ${orgName(ctx, s.midtermStatus.discussedBy)} inden forelæggelsen for ${orgName(ctx, s.midtermStatus.presentedTo)}.`,
      `The mid-term status (${date(s.midtermStatus.date, 'en')}) was discussed by ${orgName(ctx, s.midtermStatus.discussedBy)} before it was presented to ${orgName(ctx, s.midtermStatus.presentedTo)}.`));
  } else {
    const purpose = focus === 'overview' ? read.of(s, 'purpose') : undefined;
    if (purpose) lines.push(purpose);
    lines.push(bullets(decisions));
    const organisation = focus === 'overview' ? read.of(s, 'organisation') : undefined;
    if (organisation) lines.push(firstSentences(organisation, 3));
  }
  lines.push(strategyState(ctx, s));
  return finish(ctx, {
    prose: read,
    title: s.name,
    text: lines.filter(Boolean).join('\n\n'),
    followUps: [
      t(ctx, `Hvilke principper har ${s.name}?`, `What are the principles of ${s.name}?`),
      t(ctx, 'Hvad er den nuværende strategi?', 'What is the current strategy?'),
    ],
    sources: [...s.sources, ...s.decisions.flatMap((d) => d.sources), ...(focus === 'midterm' && s.midtermStatus ? s.midtermStatus.sources : [])],
  });
}

export function currentStrategyAnswer(ctx: ComposeContext): Answer {
  const r = currentStrategy(ctx.kb, ctx.today);
  if (r.kind === 'current') return strategyAnswer(ctx, r.strategy, 'overview');
  const latest = r.latest;
  return finish(ctx, {
    title: t(ctx, 'Den nuværende strategi', 'The current strategy'),
    text: latest
      ? t(ctx, `Jeg kender ikke en strategi, der gælder nu. Den nyeste i kilderne er ${latest.name}, og dens periode (${latest.period.from}-${latest.period.to}) er slut. Kilderne indeholder ingen nyere strategi; spørg Team Sikker By i Økonomiforvaltningen.`,
          `I don't know of a strategy in force now. The newest in the sources is ${latest.name}, and its period (${latest.period.from}-${latest.period.to}) has ended. The sources hold no later strategy; ask Team Sikker By in the Finance Administration.`)
      : t(ctx, 'Kilderne indeholder ingen strategi.', 'The sources hold no strategy.'),
    followUps: latest ? [t(ctx, `Hvilke principper har ${latest.name}?`, `What are the principles of ${latest.name}?`)] : [],
    sources: latest?.sources ?? [],
  });
}

// ---------------------------------------------------------------- organisations, people, terms, plans, events

export function organisationAnswer(ctx: ComposeContext, o: Organisation, focus: 'overview' | 'contact'): Answer {
  const lines: string[] = [];
  const facts: { label: string; value: string }[] = [];
  const warnings: string[] = [];
  const read = new Prose(ctx.lang);
  const description = focus === 'overview' ? read.of(o, 'description') : undefined;
  if (description) lines.push(description);
  if (focus === 'overview' && o.editorial) lines.push(editorialLine(ctx, o.editorial));
  if (o.partOf) lines.push(t(ctx, `Del af ${orgName(ctx, o.partOf)}.`, `Part of ${orgName(ctx, o.partOf)}.`));
  // Asked how to reach a body whose details the sources do not print, the answer names that, and gives the details
  // the sources do print for a unit of the same administration (Team Sikker By has none; Center for Sikker By's
  // letterhead of 2010 is in the same Finance Administration), dated and with its own source.
  const printed = o.contact ? o : focus === 'contact' ? contactNearby(ctx.kb, o) : undefined;
  const sources = printed && printed !== o ? [...o.sources, ...printed.sources] : o.sources;
  if (!o.contact && focus === 'contact') {
    lines.push(t(ctx, `Kilderne giver ingen kontaktoplysninger for ${o.name}. Sikker By-samarbejdet koordineres af Team Sikker By i Økonomiforvaltningen.`,
      `The sources give no contact details for ${o.name}. The Sikker By cooperation is coordinated by Team Sikker By in the Finance Administration.`));
  }
  if (printed?.contact) {
    const c = printed.contact;
    if (c.address) facts.push({ label: t(ctx, 'Adresse', 'Address'), value: c.address.join(', ') });
    if (c.phone) facts.push({ label: t(ctx, 'Telefon', 'Phone'), value: c.phone });
    if (c.fax) facts.push({ label: 'Telefax', value: c.fax });
    if (c.email) facts.push({ label: 'E-mail', value: c.email });
    if (c.ean) facts.push({ label: 'EAN', value: c.ean });
    if (c.web) facts.push({ label: 'Web', value: c.web });
    if (printed !== o)
      lines.push(t(ctx, `De eneste kontaktoplysninger i kilderne for en enhed i ${orgName(ctx, printed.partOf)} er ${printed.name}s pr. ${date(c.asOf, 'da')}:`,
        `The only contact details in the sources for a unit of ${orgName(ctx, printed.partOf)} are those of ${printed.name} as of ${date(c.asOf, 'en')}:`));
    else if (focus === 'contact')
      lines.push(t(ctx, `Kontaktoplysninger for ${o.name} pr. ${date(c.asOf, 'da')}:`, `Contact details for ${o.name} as of ${date(c.asOf, 'en')}:`));
    if (printed.historical || ageInYears(c.asOf, ctx.today) >= OLD_SOURCE_YEARS)
      warnings.push(t(ctx, `Kontaktoplysningerne er fra ${date(c.asOf, 'da')} og kan være forældede. Kontakt Team Sikker By i Økonomiforvaltningen for aktuelle oplysninger.`,
        `The contact details are from ${date(c.asOf, 'en')} and may be out of date. Contact Team Sikker By in the Finance Administration for current details.`));
  }
  if (o.historical && !o.contact) warnings.push(t(ctx, `Oplysningerne stammer fra ${date(o.asOf, 'da')}.`, `This information dates from ${date(o.asOf, 'en')}.`));
  const people = ctx.kb.people.filter((p) => p.organisation === o.id);
  if (people.length && focus === 'overview')
    lines.push(t(ctx, `Nævnte personer: ${joinList(people.map((p) => personLabel(ctx, p)), 'da')}.`, `People named: ${joinList(people.map((p) => personLabel(ctx, p)), 'en')}.`));
  return finish(ctx, {
    prose: read,
    title: orgTitle(ctx, o),
    text: lines.join('\n\n') || o.name,
    facts,
    warnings,
    followUps: [t(ctx, 'Hvem samarbejder i Sikker By?', 'Who cooperates in Sikker By?'), t(ctx, 'Hvem koordinerer Sikker By?', 'Who coordinates Sikker By?')],
    sources,
  });
}

/** A unit of the same administration as `o` (or of `o` itself) whose contact details a source prints. */
export function contactNearby(kb: KnowledgeBase, o: Organisation): Organisation | undefined {
  const sibling = (of: Organisation) => kb.organisations.find((x) => x.contact && x.id !== of.id && x.partOf === (of.partOf ?? of.id));
  // A body outside that administration is pointed to the coordinator of the cooperation, as its answer says.
  const coordinator = coordinatorOf(kb);
  return sibling(o) ?? (coordinator && coordinator.id !== o.id ? sibling(coordinator) : undefined);
}

/**
 * "Hvem skal jeg kontakte om bandekriminalitet?": the administrations behind an
 * initiative where the sources name them, and Team Sikker By, which coordinates
 * the cooperation. The sources give no contact details for Team Sikker By, and
 * the answer says so rather than offering the 2010 details of Center for Sikker By as current.
 */
export function contactForTopic(
  ctx: ComposeContext,
  topic: { name: string; sources: readonly SourceRef[]; administrations?: readonly string[]; administrationsNote?: LocalText; ids?: readonly string[] },
): Answer {
  const coordinator = coordinatorOf(ctx.kb);
  const lines: string[] = [];
  const linked = topic.administrations ? [] : bodiesWorkingOn(ctx.kb, topic.ids ?? []);
  const read = new Prose(ctx.lang);
  if (linked.length) {
    const said = linked.map((l) => `- ${l.say(read) ?? ''}`);
    lines.push(t(ctx, `Kilderne knytter ${topic.name} til ${joinList(linked.flatMap((l) => l.bodies).filter((b, i, all) => all.indexOf(b) === i).map((id) => orgShort(ctx, id)), 'da')}:`,
      `The sources link ${topic.name} to ${joinList(linked.flatMap((l) => l.bodies).filter((b, i, all) => all.indexOf(b) === i).map((id) => orgShort(ctx, id)), 'en')}:`));
    lines.push(said.join('\n'));
  }
  if (topic.administrations?.length) {
    const names = topic.administrations.map((id) => orgName(ctx, id));
    lines.push(t(ctx, `Budgettabellens fodnote fordeler ${topic.name} på ${joinList(names, 'da')}.`, `The budget table's footnote splits ${topic.name} between ${joinList(names, 'en')}.`));
  } else if (topic.administrations) {
    const pkg = ctx.kb.budgetPackage;
    lines.push(t(ctx, `Budgettabellen angiver ikke, hvilken forvaltning ${topic.name} hører under; oversigten står i ${orgName(ctx, pkg.overviewOf)}s sag.`,
      `The budget table does not say which administration ${topic.name} belongs to; the overview is in a case from ${orgShort(ctx, pkg.overviewOf)}.`));
  }
  if (topic.administrationsNote) lines.push(topic.administrationsNote.text);
  const coordinatorName = coordinator ? `${coordinator.name}${coordinator.partOf ? t(ctx, ` i ${orgName(ctx, coordinator.partOf)}`, ` in ${orgName(ctx, coordinator.partOf)}`) : ''}` : '';
  lines.push(t(ctx,
    `Kilderne nævner ingen kontaktperson for ${topic.name}. Arbejdet i Sikker By-styregruppen og -arbejdsgruppen koordineres af ${coordinatorName}, men kilderne giver ingen kontaktoplysninger (navn, e-mail eller telefon) for ${coordinator?.name ?? ''}.`,
    `The sources name no contact person for ${topic.name}. The work of the Sikker By steering and working groups is coordinated by ${coordinatorName}, but the sources give no contact details (name, e-mail or phone) for ${coordinator?.name ?? ''}.`));
  const note = languageNote(ctx.lang, [topic.administrationsNote]);
  if (note) lines.push(`_${note}_`);
  return finish(ctx, {
    prose: read,
    title: t(ctx, `Kontakt om ${topic.name}`, `Whom to contact about ${topic.name}`),
    text: lines.join('\n\n'),
    followUps: [t(ctx, 'Hvem koordinerer Sikker By?', 'Who coordinates Sikker By?'), t(ctx, 'Hvem samarbejder i Sikker By?', 'Who cooperates in Sikker By?')],
    sources: [...topic.sources, ...linked.flatMap((l) => l.sources), ...(coordinator?.sources ?? [])],
  });
}

/**
 * The administrations (and police) a source says work on a topic: the events and facts about both the topic and the
 * body ("BIF has had an effort to prevent extremism since 2009"), each with what it says and its source.
 */
function bodiesWorkingOn(kb: KnowledgeBase, topicIds: readonly string[]) {
  const bodies = new Set(kb.organisations.filter((o) => o.kind === 'administration' || o.kind === 'police').map((o) => o.id));
  const records = [
    ...kb.events.map((e) => ({ say: (read: Prose) => read.of(e, e.description ? 'description' : 'title'), ids: e.related, sources: e.sources })),
    ...kb.facts.map((f) => ({ say: (read: Prose) => read.of(f, 'statement'), ids: f.about, sources: f.sources })),
  ];
  return records
    .filter((r) => r.ids.some((id) => topicIds.includes(id)))
    .map((r) => ({ ...r, bodies: r.ids.filter((id) => bodies.has(id)) }))
    .filter((r) => r.bodies.length > 0)
    .slice(0, 3);
}

function personLabel(ctx: ComposeContext, p: Person): string {
  return p.role ? `${p.role} ${p.name}` : p.name;
}

export function peopleAnswer(ctx: ComposeContext, people: readonly Person[]): Answer {
  const read = new Prose(ctx.lang);
  const lines = people.map((p) => {
    const org = p.organisation ? `, ${orgName(ctx, p.organisation)}` : '';
    const role = (p.role && read.of(p, 'role')) ?? t(ctx, 'rolle ikke angivet i kilden', 'role not given in the source');
    return `**${p.name}** (${role}${org}, ${t(ctx, 'pr.', 'as of')} ${date(p.asOf, ctx.lang)}): ${read.of(p, 'context') ?? p.context}`;
  });
  const historical = people.filter((p) => p.historical || ageInYears(p.asOf, ctx.today) >= 3);
  return finish(ctx, {
    prose: read,
    title: people.length === 1 ? (people[0]?.name ?? '') : t(ctx, 'Personer', 'People'),
    text: lines.join('\n\n'),
    warnings: historical.length
      ? [t(ctx, 'Kilderne viser personerne i rollen på den angivne dato; det er ikke sikkert, at det stadig gælder.',
          'The sources show these people in the role on the date given; it may no longer be the case.')]
      : [],
    followUps: [t(ctx, 'Hvem skal jeg kontakte om Sikker By?', 'Whom do I contact about Sikker By?')],
    sources: people.flatMap((p) => p.sources),
  });
}

/**
 * The principles a record is tied to in the knowledge base (a term's or an event's `related`, a plan's `principle`),
 * said when the question asks which principle it belongs to ("Under hvilket princip hører X?"): the record's own text
 * may name only a focus area or a plan.
 */
function principlesLine(ctx: ComposeContext, ids: readonly string[]): string {
  const read = new Prose(ctx.lang);
  // (A focus area it is tied to ties it to that focus area's principle.)
  const viaAreas = ctx.kb.focusAreas.filter((f) => ids.includes(f.id)).map((f) => f.principle);
  const tied = ctx.kb.principles.filter((p) => ids.includes(p.id) || viaAreas.includes(p.id));
  if (tied.length === 0) return '';
  const names = tied.map((p) => {
    const strategy = ctx.kb.strategies.find((s) => s.id === p.strategy)?.name ?? '';
    return `${localName(p.title, read.of(p, 'title'), ctx.lang)} (${strategy})`;
  });
  return t(ctx, `Kilderne knytter det til ${tied.length > 1 ? 'principperne' : 'princippet'} ${joinList(names, 'da')}.`,
    `The sources tie it to the ${tied.length > 1 ? 'principles' : 'principle'} ${joinList(names, 'en')}.`);
}

export function termAnswer(ctx: ComposeContext, id: string, asksPrinciple = false): Answer {
  const term = ctx.kb.terms.find((x) => x.id === id);
  if (!term) throw new Error(`no term ${id}`);
  const read = new Prose(ctx.lang);
  const definition = read.of(term, 'definition') ?? term.definition;
  const principles = asksPrinciple ? principlesLine(ctx, term.related) : '';
  return finish(ctx, { prose: read, title: localName(term.term, read.of(term, 'term'), ctx.lang), text: [definition, principles, editorialLine(ctx, term.editorial)].filter(Boolean).join('\n\n'), sources: term.sources });
}

export function planAnswer(ctx: ComposeContext, id: string, asksPrinciple = false): Answer {
  const plan = ctx.kb.plans.find((x) => x.id === id);
  if (!plan) throw new Error(`no plan ${id}`);
  const state = periodCurrency(plan.period, ctx.today);
  const stateText =
    plan.period && state === 'ended'
      ? t(ctx, `Planens periode (${plan.period.from}-${plan.period.to}) er slut.`, `The plan's period (${plan.period.from}-${plan.period.to}) has ended.`)
      : plan.period && state === 'current'
        ? t(ctx, `Planen gælder ${plan.period.from}-${plan.period.to}.`, `The plan runs ${plan.period.from}-${plan.period.to}.`)
        : t(ctx, 'Kilderne angiver ingen slutdato for planen.', 'The sources give no end date for the plan.');
  const read = new Prose(ctx.lang);
  const status = read.of(plan, 'statusAtSource');
  return finish(ctx, {
    prose: read,
    title: localName(plan.name, read.of(plan, 'name'), ctx.lang),
    text: [read.of(plan, 'description'), status ? `${t(ctx, 'Status i kilden', 'Status in the source')}: ${status}` : '', stateText, asksPrinciple && plan.principle ? principlesLine(ctx, [plan.principle]) : '']
      .filter(Boolean)
      .join('\n\n'),
    sources: plan.sources,
  });
}

const WEEKDAYS = {
  da: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

/** The weekday of a full date (worked out from the date the source gives; none for "2010-02"). */
function weekdayFact(ctx: ComposeContext, isoDate: string): { label: string; value: string }[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return [];
  const day = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return [{ label: t(ctx, 'Ugedag', 'Weekday'), value: WEEKDAYS[ctx.lang][day] ?? '' }];
}

export function eventAnswer(ctx: ComposeContext, id: string, asksPrinciple = false): Answer {
  const e = ctx.kb.events.find((x) => x.id === id);
  if (!e) throw new Error(`no event ${id}`);
  const when = e.until ? `${date(e.date, ctx.lang)} – ${date(e.until, ctx.lang)}` : date(e.date, ctx.lang);
  const read = new Prose(ctx.lang);
  const title = read.of(e, 'title') ?? e.title;
  return finish(ctx, {
    prose: read,
    title,
    text: [`**${when}**: ${title}`, read.of(e, 'description') ?? '', asksPrinciple ? principlesLine(ctx, e.related ?? []) : ''].filter(Boolean).join('\n\n'),
    facts: [{ label: t(ctx, 'Dato', 'Date'), value: when }, ...weekdayFact(ctx, e.date)],
    sources: e.sources,
  });
}

/**
 * What the sources say happened or was due within a period, in date order: a month or a day ("i februar 2010",
 * "1. marts 2010"), or a period by its name (`named`: "efteråret 2019").
 */
export function datedAnswer(ctx: ComposeContext, period: string, events: readonly KnowledgeBase['events'][number][], named?: string): Answer {
  const read = new Prose(ctx.lang);
  const when = (e: (typeof events)[number]) => (e.until ? `${date(e.date, ctx.lang)} – ${date(e.until, ctx.lang)}` : date(e.date, ctx.lang));
  const shown = [...events].sort((a, b) => a.date.localeCompare(b.date)).slice(0, MAX_DATED);
  const name = named ?? date(period, ctx.lang);
  return finish(ctx, {
    prose: read,
    title: t(ctx, `Datoer i kilderne: ${name}`, `Dates in the sources: ${name}`),
    text: [
      t(ctx, `Kilderne nævner dette for ${name}:`, `The sources give this for ${name}:`),
      bullets(shown.map((e) => `${when(e)}: ${read.of(e, 'title') ?? e.title}`)),
    ].join('\n\n'),
    facts: shown.map((e) => ({ label: when(e), value: read.of(e, 'title') ?? e.title })),
    sources: shown.flatMap((e) => e.sources),
    listed: shown.map((e) => e.id),
  });
}

/** A list of dated events shows at most this many. */
const MAX_DATED = 10;

// ---------------------------------------------------------------- deadlines

/** The next date a deadline falls on, on or after today (yearly ones roll forward). */
function nextDue(d: Deadline, today: string): string {
  return d.recurrence === 'yearly' ? nextYearly(d.due, today) : d.due;
}

export function deadlinesAnswer(ctx: ComposeContext, deadlines: readonly Deadline[] = ctx.kb.deadlines): Answer {
  const upcoming = deadlines
    .map((d) => ({ d, due: nextDue(d, ctx.today) }))
    .filter((x) => x.due >= ctx.today)
    .sort((a, b) => a.due.localeCompare(b.due));
  const shown = upcoming.slice(0, 5);
  const configured = shown.some((x) => x.d.dueBasis === 'configured');
  const read = new Prose(ctx.lang);
  const title = (d: Deadline) => read.of(d, 'title') ?? d.title;
  return finish(ctx, {
    prose: read,
    title: t(ctx, 'Næste frister', 'Next deadlines'),
    text: shown.length
      ? [
          t(ctx, `Næste frist er ${date(shown[0]?.due ?? '', 'da')}: ${shown[0]?.d.title}.`, `The next deadline is ${date(shown[0]?.due ?? '', 'en')}: ${shown[0] ? title(shown[0].d) : ''}.`),
          bullets(shown.map((x) => `${title(x.d)}: ${date(x.due, ctx.lang)}`)),
          configured
            ? t(ctx, 'Kilderne angiver ikke disse præcise datoer; de er konfigurerede frister (fx "i efteråret" eller udløbsåret i budgettabellen).',
                'The sources do not give these exact dates; they are configured deadlines (for example "in the autumn" or the year of expiry in the budget table).')
            : '',
        ].filter(Boolean).join('\n\n')
      : t(ctx, 'Jeg kender ingen kommende frister.', "I don't know of any upcoming deadlines."),
    facts: shown.map((x) => ({ label: date(x.due, ctx.lang), value: title(x.d) })),
    followUps: [t(ctx, 'Hvad er den årlige effektopfølgning?', 'What is the annual effect follow-up?')],
    sources: shown.flatMap((x) => x.d.sources),
    listed: shown.map((x) => x.d.id),
  });
}

export function deadlineAnswer(ctx: ComposeContext, d: Deadline): Answer {
  const due = nextDue(d, ctx.today);
  const read = new Prose(ctx.lang);
  return finish(ctx, {
    prose: read,
    title: read.of(d, 'title') ?? d.title,
    text: [
      due >= ctx.today
        ? t(ctx, `Frist: ${date(due, 'da')}${d.recurrence === 'yearly' ? ' (hvert år)' : ''}.`, `Deadline: ${date(due, 'en')}${d.recurrence === 'yearly' ? ' (every year)' : ''}.`)
        : t(ctx, `Fristen var ${date(due, 'da')}.`, `The deadline was ${date(due, 'en')}.`),
      read.of(d, 'dueNote') ?? '',
      // No source names an owner of any deadline; who gets the reminders is the deployment's setting.
      t(ctx, 'Ansvarlig: kilderne angiver ingen ansvarlig for fristen; hvem der mindes om den, sættes i udrulningens opsætning.',
        "Owner: the sources name no owner of this deadline; who is reminded of it is set in the deployment's configuration."),
    ].filter(Boolean).join('\n\n'),
    followUps: [t(ctx, 'Hvornår er næste frist?', 'When is the next deadline?')],
    sources: d.sources,
  });
}

/** The first n sentences of a text, for short answers built from long descriptions. */
function firstSentences(text: string, n: number): string {
  const parts = text.split(/(?<=[.!?])\s+(?=[A-ZÆØÅ"])/);
  return parts.slice(0, n).join(' ');
}


// ---------------------------------------------------------------- lists and quotes

export function permanentFundingAnswer(ctx: ComposeContext): Answer {
  const list = ctx.kb.initiatives.filter((i) => i.permanentFunding !== undefined);
  return finish(ctx, {
    title: t(ctx, 'Varig finansiering', 'Permanent funding'),
    text: [
      t(ctx, `${list.length} indsatser har varig finansiering udover Sikker By-midler:`, `${list.length} initiatives have permanent funding beyond Sikker By money:`),
      bullets(list.map((i) => `${i.name}: ${money(i.permanentFunding ?? 0, ctx.lang)} ${t(ctx, 'om året', 'a year')}`)),
    ].join('\n\n'),
    followUps: list.slice(0, 2).map((i) => t(ctx, `Hvad er ${i.name}?`, `What is ${i.name}?`)),
    sources: ctx.kb.budgetPackage.sources,
    listed: list.map((i) => i.id),
  });
}

/** Passages shorter than this are quoted with the sentence after them, which usually completes them. */
const SHORT_QUOTE = 90;

/** A sentence of a source, quoted as it stands, with the source and its date: for facts no typed record holds. */
/** The opening words of a sentence that is about the one before it. */
const POINTS_BACK = /^(?:det|den|dette|denne|disse|de|heri|herudover|derudover|dermed|this|these|it)\s+(?:er|var|har|havde|skal|kan|vil|blev|is|was|has|had|will)\b/i;

export function passageAnswer(ctx: ComposeContext, p: { source: { id: string; title: string }; text: string; before?: string; after?: string }): Answer {
  // A sentence that opens by pointing back ("Det er en tematik, som …") is quoted with the one it points to.
  const said = p.before && POINTS_BACK.test(p.text) ? `${p.before} ${p.text}` : p.text;
  const quote = p.text.length < SHORT_QUOTE && p.after ? `${said} ${p.after}` : said;
  return finish(ctx, {
    title: t(ctx, `Fra kilden: ${p.source.title}`, `From the source: ${p.source.title}`),
    text: [
      t(ctx, 'Kilden siger:', 'The source says (quoted in Danish, as it stands):'),
      `> ${quote}`,
    ].join('\n\n'),
    sources: [{ source: p.source.id }],
  });
}

/** A section is quoted by its first sentences, up to about this many characters. */
const SECTION_CHARS = 700;

/** "Hvad står der under Løsning?": the sentences of a document's section, quoted under its heading. */
export function sectionAnswer(ctx: ComposeContext, source: { id: string; title: string }, heading: string, sentences: readonly string[]): Answer {
  const quoted = sentences.reduce<string[]>((acc, x) => (acc.length === 0 || acc.join(' ').length + x.length <= SECTION_CHARS ? [...acc, x] : acc), []);
  return finish(ctx, {
    title: t(ctx, `Fra kilden: ${source.title}`, `From the source: ${source.title}`),
    text: [
      t(ctx, `Under overskriften "${heading}" siger kilden:`, `Under the heading "${heading}" the source says (quoted in Danish, as it stands):`),
      `> ${quoted.join(' ')}`,
    ].join('\n\n'),
    sources: [{ source: source.id }],
  });
}

/** "Hvad gjaldt inden 2018-2021-strategien?": which record of a period came before or after the one named, above its answer. */
export function besideLead(ctx: ComposeContext, named: string, other: string, step: -1 | 1): string {
  return step < 0 ? t(ctx, `Før ${named} kom ${other}.`, `Before ${named} came ${other}.`) : t(ctx, `Efter ${named} kom ${other}.`, `${named} was followed by ${other}.`);
}

const DANISH_PLACES = ['første', 'andet', 'tredje', 'fjerde', 'femte', 'sjette', 'syvende'];
const ENGLISH_PLACES = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'];

/** "Hvad er det tredje skridt i procesplanen?": one step of a plan of steps that a section of a document is, quoted. */
// (A place below 0 counts from the end: -1 is the last.)
export function planStepAnswer(ctx: ComposeContext, source: { id: string; title: string }, heading: string, step: string, place: number): Answer {
  const da = place === -1 ? 'sidste' : place === -2 ? 'næstsidste' : (DANISH_PLACES[place - 1] ?? `${place}.`);
  const en = place === -1 ? 'last' : place === -2 ? 'last but one' : (ENGLISH_PLACES[place - 1] ?? `no. ${place}`);
  return finish(ctx, {
    title: t(ctx, `Fra kilden: ${source.title}`, `From the source: ${source.title}`),
    text: [
      t(ctx, `Det ${da} punkt i planen under overskriften "${heading}":`, `The ${en} step of the plan under the heading "${heading}" (quoted in Danish, as it stands):`),
      `> ${step}`,
    ].join('\n\n'),
    sources: [{ source: source.id }],
  });
}

/** The headings of a document, in their order (quoted in Danish, as they stand). */
export function headingsAnswer(ctx: ComposeContext, source: { id: string; title: string }, headings: readonly string[]): Answer {
  return finish(ctx, {
    title: t(ctx, `Overskrifter i ${source.title}`, `Headings of ${source.title}`),
    text: [
      t(ctx, `"${source.title}" har disse overskrifter:`, `"${source.title}" has these headings (in Danish, as they stand):`),
      bullets(headings),
    ].join('\n\n'),
    sources: [{ source: source.id }],
  });
}
