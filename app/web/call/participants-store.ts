/**
 * The people in the call as plain views, one entry per participant, replaced only when that
 * participant changes, so a tile or a participants-panel row re-renders only for its own participant.
 */
import { create } from 'zustand';
import type { AudioTrack } from 'livekit-client';

export type ConnectionQualityLevel = 'excellent' | 'good' | 'poor' | 'lost' | 'unknown';

export interface ParticipantView {
  identity: string;
  /** The display name the server set (participants cannot change it). */
  name: string;
  /** The meeting token's `user_id`, when it had one. */
  userId?: string;
  isLocal: boolean;
  isOwner: boolean;
  micOn: boolean;
  cameraOn: boolean;
  screenSharing: boolean;
  speaking: boolean;
  quality: ConnectionQualityLevel;
  /** Remote participants only: played whether or not their tile is on screen. */
  micTrack?: AudioTrack;
  /** Remote participants only: the sound of a shared tab or screen. */
  screenAudioTrack?: AudioTrack;
}

interface ParticipantsState {
  byId: Record<string, ParticipantView>;
  /** Join order, the local participant first. */
  order: string[];
  upsert(view: ParticipantView): void;
  remove(identity: string): void;
  reset(): void;
}

function same(a: ParticipantView | undefined, b: ParticipantView): boolean {
  if (!a) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ParticipantView>;
  return [...keys].every((k) => a[k] === b[k]);
}

export const useParticipantsStore = create<ParticipantsState>((set) => ({
  byId: {},
  order: [],
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
  reset: () => set({ byId: {}, order: [] }),
}));

/** One participant's view; re-renders only when that participant changes. */
export const useParticipant = (identity: string) => useParticipantsStore((s) => s.byId[identity]);
/** Identities in join order, the local participant first. */
export const useParticipantOrder = () => useParticipantsStore((s) => s.order);
/** The local participant's identity, once in the call. */
export const useLocalIdentity = () => useParticipantsStore((s) => s.order.find((id) => s.byId[id]?.isLocal));
