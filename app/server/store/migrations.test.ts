/** Schema migrations: a fresh database, one left at an older version, and running them twice. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.ts';
import { migrate, openSqliteStore } from './sqlite-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'foyer-migrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const version = (db: Database.Database) => db.pragma('user_version', { simple: true }) as number;
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
/** The whole schema as SQLite keeps it, to compare two databases. */
const schema = (db: Database.Database) => db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

const ROOM = {
  id: '2b2c6c4e-7a0a-4a55-9c1e-1f6f8d1f3a11',
  name: 'standup',
  api_created: 1,
  privacy: 'private',
  created_at: '2025-01-01T00:00:00.000Z',
  config: '{"enable_knocking":true}',
};

/** A database as Foyer left it before the lobby moved into the store: schema version 1, with a room. */
function versionOneDatabase(path: string) {
  const db = new Database(path);
  db.exec(MIGRATIONS[0]!);
  db.pragma('user_version = 1');
  db.prepare('INSERT INTO rooms (id, name, api_created, privacy, created_at, config) VALUES (@id, @name, @api_created, @privacy, @created_at, @config)').run(ROOM);
  db.prepare("INSERT INTO settings (key, value) VALUES ('domain_id', 'kept')").run();
  db.close();
}

describe('migrations', () => {
  it('a fresh database migrates to the latest user_version, with the rooms, settings and lobby tables', () => {
    const db = new Database(':memory:');
    expect(version(db)).toBe(0);
    migrate(db);
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(expect.arrayContaining(['rooms', 'settings', 'waiting', 'held_answers', 'admissions', 'waiting_by_room', 'waiting_by_client']));
    db.close();
  });

  it('a database at version 1 migrates to the latest, keeping its rooms and settings, and ends with the same schema as a fresh one', () => {
    const path = join(dir, 'foyer.db');
    versionOneDatabase(path);
    const db = new Database(path);
    expect(version(db)).toBe(1);
    expect(tables(db)).not.toContain('waiting');
    migrate(db);
    // At least one migration ran.
    expect(tables(db)).toContain('waiting');
    expect(version(db)).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT id, name, api_created, privacy, created_at, config FROM rooms').all()).toEqual([ROOM]);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'domain_id'").get()).toEqual({ value: 'kept' });
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(schema(db)).toEqual(schema(fresh));
    fresh.close();
    db.close();
  });

  it('the store opens an old database, upgrades it, and the lobby works on it', async () => {
    const path = join(dir, 'foyer.db');
    versionOneDatabase(path);
    const store = openSqliteStore(path);
    expect(await store.getRoom('standup')).toMatchObject({ id: ROOM.id, privacy: 'private', config: { enable_knocking: true } });
    await store.lobby.addWaiting({ id: 'w1', roomId: ROOM.id, resumeKeyHash: 'h1', name: 'Ada', since: 1, clientKey: '10.0.0.1', expiresAt: 901 });
    await store.lobby.recover(60);
    expect((await store.lobby.waitingInRoom(ROOM.id)).map((r) => r.name)).toEqual(['Ada']);
    await store.close();
  });

  it('running migrate twice is a no-op: same version, same schema, same rows', async () => {
    const path = join(dir, 'foyer.db');
    versionOneDatabase(path);
    const db = new Database(path);
    migrate(db);
    const before = { version: version(db), schema: schema(db), rooms: db.prepare('SELECT * FROM rooms').all() };
    expect(() => migrate(db)).not.toThrow();
    expect({ version: version(db), schema: schema(db), rooms: db.prepare('SELECT * FROM rooms').all() }).toEqual(before);
    db.close();
    // And again through the store, as every start does.
    await openSqliteStore(path).close();
    const reopened = new Database(path);
    expect({ version: version(reopened), schema: schema(reopened), rooms: reopened.prepare('SELECT * FROM rooms').all() }).toEqual(before);
    reopened.close();
  });

  it('a failing migration changes nothing: its tables are not half made and the version stays', () => {
    const db = new Database(':memory:');
    db.exec(MIGRATIONS[0]!);
    db.pragma('user_version = 1');
    // A table in the way of the second migration's last statement: that statement fails, and the
    // tables the migration made before it go too (each migration runs in one transaction).
    db.exec('CREATE TABLE admissions (x INTEGER)');
    expect(() => migrate(db)).toThrow(/admissions/);
    expect(version(db)).toBe(1);
    expect(tables(db)).not.toContain('waiting');
    db.close();
  });
});
