/** The lobby's records in the SQLite store (see lobby-store.ts). */
import type Database from 'better-sqlite3';
import type { HeldAnswer, LobbyStore } from './lobby-store.ts';
import { toAdmission, toHeldAnswer, toWaiting, type AdmissionRow, type HeldRow, type WaitingRow } from './rows/lobby.ts';

export function sqliteLobbyStore(db: Database.Database): LobbyStore {
  const insertWaiting = db.prepare(
    `INSERT INTO waiting (id, room_id, resume_key_hash, name, since, meeting_token, client_key, gone_at, expires_at)
     VALUES (@id, @roomId, @resumeKeyHash, @name, @since, @meetingToken, @clientKey, @goneAt, @expiresAt)`,
  );
  const waitingById = db.prepare<[string], WaitingRow>('SELECT * FROM waiting WHERE id = ?');
  const waitingByKey = db.prepare<[string], WaitingRow>('SELECT * FROM waiting WHERE resume_key_hash = ?');
  const waitingInRoom = db.prepare<[string], WaitingRow>('SELECT * FROM waiting WHERE room_id = ? ORDER BY since, rowid');
  const countInRoom = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM waiting WHERE room_id = ?');
  const countFrom = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM waiting WHERE client_key = ?');
  const rename = db.prepare('UPDATE waiting SET name = ? WHERE id = ?');
  const setGoneAt = db.prepare('UPDATE waiting SET gone_at = ? WHERE id = ?');
  const deleteWaiting = db.prepare('DELETE FROM waiting WHERE id = ?');
  const expired = db.prepare<{ now: number }, WaitingRow>(
    'SELECT * FROM waiting WHERE (gone_at IS NOT NULL AND gone_at < @now) OR expires_at <= @now ORDER BY since',
  );
  const insertHeld = db.prepare(
    'INSERT OR REPLACE INTO held_answers (resume_key_hash, room_id, answer, until) VALUES (@resumeKeyHash, @roomId, @answer, @until)',
  );
  const heldByKey = db.prepare<[string], HeldRow>('SELECT * FROM held_answers WHERE resume_key_hash = ?');
  const deleteHeld = db.prepare('DELETE FROM held_answers WHERE resume_key_hash = ?');
  const insertAdmission = db.prepare(
    'INSERT INTO admissions (ticket_hash, room_id, name, meeting_token, expires_at) VALUES (@ticketHash, @roomId, @name, @meetingToken, @expiresAt)',
  );
  const admissionByHash = db.prepare<[string], AdmissionRow>('SELECT * FROM admissions WHERE ticket_hash = ?');
  const deleteAdmission = db.prepare('DELETE FROM admissions WHERE ticket_hash = ?');

  const take = db.transaction((id: string) => {
    const row = waitingById.get(id);
    if (row) deleteWaiting.run(id);
    return row ? toWaiting(row) : null;
  });
  const takeHeld = db.transaction((hash: string, roomId: string, now: number): HeldAnswer | null => {
    const row = heldByKey.get(hash);
    if (!row || row.room_id !== roomId) return null;
    deleteHeld.run(hash);
    return now <= row.until ? toHeldAnswer(row) : null;
  });
  const takeAdmission = db.transaction((hash: string) => {
    const row = admissionByHash.get(hash);
    if (row) deleteAdmission.run(hash);
    return row ? toAdmission(row) : null;
  });
  const recover = db.transaction((goneAt: number) => {
    const orphaned = 'room_id NOT IN (SELECT id FROM rooms)';
    db.prepare(`DELETE FROM waiting WHERE ${orphaned}`).run();
    db.prepare(`DELETE FROM held_answers WHERE ${orphaned}`).run();
    db.prepare(`DELETE FROM admissions WHERE ${orphaned}`).run();
    db.prepare('UPDATE waiting SET gone_at = max(coalesce(gone_at, 0), ?)').run(goneAt);
    db.prepare('UPDATE held_answers SET until = max(until, ?)').run(goneAt);
  });

  return {
    async addWaiting(r) {
      insertWaiting.run({ ...r, meetingToken: r.meetingToken ?? null, goneAt: r.goneAt ?? null });
    },
    async getWaiting(id) {
      const row = waitingById.get(id);
      return row ? toWaiting(row) : null;
    },
    async waitingByResumeKey(hash) {
      const row = waitingByKey.get(hash);
      return row ? toWaiting(row) : null;
    },
    waitingInRoom: async (roomId) => waitingInRoom.all(roomId).map(toWaiting),
    countWaitingInRoom: async (roomId) => countInRoom.get(roomId)!.n,
    countWaitingFrom: async (clientKey) => countFrom.get(clientKey)!.n,
    async renameWaiting(id, name) {
      rename.run(name, id);
    },
    async setGoneAt(id, goneAt) {
      setGoneAt.run(goneAt, id);
    },
    // Immediate: the write lock is taken before the read, so a second process's take waits for the first and
    // then finds nothing (null), instead of failing with SQLITE_BUSY on a snapshot gone stale.
    takeWaiting: async (id) => take.immediate(id),
    expiredWaiting: async (now) => expired.all({ now }).map(toWaiting),
    async holdAnswer(held) {
      insertHeld.run(held);
    },
    takeHeldAnswer: async (hash, roomId, now) => takeHeld.immediate(hash, roomId, now),
    async addAdmission(r) {
      insertAdmission.run({ ...r, meetingToken: r.meetingToken ?? null });
    },
    async getAdmission(hash) {
      const row = admissionByHash.get(hash);
      return row ? toAdmission(row) : null;
    },
    takeAdmission: async (hash) => takeAdmission.immediate(hash),
    async recover(goneAt) {
      recover(goneAt);
    },
    async prune(now) {
      db.prepare('DELETE FROM held_answers WHERE until < ?').run(now);
      db.prepare('DELETE FROM admissions WHERE expires_at < ?').run(now);
    },
  };
}
