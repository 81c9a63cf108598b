// Runs against a real PostgreSQL and fails (never skips) when there is none.
import { Client } from 'pg';
import { MIGRATIONS } from '../../src/storage/migrations';
import { openStore } from '../../src/storage/open-store';
import type { Logger } from '../../src/log';
import { openPostgresStore } from '../../src/storage/postgres-store';
import type { DeliveryOutcome, NewReminder, Reminder, ReminderHandler } from '../../src/storage/reminder-store';
import { expertStoreContract } from './expert-store.contract';
import { reminderStoreContract } from './reminder-store.contract';
import { storeContract } from './store.contract';

const connectionString = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// Each run gets schemas of its own inside the shared database.
const runSchema = `t_${process.pid}_${Date.now()}`;

async function sql<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return (await client.query<Row>(text, values)).rows;
  } finally {
    await client.end();
  }
}

storeContract(
  'PostgreSQL store',
  () => openPostgresStore({ connectionString, schema: runSchema }),
  async () => void (await sql(`DROP SCHEMA IF EXISTS "${runSchema}" CASCADE`)),
);

reminderStoreContract(
  'PostgreSQL store',
  () => openPostgresStore({ connectionString, schema: `${runSchema}_reminders` }),
  async () => void (await sql(`DROP SCHEMA IF EXISTS "${runSchema}_reminders" CASCADE`)),
);

expertStoreContract(
  'PostgreSQL store',
  () => openPostgresStore({ connectionString, schema: `${runSchema}_experts` }),
  async () => void (await sql(`DROP SCHEMA IF EXISTS "${runSchema}_experts" CASCADE`)),
);

describe('PostgreSQL reminder delivery across instances', () => {
  const schema = `${runSchema}_outbox`;
  afterAll(() => sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  const warnings: string[] = [];
  const log: Logger = { info: () => undefined, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  const instance = () => openPostgresStore({ connectionString, schema, log });
  let tick = 0;
  const later = () => new Date(Date.UTC(2032, 0, 1, 8, 0, 0, 7) + ++tick * 60_001);
  const rows = (deadlineId: string, count: number): NewReminder[] =>
    Array.from({ length: count }, (_, i) => ({
      key: `${deadlineId}|2032-01-01|owner-${String(i).padStart(3, '0')}|due|owner`,
      deadlineId,
      occurrence: '2032-01-01',
      owner: `owner-${i}`,
      recipient: `owner-${i}`,
      role: 'owner',
      stage: 'due',
      payload: { i },
    }));
  const sent = (r: Reminder): DeliveryOutcome => ({ kind: 'sent', activityId: r.key, conversationId: 'a:1' });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('hands each of 200 rows to exactly one handler while two instances race', async () => {
    const [one, two] = await Promise.all([instance(), instance()]);
    try {
      const now = later();
      const all = rows('race', 200);
      await one.enqueueReminders(all, now);
      const handledBy = new Map<string, string[]>();
      const handler = (who: string): ReminderHandler => async (r) => {
        handledBy.set(r.key, [...(handledBy.get(r.key) ?? []), who]);
        await sleep(Math.random() * 3);
        return sent(r);
      };
      const worker = async (store: typeof one, who: string) => {
        while (await store.processNextReminder(now, handler(who)));
      };
      await Promise.all([1, 2, 3, 4].flatMap((n) => [worker(one, `one-${n}`), worker(two, `two-${n}`)]));

      expect([...handledBy.keys()].sort()).toEqual(all.map((r) => r.key).sort());
      expect([...handledBy.values()].filter((by) => by.length !== 1)).toEqual([]);
      // Both instances took part, or the test proved nothing about racing.
      const byOne = [...handledBy.values()].filter(([by]) => by?.startsWith('one')).length;
      expect(byOne).toBeGreaterThan(0);
      expect(byOne).toBeLessThan(200);
      const stored = await two.listReminders({ deadlineId: 'race', limit: 1000 });
      expect(stored.filter((r) => r.status !== 'sent' || r.attempts !== 1)).toEqual([]);
      expect(stored).toHaveLength(200);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('lets another instance pass a row being delivered and take the next', async () => {
    const [one, two] = await Promise.all([instance(), instance()]);
    try {
      const now = later();
      const [first, second] = rows('skip', 2) as [NewReminder, NewReminder];
      await one.enqueueReminders([{ ...first, nextAttemptAt: new Date(now.getTime() - 1) }, second], now);
      let release: () => void = () => undefined;
      let started: () => void = () => undefined;
      const handedOut = new Promise<void>((resolve) => (started = resolve));
      const slow = one.processNextReminder(now, async (r) => {
        started();
        await new Promise<void>((resolve) => (release = resolve));
        return sent(r);
      });
      await handedOut;
      const handledByTwo: string[] = [];
      const record: ReminderHandler = async (r) => (handledByTwo.push(r.key), sent(r));
      expect(await two.processNextReminder(now, record)).toBe(true);
      expect(await two.processNextReminder(now, record)).toBe(false);
      expect(handledByTwo).toEqual([second.key]);
      release();
      expect(await slow).toBe(true);
      const stored = await two.listReminders({ deadlineId: 'skip', limit: 10 });
      expect(stored.map((r) => [r.key, r.status, r.attempts]).sort()).toEqual([
        [first.key, 'sent', 1],
        [second.key, 'sent', 1],
      ]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('leaves a row pending when the connection dies during its delivery, and carries on', async () => {
    const store = await instance();
    try {
      const now = later();
      const [row] = rows('crash', 1) as [NewReminder];
      await store.enqueueReminders([row], now);
      const delivering = store.processNextReminder(now, async (r) => {
        // The backend holding the row lock in this test's schema: the delivering transaction.
        const holders = await sql<{ pid: number }>(
          `SELECT DISTINCT l.pid FROM pg_locks l
           JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relname = 'reminders' AND l.mode = 'RowShareLock'`,
          [schema],
        );
        expect(holders).toHaveLength(1);
        const pid = holders[0]!.pid;
        await sql('SELECT pg_terminate_backend($1)', [pid]);
        for (let i = 0; i < 100; i++) {
          if ((await sql('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length === 0) break;
          await sleep(20);
        }
        return sent(r); // delivered, but the connection to record it is gone
      });
      await expect(delivering).rejects.toThrow();

      const [stored] = await store.listReminders({ deadlineId: 'crash', limit: 1 });
      expect(stored).toMatchObject({ key: row.key, status: 'pending', attempts: 0 });
      // The pool dropped the dead connection: the next delivery works, and gets the row again.
      const again: string[] = [];
      expect(await store.processNextReminder(now, async (r) => (again.push(r.key), sent(r)))).toBe(true);
      expect(again).toEqual([row.key]);
      expect(await store.listReminders({ deadlineId: 'crash', limit: 1 })).toMatchObject([
        { status: 'sent', attempts: 1 },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe('openPostgresStore', () => {
  const schema = `${runSchema}_race`;
  afterAll(() => sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));

  it('lets several instances open a fresh schema at once, migrating it exactly once', async () => {
    const stores = await Promise.all(
      Array.from({ length: 5 }, () => openStore({ kind: 'postgres', connectionString, schema })),
    );
    await Promise.all(stores.map((s) => s.close()));
    const applied = await sql(`SELECT version, name FROM "${schema}".schema_migrations ORDER BY version`);
    expect(applied).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    const tables = await sql<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    // Sorted here: the database's collation may order '_' differently.
    expect(tables.map((t) => t.table_name).sort()).toEqual([
      'answer_outcomes',
      'bot_settings',
      'conversation_references',
      'conversation_state',
      'delivered_activities',
      'expert_questions',
      'expert_suggestions',
      'feedback',
      'onboarding_progress',
      'readiness_probe',
      'reminder_acknowledgements',
      'reminder_snoozes',
      'reminders',
      'schema_migrations',
      'send_budget',
      'sent_answers',
      'unanswered',
      'welcomes',
    ]);
  });

  it('refuses a schema name it would have to quote, before connecting', async () => {
    await expect(openPostgresStore({ connectionString, schema: 'x"; DROP TABLE feedback; --' })).rejects.toThrow(
      /Invalid PostgreSQL schema name/,
    );
  });

  it('rejects with the reason when the server cannot be reached', async () => {
    await expect(
      openPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema: runSchema }),
    ).rejects.toThrow(/Could not open the PostgreSQL store .*ECONNREFUSED/);
  });
});
