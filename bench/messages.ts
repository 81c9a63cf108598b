// `npm run bench`: drives POST /api/messages of the built assistant and of a
// bare botbuilder echo bot (bench/echo-bot.mjs, same restify + CloudAdapter
// stack) with autocannon, both replying to a stand-in Bot Connector on
// 127.0.0.1, and prints requests/s and latency for both, plus the assistant's
// start-up time to ready. Figures, not assertions: the machine is shared and
// noisy, so rounds alternate between the two bots and medians are reported.
//
//   npm run bench -- [--connections 10] [--duration 10] [--rounds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drive as driveWith, median, root, startBot, startConnector, stop, type Figures } from './support';

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
  },
});
const connections = Number(values.connections);
const duration = Number(values.duration);
const rounds = Number(values.rounds);
const drive = (url: string, serviceUrl: string, seconds: number) => driveWith(url, serviceUrl, seconds, connections);


async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-bench-'));
  const connector = await startConnector();
  const startups: number[] = [];
  for (let i = 0; i < 3; i++) {
    const probe = await startBot([path.join(root, 'dist', 'main.js')], { SQLITE_PATH: path.join(dir, `startup-${i}.sqlite`) });
    startups.push(probe.startupMs);
    await stop(probe.child);
  }
  const assistant = await startBot([path.join(root, 'dist', 'main.js')], { SQLITE_PATH: path.join(dir, 'bench.sqlite') });
  const echo = await startBot([path.join(root, 'bench', 'echo-bot.mjs')], {});
  const runs: Record<'assistant' | 'echo', Figures[]> = { assistant: [], echo: [] };
  let received: number;
  try {
    // Warm-up: JIT, connection pools, SQLite's page cache.
    await drive(assistant.url, connector.url, 2);
    await drive(echo.url, connector.url, 2);
    for (let r = 0; r < rounds; r++) {
      runs.echo.push(await drive(echo.url, connector.url, duration));
      runs.assistant.push(await drive(assistant.url, connector.url, duration));
    }
    received = await connector.received();
  } finally {
    await Promise.all([stop(assistant.child), stop(echo.child)]);
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const summary = (name: 'assistant' | 'echo') => {
    const f = runs[name];
    return {
      rps: median(f.map((x) => x.rps)),
      p50: median(f.map((x) => x.p50)),
      p99: median(f.map((x) => x.p99)),
      errors: f.reduce((sum, x) => sum + x.errors, 0),
    };
  };
  const a = summary('assistant');
  const e = summary('echo');
  const row = (name: string, f: Figures) =>
    `${name.padEnd(10)} ${f.rps.toFixed(0).padStart(8)} ${`${f.p50} ms`.padStart(9)} ${`${f.p99} ms`.padStart(9)} ${String(f.errors).padStart(7)}`;
  console.log(`\n${connections} connections, ${rounds} rounds of ${duration} s each (medians), replies to a local Bot Connector`);
  console.log(`${'bot'.padEnd(10)} ${'req/s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'errors'.padStart(7)}`);
  console.log(row('echo', e));
  console.log(row('assistant', a));
  console.log(`throughput ratio assistant/echo: ${(a.rps / e.rps).toFixed(2)} (goal ≥ 0.80)`);
  console.log(`assistant p99: ${a.p99} ms (goal < 50 ms)`);
  console.log(`assistant start-up to ready: ${startups.map((s) => s.toFixed(0)).join(', ')} ms (median ${median(startups).toFixed(0)} ms, goal < 2000 ms)`);
  console.log(`activities received by the connector: ${received}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
