import type { DeviceKind, DeviceProblem } from '../media/media-store.ts';

const NOUN: Record<DeviceKind, string> = { camera: 'camera', mic: 'microphone' };

/** What to tell the person when a device cannot be used, and what they can do. */
export function deviceProblemText(kind: DeviceKind, problem: DeviceProblem): string {
  const noun = NOUN[kind];
  switch (problem) {
    case 'denied':
      return `Your browser blocked the ${noun}. Allow it from the address bar, or join without it.`;
    case 'blocked-by-embedder':
      return `This page does not let the call use your ${noun}. You can join without it.`;
    case 'missing':
      return `No ${noun} found. You can join without one.`;
    case 'unavailable':
      return `Your ${noun} could not be started (another app may be using it). You can join without it.`;
  }
}
