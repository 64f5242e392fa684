/**
 * The meetings record as stored: meetings (a room's call from its first participant in to its last out)
 * and the LiveKit sessions of their participants, plus the ids of LiveKit webhooks already applied. The
 * rules that fill it are in `meetings/record.ts`; this is rows in and out.
 */

/** A meeting. Times are unix seconds (fractional). */
export interface MeetingRow {
  id: string;
  /** The Foyer room id (the LiveKit room's name). */
  roomId: string;
  /** The room's name when the meeting started (kept: the room may be deleted and its name reused). */
  roomName: string;
  startTime: number;
  /** Null while the meeting goes on. */
  endTime: number | null;
  /** The most participants in the call at once. */
  maxParticipants: number;
}

/** What a participant's webhook payload says of their permissions (Daily's shape). */
export interface SessionPermissions {
  hasPresence: boolean;
  canSend: boolean | string[];
  canAdmin: boolean | string[];
}

/**
 * One LiveKit session of a participant (LiveKit's participant sid): a rejoin with the same identity is
 * a new session, so leaves and joins of the old and new connection never get mixed up.
 */
export interface SessionRow {
  sessionSid: string;
  meetingId: string;
  /** The LiveKit identity: Foyer's participant id, Daily's `participant_id` / `session_id`. */
  participantId: string;
  userId: string | null;
  userName: string | null;
  owner: boolean;
  permissions: SessionPermissions;
  joinTime: number;
  /** Null while they are in the call. */
  leaveTime: number | null;
  /** The leave time is a guess (they left while the control plane was down); a real one replaces it. */
  leaveEstimated: boolean;
}

/** Filters and cursors of `GET /v1/meetings`. */
export interface ListMeetingsQuery {
  roomName?: string;
  /** Meetings that started at or after this (unix seconds). */
  timeframeStart?: number;
  /** Meetings that started before this (unix seconds). */
  timeframeEnd?: number;
  ongoing?: boolean;
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
}

export interface MeetingRecordStore {
  /** Runs `fn` as one transaction: an event is applied whole or not at all. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Records a LiveKit webhook id as applied; false when it already was (a retry). */
  claimEvent(id: string, at: number): Promise<boolean>;
  /** Forgets applied webhook ids older than `before` (LiveKit stops retrying long before). */
  pruneEvents(before: number): Promise<void>;
  createMeeting(meeting: MeetingRow): Promise<void>;
  updateMeeting(id: string, change: { endTime: number | null; maxParticipants: number }): Promise<void>;
  meeting(id: string): Promise<MeetingRow | null>;
  /** The room's meeting going on, if any. */
  openMeeting(roomId: string): Promise<MeetingRow | null>;
  /** The room's most recent meeting, going on or not. */
  latestMeeting(roomId: string): Promise<MeetingRow | null>;
  openMeetings(): Promise<MeetingRow[]>;
  /** Newest first, with cursors (meeting ids) as `Store.listRooms` has them; `total_count` counts every match. */
  listMeetings(query: ListMeetingsQuery): Promise<{ total_count: number; data: MeetingRow[] }>;
  session(sessionSid: string): Promise<SessionRow | null>;
  insertSession(session: SessionRow): Promise<void>;
  closeSession(sessionSid: string, leaveTime: number, estimated: boolean): Promise<void>;
  /** Every session of these meetings, in join order. */
  sessionsOf(meetingIds: readonly string[]): Promise<SessionRow[]>;
}
