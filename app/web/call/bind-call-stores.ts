/**
 * Mirrors a call session's events into the stores the call screen reads (participants, track refs,
 * call status, the active room). Returns the unbinding. Whoever ends the call empties the stores
 * (`resetCallStores`); a call that recovers from a lost connection keeps showing its tiles meanwhile.
 */
import type { CallSession, CallSessionEvents } from './livekit-session.ts';
import { useActiveRoom } from './active-room.ts';
import { useCallStatus } from './call-status-store.ts';
import { useLayoutStore } from './layout-store.ts';
import { useParticipantsStore } from './participants-store.ts';
import { useTracksStore } from './tracks-store.ts';

export function resetCallStores() {
  useParticipantsStore.getState().reset();
  useTracksStore.getState().reset();
  useCallStatus.getState().reset();
  useLayoutStore.getState().reset();
  useActiveRoom.setState({ room: undefined });
}

export function bindCallStores(session: CallSession): () => void {
  resetCallStores();
  const people = useParticipantsStore.getState();
  const tracks = useTracksStore.getState();
  const status = useCallStatus.getState();
  const handlers: { [K in keyof CallSessionEvents]?: (e: CallSessionEvents[K]) => void } = {
    participant: people.upsert,
    'participant-left': ({ identity }) => {
      people.remove(identity);
      tracks.removeParticipant(identity);
    },
    'track-refs': ({ identity, refs }) => tracks.setParticipantRefs(identity, refs),
    connection: ({ state }) => status.set({ connection: state }),
    'audio-blocked': ({ blocked }) => status.set({ audioBlocked: blocked }),
    // The notice stays while publishing is off after a host took it away.
    permissions: ({ canPublish, canScreenShare, revoked }) =>
      status.set({ canPublish, canScreenShare, publishRevoked: !canPublish && (revoked || useCallStatus.getState().publishRevoked) }),
    speakers: ({ identities }) => status.set({ speakers: identities }),
    'room-settings': ({ ownerOnlyBroadcast }) => status.set({ ownerOnlyBroadcast }),
    problem: ({ code, detail }) => {
      console.warn(`Foyer: ${code}`, detail);
      status.set({ problem: code });
    },
  };
  for (const [type, fn] of Object.entries(handlers)) session.on(type as keyof CallSessionEvents, fn as never);
  useActiveRoom.setState({ room: session.room });
  return () => {
    for (const [type, fn] of Object.entries(handlers)) session.off(type as keyof CallSessionEvents, fn as never);
  };
}
