/** Participants and snapshots for the embed tests, shaped as the frame sends them. */
import type { FoyerParticipant, FoyerWaitingParticipant } from './api.ts';
import { INITIAL_FRAME_STATE, type FrameState } from '../shared/embed-protocol.ts';

const off = { subscribed: false, state: 'off' as const, off: { byUser: true } };

/** A participant (`local` when `sessionId` is 'local'), with `changes` over the defaults. */
export function participant(sessionId: string, changes: Partial<FoyerParticipant> = {}): FoyerParticipant {
  const local = sessionId === 'local';
  return {
    session_id: local ? 'me-123' : sessionId,
    user_id: local ? 'me-123' : sessionId,
    user_name: local ? 'Me' : `Person ${sessionId}`,
    local,
    owner: false,
    audio: false,
    video: false,
    screen: false,
    tracks: { audio: off, video: off, screenAudio: off, screenVideo: off },
    joined_at: new Date(1_700_000_000_000),
    will_eject_at: new Date(0),
    permissions: { hasPresence: true, canSend: true, canReceive: { base: true }, canAdmin: false },
    record: false,
    cam_info: {},
    screen_info: {},
    ...changes,
  };
}

export function waiting(id: string, name = `Knocker ${id}`): FoyerWaitingParticipant {
  return { id, name, awaitingAccess: { level: 'full' } };
}

/** A snapshot: the initial one with `changes`; `local` is there unless `participants` says otherwise. */
export function snapshot(changes: Partial<FrameState> = {}): FrameState {
  return { ...INITIAL_FRAME_STATE, meetingState: 'loaded', participants: { local: participant('local') }, ...changes };
}
