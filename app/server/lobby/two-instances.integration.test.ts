/**
 * Two control planes sharing one lobby: two `Lobby` instances over one store (SQLite, for the rooms)
 * and one real Redis (everything of the lobby's), each holding its own sockets. A guest connected to A
 * and an owner connected to B see what they would on one instance.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { OperatorEvents, type OperatorEvent } from '../events/operator-events.ts';
import { connectRedis, type SharedRedis } from '../redis/connect.ts';
import { participantSessions, sessionKeyFrom } from '../sessions/participant-session.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { fakeLivekit } from '../testing/fake-livekit.ts';
import { fakeSocket, type FakeSocket } from '../testing/fake-socket.ts';
import { startRedis, type RunningService } from '../testing/services.ts';
import { T0, TEST_API_KEY, TEST_DOMAIN_ID } from '../testing/test-app.ts';
import { DEFAULT_LOBBY_LIMITS, Lobby, type GuestConnection, type LobbyLimits, type OwnerConnection } from './lobby.ts';
import { REDIS_PREFIX } from './state/choose-state.ts';
import type { LobbyBus } from './state/lobby-state.ts';
import { redisLobbyState } from './state/redis-state.ts';
import { withLobbyStore } from './state/with-lobby-store.ts';

const ROOM = { id: 'room-1', name: 'door' };
const LIMITS: LobbyLimits = { ...DEFAULT_LOBBY_LIMITS, maxWaiting: 1000, maxWaitingPerClient: 1000 };

let server: RunningService;
let admin: Redis;
beforeAll(async () => {
  server = await startRedis(6393);
  admin = new Redis(server.url);
});
afterAll(async () => {
  admin.disconnect();
  await server.stop();
});

const clock = { now: T0 };
const sessions = participantSessions(sessionKeyFrom(TEST_API_KEY));
let rooms: Store;
let livekit: ReturnType<typeof fakeLivekit>;
/** Everything operators heard, from either instance. */
let heard: OperatorEvent[];
const running: { lobby: Lobby; redis: SharedRedis }[] = [];

/**
 * One control plane: its own Redis connections and sockets, the shared store, LiveKit and clock.
 * `presenceTtlMs`: how long its owners count as present once it stops refreshing (it died). `hears`:
 * what it makes of the bus (a test drops a message: Redis pub/sub delivers at most once).
 */
async function instance(limits: Partial<LobbyLimits> = {}, presenceTtlMs?: number, hears: (bus: LobbyBus) => LobbyBus = (bus) => bus): Promise<Lobby> {
  const redis = await connectRedis(server.url);
  const base: AppContext = {
    config: loadConfig({ FOYER_WEB_DIR: '/nonexistent', FOYER_PUBLIC_URL: 'http://127.0.0.1:3000' } as NodeJS.ProcessEnv),
    store: rooms,
    livekit,
    deployment: { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID, domainName: '127.0.0.1' },
    now: () => clock.now,
  };
  const all = { ...LIMITS, ...limits };
  const shared = redisLobbyState(redis, {
    prefix: REDIS_PREFIX,
    roomExists: async (id) => (await rooms.roomById(id)) !== null,
    caps: all,
    knocks: { max: all.knocksPerWindow, windowSeconds: all.knockWindowSeconds },
    threadTtlSeconds: all.maxWaitSeconds,
    ...(presenceTtlMs ? { presenceTtlMs } : {}),
    onError: (err) => {
      throw err;
    },
  });
  const state = { ...shared, bus: hears(shared.bus) };
  const operatorEvents = new OperatorEvents();
  operatorEvents.on((event) => void heard.push(event));
  const lobby = new Lobby({ ...base, store: withLobbyStore(rooms, state.store) }, sessions, all, 0, { operatorEvents, state });
  await lobby.started();
  running.push({ lobby, redis });
  return lobby;
}

/** A control plane dies: its sockets and timers go with it, nothing is cleaned up in Redis. */
async function crash(lobby: Lobby) {
  const at = running.findIndex((r) => r.lobby === lobby);
  const [{ redis }] = running.splice(at, 1) as [{ lobby: Lobby; redis: SharedRedis }];
  redis.commands.disconnect();
  redis.events.disconnect();
  redis.rateLimits.disconnect();
  await lobby.close().catch(() => {});
}

beforeEach(async () => {
  await admin.flushall();
  clock.now = T0;
  heard = [];
  livekit = fakeLivekit();
  rooms = openSqliteStore(':memory:');
  await rooms.createRoom({ ...ROOM, api_created: true, privacy: 'private', created_at: new Date(T0 * 1000).toISOString(), config: { enable_knocking: true } });
});
afterEach(async () => {
  for (const { lobby, redis } of running.splice(0)) {
    await lobby.close();
    await redis.close();
  }
  await rooms.close();
});

type Guest = GuestConnection & { socket: FakeSocket };
const guest = (clientKey = '10.0.0.1'): Guest => ({ socket: fakeSocket(), clientKey });

async function knock(lobby: Lobby, name: string, clientKey?: string) {
  const g = guest(clientKey);
  await lobby.requestAccess(ROOM.name, g, { name });
  const [waiting] = g.socket.of('waiting');
  if (!waiting) throw new Error(`no waiting event for ${name}: ${JSON.stringify(g.socket.sent)}`);
  return { g, waiting };
}

type Owner = FakeSocket & { conn: OwnerConnection };
async function owner(lobby: Lobby, identity = 'p_owner'): Promise<Owner> {
  const socket = fakeSocket();
  const conn = await lobby.ownerJoined(ROOM.name, socket, await sessions.issue({ roomId: ROOM.id, identity, isOwner: true }, clock.now));
  if (!conn) throw new Error('the owner was refused');
  return Object.assign(socket, { conn });
}

describe('two control planes, one lobby', () => {
  it('a guest knocks through A; the owner on B gets the toast and allows; the guest on A gets a working admission, once', async () => {
    const [a, b] = [await instance(), await instance()];
    const o = await owner(b);
    const { g, waiting } = await knock(a, 'Ada');
    await vi.waitFor(() => expect(o.of('waiting-participant-added').map((e) => e.participant)).toEqual([{ id: waiting.id, name: 'Ada', since: expect.any(String) }]));
    expect(await b.answer(o.conn, { [waiting.id]: { grantRequestedAccess: true } })).toBe(true);
    await vi.waitFor(() => expect(g.socket.of('granted')).toHaveLength(1));
    const { admission } = g.socket.of('granted')[0];
    // Exactly one delivery, and the connection is done waiting.
    expect(g.socket.types()).toEqual(['waiting', 'granted']);
    expect(g.entryId).toBeUndefined();
    expect(o.of('waiting-participant-removed')).toEqual([{ type: 'waiting-participant-removed', participant: expect.objectContaining({ id: waiting.id }), reason: 'granted' }]);
    // The join may reach either instance; the admission is used once.
    expect(await b.admission(admission, ROOM.name)).toMatchObject({ roomId: ROOM.id, name: 'Ada' });
    expect(await b.redeem(admission, ROOM.name)).toMatchObject({ name: 'Ada' });
    expect(await a.redeem(admission, ROOM.name)).toBeUndefined();
    expect(heard.map((e) => e.type)).toEqual(['waiting-participant.joined', 'waiting-participant.left']);
  });

  it('of two owners answering at once on two instances, the first answer wins and the guest hears one answer', async () => {
    const [a, b] = [await instance(), await instance()];
    const [oa, ob] = [await owner(a, 'p_a'), await owner(b, 'p_b')];
    const { g, waiting } = await knock(a, 'Ada');
    const results = await Promise.all([a.answerWaiting(ROOM.name, { [waiting.id]: { grantRequestedAccess: true } }), b.answerWaiting(ROOM.name, { [waiting.id]: { grantRequestedAccess: false } })]);
    expect(results.flatMap((r) => [...r!.granted, ...r!.denied])).toEqual([waiting.id]);
    await vi.waitFor(() => expect(g.socket.types().filter((t) => t === 'granted' || t === 'denied')).toHaveLength(1));
    await vi.waitFor(() => expect([oa.of('waiting-participant-removed').length, ob.of('waiting-participant-removed').length]).toEqual([1, 1]));
  });

  it('the knock budget is shared: 10 knocks through A, then 1 through B is refused', async () => {
    const [a, b] = [await instance({ knocksPerWindow: 10 }), await instance({ knocksPerWindow: 10 })];
    for (let i = 0; i < 10; i++) await knock(a, `Guest ${i}`);
    const late = guest();
    await b.requestAccess(ROOM.name, late, { name: 'One more' });
    expect(late.socket.sent).toEqual([{ type: 'error', error: 'rate-limit-error', info: expect.stringMatching(/too many times/) }]);
    // Another address has its own budget.
    await knock(b, 'Elsewhere', '10.0.0.2');
  });

  it('owner presence spans instances: a guest on A hears an owner arrive on B and leave it', async () => {
    const [a, b] = [await instance(), await instance()];
    const { g, waiting } = await knock(a, 'Ada');
    expect(waiting.ownerPresent).toBe(false);
    const o = await owner(b);
    await vi.waitFor(() => expect(g.socket.of('owner-presence')).toEqual([{ type: 'owner-presence', ownerPresent: true }]));
    expect(await a.ownerPresent(ROOM.id)).toBe(true);
    // A second guest, on A, is told at once that an owner is there.
    expect((await knock(a, 'Bob')).waiting.ownerPresent).toBe(true);
    await b.ownerLeft(o.conn);
    await vi.waitFor(() => expect(g.socket.of('owner-presence').at(-1)).toEqual({ type: 'owner-presence', ownerPresent: false }));
    expect(await a.ownerPresent(ROOM.id)).toBe(false);
  });

  it('an instance that dies with an owner on it: once its presence runs out, the guests on A are told no owner is there', async () => {
    const a = await instance();
    const b = await instance({}, 600);
    const { g } = await knock(a, 'Ada');
    await owner(b);
    await vi.waitFor(() => expect(g.socket.of('owner-presence')).toEqual([{ type: 'owner-presence', ownerPresent: true }]));
    await crash(b);
    // A's sweep notices (every second in production); nothing was said on the bus.
    await vi.waitFor(async () => {
      await a.sweep();
      expect(g.socket.of('owner-presence').at(-1)).toEqual({ type: 'owner-presence', ownerPresent: false });
    }, { timeout: 5000, interval: 200 });
    // Told once, not at every sweep.
    await a.sweep();
    expect(g.socket.of('owner-presence')).toHaveLength(2);
  });

  it('a host message from an owner on B reaches the guest on A; their reply reaches the owner; an owner joining later on A gets the thread', async () => {
    const [a, b] = [await instance(), await instance()];
    const o = await owner(b);
    const { g, waiting } = await knock(a, 'Ada');
    expect(await b.messageWaiting(o.conn, waiting.id, 'One moment')).toBe(true);
    await vi.waitFor(() => expect(g.socket.of('host-message').map((m) => m.text)).toEqual(['One moment']));
    await a.reply(g, 'Sure');
    await vi.waitFor(() => expect(o.of('waiting-message').map((m) => [m.from, m.text])).toEqual([['host', 'One moment'], ['guest', 'Sure']]));
    const later = await owner(a, 'p_other');
    expect(later.of('waiting-message').map((m) => m.text)).toEqual(['One moment', 'Sure']);
  });

  it('a guest resuming on B closes their old connection on A (half-open), and keeps their place and id', async () => {
    const [a, b] = [await instance(), await instance()];
    const { g, waiting } = await knock(a, 'Ada');
    const back = guest();
    await b.requestAccess(ROOM.name, back, { name: 'Ada', resume: waiting.resumeKey });
    expect(back.socket.of('waiting')[0]).toEqual(waiting);
    await vi.waitFor(() => expect(g.socket.closed).toBe(true));
    // The old connection's close changes nothing: it no longer holds the place.
    await a.guestDisconnected(g);
    const o = await owner(a);
    await a.answer(o.conn, { [waiting.id]: { grantRequestedAccess: false } });
    await vi.waitFor(() => expect(back.socket.of('denied')).toHaveLength(1));
    expect(g.socket.of('denied')).toEqual([]);
  });

  it('A restarts: its guests resume on B and keep their place; the guests B holds are not marked gone', async () => {
    const [a, b] = [await instance(), await instance()];
    const onA = await knock(a, 'Ada');
    const onB = await knock(b, 'Bob');
    await crash(a);
    const restarted = await instance();
    // The restart did not end or mark anyone's wait.
    expect((await restarted.waiting(ROOM.name))!.map((e) => [e.name, e.goneAt])).toEqual([['Ada', undefined], ['Bob', undefined]]);
    const back = guest();
    await b.requestAccess(ROOM.name, back, { name: 'Ada', resume: onA.waiting.resumeKey });
    expect(back.socket.of('waiting')[0]).toEqual(onA.waiting);
    // Long past any grace period, nobody is swept: both are connected (to B).
    clock.now += 120;
    await Promise.all([restarted.sweep(), b.sweep()]);
    expect((await b.waiting(ROOM.name))!.map((e) => e.id)).toEqual([onA.waiting.id, onB.waiting.id]);
  });

  it('A dies and its guests never come back: once A is found stopped they get a restart\'s grace, then their waits end; B\'s guests stay', async () => {
    const a = await instance({}, 600);
    const b = await instance();
    const o = await owner(b);
    const onA = await knock(a, 'Ada');
    const back = await knock(a, 'Cy');
    await knock(b, 'Bob');
    await crash(a);
    const goneAt = async (name: string) => (await b.waiting(ROOM.name))!.find((e) => e.name === name)?.goneAt;
    await vi.waitFor(async () => {
      await b.sweep();
      expect(await goneAt('Ada')).toBe(clock.now + LIMITS.restartGraceSeconds);
    }, { timeout: 5000, interval: 200 });
    expect(await goneAt('Bob')).toBeUndefined();
    // Cy comes back, on B, within the grace: their place is theirs again, and no later sweep marks it.
    const cy = guest();
    await b.requestAccess(ROOM.name, cy, { name: 'Cy', resume: back.waiting.resumeKey });
    expect(cy.socket.of('waiting')[0]).toEqual(back.waiting);
    clock.now += LIMITS.restartGraceSeconds + 1;
    await b.sweep();
    expect((await b.waiting(ROOM.name))!.map((e) => [e.name, e.goneAt])).toEqual([['Cy', undefined], ['Bob', undefined]]);
    await vi.waitFor(() => expect(o.of('waiting-participant-removed').map((e) => e.participant.id)).toEqual([onA.waiting.id]));
  });

  it('an answer for a guest connected nowhere is held, and given to them when they come back on the other instance', async () => {
    const [a, b] = [await instance(), await instance()];
    const { g, waiting } = await knock(a, 'Ada');
    await a.guestDisconnected(g);
    await b.answerWaiting(ROOM.name, { [waiting.id]: { grantRequestedAccess: true } });
    const back = guest();
    await b.requestAccess(ROOM.name, back, { name: 'Ada', resume: waiting.resumeKey });
    expect(back.socket.types()).toEqual(['granted']);
    expect(await a.redeem(back.socket.of('granted')[0].admission, ROOM.name)).toMatchObject({ name: 'Ada' });
  });

  it('a wait that runs out ends once, though both instances sweep', async () => {
    const [a, b] = [await instance(), await instance()];
    const o = await owner(b);
    const { g } = await knock(a, 'Ada');
    clock.now += LIMITS.maxWaitSeconds;
    await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);
    await vi.waitFor(() => expect(g.socket.of('expired')).toHaveLength(1));
    await vi.waitFor(() => expect(o.of('waiting-participant-removed')).toHaveLength(1));
    expect(heard.filter((e) => e.type === 'waiting-participant.left')).toHaveLength(1);
    expect(g.socket.types()).toEqual(['waiting', 'expired']);
  });

  it('a participant leaving the call (LiveKit tells A) closes their owner channel on B', async () => {
    const [a, b] = [await instance(), await instance()];
    const o = await owner(b);
    await a.participantLeftCall(ROOM.id, 'p_owner');
    await vi.waitFor(() => expect(o.closed).toBe(true));
    await vi.waitFor(async () => expect(await a.ownerPresent(ROOM.id)).toBe(false));
  });

  it('knocks at once on both instances never pass the room\'s cap or the per-address cap', async () => {
    const [a, b] = [await instance({ maxWaiting: 3 }), await instance({ maxWaiting: 3 })];
    const many = Array.from({ length: 10 }, (_, i) => ({ lobby: i % 2 ? b : a, g: guest(`10.0.1.${i}`) }));
    await Promise.all(many.map(({ lobby, g }, i) => lobby.requestAccess(ROOM.name, g, { name: `Guest ${i}` })));
    expect(many.filter(({ g }) => g.socket.of('waiting').length === 1)).toHaveLength(3);
    expect(many.flatMap(({ g }) => g.socket.of('error').map((e) => e.error))).toEqual(Array(7).fill('lobby-full'));
    expect(await a.waiting(ROOM.name)).toHaveLength(3);

    await admin.flushall();
    const [c, d] = [await instance({ maxWaitingPerClient: 2 }), await instance({ maxWaitingPerClient: 2 })];
    const same = Array.from({ length: 6 }, (_, i) => ({ lobby: i % 2 ? d : c, g: guest('10.0.2.1') }));
    await Promise.all(same.map(({ lobby, g }, i) => lobby.requestAccess(ROOM.name, g, { name: `Guest ${i}` })));
    expect(same.filter(({ g }) => g.socket.of('waiting').length === 1)).toHaveLength(2);
    expect(same.flatMap(({ g }) => g.socket.of('error').map((e) => e.error))).toEqual(Array(4).fill('too-many-waiting'));
  });

  describe('a guest whose instance missed the end of their wait (pub/sub delivers at most once)', () => {
    /** A's view of the bus, with the first `wait-ended` lost on its way to A. */
    const missesOneEnd = (bus: LobbyBus): LobbyBus => {
      let missed = false;
      return {
        publish: (message) => bus.publish(message),
        subscribe: (handler) =>
          bus.subscribe((message) => {
            if (message.type === 'wait-ended' && !missed) return void (missed = true);
            return handler(message);
          }),
      };
    };

    it('gets the answer held for them at A\'s sweep', async () => {
      const [a, b] = [await instance({}, undefined, missesOneEnd), await instance()];
      const o = await owner(b);
      const { g, waiting } = await knock(a, 'Ada');
      await b.answer(o.conn, { [waiting.id]: { grantRequestedAccess: true } });
      await vi.waitFor(() => expect(o.of('waiting-participant-removed')).toHaveLength(1));
      expect(g.socket.types()).toEqual(['waiting']);
      await vi.waitFor(async () => {
        await a.sweep();
        expect(g.socket.types()).toEqual(['waiting', 'granted']);
      });
      expect(g.entryId).toBeUndefined();
      expect(await b.redeem(g.socket.of('granted')[0].admission, ROOM.name)).toMatchObject({ name: 'Ada' });
    });

    it('with no answer held (the wait ran out on B), is told to ask the door again', async () => {
      const [a, b] = [await instance({}, undefined, missesOneEnd), await instance()];
      const { g } = await knock(a, 'Ada');
      clock.now += LIMITS.maxWaitSeconds;
      await b.sweep();
      expect(await b.waiting(ROOM.name)).toEqual([]);
      clock.now -= LIMITS.maxWaitSeconds;
      await vi.waitFor(async () => {
        await a.sweep();
        expect(g.socket.types()).toEqual(['waiting', 'room-changed']);
      });
      expect(g.entryId).toBeUndefined();
    });
  });
});
