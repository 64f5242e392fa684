/** Which lobby state a deployment runs on, from its configuration. */
import type { AppContext } from '../../context.ts';
import type { SharedRedis } from '../../redis/connect.ts';
import type { LobbyLimits } from '../lobby.ts';
import type { LobbyState } from './lobby-state.ts';
import { memoryLobbyState } from './memory-state.ts';
import { redisLobbyState } from './redis-state.ts';

/** Every key and the event channel start with this, so Foyer can share a Redis with other programs. */
export const REDIS_PREFIX = 'foyer:';

/**
 * Shared through `redis` (FOYER_REDIS_URL) with every control plane on it, or, without it, in this
 * process over the store's records (one control plane, as by default).
 */
export function lobbyStateFor(ctx: AppContext, limits: LobbyLimits, redis: SharedRedis | undefined, onError: (err: unknown, what: string) => void): LobbyState {
  const knocks = { max: limits.knocksPerWindow, windowSeconds: limits.knockWindowSeconds };
  if (!redis) return memoryLobbyState(ctx.store.lobby, knocks);
  return redisLobbyState(redis, {
    prefix: REDIS_PREFIX,
    roomExists: async (roomId) => (await ctx.store.roomById(roomId)) !== null,
    caps: { maxWaiting: limits.maxWaiting, maxWaitingPerClient: limits.maxWaitingPerClient },
    knocks,
    // A thread lasts as long as its wait can: the longest wait, plus a restart's grace to come back.
    threadTtlSeconds: limits.maxWaitSeconds + limits.restartGraceSeconds,
    onError,
  });
}
