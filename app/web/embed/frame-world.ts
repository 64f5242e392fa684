/**
 * The SPA's stores as the embedding bridge reads them: one snapshot of everything `frameStateOf`
 * needs, and one subscription to all of them.
 */
import { useCallStore } from '../flow/call-store.ts';
import { useMediaStore } from '../media/media-store.ts';
import { useParticipantsStore } from '../call/participants-store.ts';
import { useCallStatus } from '../call/call-status-store.ts';
import { useOwnerLobbyStore } from '../lobby/owner-lobby-store.ts';
import { rememberedName } from '../prejoin/remembered-name.ts';
import type { FrameInputs } from './frame-state.ts';

/** What the bridge itself adds: the host page's own join and leave. */
export interface HostFlags {
  /** `join()` while the room put this person in its lobby: daily-js calls them joined (hidden). */
  lobbyJoined: boolean;
  /** `leave()` before being in the call (from the lobby or the prejoin): the meeting is left all the same. */
  leftByHost: boolean;
}

/** The name a `join()` without `userName` uses: the token's, the link's, else the one the prejoin remembers. */
export function defaultName(): string {
  const { preauth, presetName } = useCallStore.getState();
  return preauth?.user.name || presetName || rememberedName() || 'Guest';
}

export function readFrameInputs(flags: HostFlags): FrameInputs {
  const call = useCallStore.getState();
  const media = useMediaStore.getState();
  const status = useCallStatus.getState();
  const participants = useParticipantsStore.getState();
  return {
    phase: call.phase,
    level: call.preauth?.access.level,
    lobbyJoined: flags.lobbyJoined,
    leftByHost: flags.leftByHost,
    connection: call.phase.name === 'in-call' ? status.connection : undefined,
    micOn: media.mic.enabled,
    cameraOn: media.camera.enabled,
    participants: { byId: participants.byId, order: participants.order },
    removalAt: call.self?.removal?.at,
    canPublish: call.phase.name === 'in-call' ? status.canPublish : call.preauth?.user.canPublish !== false,
    waiting: call.self?.isOwner ? useOwnerLobbyStore.getState().waiting : [],
    prejoinSelf: { name: call.self?.name ?? defaultName(), isOwner: call.self?.isOwner ?? call.preauth?.user.isOwner ?? false },
  };
}

/** Calls `onChange` after any store the frame's state comes from changes; returns the unsubscribe. */
export function subscribeFrameInputs(onChange: () => void): () => void {
  const stops = [useCallStore, useMediaStore, useParticipantsStore, useCallStatus, useOwnerLobbyStore].map((store) => store.subscribe(onChange));
  return () => stops.forEach((stop) => stop());
}
