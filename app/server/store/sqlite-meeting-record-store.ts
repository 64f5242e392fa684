/** The meetings record in the SQLite store (see meeting-record-store.ts). */
import { asyncTransaction } from './sqlite-async-transaction.ts';
import type Database from 'better-sqlite3';
import type { ListMeetingsQuery, MeetingRecordStore, SessionPermissions, SessionRow } from './meeting-record-store.ts';
import { toMeeting, toSession, type MeetingDbRow, type SessionDbRow } from './rows/meeting-record.ts';

/** A session row as SQLite keeps it: booleans as 0/1, the permissions as JSON text. */
type SqliteSessionRow = Omit<SessionDbRow, 'owner' | 'permissions' | 'leave_estimated'> & {
  owner: number;
  permissions: string;
  leave_estimated: number;
};

/** The session of a SQLite row, through the row both engines share. */
const readSession = (r: SqliteSessionRow): SessionRow => toSession({
  ...r,
  owner: r.owner === 1,
  permissions: JSON.parse(r.permissions) as SessionPermissions,
  leave_estimated: r.leave_estimated === 1,
});

export function sqliteMeetingRecordStore(db: Database.Database): MeetingRecordStore {
  const claim = db.prepare('INSERT OR IGNORE INTO livekit_events_applied (id, applied_at) VALUES (?, ?)');
  const prune = db.prepare('DELETE FROM livekit_events_applied WHERE applied_at < ?');
  const insertMeeting = db.prepare(
    'INSERT INTO meeting_records (id, room_id, room_name, start_time, end_time, max_participants) VALUES (@id, @roomId, @roomName, @startTime, @endTime, @maxParticipants)',
  );
  const updateMeeting = db.prepare('UPDATE meeting_records SET end_time = @endTime, max_participants = @maxParticipants WHERE id = @id');
  const byId = db.prepare<[string], MeetingDbRow>('SELECT * FROM meeting_records WHERE id = ?');
  const openOfRoom = db.prepare<[string], MeetingDbRow>('SELECT * FROM meeting_records WHERE room_id = ? AND end_time IS NULL ORDER BY seq DESC LIMIT 1');
  const latestOfRoom = db.prepare<[string], MeetingDbRow>('SELECT * FROM meeting_records WHERE room_id = ? ORDER BY seq DESC LIMIT 1');
  const allOpen = db.prepare<[], MeetingDbRow>('SELECT * FROM meeting_records WHERE end_time IS NULL ORDER BY seq');
  const seqOf = db.prepare<[string], { seq: number }>('SELECT seq FROM meeting_records WHERE id = ?');
  const sessionBySid = db.prepare<[string], SqliteSessionRow>('SELECT * FROM meeting_sessions WHERE session_sid = ?');
  const insertSession = db.prepare(
    `INSERT INTO meeting_sessions (session_sid, meeting_id, participant_id, user_id, user_name, owner, permissions, join_time, leave_time, leave_estimated)
     VALUES (@sessionSid, @meetingId, @participantId, @userId, @userName, @owner, @permissions, @joinTime, @leaveTime, @leaveEstimated)`,
  );
  const closeSession = db.prepare('UPDATE meeting_sessions SET leave_time = ?, leave_estimated = ? WHERE session_sid = ?');

  /** The WHERE clause of a listing, from its filters (values bound by name). */
  function filters(q: ListMeetingsQuery): { where: string; params: Record<string, string | number> } {
    const parts: string[] = ['1 = 1'];
    const params: Record<string, string | number> = {};
    if (q.roomName !== undefined) {
      parts.push('room_name = @roomName');
      params.roomName = q.roomName;
    }
    if (q.timeframeStart !== undefined) {
      parts.push('start_time >= @timeframeStart');
      params.timeframeStart = q.timeframeStart;
    }
    if (q.timeframeEnd !== undefined) {
      parts.push('start_time < @timeframeEnd');
      params.timeframeEnd = q.timeframeEnd;
    }
    if (q.ongoing !== undefined) parts.push(q.ongoing ? 'end_time IS NULL' : 'end_time IS NOT NULL');
    return { where: parts.join(' AND '), params };
  }

  return {
    transaction(fn) {
      // Every join and leave writes here, so relaxed (without-flush.ts); after a power cut the restart's
      // check against LiveKit puts presence right again.
      return asyncTransaction(db, fn, true);
    },
    claimEvent: async (id, at) => claim.run(id, at).changes === 1,
    async pruneEvents(before) {
      prune.run(before);
    },
    async createMeeting(m) {
      insertMeeting.run(m);
    },
    async updateMeeting(id, change) {
      updateMeeting.run({ id, ...change });
    },
    async meeting(id) {
      const row = byId.get(id);
      return row ? toMeeting(row) : null;
    },
    async openMeeting(roomId) {
      const row = openOfRoom.get(roomId);
      return row ? toMeeting(row) : null;
    },
    async latestMeeting(roomId) {
      const row = latestOfRoom.get(roomId);
      return row ? toMeeting(row) : null;
    },
    openMeetings: async () => allOpen.all().map(toMeeting),
    async listMeetings(q) {
      const { where, params } = filters(q);
      const total = (db.prepare(`SELECT count(*) AS n FROM meeting_records WHERE ${where}`).get(params) as { n: number }).n;
      // Cursors are meeting ids; insertion order (seq) is start order, newest first (as rooms are listed).
      if (q.endingBefore !== undefined) {
        const after = seqOf.get(q.endingBefore)?.seq;
        if (after === undefined) return { total_count: total, data: [] };
        const rows = db.prepare(
          `SELECT * FROM (SELECT * FROM meeting_records WHERE ${where} AND seq > @cursor ORDER BY seq ASC LIMIT @limit) ORDER BY seq DESC`,
        ).all({ ...params, cursor: after, limit: q.limit }) as MeetingDbRow[];
        return { total_count: total, data: rows.map(toMeeting) };
      }
      const before = q.startingAfter !== undefined ? seqOf.get(q.startingAfter)?.seq : Number.MAX_SAFE_INTEGER;
      if (before === undefined) return { total_count: total, data: [] };
      const rows = db.prepare(`SELECT * FROM meeting_records WHERE ${where} AND seq < @cursor ORDER BY seq DESC LIMIT @limit`)
        .all({ ...params, cursor: before, limit: q.limit }) as MeetingDbRow[];
      return { total_count: total, data: rows.map(toMeeting) };
    },
    async session(sid) {
      const row = sessionBySid.get(sid);
      return row ? readSession(row) : null;
    },
    async insertSession(s) {
      insertSession.run({
        ...s,
        owner: s.owner ? 1 : 0,
        permissions: JSON.stringify(s.permissions),
        leaveEstimated: s.leaveEstimated ? 1 : 0,
      });
    },
    async closeSession(sid, leaveTime, estimated) {
      closeSession.run(leaveTime, estimated ? 1 : 0, sid);
    },
    async sessionsOf(meetingIds) {
      if (meetingIds.length === 0) return [];
      const marks = meetingIds.map(() => '?').join(', ');
      const rows = db.prepare(`SELECT * FROM meeting_sessions WHERE meeting_id IN (${marks}) ORDER BY join_time, session_sid`).all(...meetingIds) as SqliteSessionRow[];
      return rows.map(readSession);
    },
  };
}
