/** Ctrl+D (⌘D on a Mac) toggles the mic, Ctrl+E (⌘E) the camera, as in the call apps people know. */
import { useEffect } from 'react';

export const SHORTCUTS = { mic: 'Control+D Meta+D', camera: 'Control+E Meta+E' } as const;

export function useCallShortcuts(actions: { toggleMic(): void; toggleCamera(): void }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.repeat) return;
      const key = e.key.toLowerCase();
      if (key === 'd') actions.toggleMic();
      else if (key === 'e') actions.toggleCamera();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
