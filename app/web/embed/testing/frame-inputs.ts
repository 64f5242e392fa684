/** Tests' frame inputs: a person named Ada with full access, mic on, camera off, nobody else around. */
import type { CallPhase } from '../../flow/call-store.ts';
import type { FrameInputs } from '../frame-state.ts';

export function frameInputs(phase: CallPhase, over: Partial<FrameInputs> = {}): FrameInputs {
  return {
    phase,
    level: 'full',
    lobbyJoined: false,
    leftByHost: false,
    micOn: true,
    cameraOn: false,
    participants: { byId: {}, order: [] },
    canPublish: true,
    waiting: [],
    prejoinSelf: { name: 'Ada', isOwner: false },
    ...over,
  };
}
