// Retention: question text is kept RETENTION_DAYS (90 by default), then removed
// (storage's `purge`); delivery keys only as long as Teams may deliver again.
// Expert questions lose the asker's words and identity once their answer has
// been delivered (or could not be) and the period is over; decided suggestions
// their text (ExpertStore.purgeExpertText: what is still needed to answer,
// deliver or decide is kept). The bot purges once at start and then daily;
// `npm run purge` does it by hand.
import type { ExpertPurgeCounts, ExpertStore } from '../storage/expert-store';
import type { PurgeCounts, PurgeCutoffs, Store } from '../storage/store';
import { describeError, type Logger } from '../log';

const DAY_MS = 86_400_000;
/** Teams redelivers within minutes; two days leave room for a clock or an outage. */
const KEY_DAYS = 2;

export function purgeCutoffs(now: Date, retentionDays: number): PurgeCutoffs {
  return { textBefore: new Date(now.getTime() - retentionDays * DAY_MS), keysBefore: new Date(now.getTime() - KEY_DAYS * DAY_MS) };
}

export type RetentionStore = Pick<Store, 'purge'> & Pick<ExpertStore, 'purgeExpertText'>;

export interface RetentionCounts extends PurgeCounts {
  readonly experts: ExpertPurgeCounts;
}

/** Everything retention removes, before the cutoffs. */
export async function purgeAll(store: RetentionStore, cutoffs: PurgeCutoffs): Promise<RetentionCounts> {
  const counts = await store.purge(cutoffs);
  return { ...counts, experts: await store.purgeExpertText(cutoffs.textBefore) };
}

/** Purges now and then every day; `stop` ends it. */
export function startRetention(store: RetentionStore, { retentionDays, now, log }: { retentionDays: number; now: () => Date; log: Logger }): { stop(): void } {
  const purge = async () => {
    try {
      const { experts, ...counts } = await purgeAll(store, purgeCutoffs(now(), retentionDays));
      log.info('retention: old question text removed', { retentionDays, ...counts, expertQuestions: experts.questions, expertSuggestions: experts.suggestions });
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
