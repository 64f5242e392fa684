/**
 * Shared construction for server unit tests: an in-memory store, a fake LiveKit gateway that records
 * every call, a controllable clock, and the Fastify app built over them.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { loadConfig } from './config.ts';
import type { AppContext, Deployment } from './context.ts';
import { buildApp } from './http/app.ts';
import type { JoinGrant, LivekitGateway } from './livekit/gateway.ts';
import { callEndingRoomEvents } from './rooms/call-ending-room-events.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';

export const TEST_API_KEY = 'test-key';
export const TEST_DOMAIN_ID = '6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
/** 2025-01-01T00:00:00Z, in unix seconds. */
export const T0 = 1_735_689_600;

export interface FakeLivekit extends LivekitGateway {
  publicUrl: string;
  /** What `participantCount` answers, per LiveKit room id (default 0). */
  counts: Map<string, number>;
  participantCountCalls: string[];
  mintCalls: JoinGrant[];
  endRoomCalls: string[];
  /** Identities `isInCall` says are not in the call (everyone else is). */
  notInCall: Set<string>;
}

export function fakeLivekit(publicUrl = 'ws://127.0.0.1:7880'): FakeLivekit {
  const fake: FakeLivekit = {
    publicUrl,
    counts: new Map(),
    participantCountCalls: [],
    mintCalls: [],
    endRoomCalls: [],
    notInCall: new Set(),
    async isInCall(_roomId, identity) {
      return !fake.notInCall.has(identity);
    },
    async participantCount(roomId) {
      fake.participantCountCalls.push(roomId);
      return fake.counts.get(roomId) ?? 0;
    },
    async mintJoinToken(grant) {
      fake.mintCalls.push(grant);
      return `lk-token-${fake.mintCalls.length}`;
    },
    async endRoom(roomId) {
      fake.endRoomCalls.push(roomId);
    },
  };
  return fake;
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  store: Store;
  livekit: FakeLivekit;
  deployment: Deployment;
  clock: { now: number };
  /** Request to `/v1` with the right API key. */
  api(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  /** Request to the client API (`/api`), no API key. */
  client(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function makeTestApp(opts: { now?: number } = {}): Promise<TestApp> {
  const clock = { now: opts.now ?? T0 };
  const store = openSqliteStore(':memory:');
  const livekit = fakeLivekit();
  const deployment: Deployment = { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID, domainName: '127.0.0.1' };
  const config = loadConfig({ FOYER_WEB_DIR: '/nonexistent' } as NodeJS.ProcessEnv);
  const ctx: AppContext = { config, store, livekit, deployment, now: () => clock.now };
  const app = await buildApp(ctx, { roomEvents: callEndingRoomEvents(livekit) });
  await app.ready();
  return {
    app,
    ctx,
    store,
    livekit,
    deployment,
    clock,
    api(method, url, body) {
      return app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${TEST_API_KEY}` },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
    client(url, body) {
      return app.inject({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) });
    },
    async close() {
      await app.close();
      store.close();
    },
  };
}

/** Success is exactly HTTP 200 with a JSON body (never 201 or 204). Returns the parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectOk(res: LightMyRequestResponse): any {
  if (res.statusCode !== 200) throw new Error(`expected 200, got ${res.statusCode}: ${res.body}`);
  const type = res.headers['content-type'];
  if (typeof type !== 'string' || !/^application\/json\b/.test(type)) throw new Error(`expected application/json, got ${String(type)}`);
  return res.json();
}

/** A Daily-shaped error: the status, `{error: type, info}` with a non-empty info, as JSON. Returns the parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectError(res: LightMyRequestResponse, status: number, type: string): any {
  const body = res.json();
  const problems: string[] = [];
  if (res.statusCode !== status) problems.push(`status ${res.statusCode} (wanted ${status})`);
  if (body.error !== type) problems.push(`error ${JSON.stringify(body.error)} (wanted ${type})`);
  if (typeof body.info !== 'string' || body.info.length === 0) problems.push('no info');
  if (!/^application\/json\b/.test(String(res.headers['content-type']))) problems.push(`content-type ${res.headers['content-type']}`);
  if (problems.length) throw new Error(`${problems.join(', ')}: ${res.body}`);
  return body;
}

/** A raw request with an explicit content type, for bodies `inject` would otherwise serialize. */
export function rawPost(t: TestApp, url: string, payload: string, contentType = 'application/json', auth = true) {
  return t.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': contentType, ...(auth ? { authorization: `Bearer ${TEST_API_KEY}` } : {}) },
  });
}

// ---------------------------------------------------------------------------------------------
// Lobby helpers: fake sockets for driving `Lobby` directly, and a WebSocket client for the route.
// ---------------------------------------------------------------------------------------------

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
export async function openWs(app: FastifyInstance, path: string, ip = '127.0.0.1'): Promise<TestWs> {
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
  const upgradeContext = { socket: { remoteAddress: ip } } as unknown as Partial<IncomingMessage>;
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
