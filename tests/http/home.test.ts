// What a newcomer meets: the lines `npm start` prints (the real entry point, as
// a process), and the page at `/` with its links, each of which must open.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestBot, type TestBot } from '../support/test-bot';

jest.setTimeout(60_000);

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

describe('GET /', () => {
  let t: TestBot;
  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'src', 'tab', 'build-tab.mjs')], { cwd: ROOT, stdio: 'pipe' });
    t = await startTestBot({ env: { REMINDER_TICK_SECONDS: '0' } });
  });
  afterAll(() => t?.close());

  it('is a small page whose links (the tab, the health endpoints, the metrics, the README) all open', async () => {
    const res = await fetch(`${t.bot.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['/tab', '/healthz', '/readyz', '/metrics', '/README.md']);
    for (const link of links) {
      const opened = await fetch(`${t.bot.url}${link}`);
      expect({ link, status: opened.status }).toEqual({ link, status: 200 });
    }
    expect(await (await fetch(`${t.bot.url}/README.md`)).text()).toBe(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  });
});

describe('npm start', () => {
  /** Starts src/main.ts as `npm start` starts dist/main.js, and gives what it printed on stderr once it listens. */
  async function started(args: string[] = []): Promise<{ stderr: string; url: string; stop: () => Promise<void> }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'sikker-by-start-'));
    const child = spawn(process.execPath, [TSX, path.join(ROOT, 'src', 'main.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', PORT: '0', SQLITE_PATH: path.join(dir, 'db.sqlite'), OWNERS_FILE: path.join(dir, 'owners.yaml'), REMINDER_TICK_SECONDS: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "ready" line in time:\n${stdout}\n${stderr}`)), 45_000);
      const look = () => {
        const ready = /"msg":"ready on (http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1]!);
        }
      };
      child.stdout.on('data', look);
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${stderr}`)));
    });
    // The message follows the ready line in the same tick; give the stream a moment.
    await new Promise((r) => setTimeout(r, 200));
    return {
      stderr,
      url,
      stop: async () => {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  it('says where the bot listens and what to do next', async () => {
    const { stderr, url, stop } = await started();
    try {
      expect(stderr).toContain(`Sikker By assistant listening on ${url}`);
      expect(stderr).toContain(`${url}/api/messages (authentication off: MicrosoftAppId is empty; storage: sqlite)`);
      expect(stderr).toContain(`Personal tab:  ${url}/tab`);
      expect(stderr).toContain(`Overview:      ${url}/`);
      expect(stderr).toMatch(/npm run chat +talk to it/);
      expect(stderr).toMatch(/npm run playground +a Teams-like client/);
      // What it points at is there.
      expect((await fetch(`${url}/`)).status).toBe(200);
    } finally {
      await stop();
    }
  });

  it('says nothing of next steps under npm run playground (--no-next-steps), which says what to open itself', async () => {
    const { stderr, stop } = await started(['--no-next-steps']);
    try {
      expect(stderr).not.toContain('Next:');
      expect(stderr).not.toContain('listening on');
    } finally {
      await stop();
    }
  });
});
