import { buildKnowledgeBase, type BuildResult } from '../../src/knowledge/knowledge-base';
import { formatProblem, type KnowledgeProblem } from '../../src/knowledge/problems';
import { shippedKnowledgeBase, shippedTexts, sourceFiles, withEdit } from '../support/knowledge-files';

function problemsOf(result: BuildResult): readonly KnowledgeProblem[] {
  if (result.ok) throw new Error('expected the knowledge base to be rejected');
  return result.problems;
}

function build(texts: Record<string, string>) {
  return buildKnowledgeBase(texts, sourceFiles());
}

describe('the shipped knowledge base', () => {
  it('loads without problems', () => {
    const result = build(shippedTexts());
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('is immutable', () => {
    const kb = shippedKnowledgeBase();
    expect(() => {
      (kb.initiatives[0] as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (kb.initiatives as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('resolves every id through byId with its type', () => {
    const kb = shippedKnowledgeBase();
    expect(kb.byId.get('exit-kk')?.type).toBe('initiative');
    expect(kb.byId.get('strategy-2022-2025')?.type).toBe('strategy');
    expect(kb.byId.get('sof')?.type).toBe('organisation');
    expect(kb.byId.get('no-such-id')).toBeUndefined();
  });

  it('derives the last funded year from the yearly amounts', () => {
    const kb = shippedKnowledgeBase();
    const year = (id: string) => kb.initiatives.find((i) => i.id === id)?.lastFundedYear;
    expect(year('center-crossroad')).toBe(2023);
    expect(year('den-korte-snor')).toBe(2024);
    expect(year('exit-kk')).toBe(2025);
    expect(year('ny-start')).toBe(2026);
  });

  it('has a version that changes with the content', () => {
    const a = build(shippedTexts());
    const b = build(withEdit('terms.yaml', (d) => (d.terms[0].definition += ' (redigeret)')));
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(a.kb.version).not.toBe(b.kb.version);
  });
});

describe('schema errors name the file, the path and what was expected', () => {
  it('rejects an amount written as text', () => {
    const problems = problemsOf(build(withEdit('initiatives.yaml', (d) => (d.initiatives[0].amounts['2024'] = '6,8'))));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'initiatives.yaml', path: 'initiatives[0] (ny-start).amounts.2024' });
    expect(problems[0]?.message).toMatch(/expected number, received string/);
    expect(problems[0]?.line).toBeGreaterThan(1);
  });

  it('rejects a negative amount', () => {
    const problems = problemsOf(build(withEdit('initiatives.yaml', (d) => (d.initiatives[1].permanentFunding = -1.5))));
    expect(problems.map(formatProblem).join('\n')).toMatch(
      /initiatives\.yaml:\d+ initiatives\[1\] \(ssp-plus\)\.permanentFunding: a non-negative amount/,
    );
  });

  it('rejects a record without a required field', () => {
    const problems = problemsOf(build(withEdit('principles.yaml', (d) => delete d.principles[0].title)));
    expect(problems[0]).toMatchObject({ file: 'principles.yaml', path: 'principles[0] (p2018-1).title' });
    expect(problems[0]?.message).toMatch(/expected string, received undefined/);
  });

  it('rejects an unknown field and points at it', () => {
    const problems = problemsOf(build(withEdit('people.yaml', (d) => (d.people[0].telefon = '1234'))));
    expect(problems[0]?.path).toMatch(/^people\[0\] \([a-z-]+\)\.telefon$/);
    expect(problems[0]?.message).toMatch(/Unrecognized key: "telefon"/);
  });

  it('rejects a malformed id and a malformed date', () => {
    const problems = problemsOf(
      build(
        withEdit('timeline.yaml', (d) => {
          d.events[0].id = 'Ev 2010';
          d.events[1].date = '12. januar 2010';
        }),
      ),
    );
    expect(problems.map((p) => [p.path.replace(/ \(.*?\)/, ''), p.message])).toEqual([
      ['events[0].id', expect.stringMatching(/kebab-case id/)],
      ['events[1].date', expect.stringMatching(/YYYY, YYYY-MM or YYYY-MM-DD/)],
    ]);
  });

  it('reports invalid YAML with its line', () => {
    const texts = { ...shippedTexts(), 'terms.yaml': 'terms:\n  - id: term-a\n    term: [unclosed\n' };
    const problems = problemsOf(build(texts));
    expect(problems[0]).toMatchObject({ file: 'terms.yaml', path: '' });
    expect(problems[0]?.message).toMatch(/^invalid YAML/);
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a missing file', () => {
    const texts = shippedTexts();
    delete texts['plans.yaml'];
    expect(problemsOf(build(texts))).toEqual([
      { file: 'plans.yaml', path: '', message: 'the file is missing from the knowledge folder' },
    ]);
  });

  it('reports every problem at once, across files', () => {
    let texts = withEdit('initiatives.yaml', (d) => (d.initiatives[0].amounts['2023'] = 'x'));
    texts = withEdit('principles.yaml', (d) => (d.principles[0].number = 0), texts);
    const files = problemsOf(build(texts)).map((p) => p.file);
    expect(files).toEqual(expect.arrayContaining(['initiatives.yaml', 'principles.yaml']));
  });
});

describe('cross-record checks', () => {
  it('rejects a reference to an unknown id', () => {
    const problems = problemsOf(build(withEdit('principles.yaml', (d) => (d.principles[0].strategy = 'strategy-2030-2033'))));
    expect(problems).toContainEqual({
      file: 'principles.yaml',
      path: 'principles[0] (p2018-1).strategy',
      line: expect.any(Number),
      message: 'unknown id "strategy-2030-2033": expected the id of a record of type strategy',
    });
  });

  it('rejects a reference to a record of the wrong type', () => {
    const problems = problemsOf(build(withEdit('initiatives.yaml', (d) => (d.initiatives[0].administrations = ['exit-kk']))));
    expect(problems[0]?.message).toBe(
      '"exit-kk" is a record of type initiative: expected the id of a record of type organisation',
    );
  });

  it('rejects a citation of an unknown source', () => {
    const problems = problemsOf(build(withEdit('terms.yaml', (d) => (d.terms[0].sources[0].source = 'src-999'))));
    expect(problems[0]?.path).toMatch(/^terms\[0\] \([a-z0-9-]+\)\.sources\[0\]\.source$/);
    expect(problems[0]?.message).toMatch(/unknown id "src-999"/);
  });

  it('rejects a source record whose document is not in knowledge/sources', () => {
    const problems = problemsOf(build(withEdit('sources.yaml', (d) => (d.sources[0].file = 'missing.txt'))));
    expect(problems[0]?.message).toBe('"missing.txt" is not in knowledge/sources/');
  });

  it('rejects duplicate ids, also across files', () => {
    const problems = problemsOf(
      build(
        withEdit('terms.yaml', (d) => {
          d.terms.push({ ...d.terms[0], id: 'sof' });
        }),
      ),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('terms.yaml');
    expect(problems[0]?.message).toMatch(/^duplicate id "sof": already used by organisations\.yaml organisations\[\d+\] \(sof\)$/);
  });

  it('rejects a changed amount that no longer reconciles with the stated expiry total', () => {
    const problems = problemsOf(
      build(withEdit('initiatives.yaml', (d) => (d.initiatives.find((i: any) => i.id === 'exit-kk').amounts['2025'] = 4.3))),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'the rows ending in 2025 add up to 8.6, not 8.5; fix a row or record the discrepancy',
    ]);
  });

  it('rejects a hidden discrepancy: the 2026 total only passes because it is recorded', () => {
    const problems = problemsOf(
      build(withEdit('initiatives.yaml', (d) => delete d.budgetPackage.expiryTotals.find((t: any) => t.year === '2026').discrepancy)),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'the rows ending in 2026 add up to 16.7, not 11.4; fix a row or record the discrepancy',
    ]);
  });

  it('rejects a split between administrations that does not add up', () => {
    const problems = problemsOf(
      build(withEdit('initiatives.yaml', (d) => (d.initiatives.find((i: any) => i.id === 'ssp-plus').split.parts[0].amount = 0.8))),
    );
    expect(problems.map((p) => p.message)).toEqual(['parts adding up to 2.7 (the 2023 amount), not 2.8']);
  });

  it('refuses to invent the unnamed grundprincipper', () => {
    const problems = problemsOf(
      build(
        withEdit('principles.yaml', (d) =>
          d.principles.push({
            id: 'gp-opfundet',
            strategy: 'strategy-2022-2025',
            kind: 'grundprincip',
            title: 'Et opfundet grundprincip',
            shortName: 'Opfundet',
            summary: 'Findes ikke i kilderne.',
            sources: [{ source: 'src-004' }],
          }),
        ),
      ),
    );
    expect(problems.map((p) => p.message)).toEqual([
      'the sources do not name the grundprincip, but principles.yaml records 1 for strategy-2022-2025',
    ]);
  });

  it('rejects a funding-end deadline outside the last funded year', () => {
    const problems = problemsOf(
      build(withEdit('deadlines.yaml', (d) => (d.deadlines.find((x: any) => x.id === 'dl-finansiering-exit-kk').due = '2026-12-31'))),
    );
    expect(problems.map((p) => p.message)).toEqual(['expected a date in 2025, the last funded year of exit-kk']);
  });
});
