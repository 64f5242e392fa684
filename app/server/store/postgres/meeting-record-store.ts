/** The meetings record in the PostgreSQL store (see meeting-record-store.ts). */
import type { ListMeetingsQuery, MeetingRecordStore } from '../meeting-record-store.ts';
import { toMeeting, toSession, type MeetingDbRow, type SessionDbRow } from '../rows/meeting-record.ts';
import type { PgDb, SqlValue } from './db.ts';
import { newestFirst } from './newest-first.ts';

const MEETING = 'id, room_id, room_name, start_time, end_time, max_participants';
const SESSION = 'session_sid, meeting_id, participant_id, user_id, user_name, owner, permissions, join_time, leave_time, leave_estimated';

/**
 * Any fixed number: the advisory lock every meetings-record transaction holds. The rules that apply a
 * LiveKit event read, then write (is a meeting going on? start one); two control planes applying events
 * of one room at once must take turns, as SQLite's single writer makes them.
 */
const RECORD_LOCK = 0x466f7972; // "Foyr"

/** The WHERE clause of a listing, from its filters, with its values as `$1…`. */
function filters(q: ListMeetingsQuery): { where: string; values: SqlValue[] } {
  const parts: string[] = ['true'];
  const values: SqlValue[] = [];
  const add = (condition: (placeholder: string) => string, value: SqlValue) => {
    values.push(value);
    parts.push(condition(`$${values.length}`));
  };
  if (q.roomName !== undefined) add((p) => `room_name = ${p}`, q.roomName);
  if (q.timeframeStart !== undefined) add((p) => `start_time >= ${p}`, q.timeframeStart);
  if (q.timeframeEnd !== undefined) add((p) => `start_time < ${p}`, q.timeframeEnd);
  if (q.ongoing !== undefined) parts.push(q.ongoing ? 'end_time IS NULL' : 'end_time IS NOT NULL');
  return { where: parts.join(' AND '), values };
}

export function pgMeetingRecordStore(db: PgDb): MeetingRecordStore {
  const locked = <T>(fn: () => Promise<T>) => db.transaction(async () => {
    await db.run('SELECT pg_advisory_xact_lock($1)', [RECORD_LOCK]);
    return fn();
  });
  /**
   * This instance's transactions, one after the other: while one waits for the lock (another instance
   * holds it) the rest wait here, not each holding a pooled connection the requests need.
   */
  let last: Promise<unknown> = Promise.resolve();
  const oneMeeting = async (sql: string, value: string) => {
    const row = await db.row<MeetingDbRow>(sql, [value]);
    return row ? toMeeting(row) : null;
  };

  return {
    transaction(fn) {
      // Inside a transaction already (this one's, or another part of the store's): a savepoint in it, not a wait
      // behind itself.
      if (db.inTransaction()) return locked(fn);
      const result = last.then(() => locked(fn));
      last = result.catch(() => {});
      return result;
    },
    async claimEvent(id, at) {
      return (await db.run('INSERT INTO livekit_events_applied (id, applied_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, at])) === 1;
    },
    async pruneEvents(before) {
      await db.run('DELETE FROM livekit_events_applied WHERE applied_at < $1', [before]);
    },
    async createMeeting(m) {
      await db.run(
        `INSERT INTO meeting_records (${MEETING}) VALUES ($1, $2, $3, $4, $5, $6)`,
        [m.id, m.roomId, m.roomName, m.startTime, m.endTime, m.maxParticipants],
      );
    },
    async updateMeeting(id, change) {
      await db.run('UPDATE meeting_records SET end_time = $2, max_participants = $3 WHERE id = $1', [id, change.endTime, change.maxParticipants]);
    },
    meeting: (id) => oneMeeting(`SELECT ${MEETING} FROM meeting_records WHERE id = $1`, id),
    openMeeting: (roomId) => oneMeeting(`SELECT ${MEETING} FROM meeting_records WHERE room_id = $1 AND end_time IS NULL ORDER BY seq DESC LIMIT 1`, roomId),
    latestMeeting: (roomId) => oneMeeting(`SELECT ${MEETING} FROM meeting_records WHERE room_id = $1 ORDER BY seq DESC LIMIT 1`, roomId),
    async openMeetings() {
      return (await db.rows<MeetingDbRow>(`SELECT ${MEETING} FROM meeting_records WHERE end_time IS NULL ORDER BY seq`)).map(toMeeting);
    },
    async listMeetings(q) {
      const { where, values } = filters(q);
      const total = (await db.row<{ n: number }>(`SELECT count(*)::int AS n FROM meeting_records WHERE ${where}`, values))!.n;
      const rows = await newestFirst<MeetingDbRow>(db, { table: 'meeting_records', columns: MEETING, where, values,
        limit: q.limit, startingAfter: q.startingAfter, endingBefore: q.endingBefore,
      });
      return { total_count: total, data: rows.map(toMeeting) };
    },
    async session(sid) {
      const row = await db.row<SessionDbRow>(`SELECT ${SESSION} FROM meeting_sessions WHERE session_sid = $1`, [sid]);
      return row ? toSession(row) : null;
    },
    async insertSession(s) {
      await db.run(
        `INSERT INTO meeting_sessions (${SESSION}) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)`,
        [s.sessionSid, s.meetingId, s.participantId, s.userId, s.userName, s.owner, JSON.stringify(s.permissions), s.joinTime, s.leaveTime, s.leaveEstimated],
      );
    },
    async closeSession(sid, leaveTime, estimated) {
      await db.run('UPDATE meeting_sessions SET leave_time = $2, leave_estimated = $3 WHERE session_sid = $1', [sid, leaveTime, estimated]);
    },
    async sessionsOf(meetingIds) {
      if (meetingIds.length === 0) return [];
      const rows = await db.rows<SessionDbRow>(
        `SELECT ${SESSION} FROM meeting_sessions WHERE meeting_id = ANY($1::text[]) ORDER BY join_time, session_sid`,
        [meetingIds],
      );
      return rows.map(toSession);
    },
  };
}
