/**
 * LiveKit's words turned into the meetings record's: a webhook into a {@link RecordEvent}, a participant
 * (from a webhook or LiveKit's participant list) into a {@link CallSession}. Pure, tested row by row.
 */
import { TrackSource, type ParticipantInfo, type WebhookEvent } from 'livekit-server-sdk';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';
import { USER_ID_ATTRIBUTE } from '../livekit/gateway.ts';
import type { SessionPermissions } from '../store/meeting-record-store.ts';
import type { CallSession, RecordEvent } from './record.ts';

/** The part of LiveKit's participant read here (a webhook's, or one from RoomService's list). */
export type LivekitParticipant = Pick<ParticipantInfo, 'sid' | 'identity' | 'name' | 'attributes' | 'joinedAt' | 'joinedAtMs' | 'permission'>;

const SEND_NAMES: ReadonlyMap<TrackSource, string> = new Map([
  [TrackSource.CAMERA, 'video'],
  [TrackSource.MICROPHONE, 'audio'],
  [TrackSource.SCREEN_SHARE, 'screenVideo'],
  [TrackSource.SCREEN_SHARE_AUDIO, 'screenAudio'],
]);

/** LiveKit's permission in Daily's terms: `canSend` true, false or the kinds they may send. */
export function dailyPermissions(p: LivekitParticipant, owner: boolean): SessionPermissions {
  const permission = p.permission;
  let canSend: boolean | string[] = permission?.canPublish ?? false;
  if (canSend && permission && permission.canPublishSources.length > 0) {
    const kinds = permission.canPublishSources.flatMap((s) => SEND_NAMES.get(s) ?? []);
    canSend = kinds.length === SEND_NAMES.size ? true : kinds;
  }
  return { hasPresence: !(permission?.hidden ?? false), canSend, canAdmin: owner ? ['participants'] : false };
}

/** Unix seconds: LiveKit's milliseconds when it gives them, else its seconds, else `fallback`. */
export function joinedAtOf(p: LivekitParticipant, fallback: number): number {
  const ms = Number(p.joinedAtMs ?? 0n);
  if (ms > 0) return ms / 1000;
  const s = Number(p.joinedAt ?? 0n);
  return s > 0 ? s : fallback;
}

/** A participant LiveKit reports, as a session of the record. `now` stands in for a missing join time. */
export function callSession(roomId: string, p: LivekitParticipant, now: number): CallSession {
  const owner = p.attributes?.[OWNER_ATTRIBUTE] === 'true';
  return {
    sid: p.sid || `${roomId}/${p.identity}`,
    identity: p.identity,
    roomId,
    joinedAt: joinedAtOf(p, now),
    userId: p.attributes?.[USER_ID_ATTRIBUTE] || null,
    userName: p.name || null,
    owner,
    permissions: dailyPermissions(p, owner),
  };
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
