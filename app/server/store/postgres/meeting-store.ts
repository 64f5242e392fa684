/** The meeting's records (bans, promotions, joins) in the PostgreSQL store (see meeting-store.ts). */
import type { BanKey, MeetingStore } from '../meeting-store.ts';
import { toCallParticipant, type JoinRow } from '../rows/call-participant.ts';
import type { PgDb } from './db.ts';

/** A list of ban keys as two parallel arrays, for `unnest($n::text[], $m::text[])`: one statement for all of them. */
const kindsAndValues = (keys: readonly BanKey[]) => [keys.map((k) => k.kind), keys.map((k) => k.value)];

const JOIN = 'room_id, identity, ban_keys, joined_at, removal_at, removal_reason';

export function pgMeetingStore(db: PgDb): MeetingStore {
  return {
    async recordJoin(r) {
      // A rejoin replaces the record, its removal claim included (the claim columns take their NULL default).
      await db.run(
        `INSERT INTO call_participants (${JOIN}) VALUES ($1, $2, $3::jsonb, $4, $5, $6)
         ON CONFLICT (room_id, identity) DO UPDATE SET ban_keys = excluded.ban_keys, joined_at = excluded.joined_at,
           removal_at = excluded.removal_at, removal_reason = excluded.removal_reason,
           removal_claimed_by = NULL, removal_claimed_until = NULL`,
        [r.roomId, r.identity, JSON.stringify(r.banKeys), r.joinedAt, r.removal?.at ?? null, r.removal?.reason ?? null],
      );
    },
    async callParticipant(roomId, identity) {
      const row = await db.row<JoinRow>(`SELECT ${JOIN} FROM call_participants WHERE room_id = $1 AND identity = $2`, [roomId, identity]);
      return row ? toCallParticipant(row) : null;
    },
    async forgetJoin(roomId, identity) {
      await db.run('DELETE FROM call_participants WHERE room_id = $1 AND identity = $2', [roomId, identity]);
    },
    async ban(roomId, keys, since) {
      await db.run(
        `INSERT INTO meeting_bans (room_id, kind, value, since)
         SELECT $1, kind, value, $4 FROM unnest($2::text[], $3::text[]) AS k (kind, value)
         ON CONFLICT DO NOTHING`,
        [roomId, ...kindsAndValues(keys), since],
      );
    },
    async unban(roomId, keys) {
      await db.run(
        'DELETE FROM meeting_bans WHERE room_id = $1 AND (kind, value) IN (SELECT * FROM unnest($2::text[], $3::text[]))',
        [roomId, ...kindsAndValues(keys)],
      );
    },
    async isBanned(roomId, keys) {
      if (keys.length === 0) return false;
      const row = await db.row<{ banned: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM meeting_bans WHERE room_id = $1 AND (kind, value) IN (SELECT * FROM unnest($2::text[], $3::text[]))) AS banned`,
        [roomId, ...kindsAndValues(keys)],
      );
      return row!.banned;
    },
    async promote(roomId, identity) {
      await db.run('INSERT INTO promoted_owners (room_id, identity) VALUES ($1, $2) ON CONFLICT DO NOTHING', [roomId, identity]);
    },
    async isPromoted(roomId, identity) {
      return (await db.row('SELECT 1 FROM promoted_owners WHERE room_id = $1 AND identity = $2', [roomId, identity])) !== null;
    },
    async endMeeting(roomId) {
      // One statement, so the three go together without a transaction of their own.
      await db.run(
        `WITH joins AS (DELETE FROM call_participants WHERE room_id = $1), bans AS (DELETE FROM meeting_bans WHERE room_id = $1)
         DELETE FROM promoted_owners WHERE room_id = $1`,
        [roomId],
      );
    },
    async prune(before) {
      // A removal still due is kept past the join record's age, so its timer is re-armed after a restart.
      await db.run('DELETE FROM call_participants WHERE joined_at < $1 AND (removal_at IS NULL OR removal_at < $1)', [before]);
    },
    async scheduledRemovals() {
      const rows = await db.rows<JoinRow>(`SELECT ${JOIN} FROM call_participants WHERE removal_at IS NOT NULL ORDER BY removal_at`);
      return rows.map(toCallParticipant);
    },
    async claimRemoval(roomId, identity, { by, now, until }) {
      // One statement: the row lock makes claims made at once take turns, and the second sees the first's claim.
      const claimed = await db.run(
        `UPDATE call_participants SET removal_claimed_by = $3, removal_claimed_until = $5
         WHERE room_id = $1 AND identity = $2 AND removal_at IS NOT NULL
           AND (removal_claimed_until IS NULL OR removal_claimed_until <= $4 OR removal_claimed_by = $3)`,
        [roomId, identity, by, now, until],
      );
      return claimed === 1;
    },
  };
}
