/**
 * What the frame does for each method a host page calls (arguments already checked, see frame-args.ts).
 * Everything goes through the same stores and server calls as the frame's own buttons: the server
 * still decides who gets in and which owner powers hold.
 */
import type { EmbedMethod, EmbedMethods, FrameState } from '../../shared/embed-protocol.ts';
import { checkDisplayName } from '../../shared/display-name.ts';
import { useCallStore, type CallPhase } from '../flow/call-store.ts';
import { useMediaStore } from '../media/media-store.ts';
import { useOwnerLobbyStore } from '../lobby/owner-lobby-store.ts';
import { updateParticipant } from '../participants/owner-actions-api.ts';
import { fatalErrorOf } from './frame-errors.ts';
import { defaultName, type HostFlags } from './frame-world.ts';

export interface CommandContext {
  flags: HostFlags;
  /** Recomputes the frame's state (after a change of `flags`). */
  changed(): void;
  /**
   * Resolves with what `pick` returns once it returns something other than undefined, checked now and
   * on every change of the frame's state; rejects if `pick` throws.
   */
  when<T>(pick: (state: FrameState, phase: CallPhase) => T | undefined): Promise<T>;
}

export type FrameCommands = { [M in EmbedMethod]: (args: EmbedMethods[M]['args'], ctx: CommandContext) => Promise<EmbedMethods[M]['result']> };

const settled = (ctx: CommandContext) => ctx.when((_, phase) => (phase.name === 'loading' ? undefined : phase));

/** Asks the door again with the token the host page gave (never through the frame's address). */
async function authorizeWith(token: string | undefined, ctx: CommandContext): Promise<CallPhase> {
  const store = useCallStore.getState();
  const busy = store.phase.name === 'in-call' || store.phase.name === 'joining' || store.phase.name === 'waiting';
  if (token !== undefined && token !== store.token && !busy) {
    await store.init({ roomName: store.roomName, token, ...(store.presetName ? { presetName: store.presetName } : {}) });
  }
  return settled(ctx);
}

const refusal = (phase: CallPhase) => new Error(fatalErrorOf(phase)?.errorMsg ?? 'The call could not start');

function joinedOrFailed(state: FrameState, phase: CallPhase) {
  if (state.meetingState === 'joined-meeting') return state.participants as EmbedMethods['join']['result'];
  if (phase.name === 'refused' || phase.name === 'failed' || phase.name === 'ended') throw refusal(phase);
  if (phase.name === 'prejoin') {
    const error = useCallStore.getState().joinError;
    throw new Error(`join: ${typeof error === 'string' ? error : (error?.message ?? 'could not join')}`);
  }
  return undefined;
}

export const frameCommands: FrameCommands = {
  async join(args, ctx) {
    ctx.flags.leftByHost = false;
    let phase = await authorizeWith(args.token, ctx);
    if (phase.name === 'ended') {
      // Joining again after leaving: the door is asked afresh, as the Rejoin button does.
      await useCallStore.getState().recheck();
      phase = await settled(ctx);
    }
    if (phase.name === 'refused' || phase.name === 'failed') throw refusal(phase);
    const media = useMediaStore.getState();
    if (args.startVideoOff) await media.setEnabled('camera', false);
    if (args.startAudioOff) await media.setEnabled('mic', false);
    if (phase.name === 'in-call' || phase.name === 'joining') return ctx.when(joinedOrFailed);
    if (phase.name === 'waiting' || useCallStore.getState().preauth?.access.level === 'lobby') {
      // Daily's lobby: joined but hidden, until requestAccess() is answered.
      ctx.flags.lobbyJoined = true;
      ctx.changed();
      return ctx.when((state) => state.participants as EmbedMethods['join']['result']);
    }
    const name = checkDisplayName(args.userName ?? defaultName());
    if (!name.ok) throw new Error(`join: userName ${name.reason.replace(/^name /, '')}`);
    void useCallStore.getState().join(name.name);
    return ctx.when(joinedOrFailed);
  },

  async leave(_args, ctx) {
    const store = useCallStore.getState();
    ctx.flags.lobbyJoined = false;
    if (store.phase.name === 'waiting') store.cancelWaiting();
    if (store.phase.name === 'in-call') await store.leave();
    else if (store.phase.name !== 'ended') ctx.flags.leftByHost = true;
    ctx.changed();
    return undefined;
  },

  async setLocalAudio({ enabled }) {
    const { phase, session } = useCallStore.getState();
    if (phase.name === 'in-call' && session) await session.setMic(enabled);
    else await useMediaStore.getState().setEnabled('mic', enabled);
    return undefined;
  },

  async setLocalVideo({ enabled }) {
    const { phase, session } = useCallStore.getState();
    if (phase.name === 'in-call' && session) await session.setCamera(enabled);
    else await useMediaStore.getState().setEnabled('camera', enabled);
    return undefined;
  },

  async preAuth({ token }, ctx) {
    await authorizeWith(token, ctx);
    return ctx.when((state) => (state.accessState.access === 'unknown' ? undefined : { access: state.accessState.access }));
  },

  async requestAccess({ name }, ctx) {
    const store = useCallStore.getState();
    const level = store.preauth?.access.level;
    const inLobby = store.phase.name === 'prejoin' || store.phase.name === 'knock-expired' || store.phase.name === 'waiting';
    if (!inLobby || level !== 'lobby') {
      throw new Error(level === 'full' ? 'requestAccess: this person already has full access; call join()' : 'requestAccess: this room does not take requests to join from this person');
    }
    const checked = checkDisplayName(name);
    if (!checked.ok) throw new Error(`requestAccess: ${checked.reason}`);
    ctx.flags.lobbyJoined = true;
    ctx.flags.leftByHost = false;
    // Asking again while waiting waits for the same answer.
    if (store.phase.name !== 'waiting') void store.requestAccess(checked.name);
    return ctx.when((_, phase) => {
      switch (phase.name) {
        case 'waiting':
        case 'loading':
          return undefined;
        case 'joining':
        case 'in-call':
          return { access: { level: 'full' as const }, granted: true };
        case 'refused':
        case 'knock-expired':
          // As daily-js: a denied request still reports the lobby level; the error event follows.
          return { access: { level: 'lobby' as const }, granted: false };
        default: {
          const problem = useCallStore.getState().joinError;
          throw new Error(`requestAccess: ${typeof problem === 'string' ? problem : 'the request could not be sent'}`);
        }
      }
    });
  },

  async updateWaitingParticipants({ updates }) {
    const { phase, self } = useCallStore.getState();
    const lobby = useOwnerLobbyStore.getState().lobby;
    if (phase.name !== 'in-call' || !self?.isOwner || !lobby) throw new Error('Only an owner in the call can let people in');
    const waiting = lobby.waitingParticipants();
    const unknown = Object.keys(updates).find((id) => id !== '*' && !waiting[id]);
    if (unknown !== undefined) throw new Error(`No one is waiting with the id ${unknown.slice(0, 64)}`);
    return lobby.updateWaitingParticipants(updates as Record<string, { grantRequestedAccess: boolean }>);
  },

  async updateParticipant({ sessionId, updates }) {
    const store = useCallStore.getState();
    const { phase, self, session, roomName } = store;
    if (phase.name !== 'in-call' || !self || !session) throw new Error('updateParticipant works once in the call');
    if (sessionId === 'local' || sessionId === self.identity) {
      if (updates.setAudio !== undefined) await session.setMic(updates.setAudio);
      if (updates.setVideo !== undefined) await session.setCamera(updates.setVideo);
      if (updates.eject) await store.leave();
      return undefined;
    }
    if (updates.setAudio === true || updates.setVideo === true) {
      throw new Error("An owner can turn someone's mic or camera off, not on: people turn their own back on");
    }
    // The server checks that this person is an owner of the room, in the call now.
    await updateParticipant(roomName, sessionId, {
      session: self.session,
      ...(updates.setAudio === false ? { setAudio: false as const } : {}),
      ...(updates.setVideo === false ? { setVideo: false as const } : {}),
      ...(updates.eject ? { eject: true as const } : {}),
    });
    return undefined;
  },
};
