// `npm run bench:reminders`: a burst of due reminders through the built bot,
// at Teams' limit of 50 proactive requests per second per tenant.
//
// Seeds COUNT owners, each with a 1:1 conversation reference and one due
// reminder in the outbox, in a throw-away database (SQLite in a temp folder;
// with DATABASE_URL, a new PostgreSQL database created on that server and
// dropped afterwards), starts INSTANCES bots on it and lets them drain the
// outbox, while a person asks a question every 500 ms (for 10 s before the
// reminders become due too, to compare with). Without --service-url
// the reminders go to a stand-in connector in this process that answers 429
// above 50 requests per tenant in any one-second window (bench/tenant-connector.ts);
// with it, to that connector, so that someone else's connector can count what
// arrives. --kill SIGKILLs the last instance once half the reminders are out
// (then the time bound does not apply: nothing may be lost, and nothing
// duplicated beyond that instance's in-flight window of 8).
//
// Prints delivered, duplicates, lost, 429s received, the total time (from the
// moment every reminder is due, all instances running, to the last reminder
// delivered), the minimum the limit
// allows (COUNT / 50 s), their ratio, the busiest one-second window, and the
// questions' latency. Figures, not assertions: the machine may be noisy.
//
//   npm run bench:reminders -- [--count 2000] [--instances 1] [--service-url URL] [--kill]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { openStore, type StoreOptions } from '../src/storage/open-store';
import { questions, root, startBot, type Started } from './support';
import { busiestWindow, startTenantConnector, type TenantConnector } from './tenant-connector';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    instances: { type: 'string', default: '1' },
    'service-url': { type: 'string' },
    kill: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const instances = Number(values.instances);
const serviceUrlGiven = values['service-url'];
const TENANT = '00000000-0000-4000-8000-00000000be0c';
const DEADLINE = 'dl-effektopfoelgning';
const OCCURRENCE = '2027-10-01';
const LIMIT_PER_SECOND = 50;
const QUESTION_EVERY_MS = 500;
/** Questions asked before the reminders are due: their latency on an idle outbox, to compare with. */
const BASELINE_MS = 10_000;

function usage(problem: string): never {
  console.error(`${problem}\nusage: npm run bench:reminders -- [--count 2000] [--instances 1] [--service-url URL] [--kill]`);
  process.exit(2);
}
if (!Number.isInteger(count) || count < 1) usage('--count must be a positive whole number');
if (!Number.isInteger(instances) || instances < 1) usage('--instances must be a positive whole number');
if (values.kill && instances < 2) usage('--kill needs --instances 2 or more: one is killed, the others go on');
if (!process.env.DATABASE_URL && instances > 1) usage('several instances need PostgreSQL (set DATABASE_URL): a SQLite file serves one process');

interface Db {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly options: StoreOptions;
  /** Outbox rows by status, read without opening the store (a second SQLite store would release the bots' claims). */
  statuses(): Promise<Record<string, number>>;
  /** Makes every seeded reminder due now, in one statement. */
  release(): Promise<void>;
  drop(): Promise<void>;
}

async function throwAwayDatabase(): Promise<Db> {
  const admin = process.env.DATABASE_URL;
  if (!admin) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-bench-reminders-'));
    const file = path.join(dir, 'bench.sqlite');
    return {
      name: 'SQLite (throw-away file)',
      env: { SQLITE_PATH: file, DATABASE_URL: '' },
      options: { kind: 'sqlite', path: file },
      async statuses() {
        const db = new Database(file, { readonly: true, fileMustExist: true });
        try {
          const rows = db.prepare('SELECT status, count(*) AS n FROM reminders GROUP BY status').all() as { status: string; n: number }[];
          return Object.fromEntries(rows.map((r) => [r.status, r.n]));
        } finally {
          db.close();
        }
      },
      async release() {
        const db = new Database(file, { fileMustExist: true });
        try {
          db.pragma('busy_timeout = 10000');
          db.prepare("UPDATE reminders SET next_attempt_at = ? WHERE status = 'pending'").run(Date.now());
        } finally {
          db.close();
        }
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `bench_reminders_${process.pid}_${Date.now()}`;
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const onAdmin = async (sql: string) => {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onAdmin(`CREATE DATABASE "${name}"`);
  return {
    name: `PostgreSQL (throw-away database ${name} on ${url.host})`,
    env: { DATABASE_URL: url.toString() },
    options: { kind: 'postgres', connectionString: url.toString() },
    async statuses() {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: string; n: string }>('SELECT status, count(*) AS n FROM reminders GROUP BY status');
        return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      } finally {
        await client.end();
      }
    },
    async release() {
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await client.query("UPDATE reminders SET next_attempt_at = now() WHERE status = 'pending'");
      } finally {
        await client.end();
      }
    },
    drop: () => onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

const ownerId = (i: number) => `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`;

async function seed(db: Db, serviceUrl: string): Promise<void> {
  const store = await openStore(db.options);
  try {
    const now = new Date();
    for (let i = 0; i < count; i++) {
      const conversationId = `a:bench-owner-${i}`;
      await store.saveConversation({
        conversationId,
        kind: 'personal',
        tenantId: TENANT,
        serviceUrl,
        userAadObjectId: ownerId(i),
        reference: {
          user: { id: `29:bench-owner-${i}`, aadObjectId: ownerId(i) },
          bot: { id: '28:bot', name: 'Sikker By' },
          conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
          channelId: 'msteams',
          serviceUrl,
        },
        updatedAt: now,
      });
    }
    const rows = Array.from({ length: count }, (_, i) => ({
      key: `${DEADLINE}|${OCCURRENCE}|${ownerId(i)}|lead-1|${ownerId(i)}`,
      deadlineId: DEADLINE,
      occurrence: OCCURRENCE,
      owner: ownerId(i),
      recipient: ownerId(i),
      role: 'owner' as const,
      stage: 'lead-1',
      payload: {},
      // Not due until release(): the bots start, and the questions' baseline is measured, on an idle outbox.
      nextAttemptAt: new Date(now.getTime() + 24 * 60 * 60_000),
    }));
    for (let i = 0; i < rows.length; i += 500) await store.enqueueReminders(rows.slice(i, i + 500), now);
  } finally {
    await store.close();
  }
}

/** A person asking a question every QUESTION_EVERY_MS, round robin over the bots, until stopped. */
function askMeanwhile(bots: () => readonly Started[], serviceUrl: string) {
  let latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  const timer = setInterval(() => {
    const alive = bots();
    const bot = alive[n % Math.max(1, alive.length)];
    if (!bot) return;
    n++;
    const activity = {
      type: 'message',
      id: `q${n}`,
      channelId: 'msteams',
      serviceUrl,
      text: questions[n % questions.length],
      locale: 'da-DK',
      from: { id: `29:bench-asker-${n % 5}`, aadObjectId: `00000000-0000-4000-8000-0000000a5${String(n % 5).padStart(3, '0')}` },
      recipient: { id: '28:bot' },
      conversation: { id: `a:bench-asker-${n % 5}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
    const started = performance.now();
    const asked = fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity), signal: AbortSignal.timeout(30_000) })
      .then(async (res) => {
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        if (res.status !== 200) errors++;
      })
      .catch(() => {
        errors++;
      })
      .finally(() => inFlight.delete(asked));
    inFlight.add(asked);
  }, QUESTION_EVERY_MS);
  const figures = (of: readonly number[]) => {
    const sorted = [...of].sort((a, b) => a - b);
    const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN);
    return { answered: sorted.length, p50: at(0.5), p99: at(0.99) };
  };
  return {
    /** The latencies so far, and a fresh start for the next phase. */
    phase() {
      const done = figures(latencies);
      latencies = [];
      return done;
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return { asked: n, errors, ...figures(latencies) };
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const db = await throwAwayDatabase();
  const own: TenantConnector | undefined = serviceUrlGiven ? undefined : await startTenantConnector({ perSecond: LIMIT_PER_SECOND });
  const serviceUrl = serviceUrlGiven ?? own!.url;
  const bots: Started[] = [];
  const killed = new Set<Started>();
  try {
    await seed(db, serviceUrl);
    const env = {
      ...db.env,
      REMINDER_TICK_SECONDS: '1',
      // The rows are seeded; with no owners file the schedule adds none of its own.
      OWNERS_FILE: path.join(tmpdir(), `sikker-by-bench-no-owners-${process.pid}.yaml`),
    };
    for (let i = 0; i < instances; i++) bots.push(await startBot([path.join(root, 'dist', 'main.js')], env));
    const asker = askMeanwhile(() => bots.filter((b) => !killed.has(b)), serviceUrl);
    await sleep(BASELINE_MS);
    const idle = asker.phase();
    await db.release();
    const t0 = performance.now();

    const reminderArrivals = () => (own ? own.arrivals.filter((a) => a.proactive && a.status === 200) : []);
    let drainedAt = 0;
    for (;;) {
      await sleep(200);
      const statuses = await db.statuses();
      const sent = statuses['sent'] ?? 0;
      if (values.kill && killed.size === 0 && sent >= count / 2) {
        const victim = bots.at(-1)!;
        victim.child.kill('SIGKILL');
        killed.add(victim);
        console.log(`SIGKILL to instance ${bots.length} after ${sent} reminders were recorded as sent`);
      }
      if ((statuses['pending'] ?? 0) === 0) {
        drainedAt = performance.now();
        break;
      }
    }
    // A few more ticks: anything sent twice would arrive now.
    await sleep(3_000);
    const questionsAsked = await asker.stop();
    for (const bot of bots) if (!killed.has(bot)) bot.child.kill('SIGTERM');
    await Promise.all(bots.filter((b) => b.child.exitCode === null && b.child.signalCode === null).map((b) => new Promise((r) => b.child.once('exit', r))));

    const statuses = await db.statuses();
    const arrivals = reminderArrivals();
    const perConversation = new Map<string, number>();
    for (const a of arrivals) perConversation.set(a.conversationId, (perConversation.get(a.conversationId) ?? 0) + 1);
    const lastArrival = arrivals.reduce((m, a) => Math.max(m, a.at), 0);
    const totalS = ((own ? lastArrival : drainedAt) - t0) / 1000;
    const minimumS = count / LIMIT_PER_SECOND;
    const delivered = own ? perConversation.size : (statuses['sent'] ?? 0);
    const duplicates = [...perConversation.values()].reduce((sum, n) => sum + n - 1, 0);
    const tooMany = own ? own.arrivals.filter((a) => a.status === 429).length : undefined;

    console.log(`\nreminders benchmark: ${count} due reminders, ${instances} instance${instances === 1 ? '' : 's'}${values.kill ? ` (instance ${instances} SIGKILLed halfway)` : ''}, ${db.name}`);
    console.log(`connector: ${own ? `own stand-in on ${own.url}, 429 above ${LIMIT_PER_SECOND} requests per tenant in any one-second window` : `${serviceUrl} (given; it counts what arrives)`}`);
    console.log(`delivered: ${delivered} of ${count}${own ? ' (distinct owners who received theirs, at the connector)' : ' (outbox rows sent)'}`);
    console.log(`duplicates: ${own ? duplicates : 'not visible here (count them at the connector)'} (goal 0${values.kill ? '; after the kill at most the killed instance\'s in-flight window, 8' : ''})`);
    console.log(`lost: ${count - delivered} (goal 0); outbox: ${JSON.stringify(statuses)}`);
    console.log(`429s received: ${tooMany ?? 'not visible here (see the connector)'}`);
    console.log(`total time: ${totalS.toFixed(1)} s (from the moment all ${count} became due, with ${instances} instance${instances === 1 ? '' : 's'} running, to the last reminder ${own ? 'accepted' : 'recorded as sent'})`);
    console.log(`minimum the limit allows: ${minimumS.toFixed(1)} s (${count} at ${LIMIT_PER_SECOND}/s)`);
    console.log(`ratio: ${(totalS / minimumS).toFixed(3)} (goal ≤ 1.15${values.kill ? '; not a goal with a kill' : ''})`);
    if (own) {
      console.log(`busiest one-second window at the connector: ${busiestWindow(own.arrivals.map((a) => a.at))} requests (reminders and replies; limit ${LIMIT_PER_SECOND})`);
    }
    console.log(
      `questions asked during the dispatch: one every ${QUESTION_EVERY_MS} ms, answered ${questionsAsked.answered}, p50 ${questionsAsked.p50} ms, p99 ${questionsAsked.p99} ms; ` +
        `before it (idle outbox, ${BASELINE_MS / 1000} s): answered ${idle.answered}, p50 ${idle.p50} ms, p99 ${idle.p99} ms; errors in all ${questionsAsked.errors} of ${questionsAsked.asked}`,
    );
  } finally {
    for (const bot of bots) if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
    await own?.close();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
