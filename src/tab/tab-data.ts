// The personal tab's pages as data: a pure function of the knowledge base, today's
// local date and the reader's language. Figures come from the records (never from
// prose), and each page cites the sources of the records it shows, as the
// assistant's answers do (`cite`).
import type { Citation as SourceRef } from '../knowledge/schema';
import type { KnowledgeBase } from '../knowledge/knowledge-base';
import { ageInYears, laterStrategy, periodCurrency } from '../knowledge/currency';
import { prose } from '../knowledge/translation';
import type { Lang } from '../kernel/lang';
import { cite } from '../kernel/citation';
import { nextYearly } from '../kernel/dates';
import { date, money } from '../kernel/format';
import { TabData, type TabPages, type TabSource } from './tab-model';

/** Contact details and people this many years old get a warning, as in the assistant's answers. */
const OLD_YEARS = 5;

export function tabData(kb: KnowledgeBase, today: string, lang: Lang): TabData {
  const t = (da: string, en: string): string => (lang === 'da' ? da : en);
  const sources = (refs: readonly SourceRef[]): TabSource[] => cite({ kb, lang, today }, refs);
  const orgOf = (id: string) => kb.organisations.find((o) => o.id === id);
  const year = Number(today.slice(0, 4));

  const strategyState = (state: ReturnType<typeof periodCurrency>, period: string, later: string | undefined): string => {
    if (state === 'current') return t(`Gældende strategi (${period}).`, `The strategy in force (${period}).`);
    if (state !== 'ended') return t(`Strategiperioden ${period}.`, `The strategy period ${period}.`);
    return later
      ? t(`Strategiperioden ${period} er slut. Den nyere strategi i kilderne er ${later}.`, `The strategy period ${period} has ended. The later strategy in the sources is ${later}.`)
      : t(`Strategiperioden ${period} er slut; kilderne rummer ingen senere strategi.`, `The strategy period ${period} has ended; the sources hold no later strategy.`);
  };
  // Where the sources number some principles of a kind in a strategy, an unnumbered one of them says so rather than look misnumbered.
  const numbered = new Set(kb.principles.filter((p) => p.number !== undefined).map((p) => `${p.strategy} ${p.kind}`));
  const principles: TabPages['principles'] = {
    id: 'principles',
    title: t('Principper og fokusområder', 'Principles and focus areas'),
    intro: t(
      'Sikker By-strategiernes principper og de fokusområder, kilderne nævner under dem. Den nyeste strategi står først.',
      'The principles of the Sikker By strategies and the focus areas the sources name under them. The newest strategy comes first.',
    ),
    strategies: [...kb.strategies]
      .sort((a, b) => b.period.from - a.period.from)
      .map((s) => {
        const state = periodCurrency(s.period, today);
        const period = `${s.period.from}–${s.period.to ?? ''}`;
        return {
          id: s.id,
          name: s.name,
          period,
          current: state === 'current',
          state: strategyState(state, period, laterStrategy(kb, s)?.name),
          principles: kb.principles
            .filter((p) => p.strategy === s.id)
            .map((p) => ({
              id: p.id,
              label: principleLabel(p.kind, p.number, lang, numbered.has(`${s.id} ${p.kind}`)),
              title: p.title,
              summary: p.summary,
              focusAreas: kb.focusAreas
                .filter((f) => f.principle === p.id)
                .sort((a, b) => (a.ordinal ?? 99) - (b.ordinal ?? 99))
                .map((f) => ({
                  id: f.id,
                  title: f.title,
                  description: f.description,
                  ...(f.status === 'proposed-at-midterm'
                    ? { note: t('Foreslået som nyt fokusområde ved midtvejsstatus.', 'Proposed as a new focus area at the midterm status.') }
                    : {}),
                })),
            })),
        };
      }),
    sources: sources([
      ...kb.strategies.flatMap((s) => s.sources),
      ...kb.principles.flatMap((p) => p.sources),
      ...kb.focusAreas.flatMap((f) => f.sources),
    ]),
  };

  const pkg = kb.budgetPackage;
  const adminIds = [...new Set(kb.initiatives.flatMap((i) => i.administrations))];
  const initiatives: TabPages['initiatives'] = {
    id: 'initiatives',
    title: t('Indsatser og finansiering', 'Initiatives and funding'),
    intro: t(
      `Indsatserne i ${pkg.name} med beløb pr. år (mio. kr., ${pkg.priceLevel}-priser) og sidste år med finansiering.`,
      `The initiatives in the Sikker By budget package with amounts per year (DKK million, ${pkg.priceLevel} prices) and the last funded year.`,
    ),
    unit: t(`mio. kr., ${pkg.priceLevel}-priser`, `DKK million, ${pkg.priceLevel} prices`),
    years: [...pkg.years],
    administrations: adminIds.map((id) => {
      const o = orgOf(id);
      return { id, name: o?.name ?? id, short: o?.abbreviation ?? o?.name ?? id };
    }),
    columns: {
      name: t('Indsats', 'Initiative'),
      administrations: t('Forvaltning', 'Administration'),
      lastFundedYear: t('Sidste år med finansiering', 'Last funded year'),
      permanent: t('Varig finansiering', 'Permanent funding'),
    },
    filterLabel: t('Vis forvaltning', 'Show administration'),
    filterAll: t('Alle forvaltninger', 'All administrations'),
    sortHint: t('Sorter efter {column}', 'Sort by {column}'),
    shownCount: t('{shown} af {total} indsatser vist', '{shown} of {total} initiatives shown'),
    rows: kb.initiatives.map((i) => {
      const amounts = pkg.years.map((y) => i.amounts[y] ?? null);
      return {
        id: i.id,
        name: i.name,
        administrations: [...i.administrations],
        amounts,
        amountTexts: amounts.map((a) => (a === null ? '–' : amountText(a, lang))),
        lastFundedYear: i.lastFundedYear,
        permanentFunding: i.permanentFunding ?? null,
        permanentText: i.permanentFunding === undefined ? '–' : amountText(i.permanentFunding, lang),
        ended: i.lastFundedYear < year,
      };
    }),
    sources: sources([...pkg.sources, ...kb.initiatives.flatMap((i) => i.sources)]),
  };

  const funding: TabPages['funding'] = {
    id: 'funding',
    title: t('Finansiering der udløber', 'Funding that ends'),
    intro: t(
      `Hvor meget Sikker By-finansiering der udløber med hvert år: budgettabellens række "Årlige udløb i alt" (mio. kr., ${pkg.priceLevel}-priser).`,
      `How much Sikker By funding ends with each year: the budget table's row "Årlige udløb i alt" (annual expiries in total; DKK million, ${pkg.priceLevel} prices).`,
    ),
    chartLabel: t('Søjlediagram: finansiering der udløber pr. år', 'Bar chart: funding that ends each year'),
    tableLabel: t('Finansiering der udløber pr. år', 'Funding that ends each year'),
    legend: { past: t('Udløbet', 'Ended'), current: t('Udløber i år eller senere', 'Ends this year or later') },
    columns: { year: t('År', 'Year'), amount: t('Udløber', 'Ends'), initiatives: t('Indsatser med sidste finansiering det år', 'Initiatives last funded that year') },
    bars: pkg.expiryTotals.map((e) => ({
      year: e.year,
      amount: e.stated,
      amountText: money(e.stated, lang),
      initiatives: kb.initiatives.filter((i) => String(i.lastFundedYear) === e.year).map((i) => i.name),
      past: Number(e.year) < year,
      ...(e.discrepancy
        ? {
            note: t(
              `Dokumentets sum er ${money(e.stated, 'da')}; linjerne summer til ${money(e.discrepancy.computed, 'da')} ${e.discrepancy.explanation}`,
              `The document states ${money(e.stated, 'en')}; its rows add up to ${money(e.discrepancy.computed, 'en')}. The stated figure is shown as stated.`,
            ),
          }
        : {}),
    })),
    sources: sources(pkg.sources),
  };

  const deadlineTitles = kb.deadlines.map((d) => prose(d, 'title', lang)!);
  const deadlines: TabPages['deadlines'] = {
    id: 'deadlines',
    title: t('Afrapporteringsfrister', 'Reporting deadlines'),
    intro: t(
      'Frister for afrapportering og udløb af finansiering på en tidslinje, de kommende først. For årlige frister vises den næste.',
      'Deadlines for reporting and for the end of funding on a timeline, upcoming ones first. For yearly deadlines the next one is shown.',
    ) + (deadlineTitles.some((x) => x.translated) ? ' The titles are translated from the Danish sources.' : ''),
    todayLabel: t(`I dag, ${date(today, 'da')}`, `Today, ${date(today, 'en')}`),
    pastLabel: t('Overståede frister', 'Past deadlines'),
    items: kb.deadlines
      .map((d, i) => {
        const due = d.recurrence === 'yearly' ? nextYearly(d.due, today) : d.due;
        return {
          id: d.id,
          title: deadlineTitles[i]!.text,
          due,
          dueText: date(due, lang),
          kind: deadlineKind(d.kind, lang),
          ...(d.recurrence === 'yearly' ? { recurrence: t('Årligt', 'Yearly') } : {}),
          basis:
            d.dueBasis === 'sourced'
              ? t('Datoen står i kilden.', 'The source gives this date.')
              : t('Konfigureret dato: kilden angiver ingen præcis dato.', 'A configured date: the source gives no exact date.'),
          past: due < today,
        };
      })
      // What is still to come matters first: upcoming soonest first, then the past latest first.
      .sort((a, b) => Number(a.past) - Number(b.past) || (a.past ? b.due.localeCompare(a.due) : a.due.localeCompare(b.due))),
    sources: sources(kb.deadlines.flatMap((d) => d.sources)),
  };

  const warningFor = (historical: boolean, asOf: string): string | undefined =>
    historical || ageInYears(asOf, today) >= OLD_YEARS
      ? t(
          `Oplysningerne er fra ${date(asOf, 'da')} og kan være forældede. Kontakt Team Sikker By i Økonomiforvaltningen for aktuelle oplysninger.`,
          `This information is from ${date(asOf, 'en')} and may be out of date. Contact Team Sikker By in the Finance Administration for current details.`,
        )
      : undefined;
  const contacts: TabPages['contacts'] = {
    id: 'contacts',
    title: t('Kontakter', 'Contacts'),
    intro: t(
      'Organisationer og personer, som kilderne nævner, med kontaktoplysninger hvor kilderne giver dem. Historiske oplysninger er markeret med den dato, de gælder for.',
      'Organisations and people the sources name, with contact details where the sources give them. Historical information is marked with the date it applies to.',
    ),
    organisationsTitle: t('Organisationer', 'Organisations'),
    aboutLabel: t('Om organisationen', 'About'),
    peopleTitle: t('Personer nævnt i kilderne', 'People named in the sources'),
    organisations: [...kb.organisations]
      // Those with contact details first, then the current ones before the historical.
      .sort((a, b) => Number(!a.contact) - Number(!b.contact) || Number(a.historical) - Number(b.historical))
      .map((o) => {
        const c = o.contact;
        const details = c
          ? [
              ...(c.address ? [{ label: t('Adresse', 'Address'), value: c.address.join(', ') }] : []),
              ...(c.phone ? [{ label: t('Telefon', 'Phone'), value: c.phone }] : []),
              ...(c.email ? [{ label: t('E-mail', 'Email'), value: c.email }] : []),
              ...(c.web ? [{ label: t('Web', 'Web'), value: c.web }] : []),
              ...(c.ean ? [{ label: 'EAN', value: c.ean }] : []),
            ]
          : [];
        const asOf = c?.asOf ?? o.asOf;
        const warning = warningFor(o.historical, asOf);
        return {
          id: o.id,
          name: o.abbreviation ? `${o.name} (${o.abbreviation})` : o.name,
          kind: organisationKind(o.kind, lang),
          ...(o.description ? { description: o.description } : {}),
          details,
          asOf: t(`Pr. ${date(asOf, 'da')}`, `As of ${date(asOf, 'en')}`),
          historical: o.historical,
          ...(warning ? { warning } : {}),
        };
      }),
    people: kb.people.map((p) => {
      const org = p.organisation ? orgOf(p.organisation)?.name : undefined;
      const warning = warningFor(p.historical, p.asOf);
      return {
        id: p.id,
        name: p.name,
        role: [p.role ?? t('rolle ikke angivet', 'role not stated'), org].filter(Boolean).join(', '),
        context: p.context,
        asOf: t(`Pr. ${date(p.asOf, 'da')}`, `As of ${date(p.asOf, 'en')}`),
        historical: p.historical,
        ...(warning ? { warning } : {}),
      };
    }),
    sources: sources([...kb.organisations.flatMap((o) => o.sources), ...kb.people.flatMap((p) => p.sources)]),
  };

  return TabData.parse({
    lang,
    version: kb.version,
    title: t('Sikker By – overblik', 'Sikker By – overview'),
    labels: {
      navigation: t('Sider', 'Pages'),
      sources: t('Kilder', 'Sources'),
      footer: t(`Vidensbase ${kb.version}. Oplysningerne kommer fra kilderne nævnt på hver side.`, `Knowledge base ${kb.version}. The information comes from the sources listed on each page.`),
    },
    pages: { principles, initiatives, funding, deadlines, contacts },
  });
}

/** 6.8 → "6,8" / "6.8": the table's unit is stated once, in the caption. */
function amountText(n: number, lang: Lang): string {
  const s = n.toFixed(1);
  return lang === 'da' ? s.replace('.', ',') : s;
}

/**
 * "Fagprincip 2"; where the sources number the others but not this one,
 * "Fagprincip (uden nummer i kilderne)": the tab never numbers a principle itself.
 */
function principleLabel(kind: 'princip' | 'grundprincip' | 'fagprincip' | 'appendiks', n: number | undefined, lang: Lang, othersNumbered: boolean): string {
  const names = {
    princip: ['Princip', 'Principle'],
    grundprincip: ['Grundprincip', 'Basic principle'],
    fagprincip: ['Fagprincip', 'Subject principle'],
    appendiks: ['Appendiks', 'Appendix'],
  } as const;
  const name = names[kind][lang === 'da' ? 0 : 1];
  if (n !== undefined) return `${name} ${n}`;
  if (!othersNumbered) return name;
  return lang === 'da' ? `${name} (uden nummer i kilderne)` : `${name} (not numbered in the sources)`;
}

function deadlineKind(kind: 'midterm-status' | 'effect-follow-up' | 'funding-end', lang: Lang): string {
  const names = {
    'midterm-status': ['Midtvejsstatus', 'Midterm status'],
    'effect-follow-up': ['Effektopfølgning', 'Effect follow-up'],
    'funding-end': ['Finansiering udløber', 'Funding ends'],
  } as const;
  return names[kind][lang === 'da' ? 0 : 1];
}

function organisationKind(kind: string, lang: Lang): string {
  const names: Record<string, readonly [string, string]> = {
    administration: ['Forvaltning', 'Administration'],
    committee: ['Udvalg', 'Committee'],
    council: ['Borgerrepræsentation', 'City Council'],
    police: ['Politi', 'Police'],
    cooperation: ['Samarbejde', 'Cooperation'],
    'governance-body': ['Styringsorgan', 'Governance body'],
    unit: ['Enhed', 'Unit'],
    other: ['Andet', 'Other'],
  };
  return names[kind]?.[lang === 'da' ? 0 : 1] ?? kind;
}
