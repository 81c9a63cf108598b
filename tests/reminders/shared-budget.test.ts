// One tenant budget for every instance, on PostgreSQL: two and three
// dispatchers, each with its own store (its own connection pool), its own
// pacer and the real proactive messenger, deliver a burst of reminders to a
// stand-in connector that answers 429 above 50 requests per tenant in any
// one-second window. Measured there: together they never exceed the limit,
// every reminder arrives once, and each instance gets its share.
import { Client } from 'pg';
import { busiestWindow, startTenantConnector, type TenantConnector } from '../../bench/tenant-connector';
import { loadConfig } from '../../src/config';
import type { Logger } from '../../src/log';
import { DEFAULT_WORKING_TIME_POLICY } from '../../src/reminders/calendar';
import { outboxMessage } from '../../src/reminders/compose';
import { createDispatcher } from '../../src/reminders/dispatcher';
import { NO_OWNERS } from '../../src/reminders/owners';
import { createPacer, TENANT_RATE } from '../../src/reminders/pacer';
import { openStore } from '../../src/storage/open-store';
import type { ReminderStore } from '../../src/storage/reminder-store';
import type { Store } from '../../src/storage/store';
import { createAdapter, createAuthentication } from '../../src/teams/adapter';
import { createProactiveMessenger } from '../../src/teams/proactive';
import { shippedKnowledgeBase } from '../support/knowledge-files';
import { BOT, TENANT } from '../support/teams-activities';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DEADLINE = 'dl-effektopfoelgning';
const OCCURRENCE = '2027-10-01';
/** 6 s of sends at the tenant's rate: long enough for several one-second windows at full speed. */
const REMINDERS = 270;
const kb = shippedKnowledgeBase();
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

const schemas: string[] = [];
afterAll(async () => {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
});

/** REMINDERS owners, each with a 1:1 chat in the tenant and one due reminder in the outbox. */
async function seed(store: ReminderStore, connector: TenantConnector): Promise<void> {
  const now = new Date();
  const owners = Array.from({ length: REMINDERS }, (_, i) => `bbbbbbbb-0000-4000-8000-${String(i).padStart(12, '0')}`);
  for (const [i, owner] of owners.entries()) {
    const conversationId = `a:budget-${i}`;
    await store.saveConversation({
      conversationId,
      kind: 'personal',
      tenantId: TENANT,
      serviceUrl: connector.url,
      userAadObjectId: owner,
      reference: { user: { id: `29:budget-${i}`, aadObjectId: owner }, bot: BOT, conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT }, channelId: 'msteams', serviceUrl: connector.url },
      updatedAt: now,
    });
  }
  await store.enqueueReminders(
    owners.map((owner) => ({ key: `${DEADLINE}|${OCCURRENCE}|${owner}|lead-1|${owner}`, deadlineId: DEADLINE, occurrence: OCCURRENCE, owner, recipient: owner, role: 'owner', stage: 'lead-1', payload: {} })),
    now,
  );
}

function instanceOn(store: Store & ReminderStore, reserved: { count: number }) {
  const { bot } = loadConfig({ NODE_ENV: 'test' });
  const adapter = createAdapter(createAuthentication(bot), { defaultLang: 'da', log: quiet });
  const messenger = createProactiveMessenger({ adapter, appId: undefined, log: quiet });
  const dispatcher = createDispatcher({
    kb: () => kb,
    // The rows are seeded: with no owners configured, the schedule adds none of its own.
    owners: NO_OWNERS,
    store,
    messenger,
    compose: (r, at) => outboxMessage(kb, NO_OWNERS, r, { lang: 'da', timeZone: 'Europe/Copenhagen', now: at }),
    policy: DEFAULT_WORKING_TIME_POLICY,
    admins: [],
    pacer: createPacer({
      budget: {
        reserve: (tenantId) => {
          reserved.count++;
          return store.reserveSendSlot(tenantId, TENANT_RATE);
        },
      },
    }),
    now: () => new Date(),
    log: quiet,
    // Fewer than the default 8, to hold fewer connections of the shared test server; together still plenty for 45/s.
    concurrency: 4,
  });
  /** Ticks until a tick finds nothing to deliver; how many this instance delivered. */
  return async () => {
    let delivered = 0;
    for (;;) {
      const report = await dispatcher.tick();
      if (report.delivered === 0) return delivered;
      delivered += report.delivered;
    }
  };
}

describe.each([2, 3])('%i instances on PostgreSQL', (instances) => {
  it(`together stay under 50 a second in every one-second window, deliver each reminder once, and share the work`, async () => {
    const schema = `t_budget_${instances}_${process.pid}_${Date.now()}`;
    schemas.push(schema);
    const connector = await startTenantConnector();
    const stores: (Store & ReminderStore)[] = [];
    try {
      // One after the other, so that they do not race to create the schema.
      for (let i = 0; i < instances; i++) stores.push(await openStore({ kind: 'postgres', connectionString, schema }));
      await seed(stores[0]!, connector);
      const started = performance.now();
      const reserved = { count: 0 };
      const delivered = await Promise.all(stores.map((s) => instanceOn(s, reserved)()));
      const seconds = (performance.now() - started) / 1000;

      const arrivals = connector.arrivals;
      expect(arrivals.filter((a) => a.status === 429)).toEqual([]);
      expect(busiestWindow(arrivals.map((a) => a.at))).toBeLessThanOrEqual(50);
      const perConversation = new Map<string, number>();
      for (const a of arrivals) perConversation.set(a.conversationId, (perConversation.get(a.conversationId) ?? 0) + 1);
      expect(perConversation.size).toBe(REMINDERS);
      expect([...perConversation.values()].filter((n) => n !== 1)).toEqual([]);
      expect(delivered.reduce((a, b) => a + b, 0)).toBe(REMINDERS);
      // None starves: each instance delivers a fair part of the burst.
      for (const n of delivered) expect(n).toBeGreaterThan(REMINDERS / instances / 3);
      // How well the budget is used (how long the burst takes, how many slots
      // were given up because a loaded machine woke too late for them) depends
      // on the machine's load: figures printed here and measured by
      // `npm run bench:reminders`, not asserted.
      console.log(`${instances} instances: ${REMINDERS} reminders in ${seconds.toFixed(1)} s, ${reserved.count} slots reserved, busiest second ${busiestWindow(arrivals.map((a) => a.at))}, per instance ${delivered.join(', ')}`);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await connector.close();
    }
  }, 60_000);
});
