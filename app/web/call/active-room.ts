/**
 * The connected LiveKit room, for features that attach themselves to the call (chat, the owner's
 * participants panel) without the call session knowing them. Set once connected, cleared when the call ends.
 */
import { create } from 'zustand';
import type { Room } from 'livekit-client';

export const useActiveRoom = create<{ room?: Room }>(() => ({}));

// The page's own call, reachable from the console as `__foyerCall.getState().room` (as with any
// LiveKit app): what it can do is bounded by the grants the server put in its token, never by this.
(globalThis as { __foyerCall?: typeof useActiveRoom }).__foyerCall = useActiveRoom;
