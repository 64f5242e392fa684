/** A browser-like WebSocket for the lobby clients' unit tests: the test opens, answers and drops it. */
import type { GuestEvent, OwnerEvent } from '../../shared/lobby.ts';
import type { LobbySocketLike } from './lobby-socket.ts';

export class FakeLobbySocket implements LobbySocketLike {
  readyState = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly sent: any[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.();
  }

  /** The server accepted the connection. */
  open(): void {
    this.readyState = 1;
    this.onopen?.();
  }

  /** The server sent an event. */
  receive(event: GuestEvent | OwnerEvent): void {
    this.onmessage?.({ data: JSON.stringify(event) });
  }

  /** The connection dropped (server restart, network), or could not be made. */
  drop(): void {
    this.close();
  }
}

/** Opens fake sockets and keeps every one, newest last. */
export function fakeSocketFactory() {
  const sockets: FakeLobbySocket[] = [];
  const open = () => {
    const socket = new FakeLobbySocket();
    sockets.push(socket);
    return socket;
  };
  return { sockets, open, latest: () => sockets[sockets.length - 1]! };
}
