/**
 * The meetings record's rows and the records they make (see ../meeting-record-store.ts). A row here is
 * as PostgreSQL gives it back (booleans, parsed jsonb); the SQLite store turns its 0/1 and JSON text into
 * that first.
 */
import type { MeetingRow, SessionPermissions, SessionRow } from '../meeting-record-store.ts';

/** A `meeting_records` row. */
export interface MeetingDbRow {
  id: string;
  room_id: string;
  room_name: string;
  start_time: number;
  end_time: number | null;
  max_participants: number;
}

/** A `meeting_sessions` row. */
export interface SessionDbRow {
  session_sid: string;
  meeting_id: string;
  participant_id: string;
  user_id: string | null;
  user_name: string | null;
  owner: boolean;
  permissions: SessionPermissions;
  join_time: number;
  leave_time: number | null;
  leave_estimated: boolean;
}

/** The meeting of a row. */
export const toMeeting = (r: MeetingDbRow): MeetingRow => ({
  id: r.id,
  roomId: r.room_id,
  roomName: r.room_name,
  startTime: r.start_time,
  endTime: r.end_time,
  maxParticipants: r.max_participants,
});

/** The session of a row. */
export const toSession = (r: SessionDbRow): SessionRow => ({
  sessionSid: r.session_sid,
  meetingId: r.meeting_id,
  participantId: r.participant_id,
  userId: r.user_id,
  userName: r.user_name,
  owner: r.owner,
  permissions: r.permissions,
  joinTime: r.join_time,
  leaveTime: r.leave_time,
  leaveEstimated: r.leave_estimated,
});
