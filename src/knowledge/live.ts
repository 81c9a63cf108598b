// The knowledge base in force while the bot runs, reloaded without a restart
// when its files change or an admin asks. An invalid edit never replaces the
// last good knowledge base: the bot keeps answering from it, and the failure
// (every problem, with file and path) is kept for /readyz and the admins.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log';
import type { KnowledgeBase } from './knowledge-base';
import { readKnowledgeFolder } from './load';
import { formatProblem } from './problems';

export type ReloadResult =
  | { readonly ok: true; readonly kb: KnowledgeBase; readonly changed: boolean }
  | { readonly ok: false; readonly problems: readonly string[] };

interface ReloadFailure {
  readonly at: Date;
  readonly problems: readonly string[];
}

export interface LiveKnowledge {
  current(): KnowledgeBase;
  /** The last reload's failure while the last good knowledge base stays in force; undefined after a good reload. */
  failure(): ReloadFailure | undefined;
  /** Reads the folder again; only a valid knowledge base replaces the current one. Reloads never overlap. */
  reload(): Promise<ReloadResult>;
}

export interface LiveKnowledgeOptions {
  readonly dir: string;
  readonly initial: KnowledgeBase;
  readonly now?: () => Date;
  readonly read?: typeof readKnowledgeFolder;
}

export function createLiveKnowledge({ dir, initial, now = () => new Date(), read = readKnowledgeFolder }: LiveKnowledgeOptions): LiveKnowledge {
  let kb = initial;
  let failure: ReloadFailure | undefined;
  let running: Promise<ReloadResult> | undefined;

  async function load(): Promise<ReloadResult> {
    let result;
    try {
      result = await read(dir);
    } catch (err) {
      // An unreadable folder (permissions, a file being replaced) is a failed reload, not a crash.
      result = { ok: false as const, problems: [{ file: dir, path: '', message: (err as Error).message }] };
    }
    if (!result.ok) {
      const problems = result.problems.map(formatProblem);
      failure = { at: now(), problems };
      return { ok: false, problems };
    }
    const changed = result.kb.version !== kb.version;
    kb = result.kb;
    failure = undefined;
    return { ok: true, kb, changed };
  }

  return {
    current: () => kb,
    failure: () => failure,
    reload() {
      running ??= load().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}

export interface WatchOptions {
  /** Editors write a file in several steps; wait this long after the last change. */
  readonly debounceMs?: number;
  readonly log: Logger;
  /** Told about every reload the watcher made, good or failed. */
  readonly onReload?: (result: ReloadResult) => void | Promise<void>;
}

/**
 * Reloads the knowledge base when a file in its folder, or below it (sources/), changes.
 * A deploy that swaps the folder for a new one (rename) is noticed through the parent
 * folder: the watch moves to the new folder, which is then loaded. (A watch on the old
 * folder alone went on watching the replaced one, silently.)
 */
export function watchKnowledge(dir: string, live: LiveKnowledge, { debounceMs = 500, log, onReload }: WatchOptions): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  let parent: FSWatcher | undefined;
  let closed = false;
  const folder = path.resolve(dir);
  const reload = () => {
    live
      .reload()
      .then((result) => {
        if (result.ok && result.changed) log.info('knowledge reloaded', { knowledgeVersion: result.kb.version });
        if (!result.ok) log.error('knowledge reload failed; the last good knowledge stays in force', { problems: result.problems.length });
        return onReload?.(result);
      })
      .catch((err: unknown) => log.error('knowledge reload or its notice failed', { error: (err as Error).message }));
  };
  const soon = () => {
    clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };
  const watchFolder = () => {
    watcher?.close();
    watcher = undefined;
    try {
      watcher = watch(folder, { persistent: false, recursive: true }, soon);
      watcher.on('error', (err) => log.warn('knowledge folder watch stopped', { error: err.message }));
    } catch (err) {
      // Missing for a moment during a swap (the parent's watch tries again), or a file system that cannot be watched.
      log.warn('cannot watch the knowledge folder; reload with the admin command', { error: (err as Error).message });
    }
  };
  watchFolder();
  try {
    parent = watch(path.dirname(folder), { persistent: false }, (_event, name) => {
      if (closed || name !== path.basename(folder)) return;
      watchFolder();
      soon();
    });
    parent.on('error', (err) => log.warn('knowledge parent folder watch stopped', { error: err.message }));
  } catch (err) {
    log.warn('cannot watch the knowledge folder for a swap', { error: (err as Error).message });
  }
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
      parent?.close();
    },
  };
}
