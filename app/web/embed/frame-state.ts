/**
 * What an embedded Foyer frame tells its host page about itself, as daily-js would describe it:
 * one pure function of the SPA's stores, so the host's getters and events follow the screen exactly.
 */
import type { FoyerAccessState, FoyerMeetingState, FoyerParticipant, FoyerTrackState, FoyerWaitingParticipant } from '../../embed/api.ts';
import type { FrameState } from '../../shared/embed-protocol.ts';
import type { AccessLevel } from '../../shared/access.ts';
import type { CallPhase } from '../flow/call-store.ts';
import type { ParticipantView } from '../call/participants-store.ts';
import type { ConnectionState } from '../call/call-status-store.ts';

export interface FrameInputs {
  phase: CallPhase;
  /** What the server said at the door (preauth). */
  level?: AccessLevel;
  /** The host page called `join()` while the room put this person in its lobby (Daily: joined, hidden). */
  lobbyJoined: boolean;
  /** The host page called `leave()` outside the call. */
  leftByHost: boolean;
  /** LiveKit's connection, once in the call. */
  connection?: ConnectionState;
  /** The prejoin's choices, before the call. */
  micOn: boolean;
  cameraOn: boolean;
  participants: { byId: Record<string, ParticipantView>; order: string[] };
  /** This person in the call: when the server will remove them (server seconds). */
  removalAt?: number;
  /** Whether this person may publish now (owner-only broadcast can take it away). */
  canPublish: boolean;
  /** Owners only: who is waiting, in knock order. */
  waiting: { id: string; name: string }[];
  /** Before the call: the name they will join with and whether the server knows them as an owner. */
  prejoinSelf: { name: string; isOwner: boolean };
}

const NEVER = new Date(0);

function meetingStateOf(i: FrameInputs): FoyerMeetingState {
  if (i.leftByHost && i.phase.name !== 'in-call' && i.phase.name !== 'joining') return 'left-meeting';
  switch (i.phase.name) {
    case 'loading':
      return 'loading';
    case 'refused':
    case 'failed':
      return 'error';
    case 'prejoin':
    case 'knock-expired':
      return i.lobbyJoined ? 'joined-meeting' : 'loaded';
    case 'waiting':
      return 'joined-meeting';
    case 'joining':
      return i.lobbyJoined ? 'joined-meeting' : 'joining-meeting';
    case 'in-call':
      return i.connection === 'connecting' && !i.lobbyJoined ? 'joining-meeting' : 'joined-meeting';
    case 'ended':
      return 'left-meeting';
  }
}

function accessStateOf(i: FrameInputs): FoyerAccessState {
  switch (i.phase.name) {
    case 'loading':
      return { access: 'unknown' };
    case 'refused':
      return { access: { level: 'none' } };
    case 'waiting':
      return { access: { level: 'lobby' }, awaitingAccess: { level: 'full' } };
    case 'joining':
    case 'in-call':
      // Being let in, or in: the server said yes.
      return { access: { level: 'full' } };
    default:
      return i.level ? { access: { level: i.level } } : { access: 'unknown' };
  }
}

function track(on: boolean, local: boolean, allowed: boolean): FoyerTrackState {
  if (on) return { subscribed: !local, state: local ? 'sendable' : 'playable' };
  return { subscribed: !local, state: 'off', off: allowed ? { byUser: true } : { byCanSendPermission: true } };
}

/** One participant as daily-js's participant object (no MediaStreamTrack: the media stays in the frame). */
export function participantOf(view: ParticipantView, extra: { removalAt?: number; canPublish: boolean }): FoyerParticipant {
  const allowed = view.isLocal ? extra.canPublish : true;
  return {
    session_id: view.identity,
    user_id: view.userId ?? view.identity,
    user_name: view.name,
    local: view.isLocal,
    owner: view.isOwner,
    audio: view.micOn,
    video: view.cameraOn,
    screen: view.screenSharing,
    tracks: {
      audio: track(view.micOn, view.isLocal, allowed),
      video: track(view.cameraOn, view.isLocal, allowed),
      screenAudio: track(false, view.isLocal, true),
      screenVideo: track(view.screenSharing, view.isLocal, true),
    },
    will_eject_at: view.isLocal && extra.removalAt ? new Date(extra.removalAt * 1000) : NEVER,
    permissions: { hasPresence: true, canSend: allowed, canReceive: { base: true }, canAdmin: view.isOwner },
    record: false,
    cam_info: {},
    screen_info: {},
  };
}

/** The frame's whole state for its host page. */
export function frameStateOf(i: FrameInputs): FrameState {
  const inCall = i.phase.name === 'in-call';
  const participants: FrameState['participants'] = {};
  let local: FoyerParticipant | undefined;
  if (inCall) {
    for (const id of i.participants.order) {
      const view = i.participants.byId[id];
      if (!view) continue;
      const p = participantOf(view, { removalAt: i.removalAt, canPublish: i.canPublish });
      if (view.isLocal) local = p;
      else participants[p.session_id] = p;
    }
  }
  const waitingParticipants: Record<string, FoyerWaitingParticipant> = {};
  if (inCall) for (const w of i.waiting) waitingParticipants[w.id] = { id: w.id, name: w.name, awaitingAccess: { level: 'full' } };
  // Before the call (and after it) daily-js still describes `local`: as chosen in the prejoin.
  local ??= participantOf(
    { identity: '', name: i.prejoinSelf.name, isLocal: true, isOwner: i.prejoinSelf.isOwner, micOn: i.micOn, cameraOn: i.cameraOn, screenSharing: false, speaking: false, quality: 'unknown' },
    { canPublish: i.canPublish },
  );
  return {
    meetingState: meetingStateOf(i),
    accessState: accessStateOf(i),
    localAudio: local.audio,
    localVideo: local.video,
    participants: { local, ...participants },
    waitingParticipants,
  };
}
