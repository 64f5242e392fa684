/** The prejoin's own camera preview, mirrored like a mirror. */
import { useEffect, useRef } from 'react';

export function PreviewVideo({ track }: { track: MediaStreamTrack }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.srcObject = new MediaStream([track]);
    return () => {
      el.srcObject = null;
    };
  }, [track]);
  return <video ref={ref} className="video video--mirrored" data-testid="preview-video" autoPlay playsInline muted />;
}
