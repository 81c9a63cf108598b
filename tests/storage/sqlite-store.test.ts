import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/storage/migrations';
import { openStore } from '../../src/storage/open-store';
import { openSqliteStore } from '../../src/storage/sqlite-store';
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
