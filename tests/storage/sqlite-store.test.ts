import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/storage/migrations';
import { openStore } from '../../src/storage/open-store';
import type { DeliveryOutcome, NewReminder, Reminder, ReminderHandler } from '../../src/storage/reminder-store';
import { openSqliteStore } from '../../src/storage/sqlite-store';
import { expertStoreContract } from './expert-store.contract';
import { reminderStoreContract } from './reminder-store.contract';
import { storeContract } from './store.contract';

const tempDir = (): string => mkdtempSync(path.join(tmpdir(), 'sikker-by-store-'));

const contractDir = tempDir();
// A folder that does not exist yet: opening creates it.
const contractFile = path.join(contractDir, 'data', 'bot.sqlite');
storeContract(
  'SQLite store',
  () => openSqliteStore({ path: contractFile }),
  async () => rmSync(contractDir, { recursive: true, force: true }),
);

const reminderDir = tempDir();
reminderStoreContract(
  'SQLite store',
  () => openSqliteStore({ path: path.join(reminderDir, 'reminders.sqlite') }),
  async () => rmSync(reminderDir, { recursive: true, force: true }),
);

const expertDir = tempDir();
expertStoreContract(
  'SQLite store',
  () => openSqliteStore({ path: path.join(expertDir, 'experts.sqlite') }),
  async () => rmSync(expertDir, { recursive: true, force: true }),
);

describe('SQLite reminder claims', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const now = new Date(Date.UTC(2031, 0, 2, 9, 0, 0, 7));
  const row: NewReminder = {
    key: 'd|2031-01-02|anna|due|anna',
    deadlineId: 'd',
    occurrence: '2031-01-02',
    owner: 'anna',
    recipient: 'anna',
    role: 'owner',
    stage: 'due',
    payload: { title: 'Frist' },
  };
  const sent: DeliveryOutcome = { kind: 'sent', activityId: '1', conversationId: 'a:1' };
  const mustNotRun: ReminderHandler = async () => {
    throw new Error('this row is claimed');
  };

  it('keeps the claims of this process when it opens the file again, and releases those of an earlier one', async () => {
    const file = path.join(dir, 'handover.sqlite');
    const earlier = await openSqliteStore({ path: file, processId: 'earlier-boot' });
    await earlier.enqueueReminders([row], now);
    let finish: (outcome: DeliveryOutcome) => void = () => undefined;
    let handedOut: () => void = () => undefined;
    const handed = new Promise<void>((resolve) => (handedOut = resolve));
    const inFlight = earlier.processNextReminder(now, () => {
      handedOut();
      return new Promise((resolve) => (finish = resolve));
    });
    await handed;

    // Another store of the same process leaves the claim alone.
    const sibling = await openSqliteStore({ path: file, processId: 'earlier-boot' });
    expect(await sibling.processNextReminder(now, mustNotRun)).toBe(false);

    // The next process (the default id is this test process's own) takes the row over.
    const next = await openSqliteStore({ path: file });
    const handled: Reminder[] = [];
    expect(await next.processNextReminder(now, async (r) => (handled.push(r), sent))).toBe(true);
    expect(handled).toMatchObject([{ key: row.key, status: 'pending', attempts: 0 }]);

    // Should the earlier delivery still finish, it cannot overwrite the outcome.
    finish({ kind: 'failed', error: 'late' });
    await expect(inFlight).rejects.toThrow(/claim had been released/);
    expect(await next.listReminders({ limit: 10 })).toMatchObject([{ key: row.key, status: 'sent', attempts: 1 }]);
    await Promise.all([earlier.close(), sibling.close(), next.close()]);
  });

  it('releases on opening a claim a crashed process left in the file', async () => {
    const file = path.join(dir, 'crash.sqlite');
    const before = await openSqliteStore({ path: file });
    await before.enqueueReminders([row, { ...row, key: 'second' }], now);
    await before.close();
    // What a process killed mid-delivery leaves behind.
    const raw = new Database(file);
    raw.prepare("UPDATE reminders SET claimed_by = 'crashed-boot' WHERE key = ?").run(row.key);
    raw.close();

    const after = await openSqliteStore({ path: file });
    const handled: string[] = [];
    while (await after.processNextReminder(now, async (r) => (handled.push(r.key), sent)));
    expect(handled.sort()).toEqual([row.key, 'second'].sort());
    await after.close();
    const check = new Database(file, { readonly: true });
    try {
      expect(check.prepare('SELECT count(*) AS n FROM reminders WHERE claimed_by IS NOT NULL').get()).toEqual({ n: 0 });
    } finally {
      check.close();
    }
  });

  it('marks a row claimed while its handler runs, so a crash then leaves a trace to release', async () => {
    const file = path.join(dir, 'mark.sqlite');
    const store = await openSqliteStore({ path: file });
    await store.enqueueReminders([row], now);
    const claimedBy = () => {
      const raw = new Database(file, { readonly: true });
      try {
        return raw.prepare('SELECT claimed_by AS claimedBy FROM reminders').get();
      } finally {
        raw.close();
      }
    };
    let duringDelivery: unknown;
    const delivered = await store.processNextReminder(now, async () => {
      duringDelivery = claimedBy();
      return sent;
    });
    expect(delivered).toBe(true);
    expect(duringDelivery).toEqual({ claimedBy: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(claimedBy()).toEqual({ claimedBy: null });
    await store.close();
  });
});

describe('SQLite turn writes made together (group commit)', () => {
  it('writes in the order the calls were made, so the last write to a conversation wins', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    const at = new Date('2026-11-22T10:00:00Z');
    try {
      const ids = ['a:1', 'a:2', 'a:3'];
      await Promise.all(ids.flatMap((id) => [1, 2, 3].map((round) => store.setConversationState(id, { id, round }, at))));
      for (const id of ids) expect(await store.getConversationState(id)).toEqual({ id, round: 3 });
    } finally {
      await store.close();
    }
  });

  it('makes the writes still waiting when the store is closed', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'state.sqlite');
    const store = await openSqliteStore({ path: file });
    const at = new Date('2026-11-22T10:00:00Z');
    try {
      const write = store.setConversationState('a:1', { topic: 'exit' }, at);
      await store.close();
      await write;
      const reopened = await openSqliteStore({ path: file });
      expect(await reopened.getConversationState('a:1')).toEqual({ topic: 'exit' });
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects every write of a transaction that fails, and goes on with the next', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'state.sqlite');
    const store = await openSqliteStore({ path: file });
    const other = new Database(file);
    const at = new Date('2026-11-22T10:00:00Z');
    try {
      // The table is away while the writes are made, so their transaction fails.
      other.exec('ALTER TABLE conversation_state RENAME TO conversation_state_away');
      const writes = ['a:1', 'a:2', 'a:3'].map((id) => store.setConversationState(id, { topic: id }, at));
      // allSettled rather than rejects.toThrow: better-sqlite3's native part keeps the SqliteError class of
      // the first test file that loaded it in this jest worker, so its errors may not be this file's Errors.
      for (const outcome of await Promise.allSettled(writes)) {
        expect(outcome.status).toBe('rejected');
        expect(String((outcome as PromiseRejectedResult).reason?.message)).toMatch(/no such table: conversation_state/);
      }
      other.exec('ALTER TABLE conversation_state_away RENAME TO conversation_state');
      expect(await store.getConversationState('a:1')).toBeUndefined();
      await store.setConversationState('a:2', { topic: 'again' }, at);
      expect(await store.getConversationState('a:2')).toEqual({ topic: 'again' });
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite group commit of every kind of turn write', () => {
  it('fails only the write whose statement fails, and commits the others of its transaction', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'turns.sqlite');
    const store = await openSqliteStore({ path: file });
    const other = new Database(file);
    const at = new Date('2026-11-22T10:00:00Z');
    try {
      other.exec("CREATE TRIGGER refuse BEFORE INSERT ON unanswered WHEN NEW.question = 'refused' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
      const writes = await Promise.allSettled([
        store.claimActivity('key-1', at),
        store.setConversationState('a:1', { topic: 'kept' }, at),
        store.recordUnanswered({ question: 'refused', lang: 'da', outcome: 'fallback', at }),
        store.recordAnswerOutcome({ outcome: 'fallback', at }),
        store.recordUnanswered({ question: 'kept', lang: 'da', outcome: 'fallback', at }),
        store.saveAnswer({ answerId: 'answer-1', question: 'kept', answer: { title: 'kept' }, at }),
      ]);
      expect(writes.map((w) => w.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect((writes[0] as PromiseFulfilledResult<boolean>).value).toBe(true);
      expect(String((writes[2] as PromiseRejectedResult).reason?.message)).toMatch(/refused by the test/);
      expect(await store.getConversationState('a:1')).toEqual({ topic: 'kept' });
      expect((await store.listUnanswered(10)).map((q) => q.question)).toEqual(['kept']);
      expect(await store.listAnswerOutcomes(at)).toEqual([{ outcome: 'fallback', at }]);
      expect((await store.findAnswer('answer-1'))?.question).toBe('kept');
      expect(await store.claimActivity('key-1', at)).toBe(false);
    } finally {
      other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses writes once the store is closed', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    await store.close();
    await expect(store.claimActivity('key-1', new Date())).rejects.toThrow(/closed/);
  });
});

describe('openSqliteStore', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder, uses WAL and records the applied migrations', async () => {
    const file = path.join(dir, 'a', 'b', 'bot.sqlite');
    await (await openSqliteStore({ path: file })).close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      expect(applied).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
    } finally {
      db.close();
    }
  });

  it('reopens a migrated file without applying anything twice', async () => {
    const file = path.join(dir, 'reopen.sqlite');
    for (let i = 0; i < 2; i++) await (await openSqliteStore({ path: file })).close();
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: MIGRATIONS.length });
    } finally {
      db.close();
    }
  });

  it('works in memory, through openStore', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    await store.setConversationState('c', { topic: 'exit' }, new Date());
    expect(await store.getConversationState('c')).toEqual({ topic: 'exit' });
    await store.close();
  });

  it('names the file when it cannot be opened', async () => {
    const file = path.join(dir, 'missing-folder-is-a-file');
    await (await openSqliteStore({ path: file })).close();
    await expect(openSqliteStore({ path: path.join(file, 'bot.sqlite') })).rejects.toThrow(file);
  });
});
