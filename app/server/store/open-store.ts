/** The store the configuration asks for: PostgreSQL when FOYER_DATABASE_URL is set, else SQLite in the data dir. */
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openPostgresStore } from './postgres/store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  if (config.databaseUrl) return openPostgresStore({ url: config.databaseUrl });
  return openSqliteStore(join(config.dataDir, 'foyer.db'));
}
