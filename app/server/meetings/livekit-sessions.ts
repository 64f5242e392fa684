/**
 * LiveKit's words turned into the meetings record's: a webhook into a {@link RecordEvent}, a participant
 * (from a webhook or LiveKit's participant list) into a {@link CallSession}. Pure, tested row by row.
 */
import type { ParticipantInfo, WebhookEvent } from 'livekit-server-sdk';
import { dailyPermissions } from '../livekit/daily-permissions.ts';
import { toCallParticipant, type CallParticipant } from '../livekit/gateway.ts';
import type { CallSession, RecordEvent } from './record.ts';

/** A participant LiveKit reports (RoomService's list, through the gateway), as a session of the record. `now` stands in for a missing join time. */
export function sessionFromCall(roomId: string, p: CallParticipant, now: number): CallSession {
  return {
    sid: p.sid || `${roomId}/${p.identity}`,
    identity: p.identity,
    roomId,
    joinedAt: p.joinedAt && p.joinedAt > 0 ? p.joinedAt : now,
    userId: p.userId || null,
    userName: p.name || null,
    owner: p.isOwner,
    permissions: dailyPermissions(p),
  };
}

/** A participant as a LiveKit webhook carries them, as a session of the record. */
export function callSession(roomId: string, p: ParticipantInfo, now: number): CallSession {
  return sessionFromCall(roomId, toCallParticipant(p), now);
}

/**
 * The record's event for a LiveKit webhook, or null for one it does not follow. `now` stands in for a
 * time LiveKit left out. (`room_started` is not a meeting start: a room opens at join, before anyone is
 * in; Daily's meeting starts with its first participant.)
 */
export function recordEventOf(event: Pick<WebhookEvent, 'event' | 'room' | 'participant' | 'createdAt'>, now: number): RecordEvent | null {
  const roomId = event.room?.name;
  if (!roomId) return null;
  // LiveKit stamps whole seconds: the moment lies in [created, created + 1) and before it reached us,
  // so a webhook delivered at once keeps its sub-second time and a late (retried) one stays close.
  const created = Number(event.createdAt ?? 0n);
  const at = created > 0 ? Math.min(now, created + 1) : now;
  const p = event.participant;
  switch (event.event) {
    case 'participant_joined':
      return p?.identity ? { kind: 'joined', session: callSession(roomId, p, at) } : null;
    case 'participant_left':
      return p?.identity ? { kind: 'left', session: callSession(roomId, p, at), at } : null;
    case 'participant_connection_aborted':
      return p?.identity ? { kind: 'aborted', session: callSession(roomId, p, at), at } : null;
    case 'room_finished':
      return { kind: 'room-finished', roomId, at };
    default:
      return null;
  }
}
