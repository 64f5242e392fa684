/** Attaches a LiveKit track to a media element for as long as both exist (livekit-client's adaptive stream then watches the element's real size). */
import { useEffect, type RefObject } from 'react';
import type { Track } from 'livekit-client';

export function useAttachedTrack(track: Track | undefined, ref: RefObject<HTMLMediaElement | null>) {
  useEffect(() => {
    const el = ref.current;
    if (!track || !el) return;
    track.attach(el);
    return () => {
      track.detach(el);
    };
  }, [track, ref]);
}
