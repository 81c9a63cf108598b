// Runs against a real PostgreSQL and fails (never skips) when there is none.
import { Client } from 'pg';
import { MIGRATIONS } from '../../src/storage/migrations';
import { openStore } from '../../src/storage/open-store';
import { openPostgresStore } from '../../src/storage/postgres-store';
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
    expect(tables.map((t) => t.table_name)).toEqual([
      'conversation_state',
      'feedback',
      'schema_migrations',
      'unanswered',
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
