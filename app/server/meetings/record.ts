/**
 * The meetings record's rules: what a participant joining or leaving a call does to it. A meeting starts
 * with the first participant in a room's call and ends when the last one leaves; each participant's
 * LiveKit sessions (a rejoin with the same identity is a new session) give their join time and time in
 * the call. Every change is idempotent and tolerates events out of order: a session is known by its
 * LiveKit sid, so a repeated join or leave changes nothing, and a leave that arrives before its join
 * records the whole session from the join time the leave carries. Each change returns the operator
 * events it is (Daily's names), once per real happening.
 */
import { randomUUID } from 'node:crypto';
import type { OperatorEvent, ParticipantPayload } from '../events/operator-events.ts';
import type { MeetingRecordStore, MeetingRow, SessionPermissions, SessionRow } from '../store/meeting-record-store.ts';

/** One LiveKit session of a participant, as a webhook or LiveKit's participant list tells of it. */
export interface CallSession {
  /** LiveKit's participant sid: one per connection. */
  sid: string;
  /** The LiveKit identity (Foyer's participant id). */
  identity: string;
  /** The Foyer room id (the LiveKit room's name). */
  roomId: string;
  /** Unix seconds. */
  joinedAt: number;
  userId: string | null;
  userName: string | null;
  owner: boolean;
  permissions: SessionPermissions;
}

/** What happened in a call, from LiveKit. Times are unix seconds. */
export type RecordEvent =
  | { kind: 'joined'; session: CallSession }
  /** `estimated`: the leave time is a guess (they left while the control plane was down). */
  | { kind: 'left'; session: CallSession; at: number; estimated?: boolean }
  /** LiveKit gave up on a connection that never got going: it was never in the call. */
  | { kind: 'aborted'; session: CallSession; at: number }
  | { kind: 'room-finished'; roomId: string; at: number };

/** A meeting's participant as Daily's `/meetings` lists them. */
export interface MeetingParticipant {
  participant_id: string;
  user_id: string | null;
  user_name: string | null;
  /** Unix seconds: their first join in this meeting. */
  join_time: number;
  /** Seconds in the call (every session of theirs, overlaps counted once; so far, if still in). */
  duration: number;
  /** Whether they are in the call now. */
  present: boolean;
}

/** Whole seconds, as Daily reports times. */
const seconds = (t: number) => Math.floor(t);

/** A participant's sessions summed up (sessions in join order). */
export function participantOf(sessions: readonly SessionRow[], now: number): MeetingParticipant {
  const first = sessions[0]!;
  const last = sessions[sessions.length - 1]!;
  let total = 0;
  let coveredUntil = -Infinity;
  for (const s of sessions) {
    const end = s.leaveTime ?? now;
    const start = Math.max(s.joinTime, coveredUntil);
    if (end > start) total += end - start;
    coveredUntil = Math.max(coveredUntil, end);
  }
  return {
    participant_id: first.participantId,
    user_id: last.userId,
    user_name: last.userName,
    join_time: seconds(first.joinTime),
    duration: Math.max(0, Math.round(total)),
    present: sessions.some((s) => s.leaveTime === null),
  };
}

/** A meeting's sessions grouped by participant (a rejoin is the same participant), each group in join order. */
export function sessionsByParticipant(sessions: readonly SessionRow[]): SessionRow[][] {
  const byParticipant = new Map<string, SessionRow[]>();
  for (const s of sessions) {
    const list = byParticipant.get(s.participantId) ?? [];
    list.push(s);
    byParticipant.set(s.participantId, list);
  }
  return [...byParticipant.values()].map((list) => list.sort((a, b) => a.joinTime - b.joinTime));
}

/** A meeting's participants, in join order. */
export function participantsOf(sessions: readonly SessionRow[], now: number): MeetingParticipant[] {
  return sessionsByParticipant(sessions)
    .map((list) => participantOf(list, now))
    .sort((a, b) => a.join_time - b.join_time || (a.participant_id < b.participant_id ? -1 : 1));
}

export class MeetingRecord {
  /**
   * `roomName`: the Foyer room's name for a room id (null once deleted: a new meeting needs a name).
   * `now`: unix seconds, for durations of people still in the call.
   * `willEjectAt`: when the server will remove this participant (lifecycle/removal-time.ts), or null.
   */
  constructor(
    private readonly store: MeetingRecordStore,
    private readonly roomName: (roomId: string) => Promise<string | null>,
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
    private readonly willEjectAt: (roomId: string, identity: string) => Promise<number | null> = async () => null,
  ) {}

  /**
   * Applies one event, whole or not at all. `eventId` (LiveKit's webhook id): an event already applied
   * (LiveKit retried it) changes nothing and returns no operator events.
   */
  async apply(event: RecordEvent, eventId?: string): Promise<OperatorEvent[]> {
    return this.store.transaction(async () => {
      if (eventId !== undefined && !await this.store.claimEvent(eventId, this.now())) return [];
      switch (event.kind) {
        case 'joined':
          return this.joined(event.session);
        case 'left':
          return this.left(event.session, event.at, event.estimated ?? false);
        case 'aborted':
          return this.aborted(event.session, event.at);
        case 'room-finished':
          return this.roomFinished(event.roomId, event.at);
      }
    });
  }

  /** The room's meeting a session that joined at `joinedAt` belongs to, started if there is none. */
  private async meetingFor(roomId: string, joinedAt: number, out: OperatorEvent[]): Promise<MeetingRow | null> {
    const open = await this.store.openMeeting(roomId);
    if (open) return open;
    // The last one out was recorded before this join that happened earlier (events out of order): the
    // meeting never really ended.
    const latest = await this.store.latestMeeting(roomId);
    if (latest && latest.endTime !== null && joinedAt < latest.endTime) {
      await this.store.updateMeeting(latest.id, { endTime: null, maxParticipants: latest.maxParticipants });
      return { ...latest, endTime: null };
    }
    const roomName = await this.roomName(roomId);
    if (roomName === null) return null;
    const meeting: MeetingRow = { id: this.newId(), roomId, roomName, startTime: joinedAt, endTime: null, maxParticipants: 0 };
    await this.store.createMeeting(meeting);
    out.push({ type: 'meeting.started', payload: { room: roomName, meeting_id: meeting.id, start_ts: seconds(joinedAt) } });
    return meeting;
  }

  private async joined(s: CallSession): Promise<OperatorEvent[]> {
    // Known already: a repeat, or a join arriving after its own leave (which recorded the whole session).
    if (await this.store.session(s.sid)) return [];
    const out: OperatorEvent[] = [];
    const meeting = await this.meetingFor(s.roomId, s.joinedAt, out);
    if (!meeting) return out;
    const before = await this.store.sessionsOf([meeting.id]);
    const wasIn = before.some((x) => x.participantId === s.identity && x.leaveTime === null);
    await this.store.insertSession(this.row(s, meeting.id, null));
    const present = new Set([...before.filter((x) => x.leaveTime === null).map((x) => x.participantId), s.identity]);
    await this.store.updateMeeting(meeting.id, { endTime: null, maxParticipants: Math.max(meeting.maxParticipants, present.size) });
    if (!wasIn) out.push({ type: 'participant.joined', payload: await this.payload(meeting, s) });
    return out;
  }

  private async left(s: CallSession, at: number, estimated: boolean): Promise<OperatorEvent[]> {
    const known = await this.store.session(s.sid);
    if (known && known.leaveTime !== null) {
      // A real leave time replaces a guessed one; the meeting's end follows if it was the last.
      if (known.leaveEstimated && !estimated) await this.correctLeave(known, Math.max(at, known.joinTime));
      return [];
    }
    const out: OperatorEvent[] = [];
    let meeting: MeetingRow | null;
    if (known) {
      meeting = await this.store.meeting(known.meetingId);
      await this.store.closeSession(s.sid, Math.max(at, known.joinTime), estimated);
    } else {
      // The leave came first (or its join was never heard): the whole session, from the join time
      // LiveKit puts in the leave. It is a real join and leave, so both are told.
      meeting = await this.meetingFor(s.roomId, s.joinedAt, out);
      if (!meeting) return out;
      const before = await this.store.sessionsOf([meeting.id]);
      const wasIn = before.some((x) => x.participantId === s.identity && x.leaveTime === null);
      await this.store.insertSession(this.row(s, meeting.id, { at: Math.max(at, s.joinedAt), estimated }));
      const present = new Set(before.filter((x) => x.leaveTime === null).map((x) => x.participantId));
      present.add(s.identity);
      await this.store.updateMeeting(meeting.id, { endTime: null, maxParticipants: Math.max(meeting.maxParticipants, present.size) });
      meeting = { ...meeting, maxParticipants: Math.max(meeting.maxParticipants, present.size) };
      if (!wasIn) out.push({ type: 'participant.joined', payload: await this.payload(meeting, s) });
    }
    if (meeting) out.push(...await this.afterLeave(meeting, s));
    return out;
  }

  private async aborted(s: CallSession, at: number): Promise<OperatorEvent[]> {
    // Never in the call: nothing to record, unless a join was heard after all (then it is a leave).
    const known = await this.store.session(s.sid);
    return known && known.leaveTime === null ? await this.left(s, at, false) : [];
  }

  private async roomFinished(roomId: string, at: number): Promise<OperatorEvent[]> {
    const meeting = await this.store.openMeeting(roomId);
    if (!meeting) return [];
    // LiveKit closed the room: whoever is still recorded as in it left by then (a leave never heard).
    const out: OperatorEvent[] = [];
    const open = (await this.store.sessionsOf([meeting.id])).filter((x) => x.leaveTime === null);
    for (const session of open) {
      await this.store.closeSession(session.sessionSid, Math.max(at, session.joinTime), false);
      out.push(...await this.afterLeave(meeting, this.callSession(session, roomId)));
    }
    return out;
  }

  /** After one session closed: the participant left if it was their last, the meeting ended if everyone did. */
  private async afterLeave(meeting: MeetingRow, s: CallSession): Promise<OperatorEvent[]> {
    const out: OperatorEvent[] = [];
    const sessions = await this.store.sessionsOf([meeting.id]);
    const theirs = sessions.filter((x) => x.participantId === s.identity);
    if (theirs.length > 0 && theirs.every((x) => x.leaveTime !== null)) {
      const participant = participantOf(theirs, this.now());
      out.push({ type: 'participant.left', payload: { ...await this.payload(meeting, s), duration: participant.duration } });
    }
    if (sessions.every((x) => x.leaveTime !== null)) {
      const current = (await this.store.meeting(meeting.id))!;
      if (current.endTime === null) {
        const endTime = Math.max(...sessions.map((x) => x.leaveTime!));
        await this.store.updateMeeting(meeting.id, { endTime, maxParticipants: current.maxParticipants });
        out.push({ type: 'meeting.ended', payload: { room: meeting.roomName, meeting_id: meeting.id, start_ts: seconds(meeting.startTime), end_ts: seconds(endTime) } });
      }
    }
    return out;
  }

  /** A guessed leave time replaced by the real one; an ended meeting's end moves with it. */
  private async correctLeave(session: SessionRow, at: number): Promise<void> {
    await this.store.closeSession(session.sessionSid, at, false);
    const meeting = await this.store.meeting(session.meetingId);
    if (!meeting || meeting.endTime === null) return;
    const sessions = await this.store.sessionsOf([meeting.id]);
    await this.store.updateMeeting(meeting.id, { endTime: Math.max(...sessions.map((x) => x.leaveTime ?? at)), maxParticipants: meeting.maxParticipants });
  }

  private row(s: CallSession, meetingId: string, leave: { at: number; estimated: boolean } | null): SessionRow {
    return {
      sessionSid: s.sid,
      meetingId,
      participantId: s.identity,
      userId: s.userId,
      userName: s.userName,
      owner: s.owner,
      permissions: s.permissions,
      joinTime: s.joinedAt,
      leaveTime: leave?.at ?? null,
      leaveEstimated: leave?.estimated ?? false,
    };
  }

  private callSession(row: SessionRow, roomId: string): CallSession {
    return {
      sid: row.sessionSid,
      identity: row.participantId,
      roomId,
      joinedAt: row.joinTime,
      userId: row.userId,
      userName: row.userName,
      owner: row.owner,
      permissions: row.permissions,
    };
  }

  private async payload(meeting: MeetingRow, s: CallSession): Promise<ParticipantPayload> {
    return {
      room: meeting.roomName,
      session_id: s.identity,
      user_id: s.userId,
      user_name: s.userName,
      owner: s.owner,
      joined_at: seconds(s.joinedAt),
      will_eject_at: await this.willEjectAt(s.roomId, s.identity),
      permissions: s.permissions,
    };
  }

  /**
   * After a control-plane restart: brings the room's open meeting in line with who LiveKit says is in
   * the call. `known`: the sessions recorded as in the call before LiveKit was asked (so a join heard
   * meanwhile is not taken for a leave); those LiveKit no longer has left at `leftBy` (the best known
   * time: when the control plane was last known to be up), those only LiveKit has joined.
   */
  async reconcile(roomId: string, known: readonly SessionRow[], inCall: readonly CallSession[], leftBy: number): Promise<OperatorEvent[]> {
    const present = new Set(inCall.map((s) => s.sid));
    const changes: Array<{ at: number; event: RecordEvent }> = [
      ...inCall.map((s) => ({ at: s.joinedAt, event: { kind: 'joined', session: s } as const })),
      ...known.filter((row) => !present.has(row.sessionSid)).map((row) => {
        const at = Math.max(leftBy, row.joinTime);
        return { at, event: { kind: 'left', session: this.callSession(row, roomId), at, estimated: true } as const };
      }),
    ];
    // In time order, so people who were never in the call together are not counted together.
    const events: OperatorEvent[] = [];
    for (const c of changes.sort((a, b) => a.at - b.at)) events.push(...await this.apply(c.event));
    return events;
  }
}
