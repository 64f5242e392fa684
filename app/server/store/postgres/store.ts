/**
 * The PostgreSQL store (FOYER_DATABASE_URL): the same `Store` as SQLite's, for several control planes on
 * one database. Anything two instances could do at once is one statement or a transaction that locks
 * what it decides on, so the database, not an instance's memory, says who won.
 */
import pg from 'pg';
import { RoomNameTakenError, type Room, type Store } from '../store.ts';
import { openError } from './connection-error.ts';
import { pgDb } from './db.ts';
import { pgLobbyStore } from './lobby-store.ts';
import { pgMeetingRecordStore } from './meeting-record-store.ts';
import { pgMeetingStore } from './meeting-store.ts';
import { migrate } from './migrations.ts';
import { newestFirst } from './newest-first.ts';
import { pgTeamStore } from './team-store.ts';
import { pgWebhookStore } from './webhook-store.ts';

/** `rooms`' columns: they are `Room`'s fields, and pg gives booleans and jsonb back as such, so a row is a `Room` as it is. */
const ROOM = 'id, name, api_created, privacy, created_at, config';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (any libpq-style URL pg accepts). */
  url: string;
  /** The schema Foyer's tables live in; the user's default `search_path` when unset. Tests use one each. */
  schema?: string;
  /** Connections this instance keeps at most (default 10). */
  maxConnections?: number;
}

/**
 * Opens the store on PostgreSQL and brings its schema up to date. A database that cannot be reached or
 * used fails here, with the URL (without its password) and what to check.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new Error(`a PostgreSQL schema name is lowercase letters, digits and _, got "${options.schema}"`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    // A server that does not answer is reported, instead of a start or a request hanging on it.
    connectionTimeoutMillis: 10_000,
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
    application_name: 'foyer',
  });
  // An idle connection that breaks (a database restart) is dropped by the pool and the next query opens
  // a new one; without a listener, its 'error' event would end the process.
  pool.on('error', () => {});
  const db = pgDb(pool);
  try {
    await migrate(db);
  } catch (err) {
    await pool.end().catch(() => {});
    throw openError(options.url, err);
  }

  // Rooms past `exp` are not listed (Daily's rule); `exp` is compared with the query's `now`, not the clock.
  const visible = `((config->>'exp') IS NULL OR (config->>'exp')::double precision > $1)`;

  return {
    lobby: pgLobbyStore(db),
    meetings: pgMeetingStore(db),
    webhooks: pgWebhookStore(db),
    meetingRecords: pgMeetingRecordStore(db),
    team: pgTeamStore(db),
    async createRoom(room) {
      try {
        await db.run(
          `INSERT INTO rooms (${ROOM}) VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
          [room.id, room.name, room.api_created, room.privacy, room.created_at, JSON.stringify(room.config)],
        );
      } catch (err) {
        // The unique index decides between instances creating one name at once: exactly one insert wins.
        if ((err as { constraint?: string }).constraint === 'rooms_name_key') throw new RoomNameTakenError(room.name);
        throw err;
      }
    },
    getRoom: (name) => db.row<Room>(`SELECT ${ROOM} FROM rooms WHERE name = $1`, [name]),
    roomById: (id) => db.row<Room>(`SELECT ${ROOM} FROM rooms WHERE id = $1`, [id]),
    // One statement each (RETURNING): no other instance's write comes between the change and its answer. With
    // `expected`, compare-and-set: config compared as jsonb, so as JSON values, not as spellings of them.
    updateRoom: (name, change, expected?: Pick<Room, 'privacy' | 'config'>) => db.row<Room>(
      expected
        ? `UPDATE rooms SET privacy = $2, config = $3::jsonb WHERE name = $1 AND privacy = $4 AND config = $5::jsonb RETURNING ${ROOM}`
        : `UPDATE rooms SET privacy = $2, config = $3::jsonb WHERE name = $1 RETURNING ${ROOM}`,
      [name, change.privacy, JSON.stringify(change.config), ...(expected ? [expected.privacy, JSON.stringify(expected.config)] : [])],
    ),
    deleteRoom: (name) => db.row<Room>(`DELETE FROM rooms WHERE name = $1 RETURNING ${ROOM}`, [name]),
    async listRooms(query) {
      const values = [query.now];
      const total = (await db.row<{ n: number }>(`SELECT count(*)::int AS n FROM rooms WHERE ${visible}`, values))!.n;
      const rows = await newestFirst<Room>(db, {
        table: 'rooms', columns: ROOM, where: visible, values, limit: query.limit, startingAfter: query.startingAfter,
        // Daily's `ending_before=OLDEST`: the oldest rooms.
        endingBefore: query.endingBefore === 'OLDEST' ? null : query.endingBefore,
      });
      return { total_count: total, data: rows };
    },
    async getSetting(key) {
      return (await db.row<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))?.value ?? null;
    },
    async setSetting(key, value) {
      await db.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
    },
    async claimSetting(key, value) {
      // One statement that always returns the kept value: a no-op update of an existing row returns it
      // (waiting for a claim in flight elsewhere to commit), where DO NOTHING would return no row.
      const row = await db.row<{ value: string }>(
        'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = settings.value RETURNING value',
        [key, value],
      );
      return row!.value;
    },
    close: () => db.end(),
  };
}
