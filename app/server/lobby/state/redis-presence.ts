/**
 * Owner presence in Redis: per room, a sorted set of the instances with an owner on the lobby channel,
 * each scored with when its claim runs out. A live instance refreshes its claims (the heartbeat); one
 * that dies stops, and its owners stop counting once the claim runs out: never "present" forever.
 */
import type { Redis } from 'ioredis';
import type { OwnerPresence } from './lobby-state.ts';

/** Claims the room for this instance; answers how many live claims there were before. */
const JOIN = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local before = redis.call('ZCARD', KEYS[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return before`;

/** Gives this instance's claim up; answers how many live claims are left. */
const LEAVE = `
redis.call('ZREM', KEYS[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZCARD', KEYS[1])`;

export interface RedisPresence extends OwnerPresence {
  /** Stops the heartbeat and gives up this instance's claims (a clean stop). */
  close(): Promise<void>;
}

/** `ttlMs`: how long a claim lasts without a heartbeat (refreshed every third of it). */
export function redisPresence(redis: Redis, prefix: string, instanceId: string, ttlMs = 30_000, onError: (err: unknown) => void = () => {}): RedisPresence {
  const here = new Map<string, number>();
  const key = (roomId: string) => `${prefix}owners:${roomId}`;
  const claim = (roomId: string) => redis.eval(JOIN, 1, key(roomId), Date.now(), Date.now() + ttlMs, instanceId, ttlMs * 2) as Promise<number>;
  const heartbeat = setInterval(() => {
    for (const roomId of here.keys()) claim(roomId).catch(onError);
  }, Math.max(1, Math.floor(ttlMs / 3)));
  heartbeat.unref();
  return {
    async join(roomId) {
      const before = here.get(roomId) ?? 0;
      here.set(roomId, before + 1);
      const elsewhere = await claim(roomId);
      return before === 0 && elsewhere === 0;
    },
    async leave(roomId) {
      const left = (here.get(roomId) ?? 1) - 1;
      if (left > 0) {
        here.set(roomId, left);
        return false;
      }
      here.delete(roomId);
      return (await redis.eval(LEAVE, 1, key(roomId), Date.now(), instanceId)) === 0;
    },
    async present(roomId) {
      if ((here.get(roomId) ?? 0) > 0) return true;
      return (await redis.zcount(key(roomId), `(${Date.now()}`, '+inf')) > 0;
    },
    async close() {
      clearInterval(heartbeat);
      const rooms = [...here.keys()];
      here.clear();
      await Promise.all(rooms.map((roomId) => redis.zrem(key(roomId), instanceId)));
    },
  };
}
