/** Opens the lobby WebSocket for a room on this origin. */
import { lobbyPath } from '../../shared/lobby.ts';

/** The part of a browser WebSocket the lobby clients use (so tests can hand them a fake). */
export interface LobbySocketLike {
  readonly readyState: number;
  onopen: (() => void) | null;
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  send(data: string): void;
  close(): void;
}

/** WebSocket.readyState values, spelled out so this also runs where no WebSocket global exists (unit tests). */
export const SOCKET_CONNECTING = 0;
export const SOCKET_OPEN = 1;

export type OpenLobbySocket = (roomName: string) => LobbySocketLike;

export const openLobbySocket: OpenLobbySocket = (roomName) => {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocket(`${scheme}://${location.host}${lobbyPath(roomName)}`) as LobbySocketLike;
};

/**
 * Delay before reconnect attempt `attempt` (0-based): 0.5, 1, 2, 4 s, then 4 s each time, so a
 * control-plane restart (a few seconds) is bridged quickly without hammering a server that is down.
 */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(500 * 2 ** attempt, 4000);
}
