// Retention: question text is kept RETENTION_DAYS (90 by default), then removed
// (storage's `purge`); delivery keys only as long as Teams may deliver again.
// The bot purges once at start and then daily; `npm run purge` does it by hand.
import type { PurgeCounts, PurgeCutoffs, Store } from '../storage/store';
import { describeError, type Logger } from '../log';

const DAY_MS = 86_400_000;
/** Teams redelivers within minutes; two days leave room for a clock or an outage. */
const KEY_DAYS = 2;

export function purgeCutoffs(now: Date, retentionDays: number): PurgeCutoffs {
  return { textBefore: new Date(now.getTime() - retentionDays * DAY_MS), keysBefore: new Date(now.getTime() - KEY_DAYS * DAY_MS) };
}

/** Purges now and then every day; `stop` ends it. */
export function startRetention(store: Pick<Store, 'purge'>, { retentionDays, now, log }: { retentionDays: number; now: () => Date; log: Logger }): { stop(): void } {
  const purge = async () => {
    try {
      const counts: PurgeCounts = await store.purge(purgeCutoffs(now(), retentionDays));
      log.info('retention: old question text removed', { retentionDays, ...counts });
    } catch (err) {
      // The next day tries again; nothing is lost by a purge that did not run.
      log.warn('retention: the purge failed', describeError(err));
    }
  };
  void purge();
  const timer = setInterval(() => void purge(), DAY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
