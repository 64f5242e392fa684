/** The lobby's state in Redis, shared by every control plane on the same Redis (FOYER_REDIS_URL). */
import { randomUUID } from 'node:crypto';
import type { SharedRedis } from '../../redis/connect.ts';
import type { WaitingCaps } from '../waiting-caps.ts';
import type { LobbyState } from './lobby-state.ts';
import { redisBus } from './redis-bus.ts';
import { redisHolders } from './redis-holders.ts';
import { redisKnockBudget } from './redis-knocks.ts';
import { redisLobbyStore } from './redis-lobby-store.ts';
import { redisPresence } from './redis-presence.ts';
import { redisThreads } from './redis-threads.ts';

export interface RedisLobbyStateOptions {
  /** Prepended to every key and to the channel (several deployments, or tests, on one Redis). */
  prefix: string;
  /** Whether a room still exists (the store of rooms answers). */
  roomExists(roomId: string): Promise<boolean>;
  /** Checked in one step with each knock's add, across instances. */
  caps: WaitingCaps;
  knocks: { max: number; windowSeconds: number };
  /** How long a thread outlives its last line: at least the longest a wait can last. */
  threadTtlSeconds: number;
  /** How long an instance's owner presence, and the instance itself, count as alive without a heartbeat. */
  presenceTtlMs?: number;
  onError(err: unknown, what: string): void;
}

export function redisLobbyState(redis: SharedRedis, options: RedisLobbyStateOptions): LobbyState {
  const { prefix, onError } = options;
  const instanceId = randomUUID();
  const presence = redisPresence(redis.commands, prefix, instanceId, options.presenceTtlMs, (err) => onError(err, 'could not refresh owner presence in Redis'));
  const holders = redisHolders(redis.commands, prefix, instanceId, options.presenceTtlMs, (err) => onError(err, 'could not tell Redis this instance is alive'));
  return {
    instanceId,
    shared: true,
    store: redisLobbyStore(redis.commands, { prefix, roomExists: options.roomExists, caps: options.caps }),
    knocks: redisKnockBudget(redis.commands, prefix, options.knocks.max, options.knocks.windowSeconds),
    presence,
    threads: redisThreads(redis.commands, prefix, options.threadTtlSeconds),
    holders,
    bus: redisBus(redis.commands, redis.events, `${prefix}lobby-events`, (err) => onError(err, 'a lobby event could not be delivered')),
    async close() {
      await holders.close();
      await presence.close();
    },
  };
}
