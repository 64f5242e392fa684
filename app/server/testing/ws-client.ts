/** A WebSocket client on a Fastify route (through `app.injectWS`) that collects what it receives. */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';

/** A client on a Fastify WebSocket route (through `app.injectWS`) that collects what it receives. */
export interface TestWs {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  messages: any[];
  send(msg: unknown): void;
  /**
   * Resolves with the first received message (already received or still to come) that matches and
   * was not returned by an earlier call; rejects after `timeoutMs`.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  next(match: string | ((m: any) => boolean), timeoutMs?: number): Promise<any>;
  /** Resolves once the connection is closed (by either side). */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Closes from the client side (the server only notices after ws's close timeout with injectWS). */
  close(): void;
  /**
   * Cuts the connection at the server, as a dropped network connection is seen there: the server's
   * `close` handler runs at once. (With injectWS a client-side close reaches the server only after
   * ws's 30 s close timeout.) Resolves once the server-side socket is closed.
   */
  drop(): Promise<void>;
}

/**
 * `ip` is the client address the server sees: `injectWS` builds a request without a socket, so the
 * address (which the rate limits key on) has to be given here.
 */
export async function openWs(app: FastifyInstance, path: string, ip = '127.0.0.1', headers: Record<string, string> = {}): Promise<TestWs> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const messages: any[] = [];
  const consumed = new Set<number>();
  const waiters = new Set<() => void>();
  let isClosed = false;
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => {
    markClosed = resolve;
  });
  // Listeners go on before the upgrade completes, so nothing the server sends at once is missed.
  const upgradeContext = { socket: { remoteAddress: ip }, headers } as unknown as Partial<IncomingMessage>;
  // Connections are handed out in order; tests open them one at a time.
  const serverSide = new Promise<WebSocket>((resolve) => app.websocketServer.once('connection', resolve));
  const ws = await app.injectWS(path, upgradeContext, {
    onInit(ws) {
      ws.on('message', (data) => {
        messages.push(JSON.parse(String(data)));
        for (const w of [...waiters]) w();
      });
      ws.on('close', () => {
        isClosed = true;
        markClosed();
        for (const w of [...waiters]) w();
      });
    },
  });
  return {
    messages,
    send(msg) {
      ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
    },
    next(match, timeoutMs = 2000) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const pred = typeof match === 'string' ? (m: any) => m?.type === match : match;
      return new Promise((resolve, reject) => {
        const check = () => {
          const i = messages.findIndex((m, idx) => !consumed.has(idx) && pred(m));
          if (i < 0) return false;
          consumed.add(i);
          done();
          resolve(messages[i]);
          return true;
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages)}`));
        }, timeoutMs);
        const waiter = () => void check();
        const done = () => {
          clearTimeout(timer);
          waiters.delete(waiter);
        };
        if (!check()) waiters.add(waiter);
      });
    },
    closed,
    isClosed: () => isClosed,
    close() {
      ws.close();
    },
    async drop() {
      const server = await serverSide;
      const gone = new Promise<void>((resolve) => {
        if (server.readyState === server.CLOSED) resolve();
        else server.once('close', () => resolve());
      });
      server.terminate();
      await gone;
    },
  };
}
