/**
 * The owner's actions in flight and their outcome, per participant, so a row re-renders only for
 * its own participant. The server decides: a refusal keeps the server's error type and `info` to show why.
 */
import { create } from 'zustand';
import type { UpdateParticipantRequest } from '../../shared/owner-actions.ts';
import { useCallStore } from '../flow/call-store.ts';
import { OwnerActionRefused, setBroadcastMode, updateParticipant } from './owner-actions-api.ts';

export type OwnerAction = 'mute-mic' | 'mute-camera' | 'remove' | 'ban' | 'make-owner';
/** Actions that cannot be undone from the panel ask "are you sure" first. */
export type ConfirmedAction = Extract<OwnerAction, 'remove' | 'ban'>;

const REQUEST: Record<OwnerAction, Omit<UpdateParticipantRequest, 'session'>> = {
  'mute-mic': { setAudio: false },
  'mute-camera': { setVideo: false },
  remove: { eject: true },
  ban: { eject: true, ban: true },
  'make-owner': { makeOwner: true },
};

const needsConfirmation = (action: OwnerAction): action is ConfirmedAction => action === 'remove' || action === 'ban';

/** What the panel shows for one participant's row. */
export interface RowActionState {
  pending?: OwnerAction;
  confirming?: ConfirmedAction;
  /** Why the server refused the last action. */
  refusal?: Refusal;
}

export interface BroadcastState {
  /** Unset until this owner changed it: the room's setting at join holds until then. */
  ownerOnly?: boolean;
  pending: boolean;
  refusal?: Refusal;
}

interface OwnerActionsState {
  rows: Record<string, RowActionState>;
  broadcast: BroadcastState;
  /** A click on an action: remove and ban ask for confirmation, the rest go straight to the server. */
  ask(identity: string, action: OwnerAction): Promise<void>;
  cancel(identity: string): void;
  perform(identity: string, action: OwnerAction): Promise<void>;
  setOwnerOnlyBroadcast(ownerOnly: boolean): Promise<void>;
  reset(): void;
}

const EMPTY_BROADCAST: BroadcastState = { pending: false };

/** The server's error type (Daily's) and its sentence; the panel words the known types in the page's language. */
export interface Refusal {
  error: string;
  info: string;
}

function refusalOf(err: unknown): Refusal {
  if (err instanceof OwnerActionRefused) return { error: err.body.error, info: err.body.info };
  return { error: 'unknown', info: err instanceof Error ? err.message : String(err) };
}

const NOT_IN_CALL: Refusal = { error: 'not-in-call', info: 'You are not in the call.' };

/** The room and this participant's own session: the server checks the latter on every action. */
function caller() {
  const { roomName, self } = useCallStore.getState();
  return { roomName, session: self?.session };
}

export const useOwnerActions = create<OwnerActionsState>((set, get) => {
  const setRow = (identity: string, row: RowActionState) => set((s) => ({ rows: { ...s.rows, [identity]: row } }));
  return {
    rows: {},
    broadcast: EMPTY_BROADCAST,
    async ask(identity, action) {
      if (needsConfirmation(action)) return setRow(identity, { confirming: action });
      return get().perform(identity, action);
    },
    cancel: (identity) => setRow(identity, {}),
    async perform(identity, action) {
      if (get().rows[identity]?.pending) return;
      const { roomName, session } = caller();
      if (!session) return setRow(identity, { refusal: NOT_IN_CALL });
      setRow(identity, { pending: action });
      try {
        await updateParticipant(roomName, identity, { session, ...REQUEST[action] });
        setRow(identity, {});
      } catch (err) {
        setRow(identity, { refusal: refusalOf(err) });
      }
    },
    async setOwnerOnlyBroadcast(ownerOnly) {
      if (get().broadcast.pending) return;
      const { roomName, session } = caller();
      const before = get().broadcast;
      if (!session) return set({ broadcast: { ...before, refusal: NOT_IN_CALL } });
      set({ broadcast: { ...before, pending: true, refusal: undefined } });
      try {
        const answer = await setBroadcastMode(roomName, session, ownerOnly);
        set({ broadcast: { ownerOnly: answer.ownerOnlyBroadcast, pending: false } });
      } catch (err) {
        set({ broadcast: { ...before, pending: false, refusal: refusalOf(err) } });
      }
    },
    reset: () => set({ rows: {}, broadcast: EMPTY_BROADCAST }),
  };
});

/** One row's action state (a stable empty object when nothing happened, so the row does not re-render). */
const NOTHING: RowActionState = {};
export const useRowActions = (identity: string) => useOwnerActions((s) => s.rows[identity] ?? NOTHING);
