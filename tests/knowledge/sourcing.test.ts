// Nothing the user sees names an owner, an attribution or an explanation that no
// source gives: every answer a broad battery of questions gets (every record asked
// about by name, the development questions, the audit's gaps), every deadline's
// answer and the tab's initiatives page are read for the phrases that would.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Answer } from '../../src/answering/answer';
import * as compose from '../../src/answering/compose';
import { createEngine } from '../../src/answering/engine';
import { tabData } from '../../src/tab/tab-data';
import { shippedKnowledgeBase } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
const TODAY = '2026-12-01';
const engines = { da: createEngine(kb, 'da'), en: createEngine(kb, 'en') };

const nameOf = (id: string): string => {
  const r = kb.byId.get(id);
  if (!r) return id;
  const rec = r.record as { name?: string; title?: string; term?: string };
  return rec.name ?? rec.title ?? rec.term ?? id;
};
const devQuestions = readFileSync(path.join(__dirname, '..', 'evaluation', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { q: string }).q);
const questions = [
  ...[...kb.byId.keys()].flatMap((id) => [`Hvad er ${nameOf(id)}?`, `Hvem er ansvarlig for ${nameOf(id)}?`]),
  ...kb.initiatives.flatMap((i) => [`Hvem skal jeg kontakte om ${i.name}?`, `Hvilken forvaltning hører ${i.name} under?`, `Hvordan er ${i.name} fordelt?`, `Who is responsible for ${i.name}?`]),
  ...kb.organisations.filter((o) => o.kind === 'administration').map((o) => `Hvilke indsatser har ${o.name}?`),
  ...kb.deadlines.map((d) => `Hvem er ansvarlig for fristen ${d.title}?`),
  'Hvorfor er udløbet i 2026 kun 11,4 mio. kr.?',
  'Why does the 2026 total not add up?',
  'Hvem skal aflevere midtvejsstatus?',
  ...devQuestions,
];
const answers: Answer[] = questions.flatMap((q) => (['da', 'en'] as const).map((lang) => engines[lang].respond({ text: q }, undefined, TODAY).answer));
answers.push(...kb.deadlines.flatMap((d) => (['da', 'en'] as const).map((lang) => compose.deadlineAnswer({ kb, lang, today: TODAY }, d))));
const visible = (a: Answer): string => [a.title, a.text, ...a.facts.map((f) => `${f.label}: ${f.value}`), ...a.warnings, ...a.followUps].join('\n');

/** Organisations and people no source names as responsible for anything the bot lists. */
const bodies = [...kb.organisations.map((o) => o.name), ...kb.organisations.flatMap((o) => (o.abbreviation ? [o.abbreviation] : [])), ...kb.people.map((p) => p.name)];

describe('no invented owner, attribution or explanation', () => {
  it('asks enough to mean something', () => {
    expect(answers.length).toBeGreaterThan(1000);
  });

  it('names no owner: every "Ansvarlig"/"Owner" line says that the sources give none', () => {
    for (const a of answers)
      for (const line of visible(a).split('\n').filter((l) => /\b(ansvarlig|owner)\s*:/i.test(l)))
        expect([a.title, line, /kilderne angiver ingen|the sources name no/i.test(line)]).toEqual([a.title, line, true]);
  });

  it('never says that a budget line "hører under"/"belongs to" an administration, nor names a body as responsible', () => {
    for (const a of answers) {
      const text = visible(a);
      const phrases = [
        ...kb.initiatives.flatMap((i) => bodies.flatMap((b) => [`${i.name} hører under ${b}`, `${i.name} belongs to ${b}`])),
        ...bodies.flatMap((b) => [`${b} er ansvarlig`, `${b} is responsible`, `Ansvarlig: ${b}`, `Owner: ${b}`]),
      ];
      expect([a.title, phrases.filter((p) => text.includes(p))]).toEqual([a.title, []]);
    }
  });

  it('names an administration for a budget line only where the table does (the footnotes)', () => {
    const ctx = { kb, lang: 'da' as const, today: TODAY };
    for (const org of kb.organisations.filter((o) => o.kind === 'administration')) {
      const listed = compose.initiativesByAdministration(ctx, org).text;
      for (const i of kb.initiatives) {
        const shown = listed.includes(`- ${i.name} (`);
        expect([org.id, i.id, shown]).toEqual([org.id, i.id, i.administrations.includes(org.id)]);
      }
    }
    // The shipped data: only the two footnoted lines name administrations.
    expect(kb.initiatives.filter((i) => i.administrations.length > 0).map((i) => i.id)).toEqual(['ssp-plus', 'radikalisering']);
  });

  it('does not explain the 2026 total as fact; the README\'s reading is shown only labelled as editorial', () => {
    for (const a of answers) {
      const text = visible(a);
      for (const sentence of text.split(/(?<=[.!?])\s+/).filter((s) => /6,8 \+ 2,7 \+ 1,9|6\.8 \+ 2\.7 \+ 1\.9|medregner kun|counts only the Social Services share/.test(s)))
        expect([a.title, sentence, /Redaktionel note|Editorial note/.test(text) && !/medregner kun|counts only/.test(sentence)]).toEqual([a.title, sentence, true]);
    }
  });

  it('never cites the README, and mentions it only in an editorial note', () => {
    for (const a of answers) {
      expect(a.citations.map((c) => c.file).filter((f) => /readme/i.test(f))).toEqual([]);
      for (const line of visible(a).split('\n').filter((l) => /README/.test(l))) expect([a.title, /Redaktionel note|Editorial note/.test(line)]).toEqual([a.title, true]);
    }
  });

  it('says "udateret"/"undated" on the citation of every undated document', () => {
    for (const a of answers)
      for (const c of a.citations) {
        const s = kb.sources.find((x) => x.file === c.file);
        if (s?.undated) expect([c.title, /udateret|undated/.test(c.date)]).toEqual([c.title, true]);
      }
  });

  it('says Team Sikker By "ville"/"vil" give the presentation, never that it "holdt" one', () => {
    for (const a of answers)
      for (const sentence of visible(a).split(/(?<=[.!?;])\s+|\n/).filter((x) => /holdt (et )?oplæg/.test(x)))
        expect([a.title, sentence, /\bom Team Sikker By holdt/i.test(sentence)]).toEqual([a.title, sentence, true]);
  });

  it('the tab shows for each line the administrations the table gives, and no others', () => {
    for (const lang of ['da', 'en'] as const) {
      const rows = tabData(kb, TODAY, lang).pages.initiatives.rows;
      for (const i of kb.initiatives) expect(rows.find((r) => r.id === i.id)?.administrations).toEqual(i.administrations);
    }
  });
});
