/**
 * The call's video sources as track refs (see track-ref.ts): every participant's camera (with or
 * without a track) and any screen share. A ref is replaced only when it changes, so a tile
 * re-renders only for its own source.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { trackKey, type TrackRef } from './track-ref.ts';

interface TracksState {
  byKey: Record<string, TrackRef>;
  /** Keys in the order sources appeared, the local camera first. */
  order: string[];
  /** Replaces one participant's refs (camera, and screen while sharing). */
  setParticipantRefs(identity: string, refs: TrackRef[]): void;
  removeParticipant(identity: string): void;
  reset(): void;
}

const sameRef = (a: TrackRef | undefined, b: TrackRef) =>
  !!a && a.track === b.track && a.isLocal === b.isLocal && a.identity === b.identity && a.source === b.source;

export const useTracksStore = create<TracksState>((set) => ({
  byKey: {},
  order: [],
  setParticipantRefs: (identity, refs) =>
    set((s) => {
      const keep = new Set(refs.map((r) => r.key));
      const stale = s.order.filter((k) => s.byKey[k]!.identity === identity && !keep.has(k));
      const changed = refs.filter((r) => !sameRef(s.byKey[r.key], r));
      if (stale.length === 0 && changed.length === 0) return s;
      const byKey = { ...s.byKey };
      for (const k of stale) delete byKey[k];
      for (const r of changed) byKey[r.key] = r;
      let order = s.order.filter((k) => byKey[k]);
      for (const r of changed) {
        if (order.includes(r.key)) continue;
        order = r.isLocal && r.source === 'camera' ? [r.key, ...order] : [...order, r.key];
      }
      return { byKey, order };
    }),
  removeParticipant: (identity) =>
    set((s) => {
      const gone = s.order.filter((k) => s.byKey[k]!.identity === identity);
      if (gone.length === 0) return s;
      const byKey = { ...s.byKey };
      for (const k of gone) delete byKey[k];
      return { byKey, order: s.order.filter((k) => byKey[k]) };
    }),
  reset: () => set({ byKey: {}, order: [] }),
}));

export const useTrackRef = (key: string) => useTracksStore((s) => s.byKey[key]);
export const useTrackOrder = () => useTracksStore((s) => s.order);
/** Keys of screen shares, in the order they started. */
export const useScreenShareKeys = () => useTracksStore(useShallow((s) => s.order.filter((k) => s.byKey[k]!.source === 'screen')));
export { trackKey };
