// A PostgreSQL server of the test's own, to stop or freeze (own-postgres-server.mjs does the
// work in a child process). Never the machine's shared server.
import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication). */
  readonly url: string;
  /** Shuts the server down (fast mode); connections are refused until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** SIGSTOP to the server and its backends: connections are accepted by the kernel and never answered. */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const child = spawn(process.execPath, [path.join(__dirname, 'own-postgres-server.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const answers: ((answer: Record<string, unknown>) => void)[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  readline.createInterface({ input: child.stdout }).on('line', (line) => answers.shift()?.(JSON.parse(line) as Record<string, unknown>));
  const next = (what: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`own PostgreSQL: no answer to ${what} within 60 s: ${stderr}`)), 60_000);
      answers.push((answer) => {
        clearTimeout(timer);
        if (typeof answer.error === 'string') reject(new Error(`own PostgreSQL: ${what} failed: ${answer.error}`));
        else resolve(answer);
      });
      void exited.then(() => reject(new Error(`own PostgreSQL exited during ${what}: ${stderr}`)));
    });
  const command = async (name: string) => {
    const answer = next(name);
    child.stdin.write(`${name}\n`);
    await answer;
  };
  const { port } = await next('start-up');
  return {
    url: `postgres://postgres@127.0.0.1:${String(port)}/postgres`,
    stop: () => command('stop'),
    start: () => command('start'),
    freeze: () => command('freeze'),
    thaw: () => command('thaw'),
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
