// Picks the store the configuration asks for; the rest of the bot sees only the
// interfaces, `Store`, `ReminderStore` and `ExpertStore`.
import type { Logger } from '../log';
import type { ExpertStore } from './expert-store';
import type { ReminderStore } from './reminder-store';
import type { Store } from './store';

export type StoreOptions =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; schema?: string };

/**
 * Only the store in use is loaded (as main.ts loads only the SDK in use): the PostgreSQL client (pg)
 * cost about a tenth of a second of every start on SQLite, and better-sqlite3 is not needed on PostgreSQL.
 */
export function openStore(options: StoreOptions, log?: Logger): Promise<Store & ReminderStore & ExpertStore> {
  switch (options.kind) {
    case 'sqlite': {
      const { openSqliteStore }: typeof import('./sqlite-store') = require('./sqlite-store');
      return openSqliteStore({ path: options.path });
    }
    case 'postgres': {
      const { openPostgresStore }: typeof import('./postgres-store') = require('./postgres-store');
      return openPostgresStore({ connectionString: options.connectionString, schema: options.schema, log });
    }
  }
}
