import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

function kbCheck(dir: string | undefined, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [TSX, path.join(ROOT, 'src', 'knowledge', 'check-cli.ts'), ...(dir ? [dir] : [])], { encoding: 'utf8', env: { ...process.env, ...env } });
}

describe('npm run kb:check', () => {
  let copy: string;
  beforeEach(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'kb-'));
    cpSync(KNOWLEDGE_DIR, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  it('passes on the shipped data and prints the counts per record type', () => {
    const r = kbCheck(copy);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/valid \(version [0-9a-f]{12}\)/);
    expect(r.stdout).toMatch(/initiatives\s+16\n/);
    expect(r.stdout).toMatch(/principles\s+11\n/);
    // The record types of issue 12: the sources' statements, what they do not say, the documents, the translations.
    expect(r.stdout).toMatch(/facts\s+\d{2}\n/);
    expect(r.stdout).toMatch(/unknowns\s+\d{2}\n/);
    expect(r.stdout).toMatch(/documents with metadata\s+5\n/);
    expect(r.stdout).toMatch(/English texts\s+\d{3}\n/);
    expect(r.stdout).toMatch(/English texts missing\s+0\n/);
  });

  it('checks the folder the bot reads (KNOWLEDGE_DIR) when given none', () => {
    writeFileSync(path.join(copy, 'initiatives.yaml'), readFileSync(path.join(copy, 'initiatives.yaml'), 'utf8').replace('"2024": 6.8', '"2024": "seks"'));
    const broken = kbCheck(undefined, { KNOWLEDGE_DIR: copy });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(`${copy}: 1 problem(s)`);
    const shipped = kbCheck(undefined, { KNOWLEDGE_DIR: KNOWLEDGE_DIR });
    expect(shipped.status).toBe(0);
    expect(shipped.stdout).toContain(`${KNOWLEDGE_DIR}: valid`);
  });

  it('fails on a broken copy, naming the file, the line and the path', () => {
    const file = path.join(copy, 'initiatives.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"2024": 6.8', '"2024": "seks"'));
    const r = kbCheck(copy);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/initiatives\.yaml:\d+ initiatives\[0\] \(ny-start\)\.amounts\.2024: Invalid input: expected number, received string/);
  });
});
