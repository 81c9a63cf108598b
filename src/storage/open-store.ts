// Picks the store the configuration asks for; the rest of the bot sees only the
// interfaces, `Store`, `ReminderStore` and `ExpertStore`.
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Logger } from '../log';
import type { ExpertStore } from './expert-store';
import type { ReminderStore } from './reminder-store';
import type { Store } from './store';

export type StoreOptions =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; connectionString: string; schema?: string };

export function openStore(options: StoreOptions, log?: Logger): Promise<Store & ReminderStore & ExpertStore> {
  switch (options.kind) {
    case 'sqlite':
      return openSqliteStore({ path: options.path });
    case 'postgres':
      return openPostgresStore({ connectionString: options.connectionString, schema: options.schema, log });
  }
}
