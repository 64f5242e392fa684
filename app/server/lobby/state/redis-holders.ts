/**
 * Who holds each waiting guest's connection, in Redis: `holders` maps a waiting entry's id to an
 * instance, and each live instance keeps `instance:<id>` alive with a heartbeat. An instance that dies
 * stops; once its key runs out, any instance's sweep gives the waits it held a grace period to come
 * back (the guest's client resumes on another instance), in one script with the waiting entries.
 */
import type { Redis } from 'ioredis';
import type { GuestHolders } from './lobby-state.ts';

/** Marks the wait gone, and lets the hold go, only if this instance still holds the guest. */
const DROP = `
local p, id = ARGV[1], ARGV[2]
if redis.call('HGET', p .. 'holders', id) ~= ARGV[3] then return 0 end
redis.call('HDEL', p .. 'holders', id)
if redis.call('EXISTS', p .. 'w:' .. id) == 0 then return 0 end
redis.call('HSET', p .. 'w:' .. id, 'goneAt', ARGV[4])
redis.call('ZADD', p .. 'gone', ARGV[4], id)
return 1`;

/** Holds of stopped instances go; their waits, if still there and connected, get goneAt. Holds of ended waits go too. */
const MARK_ORPHANS = `
local p, goneAt = ARGV[1], ARGV[2]
local holds = redis.call('HGETALL', p .. 'holders')
local alive, marked = {}, 0
for i = 1, #holds, 2 do
  local id, holder = holds[i], holds[i + 1]
  if alive[holder] == nil then alive[holder] = redis.call('EXISTS', p .. 'instance:' .. holder) == 1 end
  local waiting = redis.call('EXISTS', p .. 'w:' .. id) == 1
  if not waiting then
    redis.call('HDEL', p .. 'holders', id)
  elseif not alive[holder] then
    redis.call('HDEL', p .. 'holders', id)
    if redis.call('HEXISTS', p .. 'w:' .. id, 'goneAt') == 0 then
      redis.call('HSET', p .. 'w:' .. id, 'goneAt', goneAt)
      redis.call('ZADD', p .. 'gone', goneAt, id)
      marked = marked + 1
    end
  end
end
return marked`;

export interface RedisHolders extends GuestHolders {
  /** Stops the heartbeat: once the instance's key runs out, the waits it still holds are found. */
  close(): Promise<void>;
}

/** `prefix`: the lobby store's (the script marks its entries). `ttlMs`: how long the instance counts as alive without a heartbeat. */
export function redisHolders(redis: Redis, prefix: string, instanceId: string, ttlMs = 30_000, onError: (err: unknown) => void = () => {}): RedisHolders {
  const alive = () => redis.set(`${prefix}instance:${instanceId}`, '1', 'PX', ttlMs);
  alive().catch(onError);
  const heartbeat = setInterval(() => void alive().catch(onError), Math.max(1, Math.floor(ttlMs / 3)));
  heartbeat.unref();
  return {
    async hold(entryId) {
      await redis.hset(`${prefix}holders`, entryId, instanceId);
    },
    async drop(entryId, goneAt) {
      await redis.eval(DROP, 0, prefix, entryId, instanceId, goneAt);
    },
    markOrphans: async (goneAt) => (await redis.eval(MARK_ORPHANS, 0, prefix, goneAt)) as number,
    async ended(entryIds) {
      if (entryIds.length === 0) return new Set();
      const pipeline = redis.pipeline();
      for (const id of entryIds) pipeline.exists(`${prefix}w:${id}`);
      const answers = (await pipeline.exec()) ?? [];
      return new Set(entryIds.filter((_, i) => {
        const [err, exists] = answers[i] ?? [new Error('no answer from Redis')];
        if (err) throw err;
        return exists === 0;
      }));
    },
    async close() {
      clearInterval(heartbeat);
    },
  };
}
