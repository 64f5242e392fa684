/**
 * The lobby's state seams in Redis: the same contract as in memory (state-contract.ts), then what only
 * sharing brings: two instances on one Redis share knock budgets, presence and the bus, and an
 * instance that dies stops counting as an owner's.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedis, type RunningService } from '../../testing/services.ts';
import type { LobbyBusMessage } from './lobby-state.ts';
import { redisBus } from './redis-bus.ts';
import { redisHolders } from './redis-holders.ts';
import { redisLobbyStore } from './redis-lobby-store.ts';
import { redisKnockBudget } from './redis-knocks.ts';
import { redisPresence } from './redis-presence.ts';
import { redisThreads } from './redis-threads.ts';
import { describeStateContract } from './state-contract.ts';

const T = 1_735_689_600;
let server: RunningService;
const clients: Redis[] = [];
const closing: (() => Promise<void>)[] = [];
/** A connection of its own (an instance's, or a subscriber's). */
const connect = () => {
  const client = new Redis(server.url);
  clients.push(client);
  return client;
};
let n = 0;
const prefix = () => `state-${++n}:`;

beforeAll(async () => {
  server = await startRedis(6392);
});
afterAll(async () => {
  for (const close of closing) await close();
  for (const client of clients) client.disconnect();
  await server.stop();
});

describe('the lobby state in Redis', () => {
  describeStateContract({
    knocks: (max, windowSeconds) => redisKnockBudget(connect(), prefix(), max, windowSeconds),
    presence() {
      const presence = redisPresence(connect(), prefix(), 'instance-a');
      closing.push(() => presence.close());
      return presence;
    },
    threads: () => redisThreads(connect(), prefix(), 60),
    bus: () => redisBus(connect(), connect(), `${prefix()}events`, (err) => {
      throw err;
    }),
  });
});

describe('two instances on one Redis', () => {
  it('share a knock budget: 10 knocks through A, then 1 through B is refused', async () => {
    const p = prefix();
    const [a, b] = [redisKnockBudget(connect(), p, 10, 60), redisKnockBudget(connect(), p, 10, 60)];
    for (let i = 0; i < 10; i++) expect(await a.allow('10.0.0.1', T + i)).toBe(true);
    expect(await b.allow('10.0.0.1', T + 10)).toBe(false);
    expect(await b.allow('10.0.0.2', T + 10)).toBe(true);
  });

  it('share owner presence: present while either has an owner, absent once both left', async () => {
    const p = prefix();
    const a = redisPresence(connect(), p, 'a');
    const b = redisPresence(connect(), p, 'b');
    closing.push(() => a.close(), () => b.close());
    expect(await a.join('r')).toBe(true);
    expect(await b.present('r')).toBe(true);
    expect(await b.join('r')).toBe(false);
    expect(await a.leave('r')).toBe(false);
    expect(await a.present('r')).toBe(true);
    expect(await b.leave('r')).toBe(true);
    expect(await a.present('r')).toBe(false);
  });

  it('an instance that dies stops counting once its claim runs out; a live one keeps its claim by heartbeat', async () => {
    const p = prefix();
    const dying = connect();
    const dead = redisPresence(dying, p, 'dead', 600);
    const live = redisPresence(connect(), p, 'live', 600);
    const watcher = redisPresence(connect(), p, 'watcher', 600);
    closing.push(() => live.close(), () => watcher.close());
    await dead.join('crashed');
    await live.join('alive');
    // A crash: the connection is gone (no clean leave), so nothing refreshes its claim.
    dying.disconnect();
    expect(await watcher.present('crashed')).toBe(true);
    await vi.waitFor(async () => expect(await watcher.present('crashed')).toBe(false), { timeout: 3000, interval: 100 });
    // Several claim lifetimes later, the live one is still present.
    expect(await watcher.present('alive')).toBe(true);
    await dead.close().catch(() => {});
  });

  it('a dropped connection marks the wait gone only if its instance still holds the guest', async () => {
    const p = prefix();
    const store = redisLobbyStore(connect(), { prefix: p, roomExists: async () => true });
    const [a, b] = [redisHolders(connect(), p, 'a'), redisHolders(connect(), p, 'b')];
    closing.push(() => a.close(), () => b.close());
    const entry = { id: 'w1', roomId: 'r', resumeKeyHash: 'k1', name: 'Ada', since: T, clientKey: '10.0.0.1', expiresAt: T + 900 };
    await store.addWaiting(entry);
    await a.hold('w1');
    // The guest resumed on B before A heard its old connection close.
    await b.hold('w1');
    await a.drop('w1', T + 5);
    expect(await store.getWaiting('w1')).toStrictEqual(entry);
    await b.drop('w1', T + 5);
    expect((await store.getWaiting('w1'))?.goneAt).toBe(T + 5);
  });

  it('the waits of an instance that stopped are found once its key runs out; a live instance\'s are not, and ended waits\' holds go', async () => {
    const p = prefix();
    const store = redisLobbyStore(connect(), { prefix: p, roomExists: async () => true });
    const dying = connect();
    const dead = redisHolders(dying, p, 'dead', 300);
    const live = redisHolders(connect(), p, 'live', 300);
    closing.push(() => live.close(), () => dead.close());
    const waiting = (id: string) => ({ id, roomId: 'r', resumeKeyHash: `k-${id}`, name: id, since: T, clientKey: '10.0.0.1', expiresAt: T + 900 });
    for (const id of ['orphan', 'kept', 'ended']) await store.addWaiting(waiting(id));
    await dead.hold('orphan');
    await live.hold('kept');
    await live.hold('ended');
    await store.takeWaiting('ended');
    dying.disconnect();
    expect(await live.markOrphans(T + 60)).toBe(0);
    await vi.waitFor(async () => expect(await live.markOrphans(T + 60)).toBe(1), { timeout: 3000, interval: 100 });
    expect((await store.getWaiting('orphan'))?.goneAt).toBe(T + 60);
    expect((await store.getWaiting('kept'))?.goneAt).toBeUndefined();
    expect(await live.markOrphans(T + 90)).toBe(0);
    expect(await connect().hkeys(`${p}holders`)).toEqual(['kept']);
  });

  it('a message published by one instance reaches every instance, the publisher too', async () => {
    const channel = `${prefix()}events`;
    const heard: Record<string, LobbyBusMessage[]> = { a: [], b: [] };
    const a = redisBus(connect(), connect(), channel, (err) => { throw err; });
    const b = redisBus(connect(), connect(), channel, (err) => { throw err; });
    await a.subscribe((m) => void heard.a!.push(m));
    await b.subscribe((m) => void heard.b!.push(m));
    const message: LobbyBusMessage = { type: 'replaced', roomId: 'r', entryId: 'e', by: 'a' };
    await a.publish(message);
    await vi.waitFor(() => expect(heard).toEqual({ a: [message], b: [message] }));
  });
});
