/**
 * 500 waiting guests, plain WebSocket clients, spread over two control planes (two Fastify apps on
 * loopback sharing one store and one real Redis): the owner, on B, is shown all 500, and Allow all
 * admits every one of them (each gets an admission, wherever their socket is). Reports the time
 * taken and the heap the 500 waits cost. Both apps live in this one process, so the heap is theirs
 * together; half of it is each instance's share.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { callEndingRoomEvents } from '../rooms/call-ending-room-events.ts';
import { participantSessions, sessionKeyFrom } from '../sessions/participant-session.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { fakeLivekit } from '../testing/fake-livekit.ts';
import { startRedis, type RunningService } from '../testing/services.ts';
import { TEST_API_KEY, TEST_DOMAIN_ID } from '../testing/test-app.ts';

const GUESTS = 500;
const ROOM = { id: 'room-1', name: 'door' };

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

let redis: RunningService;
const apps: FastifyInstance[] = [];
const sockets: WebSocket[] = [];
const store = openSqliteStore(':memory:');
const livekit = fakeLivekit();

beforeAll(async () => {
  redis = await startRedis(6394);
  await store.createRoom({ ...ROOM, api_created: true, privacy: 'private', created_at: new Date().toISOString(), config: { enable_knocking: true } });
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  for (const app of apps) await app.close();
  await store.close();
  await redis.stop();
});

/** A control plane on loopback; every client here shares 127.0.0.1, so the per-address limits are lifted. */
async function controlPlane(): Promise<string> {
  const config = loadConfig({
    FOYER_WEB_DIR: '/nonexistent',
    FOYER_PUBLIC_URL: 'http://127.0.0.1:3000',
    FOYER_REDIS_URL: redis.url,
    FOYER_MAX_WAITING: String(GUESTS),
    FOYER_MAX_WAITING_PER_CLIENT: String(GUESTS),
    FOYER_KNOCKS_PER_MINUTE: String(GUESTS * 2),
    FOYER_LOBBY_SOCKETS_PER_CLIENT: String(GUESTS * 2),
    // Each socket's upgrade is a client API request, counted across both instances.
    FOYER_CLIENT_REQUESTS_PER_10S: String(GUESTS * 2),
  } as NodeJS.ProcessEnv);
  const deployment = { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID, domainName: '127.0.0.1' };
  const app = await buildApp({ config, store, livekit, deployment, now: () => Date.now() / 1000 }, { roomEvents: callEndingRoomEvents(livekit), lobbySweepEveryMs: 0 });
  apps.push(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return `ws://127.0.0.1:${port}/api/rooms/${ROOM.name}/lobby`;
}

/** A lobby client: sends `first` once open; resolves once `until` says the messages so far are enough. */
function client(url: string, first: unknown) {
  const socket = new WebSocket(url);
  sockets.push(socket);
  const messages: { type: string; [k: string]: unknown }[] = [];
  const waiters = new Set<() => void>();
  socket.on('open', () => socket.send(JSON.stringify(first)));
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    for (const w of waiters) w();
  });
  const until = (type: string, timeoutMs = 30_000) => new Promise<{ type: string; [k: string]: unknown }>((resolve, reject) => {
    const check = () => {
      const found = messages.find((m) => m.type === type);
      if (!found) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(found);
    };
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms: ${JSON.stringify(messages)}`)), timeoutMs);
    waiters.add(check);
    check();
  });
  return { socket, messages, until };
}

it(`${GUESTS} guests waiting on two instances: the owner on B sees all of them, and Allow all admits every one`, async () => {
  const heapBefore = heapMb();
  const [a, b] = [await controlPlane(), await controlPlane()];
  const heapWithApps = heapMb();

  const knockStart = performance.now();
  const guests: ReturnType<typeof client>[] = [];
  // In batches, as a crowd arrives: every knock is answered `waiting` before the next batch.
  for (let i = 0; i < GUESTS; i += 50) {
    const batch = Array.from({ length: Math.min(50, GUESTS - i) }, (_, j) => client(((i + j) % 2 === 0 ? a : b), { type: 'request-access', name: `Guest ${i + j}` }));
    await Promise.all(batch.map((g) => g.until('waiting')));
    guests.push(...batch);
  }
  const knockMs = performance.now() - knockStart;
  const heapWaiting = heapMb();

  const sessions = participantSessions(sessionKeyFrom(TEST_API_KEY));
  const session = await sessions.issue({ roomId: ROOM.id, identity: 'p_owner', isOwner: true }, Date.now() / 1000);
  const owner = client(b, { type: 'hello', session });
  const list = await owner.until('waiting-participants');
  expect((list.participants as unknown[]).length).toBe(GUESTS);

  const allowStart = performance.now();
  owner.socket.send(JSON.stringify({ type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } }));
  const granted = await Promise.all(guests.map((g) => g.until('granted', 60_000)));
  const allowMs = performance.now() - allowStart;
  expect(new Set(granted.map((g) => g.admission)).size).toBe(GUESTS);
  // Exactly one answer each, whichever instance held the guest's socket.
  expect(guests.every((g) => g.messages.filter((m) => m.type === 'granted' || m.type === 'denied').length === 1)).toBe(true);

  console.log(
    `[crowd] ${GUESTS} guests over 2 instances: knocks answered in ${knockMs.toFixed(0)} ms; Allow all delivered in ${allowMs.toFixed(0)} ms; ` +
      `heap (both instances and the 500 client sockets, one process): ${heapBefore.toFixed(1)} MB before, ${heapWithApps.toFixed(1)} MB with the two apps, ` +
      `${heapWaiting.toFixed(1)} MB with ${GUESTS} waiting (${((heapWaiting - heapWithApps) / 2).toFixed(1)} MB per instance for its ${GUESTS / 2}, client sockets included)`,
  );
});
