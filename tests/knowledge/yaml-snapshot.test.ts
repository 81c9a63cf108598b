import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildKnowledgeBase } from '../../src/knowledge/knowledge-base';
import { readYamlSnapshot, yamlSnapshot } from '../../src/knowledge/yaml-snapshot';
import { shippedTexts, sourceFiles, sourceText, withEdit } from '../support/knowledge-files';

describe('the YAML snapshot of the knowledge files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'yaml-snapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const texts = shippedTexts();
  const sources = Object.fromEntries(sourceFiles().filter((f) => f.endsWith('.txt')).map((f) => [f, sourceText(f)]));
  const file = path.join(dir, 'knowledge-yaml.json');
  writeFileSync(file, yamlSnapshot(Object.values(texts)));

  it('builds the very knowledge base the YAML gives', () => {
    const known = readYamlSnapshot(file);
    for (const text of Object.values(texts)) expect(known(text)).toBeDefined();
    const plain = buildKnowledgeBase(texts, sourceFiles(), sources);
    const snapped = buildKnowledgeBase(texts, sourceFiles(), sources, known);
    expect(snapped.ok).toBe(true);
    expect(snapped).toStrictEqual(plain);
  });

  it('holds nothing for an edited text: it is parsed as before', () => {
    const edited = withEdit('terms.yaml', (d) => (d.terms[0].definition += ' (redigeret)'));
    const known = readYamlSnapshot(file);
    expect(known(edited['terms.yaml']!)).toBeUndefined();
    const built = buildKnowledgeBase(edited, sourceFiles(), sources, known);
    expect(built.ok && built.kb.terms[0]?.definition).toMatch(/\(redigeret\)$/);
  });

  it('still checks the data against the schemas, and locates a problem in the text', () => {
    const broken = withEdit('initiatives.yaml', (d) => (d.initiatives[0].amounts['2024'] = '6,8'));
    const snapshot = path.join(dir, 'broken.json');
    writeFileSync(snapshot, yamlSnapshot(Object.values(broken)));
    const fromSnapshot = buildKnowledgeBase(broken, sourceFiles(), sources, readYamlSnapshot(snapshot));
    expect(fromSnapshot.ok).toBe(false);
    expect(fromSnapshot).toEqual(buildKnowledgeBase(broken, sourceFiles(), sources));
    expect(!fromSnapshot.ok && fromSnapshot.problems[0]?.line).toBeGreaterThan(1);
  });

  it('leaves out a text that is no valid YAML', () => {
    const snapshot = path.join(dir, 'invalid.json');
    writeFileSync(snapshot, yamlSnapshot(['a: [1, 2', 'b: 1']));
    const known = readYamlSnapshot(snapshot);
    expect(known('a: [1, 2')).toBeUndefined();
    expect(known('b: 1')).toEqual({ data: { b: 1 } });
  });

  it('is none when the file is missing, not JSON, or of another yaml version', () => {
    const garbled = path.join(dir, 'garbled.json');
    writeFileSync(garbled, '{"yaml":');
    const other = path.join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(yamlSnapshot(['b: 1'])), yaml: '0.0.1' }));
    for (const f of [path.join(dir, 'missing.json'), garbled, other]) expect(readYamlSnapshot(f)('b: 1')).toBeUndefined();
  });
});
