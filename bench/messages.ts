// `npm run bench`: drives POST /api/messages of the built assistant and of a
// bare botbuilder echo bot (bench/echo-bot.mjs, same restify + CloudAdapter
// stack) with autocannon, both replying to a stand-in Bot Connector on
// 127.0.0.1, and prints requests/s and latency for both, plus the assistant's
// start-up time to ready. Figures, not assertions: the machine is shared and
// noisy, so rounds alternate between the two bots and medians are reported.
//
//   npm run bench -- [--connections 10] [--duration 10] [--rounds 3]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const root = path.dirname(__dirname);
const guard = path.join(root, 'tools', 'loopback-only.cjs');

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

/** The Bot Connector's side of a reply: accept it and give it an id. Counts what arrived. */
async function startConnector(): Promise<{ url: string; received: () => number; close: () => void }> {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `a${received}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received: () => received, close: () => server.close() };
}

interface Started {
  readonly url: string;
  readonly child: ChildProcess;
  readonly startupMs: number;
}

/** Spawns a bot and resolves when it prints "ready on <url>". */
function startBot(args: string[], env: Record<string, string>): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', guard, ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', MicrosoftAppId: '', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url) resolve({ url, child, startupMs: performance.now() - started });
    });
    child.stderr?.resume();
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const questions = readFileSync(path.join(root, 'tests', 'evaluation', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { q: string }).q);

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

async function drive(url: string, serviceUrl: string, seconds: number): Promise<Figures> {
  let n = 0;
  const result = await autocannon({
    url: `${url}/api/messages`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          n++;
          const activity = {
            type: 'message',
            id: `m${n}`,
            channelId: 'msteams',
            serviceUrl,
            text: questions[n % questions.length],
            locale: 'da-DK',
            from: { id: `29:user-${n % 200}`, aadObjectId: '00000000-0000-0000-0000-000000000001' },
            recipient: { id: '28:bot' },
            conversation: { id: `a:bench-${n % 200}`, conversationType: 'personal', tenantId: 'tenant' },
            channelData: { tenant: { id: 'tenant' } },
          };
          return { ...request, body: JSON.stringify(activity) };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

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
  try {
    // Warm-up: JIT, connection pools, SQLite's page cache.
    await drive(assistant.url, connector.url, 2);
    await drive(echo.url, connector.url, 2);
    for (let r = 0; r < rounds; r++) {
      runs.echo.push(await drive(echo.url, connector.url, duration));
      runs.assistant.push(await drive(assistant.url, connector.url, duration));
    }
  } finally {
    await Promise.all([stop(assistant.child), stop(echo.child)]);
    connector.close();
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
  console.log(`activities received by the connector: ${connector.received()}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
