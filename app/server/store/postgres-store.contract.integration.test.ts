/**
 * The shared store contract (contract/), run against the PostgreSQL store: one real server for the file,
 * and a fresh schema per test (dropped after it), so no test sees another's rows.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { startPostgres, type RunningService } from '../testing/services.ts';
import { describeStoreContract } from './contract/index.ts';
import { openPostgresStore } from './postgres/store.ts';
import type { Store } from './store.ts';

let server: RunningService | undefined;
let admin: pg.Pool | undefined;

beforeAll(async () => {
  server = await startPostgres(25_431);
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

const schemaOf = new WeakMap<Store, string>();
let schemas = 0;

describe('the PostgreSQL store', () => {
  describeStoreContract(
    async () => {
      const schema = `contract_${++schemas}`;
      await admin!.query(`CREATE SCHEMA ${schema}`);
      const store = await openPostgresStore({ url: server!.url, schema, maxConnections: 4 });
      schemaOf.set(store, schema);
      return store;
    },
    async (store) => {
      await store.close();
      await admin!.query(`DROP SCHEMA ${schemaOf.get(store)!} CASCADE`);
    },
  );
});
