// Fidelity: the knowledge base checked against the copied source documents.
// Each test reads the documents independently of the YAML, so a wrong number,
// date or name in the data makes it fail.
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base';
import type { Citation } from '../../src/knowledge/schema';
import { shippedKnowledgeBase, sourceText } from '../support/knowledge-files';
import { sectionProblem, sourcedShare } from './labels';

const kb: KnowledgeBase = shippedKnowledgeBase();
const fileOf = (sourceId: string): string => kb.sources.find((s) => s.id === sourceId)?.file ?? '';
const textOf = (sourceId: string): string => sourceText(fileOf(sourceId));
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();
const cited = (sources: readonly Citation[]): string => sources.map((c) => squash(textOf(c.source))).join('\n');

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/** Whether a Danish text mentions a date: "3. november 2022", "19. januar, 2010", "01-02-2010", "19.1. 2010", "2. februar". */
function mentionsDate(text: string, iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = squash(text);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    new RegExp(`(^|\\D)0?${d}\\. ${MONTHS[m - 1]}\\b`, 'i').test(t) ||
    t.includes(`${pad(d)}-${pad(m)}-${y}`) ||
    t.includes(`${pad(d)}.${pad(m)}.${y}`) ||
    t.includes(`${d}.${m}. ${y}`)
  );
}

describe('the budget table of 004', () => {
  // An independent reading of the flattened table: a label, then its cells for
  // 2023–2026 and the permanent funding; an empty cell is a line of one space.
  const lines = sourceText('004_807d4807056451ad.txt').split('\n').filter((l) => l !== '');
  const start = lines.indexOf('Varig finansiering udover Sikker By-midler') + 1;
  const end = lines.findIndex((l) => l.startsWith('Årlige udløb i alt'));
  const cell = (s: string) => (s.trim() === '' ? undefined : { amount: Number(s.replace(/\*/g, '').replace(',', '.')), mark: s.match(/\*+/)?.[0] });
  const rows: { label: string; cells: ReturnType<typeof cell>[] }[] = [];
  for (let i = start; i < end; i += 6) rows.push({ label: lines[i] ?? '', cells: lines.slice(i + 1, i + 6).map(cell) });
  const totals = lines.slice(end + 1, end + 5).map((s) => Number(s.replace(',', '.')));
  const years = ['2023', '2024', '2025', '2026'];

  it('has 16 rows, all of them in the knowledge base, in the same order', () => {
    expect(rows).toHaveLength(16);
    expect(kb.initiatives.map((i) => i.tableLabel)).toEqual(rows.map((r) => r.label));
  });

  it.each(years.map((y, i) => [y, i] as const))('every amount of %s matches its cell', (year, column) => {
    for (const row of rows) {
      const initiative = kb.initiatives.find((i) => i.tableLabel === row.label);
      expect([row.label, initiative?.amounts[year]]).toEqual([row.label, row.cells[column]?.amount]);
    }
  });

  it('every permanent funding matches the last column', () => {
    for (const row of rows) {
      const initiative = kb.initiatives.find((i) => i.tableLabel === row.label);
      expect([row.label, initiative?.permanentFunding]).toEqual([row.label, row.cells[4]?.amount]);
    }
  });

  it('the stated annual expiry totals match the row "Årlige udløb i alt"', () => {
    expect(totals).toEqual([11.5, 23.3, 8.5, 11.4]);
    expect(kb.budgetPackage.expiryTotals.map((t) => [t.year, t.stated])).toEqual(years.map((y, i) => [y, totals[i]]));
  });

  it('the budget references match the labels', () => {
    for (const initiative of kb.initiatives) {
      const inLabel = [...initiative.tableLabel.matchAll(/Æ\d+/g)].map((m) => m[0]);
      expect([initiative.id, initiative.budgetRefs]).toEqual([initiative.id, inLabel]);
    }
  });

  it('the footnote splits match the footnotes and the marked cells', () => {
    const footnotes = lines.filter((l) => /^\*+\s*Midlerne er fordelt/.test(l));
    expect(footnotes).toHaveLength(2);
    for (const note of footnotes) {
      const mark = note.match(/^\*+/)?.[0];
      const parts = [...note.matchAll(/(\d+(?:,\d+)?) mio\. kr\. til ([A-ZÆØÅ]+)/g)].map((m) => ({
        amount: Number(m[1]?.replace(',', '.')),
        abbreviation: m[2],
      }));
      const row = rows.find((r) => r.cells.some((c) => c?.mark === mark));
      const initiative = kb.initiatives.find((i) => i.tableLabel === row?.label);
      expect(initiative?.split?.footnote).toBe(mark);
      expect(initiative?.split?.markedYear).toBe(years[row?.cells.findIndex((c) => c?.mark === mark) ?? -1]);
      const recorded = initiative?.split?.parts.map((p) => ({
        amount: p.amount,
        abbreviation: kb.organisations.find((o) => o.id === p.administration)?.abbreviation,
      }));
      expect(recorded).toEqual(parts);
    }
  });
});

describe('dates', () => {
  it('the strategies were decided on the dates the sources give', () => {
    const decisions = kb.strategies.flatMap((s) => s.decisions.map((d) => ({ strategy: s.id, ...d })));
    expect(decisions.map((d) => [d.strategy, d.date, d.by])).toEqual(
      expect.arrayContaining([
        ['strategy-2018-2021', '2018-03-01', 'borgerrepraesentationen'],
        ['strategy-2018-2021', '2019-10-31', 'borgerrepraesentationen'],
        ['strategy-2022-2025', '2022-11-03', 'borgerrepraesentationen'],
      ]),
    );
    for (const d of decisions) if (d.date.length === 10) expect([d.date, mentionsDate(cited(d.sources), d.date)]).toEqual([d.date, true]);
  });

  it('every exact date on the timeline is stated in a source it cites', () => {
    const exact = kb.events.filter((e) => e.date.length === 10);
    expect(exact.length).toBeGreaterThanOrEqual(10);
    for (const e of exact) {
      expect([e.id, e.date, mentionsDate(cited(e.sources), e.date)]).toEqual([e.id, e.date, true]);
      if (e.until?.length === 10) expect([e.id, e.until, mentionsDate(cited(e.sources), e.until)]).toEqual([e.id, e.until, true]);
    }
  });

  it('the key events of 2010 are on the timeline with their dates', () => {
    const dates = kb.events.map((e) => e.date);
    expect(dates).toEqual(expect.arrayContaining(['2010-01-12', '2010-01-19', '2010-02', '2010-04-13']));
  });

  it('each source carries its date', () => {
    const date = (file: string) => kb.sources.find((s) => s.file.startsWith(file))?.date;
    expect(date('003')).toBe('2010-02-01');
    expect(date('004')).toBe('2023-03-01');
    expect(date('001')).toBe('2024');
  });
});

describe('people and contact details', () => {
  it('every person is named in a cited source, with the stated role', () => {
    expect(kb.people.length).toBeGreaterThanOrEqual(10);
    for (const p of kb.people) {
      const text = cited(p.sources);
      expect([p.id, text.includes(p.name)]).toEqual([p.id, true]);
      if (p.role) expect([p.id, p.role, text.toLowerCase().includes(p.role.toLowerCase())]).toEqual([p.id, p.role, true]);
    }
  });

  it('records the roles the sources give', () => {
    const role = (id: string) => kb.people.find((p) => p.id === id)?.role;
    expect(role('lise-stidsen-vandahl')).toBe('vicedirektør');
    expect(role('jeppe-groenholt-pedersen')).toBe('kontorchef');
    expect(role('claus-juhl')).toBeNull();
  });

  it("Center for Sikker By's contact details are those of 003, marked as historical", () => {
    const csb = kb.organisations.find((o) => o.id === 'center-for-sikker-by');
    const text = squash(sourceText('003_915df7a066d4cae4.txt'));
    expect(csb?.historical).toBe(true);
    expect(csb?.contact?.email).toBe('id@okf.kk.dk');
    for (const value of [...(csb?.contact?.address ?? []), csb?.contact?.phone, csb?.contact?.fax, csb?.contact?.email])
      expect([value, text.includes(value ?? '(missing)')]).toEqual([value, true]);
  });
});

describe('principles', () => {
  it('the five principles of 2018–2021 and the appendix are the text of 000', () => {
    const text = squash(sourceText('000_e1d781ca04dd93a6.txt'));
    const old = kb.principles.filter((p) => p.strategy === 'strategy-2018-2021');
    expect(old.map((p) => p.kind)).toEqual(['princip', 'princip', 'princip', 'princip', 'princip', 'appendiks']);
    for (const p of old) expect([p.id, text.includes(p.title)]).toEqual([p.id, true]);
  });

  it('the five fagprincipper of 2022–2025 are the headings of the mid-term status (despite its OCR)', () => {
    const headings = sourceText('001_92eec0598266da10.txt').split('\n').filter((l) => /^Fokus p/.test(l)).map(ascii);
    const fag = kb.principles.filter((p) => p.kind === 'fagprincip');
    expect(fag).toHaveLength(5);
    fag.forEach((p, i) => expect([p.id, similarity(ascii(p.title), headings[i] ?? '')]).toEqual([p.id, expect.any(Number)]));
    fag.forEach((p, i) => expect(similarity(ascii(p.title), headings[i] ?? '')).toBeGreaterThan(0.85));
  });

  it('the grundprincipper are counted but not named', () => {
    const s = kb.strategies.find((x) => x.id === 'strategy-2022-2025');
    expect(s?.principleCounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'grundprincip', count: 2, namedInSources: false })]),
    );
    expect(kb.principles.filter((p) => p.kind === 'grundprincip')).toEqual([]);
  });
});

describe('the documents as records', () => {
  const doc = (id: string) => {
    const s = kb.sources.find((x) => x.id === id);
    if (!s) throw new Error(`no source ${id}`);
    return { s, text: squash(sourceText(s.file)) };
  };

  it('has a record for each of the five documents and none for the README', () => {
    expect(kb.sources.map((s) => s.file.slice(0, 3)).sort()).toEqual(['000', '001', '002', '003', '004']);
  });

  it('case and document numbers, the case officer and the letterhead are those printed on 003', () => {
    const { s, text } = doc('src-003');
    expect([s.caseNumber, s.documentNumber]).toEqual(['2010-19986', '2010-77599']);
    expect(text).toMatch(new RegExp(`Sagsnr\\. ${s.caseNumber}`));
    expect(text).toMatch(new RegExp(`Dokumentnr\\. ${s.documentNumber}`));
    expect(text).toContain(`Sagsbehandler ${kb.people.find((p) => p.id === s.caseOfficer)?.name}`);
    expect(text).toContain(`${s.letterhead} Rådhuset, 1. sal, 7`);
    expect(text).toContain(`Til ${s.addressee}`);
  });

  it("the meeting's date, time and place are those of 004's header", () => {
    const { s, text } = doc('src-004');
    const [y, m, d] = (s.meeting?.date ?? '').split('-');
    expect(text).toContain(`Mødedato: ${d}.${m}.${y}, kl. ${s.meeting?.time}`);
    expect(text).toContain(`Mødested: ${s.meeting?.place}`);
  });

  it('signatories and attendees are named in the document, in its order', () => {
    for (const s of kb.sources) {
      const text = squash(sourceText(s.file));
      const names = (ids: readonly string[]) => ids.map((id) => kb.people.find((p) => p.id === id)?.name ?? id);
      for (const list of [s.signatories, s.attendees]) {
        const positions = names(list).map((n) => text.indexOf(n));
        expect([s.id, positions.every((p) => p >= 0)]).toEqual([s.id, true]);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }
    }
    // 004: the signatures stand before "Beslutning", the attendance after it.
    const { s, text } = doc('src-004');
    const decision = text.indexOf('Beslutning');
    for (const id of s.signatories) expect(text.indexOf(kb.people.find((p) => p.id === id)?.name ?? '?')).toBeLessThan(decision);
    expect(s.attendees.map((id) => kb.people.find((p) => p.id === id)?.name)).toEqual(
      [...text.slice(text.indexOf('Fra Socialforvaltningen deltog')).matchAll(/(vicedirektør|kontorchef|fuldmægtig) ([A-ZÆØÅ][\wæøå-]+(?: [A-ZÆØÅ][\wæøå-]+)+)/g)].map((m) => m[2]),
    );
  });

  it("summary, recommendation, decision, economy and further process are the document's own words", () => {
    for (const s of kb.sources) {
      const text = squash(sourceText(s.file));
      for (const field of ['economy', 'furtherProcess', 'decision'] as const) if (s[field]) expect([s.id, field, text.includes(s[field] ?? '')]).toEqual([s.id, field, true]);
      for (const field of ['summary', 'recommendation', 'addressee'] as const)
        if (s[field]) expect([s.id, field, sourcedShare(s[field] ?? '', sourceText(s.file)) >= 0.8]).toEqual([s.id, field, true]);
    }
  });

  it('attachments are those the documents mention', () => {
    for (const s of kb.sources)
      for (const a of s.attachments) expect([s.id, a.text, sourcedShare(`${a.title ?? ''} ${a.text}`, sourceText(s.file)) >= 0.8]).toEqual([s.id, a.text, true]);
    expect(doc('src-004').text).toContain('Se alle bilag');
    expect(doc('src-002').s.attachments.map((a) => a.title)).toContain('Oplæg til en styrket og sammenhængende indsats for kriminelle og kriminalitetstruede unge over 18 år');
  });

  it('a document without a date of its own is marked undated, and only such a one', () => {
    const dated = (file: string) => {
      const head = sourceText(file).split('\n').slice(0, 10).join('\n');
      return /\b\d\d-\d\d-\d{4}\b|Mødedato: \d\d\.\d\d\.\d{4}/.test(head);
    };
    for (const s of kb.sources) expect([s.id, s.undated]).toEqual([s.id, !dated(s.file)]);
  });
});

describe('facts and unknowns', () => {
  it('every fact says what its sources say (its words are theirs)', () => {
    expect(kb.facts.length).toBeGreaterThanOrEqual(30);
    for (const f of kb.facts) {
      const source = f.sources.map((c) => sourceText(fileOf(c.source))).join('\n');
      expect([f.id, sourcedShare([f.statement, ...f.items].join(' '), source) >= 0.8]).toEqual([f.id, true]);
    }
  });

  it("every item of a fact's list is in the source, in the source's order (but for OCR letters)", () => {
    for (const f of kb.facts.filter((x) => x.items.length > 1 && x.sources.every((c) => c.source !== 'src-001'))) {
      const text = ascii(f.sources.map((c) => sourceText(fileOf(c.source))).join('\n'));
      const at = f.items.map((item) => text.indexOf(ascii(item).split(' ').slice(0, 4).join(' ')));
      expect([f.id, at.every((p) => p >= 0)]).toEqual([f.id, true]);
      expect([f.id, at]).toEqual([f.id, [...at].sort((a, b) => a - b)]);
    }
  });

  it('every unknown is not contradicted by a record that holds the answer', () => {
    const team = kb.organisations.find((o) => o.id === 'team-sikker-by');
    expect(team?.contact).toBeUndefined();
    expect(kb.strategies.find((s) => s.id === 'strategy-2022-2025')?.purpose).toBeUndefined();
    expect(kb.principles.filter((p) => p.kind === 'grundprincip')).toEqual([]);
    expect(kb.principles.find((p) => p.id === 'fp-ekstremisme')?.focusAreaCount).toBeUndefined();
    expect(kb.sources.find((s) => s.id === 'src-002')?.sender).toBeUndefined();
    // The silent places really are silent: no e-mail or phone number in the documents that name Team Sikker By.
    for (const id of ['src-000', 'src-004']) expect(textOf(id)).not.toMatch(/@|\b\d{4} \d{4}\b/);
  });

  it('every unknown is an answer that says so, citing where one would look', () => {
    expect(kb.unknowns.length).toBeGreaterThanOrEqual(10);
    for (const u of kb.unknowns) {
      expect([u.id, /^Kilderne [a-zæøå]+ ikke\b/.test(u.statement)]).toEqual([u.id, true]);
      expect(u.expectedIn.length).toBeGreaterThan(0);
      if (u.en) expect([u.id, /^The sources (do|give|state|say)/.test(String(u.en.statement ?? ''))]).toEqual([u.id, true]);
    }
  });
});

describe('citations', () => {
  const citations: { id: string; source: string; section: string }[] = [];
  const walk = (id: string, v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x) => walk(id, x));
    else if (v && typeof v === 'object') {
      const o = v as { source?: unknown; section?: unknown };
      if (typeof o.source === 'string' && typeof o.section === 'string') citations.push({ id, source: o.source, section: o.section });
      for (const x of Object.values(v)) walk(id, x);
    }
  };
  for (const r of kb.byId.values()) walk(r.record.id, r.record);

  it('every section label is a heading of the document, or says "(ingen overskrift: …)" and quotes the passage', () => {
    expect(citations.length).toBeGreaterThan(200);
    for (const c of citations) expect([c.id, c.section, sectionProblem(c.section, textOf(c.source))]).toEqual([c.id, c.section, undefined]);
  });
});

describe('the text is correct Danish and invents no numbers', () => {
  const records = [...kb.byId.values()].map((r) => r.record as { id: string; sources?: readonly Citation[] });

  it('carries none of the OCR garbling of 001', () => {
    const garbled = /\b(pa|bern|beern|seldre|skonomisk|veeret|daekkende|deekkende|fokusomrader|omrader|sarbare|sdrbare|lebet|drsager|miljger|fgrste|tilfgjes)\b|@konomi|K[gz]+benhavn|Kebenhavn|Kgbenhavn/i;
    for (const r of records) {
      const text = proseOf(r);
      expect([r.id, text.match(garbled)?.[0]]).toEqual([r.id, undefined]);
    }
  });

  it('every number in a record\'s prose appears in a source it cites', () => {
    for (const r of records) {
      if (!r.sources || r.id === 'sikker-by-budgetpakken') continue; // its discrepancy note computes 16,7 on purpose
      const source = cited(r.sources);
      for (const n of proseOf(r).match(/\d+(,\d+)?/g) ?? []) expect([r.id, n, source.includes(n)]).toEqual([r.id, n, true]);
    }
  });
});

/** The human-readable text of a record: descriptions, titles, summaries, not ids, dates or citations. */
function proseOf(record: object): string {
  // dueNote explains a configured date, which by definition is not in the sources.
  const skip = new Set(['id', 'sources', 'section', 'source', 'date', 'until', 'asOf', 'due', 'dueNote', 'file', 'aliases', 'related', 'teamsId', 'ref', 'about', 'expectedIn', 'caseOfficer', 'signatories', 'attendees']);
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (skip.has(key)) return;
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  walk(record, '');
  return out.join('\n');
}

/** Letters a–z and spaces only: compares correct Danish with its OCR, which mangles æ, ø and å. */
function ascii(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').replace(/\s+/g, ' ').trim();
}

/** 1 − (edit distance / longer length). */
function similarity(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] ?? 0;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] ?? 0;
      d[j] = Math.min((d[j] ?? 0) + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return 1 - (d[b.length] ?? 0) / Math.max(a.length, b.length, 1);
}
