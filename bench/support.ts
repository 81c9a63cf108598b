// What the benchmarks share: the stand-in Bot Connector, starting a bot as a
// child process (with the loopback guard) and timing it to ready, and driving
// POST /api/messages with autocannon.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';

export const root = path.dirname(__dirname);
const guard = path.join(root, 'tools', 'loopback-only.cjs');

/** The stand-in Bot Connector (bench/connector.mjs), in a process of its own. */
export async function startConnector(): Promise<{ url: string; received: () => Promise<number>; close: () => Promise<void> }> {
  const started = await startProcess([path.join(root, 'bench', 'connector.mjs')], {}, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return {
    url: started.url,
    received: async () => Number(await (await fetch(`${started.url}/count`)).text()),
    close: () => stop(started.child),
  };
}

export interface Started {
  readonly url: string;
  readonly child: ChildProcess;
  readonly startupMs: number;
}

/**
 * Spawns a bot and resolves when it prints "ready on <url>". The per-user
 * message limit is off: a benchmark's simulated users send far more than a person.
 */
export function startBot(args: string[], env: Record<string, string>): Promise<Started> {
  const defaults = { PORT: '0', HOST: '127.0.0.1', MicrosoftAppId: '', NODE_ENV: 'development', RATE_LIMIT_PER_MINUTE: '0' };
  return startProcess(args, { ...defaults, ...env }, /ready on (http:\/\/127\.0\.0\.1:\d+)/);
}

function startProcess(args: string[], env: Record<string, string>, ready: RegExp): Promise<Started> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--require', guard, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = ready.exec(out)?.[1];
      if (!url) return;
      // From here on the output is drained unread: keeping and searching it would
      // cost the load generator, which shares this process, more and more time.
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({ url, child, startupMs: performance.now() - started });
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${out}`)));
  });
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const questions = readFileSync(path.join(root, 'tests', 'evaluation', 'dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { q: string }).q);

export interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Connection errors, timeouts (no answer within autocannon's 10 s) and non-2xx answers. */
  readonly breakdown?: { readonly errors: number; readonly timeouts: number; readonly non2xx: number };
}

/**
 * Activity ids unique across a bot's whole run: each drive starts counting at 1
 * again, and the redelivery check answers a repeated (conversation, id) with
 * nothing, which made every round after the first partly a round of no-ops.
 */
let runs = 0;
const runPrefix = () => `r${++runs}-${process.pid}`;

export async function drive(url: string, serviceUrl: string, seconds: number, connections: number, conversations = 200): Promise<Figures> {
  const run = runPrefix();
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
            id: `${run}-m${n}`,
            channelId: 'msteams',
            serviceUrl,
            text: questions[n % questions.length],
            locale: 'da-DK',
            from: { id: `29:user-${n % conversations}`, aadObjectId: '00000000-0000-0000-0000-000000000001' },
            recipient: { id: '28:bot' },
            conversation: { id: `a:bench-${n % conversations}`, conversationType: 'personal', tenantId: 'tenant' },
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
    breakdown: { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux).
 * Per request, it says what a bot costs regardless of what else the machine is doing.
 */
export function cpuMs(pid: number): number {
  // The fields after the command name (which may hold spaces), from the state on: utime and stime are the 12th and 13th.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
// USER_HZ: 100 on every Linux build this runs on (getconf CLK_TCK).
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/**
 * `conversations` people each asking one question after another (closed loop) for
 * `seconds`, over keep-alive connections: the load test's driver. autocannon at
 * 200 connections reported a few dozen requests a minute without an answer within
 * 10 s that the server had answered in milliseconds; this plain Node client, which
 * records every request itself, sees none of them.
 */
export async function converse(url: string, serviceUrl: string, seconds: number, conversations: number): Promise<Figures> {
  const target = new URL(`${url}/api/messages`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: conversations });
  const latencies: number[] = [];
  let errors = 0;
  const run = runPrefix();
  let n = 0;
  const ask = (person: number) =>
    new Promise<void>((resolve) => {
      n++;
      const body = JSON.stringify({
        type: 'message',
        id: `${run}-m${n}`,
        channelId: 'msteams',
        serviceUrl,
        text: questions[n % questions.length],
        locale: 'da-DK',
        from: { id: `29:user-${person}`, aadObjectId: `00000000-0000-4000-8000-${String(person).padStart(12, '0')}` },
        recipient: { id: '28:bot' },
        conversation: { id: `a:load-${person}`, conversationType: 'personal', tenantId: 'tenant' },
        channelData: { tenant: { id: 'tenant' } },
      });
      const started = performance.now();
      const request = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, timeout: 30_000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - started);
            if (response.statusCode !== 200) errors++;
            resolve();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => {
        errors++;
        resolve();
      });
      request.end(body);
    });
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: conversations }, async (_, person) => {
      while (Date.now() < end) await ask(person);
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? NaN);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors, breakdown: { errors, timeouts: 0, non2xx: 0 } };
}
