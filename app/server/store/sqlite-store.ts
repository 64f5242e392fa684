/** The embedded default store: one SQLite file in WAL mode. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.ts';
import { sqliteLobbyStore } from './sqlite-lobby-store.ts';
import { sqliteMeetingStore } from './sqlite-meeting-store.ts';
import { sqliteWebhookStore } from './sqlite-webhook-store.ts';
import { sqliteMeetingRecordStore } from './sqlite-meeting-record-store.ts';
import { sqliteTeamStore } from '../team/sqlite-team-store.ts';
import { waitingForTransactions } from './sqlite-async-transaction.ts';
import { RoomNameTakenError, type ListRoomsQuery, type Room, type RoomPage, type Store, type Privacy } from './store.ts';

interface RoomRow {
  seq: number;
  id: string;
  name: string;
  api_created: number;
  privacy: Privacy;
  created_at: string;
  config: string;
}

const toRoom = (row: RoomRow): Room => ({
  id: row.id,
  name: row.name,
  api_created: row.api_created === 1,
  privacy: row.privacy,
  created_at: row.created_at,
  config: JSON.parse(row.config),
});

/**
 * WAL journal mode. Switching a new file to it takes an exclusive lock, and SQLite answers SQLITE_BUSY at
 * once (no busy handler) when another process is switching the same file: try again for up to 5 s.
 */
function useWal(db: Database.Database): void {
  const giveUpAt = Date.now() + 5000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > giveUpAt) throw err;
      Atomics.wait(pause, 0, 0, 20);
    }
  }
}

export function migrate(db: Database.Database): void {
  // One migration per transaction, each reading the version under the write lock (`immediate`): two
  // processes opening a new file at once take turns, and the second finds the work done.
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version >= MIGRATIONS.length) return false;
    db.exec(MIGRATIONS[version]!);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate()) { /* the next migration */ }
}

/** `path` ':memory:' gives a throwaway store (unit tests). */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // Two processes opening one file (a restart overlapping the old one) wait instead of failing: first,
  // since switching to WAL takes the lock too.
  db.pragma('busy_timeout = 5000');
  useWal(db);
  // The store of record: a commit is on disk before the API answers 200, even across a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  migrate(db);

  // Rooms past `exp` are not listed (Daily's rule).
  const visible = `(json_extract(config, '$.exp') IS NULL OR json_extract(config, '$.exp') > @now)`;
  const byName = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE name = ?');
  const byId = db.prepare<[string], RoomRow>('SELECT * FROM rooms WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO rooms (id, name, api_created, privacy, created_at, config) VALUES (@id, @name, @api_created, @privacy, @created_at, @config)',
  );
  const update = db.prepare<{ name: string; privacy: Privacy; config: string }, RoomRow>(
    'UPDATE rooms SET privacy = @privacy, config = @config WHERE name = @name RETURNING *',
  );
  // json(): the stored text and the expected one compared as JSON, not as spellings of it.
  const updateIfUnchanged = db.prepare<{ name: string; privacy: Privacy; config: string; wasPrivacy: Privacy; wasConfig: string }, RoomRow>(
    `UPDATE rooms SET privacy = @privacy, config = @config
     WHERE name = @name AND privacy = @wasPrivacy AND json(config) = json(@wasConfig) RETURNING *`,
  );
  const remove = db.prepare<[string], RoomRow>('DELETE FROM rooms WHERE name = ? RETURNING *');
  const count = db.prepare<{ now: number }, { n: number }>(`SELECT count(*) AS n FROM rooms WHERE ${visible}`);
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM rooms WHERE id = ?');
  const newest = db.prepare<{ now: number; limit: number; before: number }, RoomRow>(
    `SELECT * FROM rooms WHERE ${visible} AND seq < @before ORDER BY seq DESC LIMIT @limit`,
  );
  const newerThan = db.prepare<{ now: number; limit: number; after: number }, RoomRow>(
    `SELECT * FROM (SELECT * FROM rooms WHERE ${visible} AND seq > @after ORDER BY seq ASC LIMIT @limit) ORDER BY seq DESC`,
  );
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const setSetting = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const insertSettingIfAbsent = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING');

  // Calls other than a meetings-record transaction's own wait for it to end: see sqlite-async-transaction.ts.
  return waitingForTransactions(db, {
    lobby: sqliteLobbyStore(db),
    meetings: sqliteMeetingStore(db),
    webhooks: sqliteWebhookStore(db),
    meetingRecords: sqliteMeetingRecordStore(db),
    team: sqliteTeamStore(db),
    async createRoom(room) {
      try {
        insert.run({ ...room, api_created: room.api_created ? 1 : 0, config: JSON.stringify(room.config) });
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new RoomNameTakenError(room.name);
        throw err;
      }
    },
    async getRoom(name) {
      const row = byName.get(name);
      return row ? toRoom(row) : null;
    },
    async roomById(id) {
      const row = byId.get(id);
      return row ? toRoom(row) : null;
    },
    // One statement each (RETURNING): no other instance's write can come between the change and its answer.
    async updateRoom(name, change, expected) {
      const set = { name, privacy: change.privacy, config: JSON.stringify(change.config) };
      const row = expected
        ? updateIfUnchanged.get({ ...set, wasPrivacy: expected.privacy, wasConfig: JSON.stringify(expected.config) })
        : update.get(set);
      return row ? toRoom(row) : null;
    },
    async deleteRoom(name) {
      const row = remove.get(name);
      return row ? toRoom(row) : null;
    },
    async listRooms(query: ListRoomsQuery): Promise<RoomPage> {
      const { now, limit } = query;
      const total = count.get({ now })!.n;
      // Cursors are room ids; insertion order (seq) is creation order, newest first.
      if (query.endingBefore !== undefined) {
        const after = query.endingBefore === 'OLDEST' ? 0 : seqOf.get(query.endingBefore)?.seq;
        if (after === undefined) return { total_count: total, data: [] };
        return { total_count: total, data: newerThan.all({ now, limit, after }).map(toRoom) };
      }
      const before = query.startingAfter !== undefined ? seqOf.get(query.startingAfter)?.seq : Number.MAX_SAFE_INTEGER;
      if (before === undefined) return { total_count: total, data: [] };
      return { total_count: total, data: newest.all({ now, limit, before }).map(toRoom) };
    },
    async getSetting(key) {
      return getSetting.get(key)?.value ?? null;
    },
    async setSetting(key, value) {
      setSetting.run(key, value);
    },
    async claimSetting(key, value) {
      insertSettingIfAbsent.run(key, value);
      return getSetting.get(key)!.value;
    },
    async close() {
      db.close();
    },
  } satisfies Store);
}
