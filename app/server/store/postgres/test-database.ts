/**
 * For the PostgreSQL store's integration tests: one real server per test file, and per test a fresh schema
 * (the "database" the stores opened in that test share, as control planes share one), every store opened
 * on it closed after the test.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startPostgres, type RunningService } from '../../testing/services.ts';
import type { Room, Store } from '../store.ts';
import { openPostgresStore } from './store.ts';

export interface TestDatabase {
  /** The server (only inside a test or hook). */
  server(): RunningService;
  /** A pool on the server's database, outside any store, to look at what the stores wrote. */
  admin(): pg.Pool;
  /** The current test's schema. */
  schema(): string;
  /** Starts a fresh, empty schema: the database the next `instance()` calls share. */
  freshDatabase(): Promise<void>;
  /** A control plane's store on the current schema (its own pool), closed after the test. */
  instance(options?: { maxConnections?: number }): Promise<Store>;
  /** Closes `store` after the test, with the instances. */
  closeAfter(store: Store): void;
}

/** Registers the server's start and stop, and the stores' closing, in the calling file. */
export function useTestDatabase(port: number): TestDatabase {
  let server: RunningService | undefined;
  let admin: pg.Pool | undefined;
  let schemas = 0;
  let schema = '';
  let open: Store[] = [];

  beforeAll(async () => {
    server = await startPostgres(port);
    admin = new pg.Pool({ connectionString: server.url, max: 2 });
  });
  afterEach(async () => {
    await Promise.all(open.map((s) => s.close()));
    open = [];
  });
  afterAll(async () => {
    await admin?.end();
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the test database only runs inside a test');
    return value;
  };
  return {
    server: () => started(server),
    admin: () => started(admin),
    schema: () => schema,
    async freshDatabase() {
      schema = `test_${++schemas}`;
      await started(admin).query(`CREATE SCHEMA ${schema}`);
    },
    async instance(options = {}) {
      const store = await openPostgresStore({ url: started(server).url, schema, maxConnections: options.maxConnections ?? 4 });
      open.push(store);
      return store;
    },
    closeAfter(store) {
      open.push(store);
    },
  };
}

/** A room named `name` with id `id`. */
export const room = (name: string, id: string): Room =>
  ({ id, name, api_created: true, privacy: 'private', created_at: '2025-01-01T00:00:00.000Z', config: {} });

/** Sign-up input for `name`, with passkey `passkeyId`. */
export const signup = (name: string, passkeyId = `pk-${name}`) => ({
  member: { id: `m-${name}`, email: `${name}@example.com`, name, created_at: '2025-01-01T00:00:00.000Z' },
  passkey: { id: passkeyId, publicKey: new Uint8Array([1]), counter: 0, transports: [] },
  session: { idHash: `s-${name}`, createdAt: 0, expiresAt: 10 },
});
