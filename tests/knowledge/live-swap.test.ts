// Hot reload survives a deploy that swaps the knowledge folder for a new one, and
// sees changes below the folder (sources/).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLiveKnowledge, watchKnowledge, type ReloadResult } from '../../src/knowledge/live';
import { loadKnowledgeBase } from '../../src/knowledge/load';
import type { Logger } from '../../src/log';
import { KNOWLEDGE_DIR } from '../support/knowledge-files';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const FROM = 'Team i Økonomiforvaltningen, som koordinerer';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'kb-swap-'));
  dir = path.join(root, 'knowledge');
  cpSync(KNOWLEDGE_DIR, dir, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function edited(folder: string, from: string, to: string): void {
  const file = path.join(folder, 'organisations.yaml');
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${from} not in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

it('follows a swapped-in folder and keeps watching it', async () => {
  const live = createLiveKnowledge({ dir, initial: await loadKnowledgeBase(dir) });
  const results: ReloadResult[] = [];
  let wake: () => void = () => {};
  const watcher = watchKnowledge(dir, live, {
    debounceMs: 100,
    log: silent,
    onReload: (result) => {
      results.push(result);
      wake();
    },
  });
  const description = () => live.current().organisations.find((o) => o.id === 'team-sikker-by')?.description;
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise<void>((resolve) => ((wake = resolve), setTimeout(resolve, 100)));
    expect(check()).toBe(true);
  };
  try {
    // The deploy: a new folder beside the old one, then swapped in by renames.
    const next = path.join(root, 'knowledge.next');
    cpSync(dir, next, { recursive: true });
    edited(next, FROM, 'Teamet i Økonomiforvaltningen, som koordinerer');
    renameSync(dir, path.join(root, 'knowledge.old'));
    renameSync(next, dir);
    await until(() => /^Teamet i/.test(description() ?? ''));
    // An edit in the new folder is still seen.
    edited(dir, 'Teamet i Økonomiforvaltningen', 'Holdet i Økonomiforvaltningen');
    await until(() => /^Holdet i/.test(description() ?? ''));
    // So is a change below it, in sources/.
    // Node registers the subfolders of a recursive watch asynchronously, so the change is
    // made again (less often than the debounce, which each change restarts) until it is seen.
    const before = results.length;
    mkdirSync(path.join(dir, 'sources'), { recursive: true });
    let n = 0;
    await until(() => {
      if (n++ % 5 === 0) writeFileSync(path.join(dir, 'sources', 'note.txt'), String(n));
      return results.length > before;
    });
  } finally {
    watcher.close();
  }
});
