// Checks that need more than one record: unique ids, references that resolve
// to a record of the right type, sums that reconcile, counts that agree. Each
// problem names the file, the path inside it and what was expected.
import type { FundedInitiative, KnowledgeBase, Parsed, RecordType } from './knowledge-base';
import type { Locator } from './parse';
import type { KnowledgeProblem } from './problems';
import type { Citation, KnowledgeFileName } from './schema';

type Path = readonly PropertyKey[];

/** Amounts are given to one decimal; anything closer than this is equal. */
const EPSILON = 0.001;

export function checkConsistency(
  kb: KnowledgeBase,
  files: Parsed,
  locators: Record<KnowledgeFileName, Locator>,
  sourceFiles: readonly string[],
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const report = (file: KnowledgeFileName, path: Path, message: string): void => {
    problems.push({ file, ...locators[file](path), message });
  };

  // Every record with where it sits, in file order.
  const located: { id: string; type: RecordType; file: KnowledgeFileName; path: Path }[] = [];
  const add = (file: KnowledgeFileName, key: string, type: RecordType, list: readonly { id: string }[]): void =>
    list.forEach((r, i) => located.push({ id: r.id, type, file, path: [key, i] }));
  add('sources.yaml', 'sources', 'source', files['sources.yaml'].sources);
  add('organisations.yaml', 'organisations', 'organisation', files['organisations.yaml'].organisations);
  add('people.yaml', 'people', 'person', files['people.yaml'].people);
  add('strategies.yaml', 'strategies', 'strategy', files['strategies.yaml'].strategies);
  add('principles.yaml', 'principles', 'principle', files['principles.yaml'].principles);
  add('focus-areas.yaml', 'focusAreas', 'focusArea', files['focus-areas.yaml'].focusAreas);
  add('plans.yaml', 'plans', 'plan', files['plans.yaml'].plans);
  located.push({ id: kb.budgetPackage.id, type: 'budgetPackage', file: 'initiatives.yaml', path: ['budgetPackage'] });
  add('initiatives.yaml', 'initiatives', 'initiative', files['initiatives.yaml'].initiatives);
  add('timeline.yaml', 'events', 'event', files['timeline.yaml'].events);
  add('deadlines.yaml', 'deadlines', 'deadline', files['deadlines.yaml'].deadlines);
  add('terms.yaml', 'terms', 'term', files['terms.yaml'].terms);
  add('facts.yaml', 'facts', 'fact', files['facts.yaml'].facts);
  add('unknowns.yaml', 'unknowns', 'unknown', files['unknowns.yaml'].unknowns);
  add('expert-answers.yaml', 'expertAnswers', 'expertAnswer', files['expert-answers.yaml'].expertAnswers);

  const firstSeen = new Map<string, (typeof located)[number]>();
  for (const r of located) {
    const first = firstSeen.get(r.id);
    if (first) {
      const where = `${first.file} ${locators[first.file](first.path).path}`;
      report(r.file, [...r.path, 'id'], `duplicate id "${r.id}": already used by ${where}`);
    } else firstSeen.set(r.id, r);
  }

  const typeOf = (id: string): RecordType | undefined => firstSeen.get(id)?.type;
  const ref = (file: KnowledgeFileName, path: Path, id: string | undefined, ...types: RecordType[]): void => {
    if (id === undefined) return;
    const actual = typeOf(id);
    const expected = types.length > 0 ? `a record of type ${types.join(' or ')}` : 'a record';
    if (actual === undefined) report(file, path, `unknown id "${id}": expected the id of ${expected}`);
    else if (types.length > 0 && !types.includes(actual))
      report(file, path, `"${id}" is a record of type ${actual}: expected the id of ${expected}`);
  };
  const cite = (file: KnowledgeFileName, path: Path, sources: readonly Citation[]): void =>
    sources.forEach((c, i) => ref(file, [...path, 'sources', i, 'source'], c.source, 'source'));

  files['sources.yaml'].sources.forEach((s, i) => {
    const at: Path = ['sources', i];
    if (!sourceFiles.includes(s.file)) report('sources.yaml', [...at, 'file'], `"${s.file}" is not in knowledge/sources/`);
    // The README beside the documents is an editor's note: it may be read, never cited.
    if (/^readme/i.test(s.file)) report('sources.yaml', [...at, 'file'], 'the README is an editorial note, not a source');
    ref('sources.yaml', [...at, 'caseOfficer'], s.caseOfficer, 'person');
    s.signatories.forEach((p, j) => ref('sources.yaml', [...at, 'signatories', j], p, 'person'));
    s.attendees.forEach((p, j) => ref('sources.yaml', [...at, 'attendees', j], p, 'person'));
    if (s.undated && !s.dateNote) report('sources.yaml', [...at, 'dateNote'], 'an undated document needs a note saying how its date is inferred');
  });

  const coordinators = files['organisations.yaml'].organisations.filter((o) => o.coordinator).length;
  if (coordinators > 1) report('organisations.yaml', ['organisations'], `at most one organisation with coordinator: true, not ${coordinators}`);
  files['organisations.yaml'].organisations.forEach((o, i) => {
    const at: Path = ['organisations', i];
    ref('organisations.yaml', [...at, 'partOf'], o.partOf, 'organisation');
    cite('organisations.yaml', at, o.sources);
  });

  files['people.yaml'].people.forEach((p, i) => {
    const at: Path = ['people', i];
    ref('people.yaml', [...at, 'organisation'], p.organisation, 'organisation');
    cite('people.yaml', at, p.sources);
  });

  files['strategies.yaml'].strategies.forEach((s, i) => {
    const at: Path = ['strategies', i];
    s.decisions.forEach((d, j) => {
      ref('strategies.yaml', [...at, 'decisions', j, 'by'], d.by, 'organisation');
      cite('strategies.yaml', [...at, 'decisions', j], d.sources);
    });
    if (s.midtermStatus) {
      ref('strategies.yaml', [...at, 'midtermStatus', 'discussedBy'], s.midtermStatus.discussedBy, 'organisation');
      ref('strategies.yaml', [...at, 'midtermStatus', 'presentedTo'], s.midtermStatus.presentedTo, 'organisation');
      cite('strategies.yaml', [...at, 'midtermStatus'], s.midtermStatus.sources);
    }
    cite('strategies.yaml', at, s.sources);
    // A stated count is checked against the principles recorded; unnamed ones must not be invented.
    s.principleCounts.forEach((c, j) => {
      const recorded = kb.principles.filter((p) => p.strategy === s.id && p.kind === c.kind).length;
      const expected = c.namedInSources ? c.count : 0;
      if (recorded !== expected)
        report(
          'strategies.yaml',
          [...at, 'principleCounts', j],
          c.namedInSources
            ? `states ${c.count} ${c.kind}, but principles.yaml records ${recorded} for ${s.id}`
            : `the sources do not name the ${c.kind}, but principles.yaml records ${recorded} for ${s.id}`,
        );
    });
  });

  files['principles.yaml'].principles.forEach((p, i) => {
    const at: Path = ['principles', i];
    ref('principles.yaml', [...at, 'strategy'], p.strategy, 'strategy');
    cite('principles.yaml', at, p.sources);
    const described = kb.focusAreas.filter((f) => f.principle === p.id && f.status === 'in-strategy').length;
    if (p.focusAreaCount !== undefined && described > p.focusAreaCount)
      report('principles.yaml', [...at, 'focusAreaCount'], `states ${p.focusAreaCount} focus areas, but focus-areas.yaml describes ${described}`);
  });

  files['focus-areas.yaml'].focusAreas.forEach((f, i) => {
    const at: Path = ['focusAreas', i];
    ref('focus-areas.yaml', [...at, 'principle'], f.principle, 'principle');
    f.proposal?.proposedBy.forEach((o, j) => ref('focus-areas.yaml', [...at, 'proposal', 'proposedBy', j], o, 'organisation'));
    f.proposal?.reasons.forEach((r, j) => ref('focus-areas.yaml', [...at, 'proposal', 'reasons', j, 'by'], r.by, 'organisation'));
    if ((f.status === 'proposed-at-midterm') !== (f.proposal !== undefined))
      report('focus-areas.yaml', [...at, 'proposal'], 'a proposal exactly when the status is proposed-at-midterm');
    cite('focus-areas.yaml', at, f.sources);
  });

  files['plans.yaml'].plans.forEach((p, i) => {
    const at: Path = ['plans', i];
    ref('plans.yaml', [...at, 'adoptedBy'], p.adoptedBy, 'organisation');
    ref('plans.yaml', [...at, 'principle'], p.principle, 'principle');
    cite('plans.yaml', at, p.sources);
  });

  checkBudget(kb, files, report, ref, cite);

  files['timeline.yaml'].events.forEach((e, i) => {
    const at: Path = ['events', i];
    e.related.forEach((id, j) => ref('timeline.yaml', [...at, 'related', j], id));
    if (e.until !== undefined && e.until < e.date) report('timeline.yaml', [...at, 'until'], `must not be before ${e.date}`);
    cite('timeline.yaml', at, e.sources);
  });

  files['deadlines.yaml'].deadlines.forEach((d, i) => {
    const at: Path = ['deadlines', i];
    ref('deadlines.yaml', [...at, 'concerns', 'strategy'], d.concerns.strategy, 'strategy');
    ref('deadlines.yaml', [...at, 'concerns', 'principle'], d.concerns.principle, 'principle');
    ref('deadlines.yaml', [...at, 'concerns', 'initiative'], d.concerns.initiative, 'initiative');
    ref('deadlines.yaml', [...at, 'fallbackContact'], d.fallbackContact, 'organisation', 'person');
    if (d.dueBasis === 'configured' && d.dueNote === undefined)
      report('deadlines.yaml', [...at, 'dueNote'], 'a configured date needs a note saying what the sources give');
    if (d.kind === 'funding-end') {
      const initiative = kb.initiatives.find((x) => x.id === d.concerns.initiative);
      if (!d.concerns.initiative) report('deadlines.yaml', [...at, 'concerns'], 'a funding-end deadline names its initiative');
      else if (initiative && Number(d.due.slice(0, 4)) !== initiative.lastFundedYear)
        report('deadlines.yaml', [...at, 'due'], `expected a date in ${initiative.lastFundedYear}, the last funded year of ${initiative.id}`);
    }
    cite('deadlines.yaml', at, d.sources);
  });

  files['terms.yaml'].terms.forEach((t, i) => {
    const at: Path = ['terms', i];
    t.related.forEach((id, j) => ref('terms.yaml', [...at, 'related', j], id));
    cite('terms.yaml', at, t.sources);
  });

  files['facts.yaml'].facts.forEach((f, i) => {
    const at: Path = ['facts', i];
    f.about.forEach((id, j) => ref('facts.yaml', [...at, 'about', j], id));
    cite('facts.yaml', at, f.sources);
  });

  files['unknowns.yaml'].unknowns.forEach((u, i) => {
    const at: Path = ['unknowns', i];
    u.related.forEach((id, j) => ref('unknowns.yaml', [...at, 'related', j], id));
    u.expectedIn.forEach((c, j) => ref('unknowns.yaml', [...at, 'expectedIn', j, 'source'], c.source, 'source'));
    if (!/^Kilderne (oplyser|nævner|angiver|siger|giver|forklarer|beskriver) ikke\b/.test(u.statement))
      report('unknowns.yaml', [...at, 'statement'], 'begins with "Kilderne oplyser ikke" (or nævner/angiver/siger/giver/forklarer/beskriver ikke)');
  });

  // An expert's answer is approved after it was given, and another way of asking points to a record that answers.
  files['expert-answers.yaml'].expertAnswers.forEach((e, i) => {
    if (e.approved < e.answered) report('expert-answers.yaml', ['expertAnswers', i, 'approved'], `a date on or after the answer's date (${e.answered})`);
  });
  files['expert-answers.yaml'].alternateQuestions.forEach((q, i) => {
    const path: Path = ['alternateQuestions', i, 'record'];
    ref('expert-answers.yaml', path, q.record);
    if (typeOf(q.record) === 'source') report('expert-answers.yaml', path, `"${q.record}" is a source document: expected the id of a record that answers questions`);
  });

  // Editors' questions belong to a record the assistant can answer from.
  files['vocabulary.yaml'].questions.forEach((q, i) => ref('vocabulary.yaml', ['questions', i, 'id'], q.id));

  return problems;
}

type Report = (file: KnowledgeFileName, path: Path, message: string) => void;
type Ref = (file: KnowledgeFileName, path: Path, id: string | undefined, ...types: RecordType[]) => void;
type Cite = (file: KnowledgeFileName, path: Path, sources: readonly Citation[]) => void;

/** The budget table: years inside the table, splits that add up, and expiry totals that reconcile. */
function checkBudget(kb: KnowledgeBase, files: Parsed, report: Report, ref: Ref, cite: Cite): void {
  const F = 'initiatives.yaml';
  const pkg = kb.budgetPackage;
  cite(F, ['budgetPackage'], pkg.sources);
  ref(F, ['budgetPackage', 'overviewOf'], pkg.overviewOf, 'organisation');
  files[F].initiatives.forEach((initiative, i) => {
    const at: Path = ['initiatives', i];
    initiative.administrations.forEach((a, j) => ref(F, [...at, 'administrations', j], a, 'organisation'));
    cite(F, at, initiative.sources);
    const years = Object.keys(initiative.amounts);
    if (years.length === 0) report(F, [...at, 'amounts'], 'at least one year with an amount');
    for (const year of years)
      if (!pkg.years.includes(year)) report(F, [...at, 'amounts', year], `a year of the table (${pkg.years.join(', ')})`);
    if (initiative.split) {
      const split = initiative.split;
      split.parts.forEach((p, j) => ref(F, [...at, 'split', 'parts', j, 'administration'], p.administration, 'organisation'));
      const marked = initiative.amounts[split.markedYear];
      const sum = split.parts.reduce((s, p) => s + p.amount, 0);
      if (marked === undefined) report(F, [...at, 'split', 'markedYear'], `a year with an amount (${years.join(', ')})`);
      else if (Math.abs(sum - marked) > EPSILON)
        report(F, [...at, 'split', 'parts'], `parts adding up to ${marked} (the ${split.markedYear} amount), not ${round(sum)}`);
    }
  });

  pkg.expiryTotals.forEach((total, i) => {
    const at: Path = ['budgetPackage', 'expiryTotals', i];
    const computed = expiringIn(kb.initiatives, Number(total.year));
    const matches = Math.abs(computed - total.stated) <= EPSILON;
    if (matches && total.discrepancy)
      report(F, [...at, 'discrepancy'], `no discrepancy: the rows add up to the stated ${total.stated}; remove it`);
    else if (!matches && !total.discrepancy)
      report(F, [...at, 'stated'], `the rows ending in ${total.year} add up to ${round(computed)}, not ${total.stated}; fix a row or record the discrepancy`);
    else if (!matches && total.discrepancy && Math.abs(total.discrepancy.computed - computed) > EPSILON)
      report(F, [...at, 'discrepancy', 'computed'], `the rows ending in ${total.year} add up to ${round(computed)}`);
  });
}

/** The money whose funding ends in `year`: that year's amounts of the lines last funded then. */
function expiringIn(initiatives: readonly FundedInitiative[], year: number): number {
  return round(
    initiatives.filter((i) => i.lastFundedYear === year).reduce((sum, i) => sum + (i.amounts[String(year)] ?? 0), 0),
  );
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
