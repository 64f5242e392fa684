/** The meeting's records (bans, promotions, joins) in the SQLite store (see meeting-store.ts). */
import { withoutFlush } from './without-flush.ts';
import type Database from 'better-sqlite3';
import type { BanKey, CallParticipantRecord, MeetingStore } from './meeting-store.ts';
import { toCallParticipant, type JoinRow } from './rows/call-participant.ts';

/** A join row as SQLite keeps it: the ban keys as JSON text. */
type SqliteJoinRow = Omit<JoinRow, 'ban_keys'> & { ban_keys: string };

/** The join of a SQLite row, through the row both engines share. */
const readJoin = (row: SqliteJoinRow): CallParticipantRecord => toCallParticipant({ ...row, ban_keys: JSON.parse(row.ban_keys) as BanKey[] });

export function sqliteMeetingStore(db: Database.Database): MeetingStore {
  const insertJoin = db.prepare(
    'INSERT OR REPLACE INTO call_participants (room_id, identity, ban_keys, joined_at, removal_at, removal_reason) VALUES (@roomId, @identity, @banKeys, @joinedAt, @removalAt, @removalReason)',
  );
  const getJoin = db.prepare<[string, string], SqliteJoinRow>('SELECT * FROM call_participants WHERE room_id = ? AND identity = ?');
  const deleteJoin = db.prepare('DELETE FROM call_participants WHERE room_id = ? AND identity = ?');
  const insertBan = db.prepare('INSERT OR IGNORE INTO meeting_bans (room_id, kind, value, since) VALUES (?, ?, ?, ?)');
  const deleteBan = db.prepare('DELETE FROM meeting_bans WHERE room_id = ? AND kind = ? AND value = ?');
  const findBan = db.prepare<[string, string, string], { n: number }>('SELECT 1 AS n FROM meeting_bans WHERE room_id = ? AND kind = ? AND value = ?');
  const insertOwner = db.prepare('INSERT OR IGNORE INTO promoted_owners (room_id, identity) VALUES (?, ?)');
  const findOwner = db.prepare<[string, string], { n: number }>('SELECT 1 AS n FROM promoted_owners WHERE room_id = ? AND identity = ?');
  const endStatements = ['call_participants', 'meeting_bans', 'promoted_owners'].map((table) => db.prepare(`DELETE FROM ${table} WHERE room_id = ?`));
  // A removal still due is kept past the join record's age, so its timer is re-armed after a restart.
  const pruneJoins = db.prepare('DELETE FROM call_participants WHERE joined_at < @before AND (removal_at IS NULL OR removal_at < @before)');
  const withRemoval = db.prepare<[], SqliteJoinRow>('SELECT * FROM call_participants WHERE removal_at IS NOT NULL ORDER BY removal_at');
  const claimRemoval = db.prepare(
    `UPDATE call_participants SET removal_claimed_by = @by, removal_claimed_until = @until
     WHERE room_id = @roomId AND identity = @identity AND removal_at IS NOT NULL
       AND (removal_claimed_until IS NULL OR removal_claimed_until <= @now OR removal_claimed_by = @by)`,
  );

  return {
    async recordJoin(r) {
      // The record lives only as long as its meeting, which a power cut ends anyway.
      withoutFlush(db, () =>
        insertJoin.run({
          roomId: r.roomId,
          identity: r.identity,
          banKeys: JSON.stringify(r.banKeys),
          joinedAt: r.joinedAt,
          removalAt: r.removal?.at ?? null,
          removalReason: r.removal?.reason ?? null,
        }),
      );
    },
    async callParticipant(roomId, identity): Promise<CallParticipantRecord | null> {
      const row = getJoin.get(roomId, identity);
      return row ? readJoin(row) : null;
    },
    async forgetJoin(roomId, identity) {
      deleteJoin.run(roomId, identity);
    },
    ban: async (roomId, keys, since) => db.transaction(() => {
      for (const k of keys) insertBan.run(roomId, k.kind, k.value, since);
    })(),
    unban: async (roomId, keys) => db.transaction(() => {
      for (const k of keys) deleteBan.run(roomId, k.kind, k.value);
    })(),
    isBanned: async (roomId, keys) => keys.some((k) => findBan.get(roomId, k.kind, k.value) !== undefined),
    async promote(roomId, identity) {
      insertOwner.run(roomId, identity);
    },
    isPromoted: async (roomId, identity) => findOwner.get(roomId, identity) !== undefined,
    endMeeting: async (roomId) => db.transaction(() => {
      for (const s of endStatements) s.run(roomId);
    })(),
    async prune(before) {
      pruneJoins.run({ before });
    },
    scheduledRemovals: async () => withRemoval.all().map(readJoin),
    claimRemoval: async (roomId, identity, { by, now, until }) => claimRemoval.run({ roomId, identity, by, now, until }).changes === 1,
  };
}
