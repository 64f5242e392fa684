/**
 * Opening the PostgreSQL store: migrations run by instances starting at once, a database that crashes and
 * comes back, openStore choosing it, and what an operator is told when the database cannot be used.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../../testing/services.ts';
import { openStore } from '../open-store.ts';
import { pgDb } from './db.ts';
import { migrate, PG_MIGRATIONS } from './migrations.ts';
import { openPostgresStore } from './store.ts';
import { useTestDatabase } from './test-database.ts';

const db = useTestDatabase(25_434);

describe('migrations', () => {
  const versions = async () =>
    (await db.admin().query<{ version: number }>(`SELECT version FROM ${db.schema()}.foyer_schema_version ORDER BY version`)).rows.map((r) => r.version);

  it('instances starting at once on an empty database migrate it once between them, without an error', async () => {
    await db.freshDatabase();
    await Promise.all([db.instance(), db.instance(), db.instance()]);
    expect(await versions()).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
  });

  it('a later start applies only the migrations added since', async () => {
    await db.freshDatabase();
    await db.instance();
    const pool = new pg.Pool({ connectionString: db.server().url, options: `-c search_path=${db.schema()}`, max: 1 });
    const later = [...PG_MIGRATIONS, 'CREATE TABLE added_later (x integer)'];
    await migrate(pgDb(pool), later);
    await migrate(pgDb(pool), later);
    await pool.end();
    expect(await versions()).toEqual(later.map((_, i) => i + 1));
    // The older code still opens it (a rolling upgrade runs both for a while).
    const older = await db.instance();
    expect(await older.getSetting('x')).toBeNull();
  });
});

describe('the database restarting', () => {
  it('a store answers with an error while it is down, and works again once it is back (no crash, no reopening)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foyer-pg-restart-'));
    let database = await startPostgres(25_435, { dir });
    try {
      const store = await openPostgresStore({ url: database.url, maxConnections: 2 });
      db.closeAfter(store);
      await store.setSetting('k', 'kept');
      // Two connections sit idle in the pool when the server goes.
      await Promise.all([store.getSetting('k'), store.getSetting('k')]);
      await database.kill();
      // Its backends notice the server's death a moment later: until then one may still answer.
      await expect.poll(() => store.getSetting('k').then(() => 'answered', () => 'refused'), { timeout: 5000 }).toBe('refused');
      database = await startPostgres(25_435, { dir });
      expect(await store.getSetting('k')).toBe('kept');
    } finally {
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openStore', () => {
  it('opens the store on PostgreSQL when the config has a database URL, never touching the data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foyer-open-store-'));
    try {
      const store = await openStore({ dataDir, databaseUrl: db.server().url });
      db.closeAfter(store);
      await store.setSetting('opened-by', 'openStore');
      const { rows } = await db.admin().query("SELECT value FROM public.settings WHERE key = 'opened-by'");
      expect(rows).toEqual([{ value: 'openStore' }]);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('opening fails with the next step', () => {
  it('for a server that is not there: names the URL without its password, and what to check', async () => {
    const opening = openPostgresStore({ url: 'postgres://foyer:s3cret@127.0.0.1:1/foyer' });
    await expect(opening).rejects.toThrow(/postgres:\/\/foyer:\*\*\*@127\.0\.0\.1:1\/foyer.*ECONNREFUSED.*PostgreSQL is running/);
    await expect(opening).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('for a database that does not exist: says to create it', async () => {
    const url = db.server().url.replace(/\/foyer$/, '/nowhere');
    await expect(openPostgresStore({ url })).rejects.toThrow(/\/nowhere.*does not exist.*create it/);
  });
});

