// `npm run reminders -- preview --at …` on a copy of the knowledge base whose
// mid-term deadline is moved to 2027 and given an owner in an owners file: what
// would be sent, in words and local time, and nothing is written.
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
const LEAD = '0b5e1c9a-3f2d-4c8e-9a71-2d4f6b8c0e13';
const TITLE = 'Midtvejsstatus på fagprincipperne i Sikker By-strategien 2022-2025';

let dir: string;
let ownersFile: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'preview-'));
  cpSync(KNOWLEDGE_DIR, path.join(dir, 'knowledge'), { recursive: true });
  const file = path.join(dir, 'knowledge', 'deadlines.yaml');
  const data = parse(readFileSync(file, 'utf8'));
  const midterm = data.deadlines.find((d: { id: string }) => d.id === 'dl-midtvejsstatus-2022-2025');
  midterm.due = '2027-03-15';
  midterm.leadDays = [14, 1];
  writeFileSync(file, stringify(data));
  ownersFile = path.join(dir, 'owners.yaml');
  writeFileSync(ownersFile, stringify({ deadlines: { 'dl-midtvejsstatus-2022-2025': [{ id: OWNER, name: 'Anne Juhl', teamLead: { id: LEAD, name: 'Bo Lind' } }] } }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function preview(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [TSX, path.join(ROOT, 'src', 'reminders', 'preview-cli.ts'), ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      KNOWLEDGE_DIR: path.join(dir, 'knowledge'),
      SQLITE_PATH: path.join(dir, 'bot.sqlite'),
      OWNERS_FILE: ownersFile,
      DEFAULT_LANG: 'da',
      TIME_ZONE: 'Europe/Copenhagen',
      ...env,
    },
  });
}

it('prints the stage that would go out, in local time and words, to the owner by name', () => {
  // 1 March 2027 is a Monday; lead-14 of 15 March fires that morning.
  const r = preview(['preview', '--at', '2027-03-01']);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('mandag den 1. marts 2027 kl. 10.00 (Europe/Copenhagen), i arbejdstiden.');
  expect(r.stdout).toContain(`- ${TITLE}: frist 15. marts 2027 (om 14 dage); påmindelse 14 dage før fristen til Anne Juhl`);
  // No stage codes, deadline ids or the owner's raw id when the name is known.
  expect(r.stdout).not.toMatch(/lead-14|dl-midtvejsstatus|leder@kk\.dk|days left|T\d\d:\d\d/);
});

it('says how long ago an overdue deadline was, and that the team lead is told, in English too', () => {
  // Tuesday 16 March 2027: the overdue stage, to the owner and the team lead.
  const da = preview(['preview', '--at', '2027-03-16']);
  expect(da.status).toBe(0);
  expect(da.stdout).toContain(`- ${TITLE}: frist 15. marts 2027 (for 1 dag siden); påmindelse efter fristen til teamlederen Bo Lind, fordi Anne Juhl ikke har indberettet`);
  const en = preview(['preview', '--at', '2027-04-13', '--en']);
  expect(en.stdout).toContain('Tuesday, 13 April 2027 at 10:00 (Europe/Copenhagen), in working time.');
  expect(en.stdout).toContain(`- ${TITLE}: due 15 March 2027 (29 days ago); reminder after the deadline to Anne Juhl`);
});

it('shows the time in TIME_ZONE', () => {
  const r = preview(['preview', '--at', '2027-03-01T09:00:00Z'], { TIME_ZONE: 'America/New_York', WORKING_DAYS: '1,2,3,4,5,6,7', WORKING_HOURS: '0-24' });
  expect(r.stdout).toContain('mandag den 1. marts 2027 kl. 04.00 (America/New_York)');
});

it('sends nothing outside working time and writes nothing to the store', async () => {
  const r = preview(['preview', '--at', '2027-03-06T12:00:00+01:00']);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/uden for arbejdstiden: intet sendes/);
  expect(r.stdout).toMatch(/Ingen påmindelser ville blive sendt/);
  const store = await openStore({ kind: 'sqlite', path: path.join(dir, 'bot.sqlite') });
  try {
    expect(await store.listReminders({ limit: 10 })).toEqual([]);
  } finally {
    await store.close();
  }
});

it('prints its usage for --help, and explains a wrong command, option or time without a stack trace', () => {
  const help = preview(['--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toMatch(/^usage: npm run reminders -- preview/);
  for (const [args, message] of [
    [['send'], /unknown command: send/],
    [[], /no command given/],
    [['preview', '--at'], /--at/],
    [['preview', '--when', 'x'], /--when/],
    [['preview', '--at', 'tomorrow-ish'], /neither a date/],
  ] as const) {
    const r = preview([...args]);
    expect({ args, status: r.status }).toEqual({ args, status: 2 });
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: npm run reminders');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }
});

it('names the file, the path and the accepted forms of id when an owner id is not accepted', () => {
  const bad = path.join(dir, 'bad-owners.yaml');
  writeFileSync(bad, 'deadlines:\n  dl-midtvejsstatus-2022-2025:\n    - id: "29:1abc"\n');
  const r = preview(['preview', '--at', '2027-03-01'], { OWNERS_FILE: bad });
  expect(r.status).toBe(1);
  expect(r.stderr).toContain(`${bad}:3 deadlines.dl-midtvejsstatus-2022-2025[0] (29:1abc).id: "29:1abc" is not accepted: expected an Entra object id (a GUID`);
  expect(r.stderr).toContain('or a user principal name (e-mail form');
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

it('says when there is no owners file', () => {
  const r = preview(['preview', '--at', '2027-03-01'], { OWNERS_FILE: path.join(dir, 'none.yaml') });
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('Ingen påmindelser ville blive sendt.');
  expect(r.stdout).toContain(`(Der er ingen ejerfil ${path.join(dir, 'none.yaml')}, så ingen frister har en ejer; se owners.example.yaml.)`);
});
