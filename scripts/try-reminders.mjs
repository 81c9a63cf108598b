#!/usr/bin/env node
// `npm run playground:reminders`: try a deadline reminder by hand in
// Microsoft 365 Agents Playground, without waiting for a real deadline.
//
// Prepares data/try-reminders/ (ignored by git, rewritten on every start):
// - knowledge/: a copy of knowledge/, which the bot watches like its own;
// - owners.yaml: the deployment's owners file, naming the playground's user
//   as the owner of the mid-term status deadline;
// - playground.yml: the playground's users, with a real Entra-style object id
//   (a GUID) for that user (the playground's own ids are not GUIDs);
// then starts `npm run playground` (scripts/playground.mjs) with OWNERS_FILE,
// KNOWLEDGE_DIR, a SQLite file of its own, working time all day every day and
// a reminder tick every 5 s.
//
// The bot can only remind someone it has a chat with, so: write anything to
// it in the playground first, then bring the deadline near with
// `node scripts/try-reminders.mjs --near` (it moves the deadline in the copy
// to 7 days from today, a configured date that deadlines.yaml says may
// change; the bot reloads the copy by itself). The card arrives within
// seconds; press Indberettet and it changes to say who reported and when.
//
// --prepare-only DIR and --near DIR do the same in DIR and start nothing;
// --prepare-only prints the environment as JSON (the playground test uses it).
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const DEADLINE = 'dl-midtvejsstatus-2022-2025';
const LEAD_DAYS = 7;
const TIME_ZONE = process.env.TIME_ZONE || 'Europe/Copenhagen';

/** The playground's user, as it will be configured. */
const USER = { id: 'user-id-0', name: 'Alex Wilber', aadObjectId: '6a1e2b3c-0000-4000-8000-00000000a1e0', upn: 'alexw@example.com' };
const others = ['Megan Bowen', 'Adele Vance', 'Isaiah Langer', 'Patti Fernandez', 'Lynne Robbins'];

function localDate(days) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Moves the deadline in the copy to LEAD_DAYS from today, with one reminder LEAD_DAYS before: due now. */
function near(dir) {
  const file = path.join(dir, 'knowledge', 'deadlines.yaml');
  const data = parse(readFileSync(file, 'utf8'));
  const deadline = data.deadlines.find((d) => d.id === DEADLINE);
  if (!deadline) throw new Error(`${DEADLINE} is not in ${file}`);
  Object.assign(deadline, { due: localDate(LEAD_DAYS), recurrence: 'none', leadDays: [LEAD_DAYS] });
  writeFileSync(file, stringify(data));
  return deadline.due;
}

function prepare(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const knowledge = path.join(dir, 'knowledge');
  cpSync(path.join(root, 'knowledge'), knowledge, { recursive: true });
  const owners = path.join(dir, 'owners.yaml');
  writeFileSync(owners, `# Written by scripts/try-reminders.mjs: the playground's user owns ${DEADLINE}.\n${stringify({ deadlines: { [DEADLINE]: [{ id: USER.aadObjectId, name: USER.name }] } })}`);

  const user = (name, i) => {
    const [givenName, surname] = name.split(' ');
    const upn = `${givenName.toLowerCase()}${surname[0].toLowerCase()}@example.com`;
    return { id: `user-id-${i}`, name, userPrincipleName: upn, aadObjectId: `6a1e2b3c-0000-4000-8000-00000000a1e${i}`, givenName, surname, email: upn };
  };
  const playground = path.join(dir, 'playground.yml');
  writeFileSync(
    playground,
    stringify({
      version: '0.1.1',
      tenantId: '6a1e2b3c-0000-4000-8000-00000000a1ff',
      bot: { id: '00000000-0000-0000-0000-00000000000011', name: 'Sikker By' },
      currentUser: { ...user(USER.name, 0), userPrincipleName: USER.upn, email: USER.upn, aadObjectId: USER.aadObjectId },
      users: others.map((name, i) => user(name, i + 1)),
      personalChat: { id: '__PERSONAL_CHAT_ID__' },
      groupChat: { id: '__GROUP_CHAT_ID__', name: 'Group Chat' },
      team: { id: 'team-id', name: 'My Team', aadGroupId: '00000000-0000-0000-0000-000000000031', channels: [{ id: 'channel-announcements-id', name: 'Announcements' }] },
    }),
  );
  return {
    KNOWLEDGE_DIR: knowledge,
    OWNERS_FILE: owners,
    SQLITE_PATH: path.join(dir, 'bot.sqlite'),
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: playground,
    WORKING_HOURS: '0-24',
    WORKING_DAYS: '1,2,3,4,5,6,7',
    REMINDER_TICK_SECONDS: '5',
  };
}

const [flag, given] = process.argv.slice(2);
const usage = () => {
  console.error('usage: node scripts/try-reminders.mjs [--near [DIR] | --prepare-only DIR]');
  process.exit(2);
};
const defaultDir = path.join(root, 'data', 'try-reminders');
if (flag === '--prepare-only') {
  if (!given) usage();
  console.log(JSON.stringify({ env: prepare(path.resolve(given)), user: USER, deadline: DEADLINE }));
} else if (flag === '--near') {
  const due = near(given ? path.resolve(given) : defaultDir);
  console.log(`${DEADLINE} is now due ${due} in the copy; the bot reloads it and sends the reminder within seconds.`);
} else if (flag === undefined) {
  const env = prepare(defaultDir);
  console.log(`Prepared data/try-reminders/: the playground's user ${USER.name} owns ${DEADLINE} (owners.yaml there).`);
  console.log('Write anything in the personal chat, then run `node scripts/try-reminders.mjs --near` in another terminal.');
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'playground.mjs')], { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else usage();
