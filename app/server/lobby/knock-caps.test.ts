/**
 * One control plane, knocks at once: the caps hold though the store answers over the network
 * (PostgreSQL), where other knocks run between a knock's count and its add.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { participantSessions, sessionKeyFrom } from '../sessions/participant-session.ts';
import type { LobbyStore } from '../store/lobby-store.ts';
import { fakeSocket } from '../testing/fake-socket.ts';
import { expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { DEFAULT_LOBBY_LIMITS, Lobby } from './lobby.ts';
import { memoryLobbyState } from './state/memory-state.ts';

/** The store, its answers coming back a turn of the event loop later, as over a network. */
function overTheNetwork(store: LobbyStore): LobbyStore {
  const later = () => new Promise<void>((resolve) => setImmediate(resolve));
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await later();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let t: TestApp;
let lobby: Lobby;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await lobby.close();
  await t.close();
});

it.each([
  ['the room\'s cap', { maxWaiting: 3 }, (i: number) => `10.0.1.${i}`, 3, 'lobby-full'],
  ['the per-address cap', { maxWaitingPerClient: 2 }, () => '10.0.2.1', 2, 'too-many-waiting'],
] as const)('knocks at once never pass %s', async (_what, caps, clientKey, allowed, refusal) => {
  const limits = { ...DEFAULT_LOBBY_LIMITS, knocksPerWindow: 100, ...caps };
  const state = memoryLobbyState(overTheNetwork(t.ctx.store.lobby), { max: limits.knocksPerWindow, windowSeconds: limits.knockWindowSeconds });
  lobby = new Lobby(t.ctx, participantSessions(sessionKeyFrom(t.deployment.apiKey)), limits, 0, { state });
  const room = expectOk(await t.api('POST', '/v1/rooms', { name: 'knock', privacy: 'private', properties: { enable_knocking: true } }));
  const guests = Array.from({ length: 8 }, (_, i) => ({ socket: fakeSocket(), clientKey: clientKey(i) }));
  await Promise.all(guests.map((g, i) => lobby.requestAccess(room.name, g, { name: `Guest ${i}` })));
  expect(guests.filter((g) => g.socket.of('waiting').length === 1)).toHaveLength(allowed);
  expect(guests.flatMap((g) => g.socket.of('error').map((e) => e.error))).toEqual(Array(8 - allowed).fill(refusal));
});
