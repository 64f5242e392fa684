/** The call's own state the screen shows: connection, blocked sound, what this person may send, who spoke last. */
import { create } from 'zustand';

/** `connecting`: the call screen shows while LiveKit connects the first time. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export interface CallStatus {
  connection: ConnectionState;
  /** The browser blocked autoplay of the call's sound until a click. */
  audioBlocked: boolean;
  /** What LiveKit lets this participant publish right now (owner-only broadcast can take it away live). */
  canPublish: boolean;
  canScreenShare: boolean;
  /** Set when a host took publishing away during the call (owner-only broadcast), for the notice. */
  publishRevoked: boolean;
  /** Identities of the current active speakers, loudest first. */
  speakers: string[];
  /** Owner-only broadcast as the call's room metadata says now (undefined until LiveKit tells). */
  ownerOnlyBroadcast?: boolean;
  /** The last thing that failed without ending the call, until dismissed. */
  problem?: 'publish-failed' | 'screen-share-failed' | 'device-failed';
}

const initial: CallStatus = { connection: 'connected', audioBlocked: false, canPublish: true, canScreenShare: true, publishRevoked: false, speakers: [], problem: undefined, ownerOnlyBroadcast: undefined };

export const useCallStatus = create<CallStatus & { set(change: Partial<CallStatus>): void; dismissProblem(): void; reset(): void }>((set) => ({
  ...initial,
  set: (change) => set(change),
  dismissProblem: () => set({ problem: undefined }),
  reset: () => set(initial),
}));
