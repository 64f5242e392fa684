/** The lobby's state in this process only: one control plane, as Foyer runs by default. */
import { randomUUID } from 'node:crypto';
import type { LobbyMessage } from '../../../shared/lobby.ts';
import type { LobbyStore } from '../../store/lobby-store.ts';
import { KnockRateLimiter } from '../knock-rate-limit.ts';
import type { GuestHolders, KnockBudget, LobbyBus, LobbyBusMessage, LobbyState, OwnerPresence, Threads } from './lobby-state.ts';

export function memoryKnockBudget(max: number, windowSeconds: number): KnockBudget {
  const limiter = new KnockRateLimiter(max, windowSeconds);
  return { allow: async (client, now) => limiter.allow(client, now), prune: async (now) => limiter.prune(now) };
}

/** Owners on the channel, counted per room. */
export function memoryPresence(): OwnerPresence {
  const owners = new Map<string, number>();
  return {
    async join(roomId) {
      const before = owners.get(roomId) ?? 0;
      owners.set(roomId, before + 1);
      return before === 0;
    },
    async leave(roomId) {
      const left = (owners.get(roomId) ?? 1) - 1;
      if (left > 0) owners.set(roomId, left);
      else owners.delete(roomId);
      return left === 0;
    },
    present: async (roomId) => (owners.get(roomId) ?? 0) > 0,
  };
}

export function memoryThreads(): Threads {
  const threads = new Map<string, LobbyMessage[]>();
  return {
    get: async (entryId) => threads.get(entryId) ?? [],
    async getMany(entryIds) {
      const found = new Map<string, LobbyMessage[]>();
      for (const id of entryIds) {
        const thread = threads.get(id);
        if (thread) found.set(id, thread);
      }
      return found;
    },
    async add(entryId, message, keep) {
      const thread = [...(threads.get(entryId) ?? []), message].slice(-keep);
      threads.set(entryId, thread);
      return thread;
    },
    async delete(entryId) {
      threads.delete(entryId);
    },
  };
}

/** Delivers at once, before `publish` resolves: the one instance is every instance. */
export function memoryBus(): LobbyBus {
  let deliver: ((message: LobbyBusMessage) => Promise<void> | void) | undefined;
  return {
    async publish(message) {
      await deliver?.(message);
    },
    async subscribe(handler) {
      deliver = handler;
    },
  };
}

/** One instance holds every connection: there is never another's to find (a restart recovers them all). */
export function loneHolders(store: LobbyStore): GuestHolders {
  return {
    hold: async () => {},
    drop: (entryId, goneAt) => store.setGoneAt(entryId, goneAt),
    markOrphans: async () => 0,
    ended: async (entryIds) => new Set((await Promise.all(entryIds.map(async (id) => ((await store.getWaiting(id)) ? [] : [id])))).flat()),
  };
}

/** Everything in memory except the records, which stay in `store` (so a restart loses nobody's place). */
export function memoryLobbyState(store: LobbyStore, knocks: { max: number; windowSeconds: number }): LobbyState {
  return {
    instanceId: randomUUID(),
    shared: false,
    store,
    knocks: memoryKnockBudget(knocks.max, knocks.windowSeconds),
    presence: memoryPresence(),
    threads: memoryThreads(),
    holders: loneHolders(store),
    bus: memoryBus(),
    close: async () => {},
  };
}
