// `npm run reminders -- preview --at …` on a copy of the knowledge base whose
// mid-term deadline has an owner: what would be sent, and nothing is written.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { openStore } from '../../src/storage/open-store';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const OWNER = 'leder@kk.dk';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  cpSync(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
  const file = path.join(dir, 'knowledge', 'deadlines.yaml');
  const data = parse(readFileSync(file, 'utf8'));
  const midterm = data.deadlines.find((d: { id: string }) => d.id === 'dl-midtvejsstatus-2022-2025');
  midterm.due = '2027-03-15';
  midterm.leadDays = [14, 1];
  midterm.owners[0].teamsId = OWNER;
  writeFileSync(file, stringify(data));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function preview(...args: string[]) {
  return spawnSync(process.execPath, [TSX, path.join(ROOT, 'src', 'reminders', 'preview-cli.ts'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: path.join(dir, 'knowledge'), SQLITE_PATH: path.join(dir, 'bot.sqlite') },
  });
}

it('prints the stage that would go out at that moment, to whom', () => {
  // 1 March 2027 is a Monday; lead-14 of 15 March fires that morning.
  const r = preview('preview', '--at', '2027-03-01');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/\(working time\)/);
  expect(r.stdout).toContain(`2027-03-15 dl-midtvejsstatus-2022-2025 lead-14 → ${OWNER} (owner, 14 days left)`);
});

it('sends nothing outside working time and writes nothing to the store', async () => {
  const r = preview('preview', '--at', '2027-03-06T12:00:00+01:00');
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/outside working time/);
  expect(r.stdout).toMatch(/nothing would be sent/);
  const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'bot.sqlite') });
  try {
    expect(await store.listReminders({ limit: 10 })).toEqual([]);
  } finally {
    await store.close();
  }
});

it('explains its usage on a wrong command or time', () => {
  expect(preview('send').status).toBe(2);
  const bad = preview('preview', '--at', 'tomorrow-ish');
  expect(bad.status).toBe(1);
  expect(bad.stderr).toMatch(/neither a date/);
});
