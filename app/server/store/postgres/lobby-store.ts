/**
 * The lobby's records in the PostgreSQL store (see lobby-store.ts). Every take is one `DELETE … RETURNING`:
 * of two control planes answering one guest at once, the second finds the row gone and gets null.
 */
import type { HeldAnswer, LobbyStore } from '../lobby-store.ts';
import { toAdmission, toHeldAnswer, toWaiting, type AdmissionRow, type HeldRow, type WaitingRow } from '../rows/lobby.ts';
import type { PgDb } from './db.ts';

const WAITING = 'id, room_id, resume_key_hash, name, since, meeting_token, client_key, gone_at, expires_at';

export function pgLobbyStore(db: PgDb): LobbyStore {
  const oneWaiting = async (sql: string, values: string[]) => {
    const row = await db.row<WaitingRow>(sql, values);
    return row ? toWaiting(row) : null;
  };
  const count = async (sql: string, value: string) => (await db.row<{ n: number }>(sql, [value]))!.n;

  return {
    async addWaiting(r) {
      await db.run(
        `INSERT INTO waiting (${WAITING}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [r.id, r.roomId, r.resumeKeyHash, r.name, r.since, r.meetingToken ?? null, r.clientKey, r.goneAt ?? null, r.expiresAt],
      );
    },
    getWaiting: (id) => oneWaiting(`SELECT ${WAITING} FROM waiting WHERE id = $1`, [id]),
    waitingByResumeKey: (hash) => oneWaiting(`SELECT ${WAITING} FROM waiting WHERE resume_key_hash = $1`, [hash]),
    async waitingInRoom(roomId) {
      const rows = await db.rows<WaitingRow>(`SELECT ${WAITING} FROM waiting WHERE room_id = $1 ORDER BY since, seq`, [roomId]);
      return rows.map(toWaiting);
    },
    countWaitingInRoom: (roomId) => count('SELECT count(*)::int AS n FROM waiting WHERE room_id = $1', roomId),
    countWaitingFrom: (clientKey) => count('SELECT count(*)::int AS n FROM waiting WHERE client_key = $1', clientKey),
    async renameWaiting(id, name) {
      await db.run('UPDATE waiting SET name = $2 WHERE id = $1', [id, name]);
    },
    async setGoneAt(id, goneAt) {
      await db.run('UPDATE waiting SET gone_at = $2 WHERE id = $1', [id, goneAt]);
    },
    takeWaiting: (id) => oneWaiting(`DELETE FROM waiting WHERE id = $1 RETURNING ${WAITING}`, [id]),
    async expiredWaiting(now) {
      const rows = await db.rows<WaitingRow>(
        `SELECT ${WAITING} FROM waiting WHERE (gone_at IS NOT NULL AND gone_at < $1) OR expires_at <= $1 ORDER BY since`,
        [now],
      );
      return rows.map(toWaiting);
    },
    async holdAnswer(held) {
      await db.run(
        `INSERT INTO held_answers (resume_key_hash, room_id, answer, until) VALUES ($1, $2, $3, $4)
         ON CONFLICT (resume_key_hash) DO UPDATE SET room_id = excluded.room_id, answer = excluded.answer, until = excluded.until`,
        [held.resumeKeyHash, held.roomId, held.answer, held.until],
      );
    },
    async takeHeldAnswer(hash, roomId, now): Promise<HeldAnswer | null> {
      // A stale answer is taken too (and dropped): it would never be given again.
      const row = await db.row<HeldRow>(
        'DELETE FROM held_answers WHERE resume_key_hash = $1 AND room_id = $2 RETURNING resume_key_hash, room_id, answer, until',
        [hash, roomId],
      );
      if (!row || now > row.until) return null;
      return toHeldAnswer(row);
    },
    async addAdmission(r) {
      await db.run(
        'INSERT INTO admissions (ticket_hash, room_id, name, meeting_token, expires_at) VALUES ($1, $2, $3, $4, $5)',
        [r.ticketHash, r.roomId, r.name, r.meetingToken ?? null, r.expiresAt],
      );
    },
    async getAdmission(hash) {
      const row = await db.row<AdmissionRow>('SELECT * FROM admissions WHERE ticket_hash = $1', [hash]);
      return row ? toAdmission(row) : null;
    },
    async takeAdmission(hash) {
      const row = await db.row<AdmissionRow>('DELETE FROM admissions WHERE ticket_hash = $1 RETURNING *', [hash]);
      return row ? toAdmission(row) : null;
    },
    recover: (goneAt) => db.transaction(async () => {
      const orphaned = 'room_id NOT IN (SELECT id FROM rooms)';
      await db.run(`DELETE FROM waiting WHERE ${orphaned}`);
      await db.run(`DELETE FROM held_answers WHERE ${orphaned}`);
      await db.run(`DELETE FROM admissions WHERE ${orphaned}`);
      await db.run('UPDATE waiting SET gone_at = greatest(coalesce(gone_at, 0), $1)', [goneAt]);
      await db.run('UPDATE held_answers SET until = greatest(until, $1)', [goneAt]);
    }),
    async prune(now) {
      await db.run('DELETE FROM held_answers WHERE until < $1', [now]);
      await db.run('DELETE FROM admissions WHERE expires_at < $1', [now]);
    },
  };
}
