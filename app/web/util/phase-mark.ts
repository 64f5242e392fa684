/**
 * Named moments on the way into a call (`foyer:<phase>` User Timing marks): they show in the browser's
 * performance panel, and `npm run bench` reads them to say where Join → first frame goes. A mark costs
 * microseconds and holds no personal data.
 */
export type JoinPhase = 'join-clicked' | 'join-answered' | 'call-module-loaded' | 'livekit-connected' | 'call-screen-shown' | 'admitted';

export function markPhase(phase: JoinPhase): void {
  performance.mark(`foyer:${phase}`);
}
