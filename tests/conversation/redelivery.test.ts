// The claim of a delivery (conversation/redelivery.ts) on a real store: a redelivery is
// recognised, a failed turn gives its claim back once, and a store that cannot take the
// claim back is logged, not thrown into the turn that already failed.
import { claimDelivery, type Deliveries } from '../../src/conversation/redelivery';
import type { Logger } from '../../src/log';
import { openSqliteStore } from '../../src/storage/sqlite-store';
import type { Store } from '../../src/storage/store';

const lines: string[] = [];
const log: Logger = { info: () => undefined, warn: (message) => lines.push(`warn ${message}`), error: (message) => lines.push(`error ${message}`) };
let store: Store;
let deliveries: Deliveries;
let n = 0;
const delivery = () => ({ channelId: 'msteams', conversationId: 'a:conversation', activityId: `activity-${++n}` });
beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  deliveries = { claim: (key, at) => store.claimActivity(key, at), release: (key, at) => store.releaseActivity(key, at) };
});
afterAll(() => store.close());

it('claims the first delivery only, the same id in another conversation or channel apart', async () => {
  const first = delivery();
  expect(await claimDelivery(deliveries, first, new Date(), log)).toBeDefined();
  expect(await claimDelivery(deliveries, first, new Date(), log)).toBeUndefined();
  expect(await claimDelivery(deliveries, { ...first, conversationId: 'a:other' }, new Date(), log)).toBeDefined();
  expect(await claimDelivery(deliveries, { ...first, channelId: 'webchat' }, new Date(), log)).toBeDefined();
});

it('serves the delivery after a failed turn, and gives back only its own claim', async () => {
  const d = delivery();
  const failed = (await claimDelivery(deliveries, d, new Date(), log))!;
  await failed.failed();
  const retried = await claimDelivery(deliveries, d, new Date(), log);
  expect(retried).toBeDefined();
  // The failed turn reporting again must not give away the claim the redelivery now holds.
  await failed.failed();
  expect(await claimDelivery(deliveries, d, new Date(), log)).toBeUndefined();
});

it('logs a claim it could not give back, without throwing', async () => {
  const d = delivery();
  const claim = (await claimDelivery({ ...deliveries, release: () => Promise.reject(new Error('the store is away')) }, d, new Date(), log))!;
  await expect(claim.failed()).resolves.toBeUndefined();
  expect(lines).toContainEqual('warn could not give back the claim of a failed turn; its redelivery will be ignored');
  expect(await claimDelivery(deliveries, d, new Date(), log)).toBeUndefined();
});
