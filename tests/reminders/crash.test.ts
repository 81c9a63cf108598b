// Crash safety of reminder delivery, end to end: the compiled bot runs as a
// child process against a fake Bot Connector that answers every request after
// a delay, so that a dispatch of OWNERS reminders takes seconds. The process is
// killed with SIGKILL while reminders are on the wire (the connector holds
// them unanswered; one per dispatcher worker), then started again on the same
// database. Afterwards every owner must have received its reminder exactly
// once: those cut off are sent again, none answered before the kill is sent
// twice, and every outbox row is 'sent' with the activity id the connector gave.
//
// The kill lands after the connector's answers before the hold were stored
// and while the held ones are unanswered. A kill between a connector's 2xx and the
// store's write would send that one reminder twice (at-least-once, see
// src/storage/sqlite-reminder-store.ts); this test does not aim there.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { parse, stringify } from 'yaml';
import { readKnowledgeFolder } from '../../src/knowledge/load';
import { parseOwnersFile } from '../../src/reminders/owners';
import { openStore, type StoreOptions } from '../../src/storage/open-store';
import { startFakeConnector, type Attempt, type FakeConnector } from '../support/fake-connector';
import { ADAPTIVE_CARD, BOT, TENANT } from '../support/teams-activities';

const ROOT = path.resolve(__dirname, '..', '..');
const GUARD = path.join(ROOT, 'tools', 'loopback-only.cjs');
const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const TIME_ZONE = 'Europe/Copenhagen';
/** The only deadline the test edits (the funding-end ones must match the initiatives). */
const DEADLINE_ID = 'dl-midtvejsstatus-2022-2025';
const OWNERS = 30;
/** The connector's delay before every answer: a dispatch of 30 reminders takes 5 s or more. */
const DELAY_MS = 150;
/** The kill comes when this many reminders were answered and the next one is on the wire (held unanswered). */
const KILL_AFTER = 8;
const TICK_SECONDS = 1;

const owners = Array.from({ length: OWNERS }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { teamsId: `c0ffee00-0000-4000-8000-0000000000${n}`, userId: `29:crash-owner-${n}`, conversationId: `a:crash-owner-${n}` };
});
const ownerConversations = new Set(owners.map((o) => o.conversationId));

// One work folder for the file: the bot compiled from src (a snapshot, so that
// concurrent edits of src or a rebuild of dist/ cannot change it between the two
// starts), beside links to node_modules and cards/ and a copy of package.json,
// which is how the compiled bot finds its card templates; and the edited knowledge.
let work: string;
let mainJs: string;
let knowledgeDir: string;
let ownersFile: string;
let title: string;

/** The local date in Copenhagen `days` from now, as YYYY-MM-DD. */
function copenhagenDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'sikker-by-crash-'));
  const build = spawnSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(work, 'dist')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}\n${build.stderr}`);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  symlinkSync(path.join(ROOT, 'cards'), path.join(work, 'cards'), 'dir');
  cpSync(path.join(ROOT, 'package.json'), path.join(work, 'package.json'));
  mainJs = path.join(work, 'dist', 'main.js');

  // The deadline is due tomorrow with one lead stage of one day: that stage
  // fired at 00:00 today, and with working time all day every day it is due now,
  // by the real clock, for every owner.
  knowledgeDir = path.join(work, 'knowledge');
  cpSync(path.join(ROOT, 'knowledge'), knowledgeDir, { recursive: true });
  const file = path.join(knowledgeDir, 'deadlines.yaml');
  const data = parse(readFileSync(file, 'utf8'));
  const deadline = data.deadlines.find((d: { id: string }) => d.id === DEADLINE_ID);
  if (!deadline) throw new Error(`${DEADLINE_ID} is not in knowledge/deadlines.yaml any more`);
  deadline.due = copenhagenDate(1);
  deadline.recurrence = 'none';
  deadline.leadDays = [1];
  writeFileSync(file, stringify(data));
  ownersFile = path.join(work, 'owners.yaml');
  writeFileSync(ownersFile, stringify({ deadlines: { [DEADLINE_ID]: owners.map((o) => ({ id: o.teamsId })) } }));
  const loaded = await readKnowledgeFolder(knowledgeDir);
  if (!loaded.ok) throw new Error(`the edited knowledge folder is invalid: ${JSON.stringify(loaded.problems)}`);
  const configured = parseOwnersFile(ownersFile, readFileSync(ownersFile, 'utf8'), loaded.kb.deadlines.map((d) => d.id));
  expect(configured.ownersOf(DEADLINE_ID)).toHaveLength(OWNERS);
  title = loaded.kb.deadlines.find((d) => d.id === DEADLINE_ID)!.title;
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

// Every bot process this file starts; none outlives a test, whatever failed.
const children = new Set<ChildProcess>();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
  const errors: unknown[] = [];
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((err: unknown) => errors.push(err));
  if (errors.length > 0) throw errors[0];
});

interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Everything the bot processes of the running test wrote, for failure messages. */
let output: string[] = [];
const lastOutput = () => output.slice(-30).join('');

async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  // A clean environment: nothing from the developer's shell (DATABASE_URL, MicrosoftAppId …) may reach the bot.
  const inherited = Object.fromEntries(['PATH', 'NODE_OPTIONS', 'TMPDIR', 'LANG'].flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]!]])));
  const child = spawn(process.execPath, ['--require', GUARD, mainJs], {
    cwd: work,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`the bot was not ready within 30 s:\n${lastOutput()}`)), 30_000);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      buffered += chunk;
      const ready = /ready on (http:\/\/\S+)/.exec(buffered);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code ?? signal}) before it was ready:\n${lastOutput()}`));
    });
  });
  return { child, url, exited };
}

async function until(condition: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`${describe()}\nbot output:\n${lastOutput()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A proactive reminder card about the test's deadline, as the bot posts it. */
function isReminder(body: Record<string, any>): boolean {
  const attachments: { contentType?: string }[] = Array.isArray(body.attachments) ? body.attachments : [];
  return (
    body.type === 'message' &&
    attachments.some((a) => a.contentType === ADAPTIVE_CARD) &&
    typeof body.summary === 'string' &&
    body.summary.startsWith('Påmindelse') &&
    body.summary.includes(title)
  );
}

const isReminderAttempt = (a: Attempt) => a.route === 'send' && isReminder(a.body);

/** The reminders the connector answered with 2xx, per conversation. */
function deliveredPerConversation(connector: FakeConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of connector.sent) if (s.method === 'POST' && isReminder(s.activity)) counts.set(s.conversationId, (counts.get(s.conversationId) ?? 0) + 1);
  return counts;
}
const deliveredCount = (connector: FakeConnector) => [...deliveredPerConversation(connector).values()].reduce((a, b) => a + b, 0);

interface StoreUnderTest {
  readonly name: string;
  /** Creates an empty database; returns the bot's environment and the store options. */
  prepare(): Promise<{ env: Record<string, string>; options: StoreOptions }>;
  /** Rows per status, read without touching claims (the killed bot's state as it was left). */
  statuses(options: StoreOptions): Promise<Record<string, number>>;
}

const sqlite: StoreUnderTest = {
  name: 'SQLite',
  async prepare() {
    const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-crash-db-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'bot.sqlite');
    return { env: { SQLITE_PATH: file }, options: { kind: 'sqlite', path: file } };
  },
  async statuses(options) {
    if (options.kind !== 'sqlite') throw new Error('not SQLite');
    // Raw, not openStore: opening the store would release the dead process's claim, which is the restart's job.
    const db = new Database(options.path);
    try {
      const rows = db.prepare<[], { status: string; n: number }>('SELECT status, count(*) AS n FROM reminders GROUP BY status').all();
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    } finally {
      db.close();
    }
  },
};

const postgres: StoreUnderTest = {
  name: 'PostgreSQL',
  async prepare() {
    // The bot takes a connection string only (no schema), so it gets a database of its own.
    const database = `sikker_by_crash_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: BASE_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    cleanups.push(async () => {
      const dropper = new Client({ connectionString: BASE_DATABASE_URL });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    });
    const url = new URL(BASE_DATABASE_URL);
    url.pathname = `/${database}`;
    const connectionString = url.toString();
    return { env: { DATABASE_URL: connectionString }, options: { kind: 'postgres', connectionString } };
  },
  async statuses(options) {
    if (options.kind !== 'postgres') throw new Error('not PostgreSQL');
    const client = new Client({ connectionString: options.connectionString });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM reminders GROUP BY status');
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    } finally {
      await client.end();
    }
  },
};

describe.each([sqlite, postgres])('reminders survive a SIGKILL mid-dispatch ($name)', (store) => {
  it('delivers every due reminder exactly once across a kill and a restart', async () => {
    output = [];
    const started = Date.now();
    const connector = await startFakeConnector({ delayMs: DELAY_MS });
    cleanups.push(() => connector.close());
    const { env: storeEnv, options } = await store.prepare();

    // Every owner has a personal chat the bot knows, saved before the bot starts.
    const seed = await openStore(options);
    try {
      for (const o of owners) {
        await seed.saveConversation({
          conversationId: o.conversationId,
          kind: 'personal',
          tenantId: TENANT,
          serviceUrl: connector.url,
          userAadObjectId: o.teamsId,
          reference: {
            user: { id: o.userId, aadObjectId: o.teamsId },
            bot: BOT,
            conversation: { id: o.conversationId, conversationType: 'personal', isGroup: false, tenantId: TENANT },
            channelId: 'msteams',
            serviceUrl: connector.url,
          },
          updatedAt: new Date(),
        });
      }
    } finally {
      await seed.close();
    }

    const env = {
      ...storeEnv,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      KNOWLEDGE_DIR: knowledgeDir,
      OWNERS_FILE: ownersFile,
      REMINDER_TICK_SECONDS: String(TICK_SECONDS),
      WORKING_HOURS: '0-24',
      WORKING_DAYS: '1,2,3,4,5,6,7',
      TIME_ZONE,
    };

    // 1. The first process starts dispatching; it is killed with reminders on the wire.
    // Once KILL_AFTER - 1 are delivered, the connector holds every new request
    // (60 s): each of the dispatcher's workers ends up waiting on one, and what
    // was answered before is recorded meanwhile, so the kill certainly lands
    // mid-send, never between a 2xx and the store's write, however slow this
    // machine is.
    const first = await startBotProcess(env);
    const withOutput = (err: Error) => Promise.reject(new Error(`${err.message}\nbot output:\n${lastOutput()}`));
    await connector
      .waitForAttempt((a) => isReminderAttempt(a) && a.outcome === 'pending' && deliveredCount(connector) >= KILL_AFTER - 1, 60_000)
      .catch(withOutput);
    connector.delay(60_000);
    await sleep(1_500);
    const onTheWire = connector.attempts.filter((a) => isReminderAttempt(a) && a.outcome === 'pending');
    const deliveredBeforeKill = deliveredCount(connector);
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = Date.now();
    connector.delay(DELAY_MS);

    // The requests on the wire died with the process: the connector never answered them.
    await until(() => onTheWire.every((a) => a.outcome !== 'pending'), 5_000, () => 'a request on the wire was neither aborted nor answered');
    const aborted = connector.attempts.filter((a) => isReminderAttempt(a) && a.outcome === 'aborted');
    expect(aborted).toEqual(onTheWire);
    // The in-flight window: one request per worker of the dispatcher (DispatcherOptions.concurrency, 8) at most.
    expect(aborted.length).toBeGreaterThanOrEqual(1);
    expect(aborted.length).toBeLessThanOrEqual(8);
    // The kill came mid-dispatch: some were delivered, most were not yet.
    expect(deliveredBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER - 1);
    expect(deliveredBeforeKill + aborted.length).toBeLessThan(OWNERS);
    expect(deliveredCount(connector)).toBe(deliveredBeforeKill);
    // What the dead process left: every due row enqueued, those answered recorded as sent, the rest pending.
    expect(await store.statuses(options)).toEqual({ sent: deliveredBeforeKill, pending: OWNERS - deliveredBeforeKill });

    // 2. A new process on the same database delivers the rest.
    const second = await startBotProcess(env);
    await until(
      () => deliveredPerConversation(connector).size === OWNERS,
      60_000,
      () => `only ${deliveredPerConversation(connector).size} of ${OWNERS} owners got a reminder within 60 s after the restart`,
    );
    const allDeliveredAt = Date.now();
    // A few more ticks: nothing further may arrive.
    await sleep(3_500 * TICK_SECONDS);

    const perConversation = deliveredPerConversation(connector);
    expect([...perConversation.keys()].sort()).toEqual([...ownerConversations].sort());
    expect([...perConversation].filter(([, n]) => n !== 1)).toEqual([]);
    for (const a of aborted) expect(perConversation.get(a.conversationId!)).toBe(1);
    // Nothing but the reminders went out, and nothing is still on the wire.
    expect(connector.sent.filter((s) => !isReminder(s.activity))).toEqual([]);
    expect(connector.attempts.filter((a) => a.outcome === 'pending')).toEqual([]);

    // 3. Stopped gracefully, the store says every row was sent, to the conversation and activity the connector saw.
    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    const reader = await openStore(options);
    try {
      const rows = await reader.listReminders({ limit: 1000 });
      expect(rows).toHaveLength(OWNERS);
      const byRecipient = new Map(rows.map((r) => [r.recipient.toLowerCase(), r]));
      for (const o of owners) {
        const row = byRecipient.get(o.teamsId);
        const [activity] = connector.to(o.conversationId);
        expect({ owner: o.teamsId, status: row?.status, conversationId: row?.conversationId, activityId: row?.activityId }).toEqual({
          owner: o.teamsId,
          status: 'sent',
          conversationId: o.conversationId,
          activityId: activity?.id,
        });
      }
    } finally {
      await reader.close();
    }

    console.log(
      `${store.name}: ${deliveredBeforeKill} of ${OWNERS} reminders delivered before the kill, ${aborted.length} requests aborted by it ` +
        `(${aborted.map((a) => a.conversationId).join(', ')}); the rest delivered ${((allDeliveredAt - killedAt) / 1000).toFixed(1)} s after the kill; ` +
        `${connector.attempts.length} requests in all; ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
    );
  }, 150_000);
});
