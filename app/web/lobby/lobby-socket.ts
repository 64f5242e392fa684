/** Opens the lobby WebSocket for a room on this origin. */
import { lobbyPath } from '../../shared/lobby.ts';

export function openLobbySocket(roomName: string): WebSocket {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new WebSocket(`${scheme}://${location.host}${lobbyPath(roomName)}`);
}
