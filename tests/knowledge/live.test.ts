// Reloading the knowledge base while the bot runs: a good edit replaces it, a
// bad edit never does, and the failure names the file, the line and the path.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLiveKnowledge, watchKnowledge } from '../../src/knowledge/live';
import { loadKnowledgeBase } from '../../src/knowledge/load';
import type { Logger } from '../../src/log';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kb-live-'));
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, from: string, to: string) => {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(full, text.replace(from, to));
};
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

it('takes a good edit, keeps the last good knowledge through a bad one, and clears the failure when fixed', async () => {
  const live = createLiveKnowledge({ dir, initial: await loadKnowledgeBase(dir) });
  const first = live.current();
  expect(await live.reload()).toMatchObject({ ok: true, changed: false });

  edit('organisations.yaml', 'Team i Økonomiforvaltningen, som koordinerer', 'Teamet i Økonomiforvaltningen, som koordinerer');
  const good = await live.reload();
  expect(good).toMatchObject({ ok: true, changed: true });
  const second = live.current();
  expect(second.version).not.toBe(first.version);
  expect(second.organisations.find((o) => o.id === 'team-sikker-by')?.description).toMatch(/^Teamet i/);

  edit('initiatives.yaml', '"2024": 6.8', '"2024": "seks"');
  const bad = await live.reload();
  expect(bad.ok).toBe(false);
  if (bad.ok) return;
  expect(bad.problems).toEqual([expect.stringMatching(/^initiatives\.yaml:\d+ initiatives\[0\] \(ny-start\)\.amounts\.2024: .*expected number/)]);
  expect(live.current()).toBe(second);
  expect(live.failure()?.problems).toEqual(bad.problems);

  edit('initiatives.yaml', '"2024": "seks"', '"2024": 6.8');
  expect(await live.reload()).toMatchObject({ ok: true });
  expect(live.failure()).toBeUndefined();
});

it('runs one reload at a time: calls during a reload share it', async () => {
  let reads = 0;
  const initial = await loadKnowledgeBase(dir);
  const live = createLiveKnowledge({
    dir,
    initial,
    read: async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { ok: true, kb: initial };
    },
  });
  const [a, b] = await Promise.all([live.reload(), live.reload()]);
  expect(a).toBe(b);
  expect(reads).toBe(1);
});

it('reloads when a file of the folder changes', async () => {
  const live = createLiveKnowledge({ dir, initial: await loadKnowledgeBase(dir) });
  const reloaded = new Promise<void>((resolve) => {
    const watcher = watchKnowledge(dir, live, {
      debounceMs: 50,
      log: silent,
      onReload: (result) => {
        if (result.ok && result.changed) {
          watcher.close();
          resolve();
        }
      },
    });
  });
  edit('organisations.yaml', 'Team i Økonomiforvaltningen, som koordinerer', 'Teamet i Økonomiforvaltningen, som koordinerer');
  await reloaded;
  expect(live.current().organisations.find((o) => o.id === 'team-sikker-by')?.description).toMatch(/^Teamet i/);
});
