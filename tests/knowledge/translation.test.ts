// The English translations (`en`) beside the Danish prose: present for the prose
// users see, only for fields that exist in Danish, carrying the same numbers, and
// read through the one accessor.
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { prose } from '../../src/knowledge/translation';
import { missingTranslations } from '../../src/knowledge/translation-gaps';
import { shippedKnowledgeBase, shippedTexts, sourceFiles, withEdit } from '../support/knowledge-files';

const kb = shippedKnowledgeBase();
type WithEn = { id?: string; en?: Record<string, string | readonly string[] | undefined> } & Record<string, unknown>;

/** Every object that carries `en`, wherever it sits (decisions, mid-term status, discrepancy …). */
function translated(): { at: string; owner: WithEn }[] {
  const out: { at: string; owner: WithEn }[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as WithEn;
      if (o.en) out.push({ at, owner: o });
      for (const [k, x] of Object.entries(o)) if (k !== 'en') walk(x, `${at}.${k}`);
    }
  };
  for (const r of kb.byId.values()) walk(r.record, r.record.id);
  return out;
}

/** The distinct numbers of a text, with the Danish decimal comma read as a point. */
const numbers = (s: string): string[] => [...new Set([...s.replace(/(\d),(\d)/g, '$1.$2').matchAll(/\d+(\.\d+)?/g)].map((m) => m[0]))].sort();

describe('English translations', () => {
  it('exist for the main prose of every record type users see', () => {
    const main: [string, readonly { en?: object; id: string }[], string][] = [
      ['organisations', kb.organisations.filter((o) => o.description), 'description'],
      ['people', kb.people, 'context'],
      ['principles', kb.principles, 'summary'],
      ['focus areas', kb.focusAreas, 'description'],
      ['plans', kb.plans, 'description'],
      ['initiatives', kb.initiatives.filter((i) => i.description), 'description'],
      ['events', kb.events.filter((e) => e.description), 'description'],
      ['terms', kb.terms, 'definition'],
      ['facts', kb.facts, 'statement'],
      ['unknowns', kb.unknowns, 'statement'],
      ['deadlines', kb.deadlines, 'dueNote'],
    ];
    for (const [kind, records, field] of main)
      for (const r of records) expect([kind, r.id, typeof (r.en as Record<string, unknown> | undefined)?.[field]]).toEqual([kind, r.id, 'string']);
  });

  it('translate only fields the Danish has, with the same numbers, and lists item for item', () => {
    const all = translated();
    expect(all.length).toBeGreaterThan(150);
    for (const { at, owner } of all)
      for (const [field, english] of Object.entries(owner.en ?? {})) {
        const danish = owner[field];
        expect([at, field, danish !== undefined]).toEqual([at, field, true]);
        if (Array.isArray(english)) {
          const items = (danish as readonly (string | { title?: string; text: string })[]).map((d) => (typeof d === 'string' ? d : `${d.title ?? ''} ${d.text}`));
          expect([at, field, english.length]).toEqual([at, field, items.length]);
          english.forEach((e, i) => expect([at, field, i, numbers(String(e))]).toEqual([at, field, i, numbers(items[i] ?? '')]));
        } else expect([at, field, numbers(String(english))]).toEqual([at, field, numbers(String(danish))]);
      }
  });

  it('are read through prose(): English where it exists, else the Danish, saying which', () => {
    const team = kb.organisations.find((o) => o.id === 'team-sikker-by');
    if (!team) throw new Error('no team-sikker-by');
    expect(prose(team, 'description', 'en')).toEqual({ text: team.en?.description, translated: true });
    expect(prose(team, 'description', 'da')).toEqual({ text: team.description, translated: false });
    const rigs = kb.organisations.find((o) => o.id === 'rigspolitiet');
    expect(prose({ ...rigs, en: undefined } as WithEn, 'description', 'en')).toEqual({ text: rigs?.description, translated: false });
    expect(prose(team, 'abbreviation', 'en')).toBeUndefined();
  });
});

describe('missingTranslations', () => {
  const rebuilt = (texts: Record<string, string>) => {
    const r = buildKnowledgeBase(texts, sourceFiles());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.kb;
  };

  it('finds no prose without English in the shipped knowledge base', () => {
    expect(missingTranslations(kb)).toEqual([]);
  });

  it('lists a field whose translation is taken away, on the record and nested inside it', () => {
    let texts = withEdit('focus-areas.yaml', (d) => {
      const fa = d.focusAreas.find((f: { id: string }) => f.id === 'fa-psykisk-saarbare');
      delete fa.en.description;
      delete fa.proposal.reasons[1].en;
    }, shippedTexts());
    texts = withEdit('strategies.yaml', (d) => {
      delete d.strategies[0].decisions[0].en;
    }, texts);
    const strategy = kb.strategies[0]?.id ?? '';
    expect(missingTranslations(rebuilt(texts))).toEqual(
      expect.arrayContaining([
        { id: 'fa-psykisk-saarbare', at: '', field: 'description' },
        { id: 'fa-psykisk-saarbare', at: 'proposal.reasons[1]', field: 'reason' },
        { id: strategy, at: 'decisions[0]', field: 'what' },
      ]),
    );
    expect(missingTranslations(rebuilt(texts))).toHaveLength(3);
  });

  it('does not ask for a translation of a field the Danish leaves out', () => {
    const texts = withEdit('initiatives.yaml', (d) => {
      const line = d.initiatives.find((i: { id: string }) => i.id === 'ssp-plus');
      delete line.administrationsNote;
      delete line.en.administrationsNote;
    });
    expect(missingTranslations(rebuilt(texts))).toEqual([]);
  });
});
