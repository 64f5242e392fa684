/** A lobby socket for driving `Lobby` directly: it records every event it is sent. */

/** A lobby socket that records every event it is sent (parsed) and whether it was closed. */
export interface FakeSocket {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sent: any[];
  closed: boolean;
  send(data: string): void;
  close(): void;
  /** The events of one type, in the order they were sent. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  of(type: string): any[];
  /** The event types, in order. */
  types(): string[];
}

export function fakeSocket(): FakeSocket {
  const socket: FakeSocket = {
    sent: [],
    closed: false,
    send(data) {
      socket.sent.push(JSON.parse(data));
    },
    close() {
      socket.closed = true;
    },
    of(type) {
      return socket.sent.filter((e) => e.type === type);
    },
    types() {
      return socket.sent.map((e) => e.type);
    },
  };
  return socket;
}
