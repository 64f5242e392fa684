/**
 * The guest's side of knocking: the lobby channel and the waiting screens. A chunk of its own, fetched
 * once the door says "lobby" (see `loadGuestSide` in flow/call-store.ts): most visitors never knock.
 */
export { GuestLobby } from './guest-lobby.ts';
export { KnockExpiredPanel, WaitingPanel } from './WaitingPanel.tsx';
