// The SQLite store's group commit: the writes every turn makes (its redelivery claim,
// conversation state, sent answer, answer outcome, unanswered question), made
// together in one transaction with whatever other turns wrote meanwhile.
import type Database from 'better-sqlite3';

export interface GroupCommit {
  /** Runs `write` in the next group's transaction; resolves with its result once that has committed. */
  run<T>(write: () => T): Promise<T>;
  /** Makes the waiting writes now. */
  flush(): void;
}

/**
 * Group commit: writes that arrive while one is waiting for the event loop are
 * made together, in one transaction, when it comes round (setImmediate). A
 * SQLite transaction costs far more than the row it writes, so ten turns at once
 * pay for about two. Each call still resolves only when its row is committed. A
 * statement that fails (a constraint) is undone alone, as SQLite does, and only its
 * call rejects; if the transaction itself fails (the commit, a full disk, a lock),
 * every call in it rejects with that error.
 */
export function groupCommit(db: Database.Database): GroupCommit {
  type Waiting = { write: () => unknown; resolve: (value: unknown) => void; reject: (err: unknown) => void };
  let batch: Waiting[] = [];
  const commit = db.transaction((items: readonly Waiting[]) =>
    items.map((w): { ok: true; value: unknown } | { ok: false; err: unknown } => {
      try {
        return { ok: true, value: w.write() };
      } catch (err) {
        // SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR):
        // then nothing of it stands, and every call fails.
        if (!db.inTransaction) throw err;
        return { ok: false, err };
      }
    }),
  );
  const flush = () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    let results;
    try {
      results = commit(current);
    } catch (err) {
      for (const w of current) w.reject(err);
      return;
    }
    results.forEach((r, i) => (r.ok ? current[i]!.resolve(r.value) : current[i]!.reject(r.err)));
  };
  return {
    run: <T>(write: () => T) =>
      new Promise<T>((resolve, reject) => {
        if (!db.open) return reject(new Error('the SQLite store is closed'));
        if (batch.length === 0) setImmediate(flush);
        batch.push({ write, resolve: resolve as (value: unknown) => void, reject });
      }),
    flush,
  };
}
