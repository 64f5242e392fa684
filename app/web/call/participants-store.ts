/**
 * The people in the call as plain views, one entry per participant, replaced only when that
 * participant changes, so a tile re-renders only for its own participant.
 */
import { create } from 'zustand';
import type { AudioTrack, VideoTrack } from 'livekit-client';

export interface ParticipantView {
  identity: string;
  name: string;
  isLocal: boolean;
  isOwner: boolean;
  micOn: boolean;
  cameraOn: boolean;
  speaking: boolean;
  videoTrack?: VideoTrack;
  /** Remote participants only: the local mic is never played back. */
  audioTrack?: AudioTrack;
}

interface ParticipantsState {
  byId: Record<string, ParticipantView>;
  order: string[];
  reconnecting: boolean;
  audioBlocked: boolean;
  upsert(view: ParticipantView): void;
  remove(identity: string): void;
  setFlags(flags: Partial<Pick<ParticipantsState, 'reconnecting' | 'audioBlocked'>>): void;
  reset(): void;
}

function same(a: ParticipantView | undefined, b: ParticipantView): boolean {
  if (!a) return false;
  return (Object.keys(b) as (keyof ParticipantView)[]).every((k) => a[k] === b[k]);
}

export const useParticipantsStore = create<ParticipantsState>((set) => ({
  byId: {},
  order: [],
  reconnecting: false,
  audioBlocked: false,
  upsert: (view) =>
    set((s) => {
      if (same(s.byId[view.identity], view)) return s;
      const order = s.byId[view.identity] ? s.order : view.isLocal ? [view.identity, ...s.order] : [...s.order, view.identity];
      return { byId: { ...s.byId, [view.identity]: view }, order };
    }),
  remove: (identity) =>
    set((s) => {
      if (!s.byId[identity]) return s;
      const { [identity]: _gone, ...rest } = s.byId;
      return { byId: rest, order: s.order.filter((id) => id !== identity) };
    }),
  setFlags: (flags) => set(flags),
  reset: () => set({ byId: {}, order: [], reconnecting: false, audioBlocked: false }),
}));

export const useParticipant = (identity: string) => useParticipantsStore((s) => s.byId[identity]);
export const useParticipantOrder = () => useParticipantsStore((s) => s.order);
