// Redelivered activities: Teams delivers an activity again when a turn took too
// long (about 15 s) or failed, and it must be answered once. A delivery is claimed
// through the store before its turn (so any instance on the database recognises the
// next delivery of it), and the claim is given back when the turn failed, so the
// redelivery that follows is answered instead of dropped as a duplicate.
import { createHash } from 'node:crypto';
import { describeError, type Logger } from '../log';

/** The store's side (Store.claimActivity, Store.releaseActivity). */
export interface Deliveries {
  /** True the first time a key is claimed, across instances. */
  claim(key: string, at: Date): Promise<boolean>;
  /** Gives back the claim made at `at` (not a later one of the same key): its next delivery is served. */
  release(key: string, at: Date): Promise<void>;
}

/** An activity's identity across deliveries: its id is unique within its conversation and channel. */
export interface Delivery {
  readonly channelId: string;
  readonly conversationId: string;
  readonly activityId: string;
}

/** A delivery this instance serves; `failed()` gives it back. */
export interface Claim {
  failed(): Promise<void>;
}

/** The claim of a first delivery, or undefined for a redelivery (not to be served again). */
export async function claimDelivery(deliveries: Deliveries, delivery: Delivery, at: Date, log: Logger): Promise<Claim | undefined> {
  const key = deliveryKey(delivery);
  if (!(await deliveries.claim(key, at))) return undefined;
  let released = false;
  return {
    async failed() {
      if (released) return;
      released = true;
      try {
        await deliveries.release(key, at);
      } catch (err) {
        // The redelivery is then dropped as before; the turn's own failure is logged already.
        log.warn('could not give back the claim of a failed turn; its redelivery will be ignored', describeError(err));
      }
    },
  };
}

/** Hashed to a fixed length: ids can be up to 1,000 characters each. */
function deliveryKey({ channelId, conversationId, activityId }: Delivery): string {
  return createHash('sha256').update(JSON.stringify([channelId, conversationId, activityId])).digest('hex');
}
