/** Knock budgets in Redis: one sliding window per client address, whichever instance the knocks reach. */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { KnockBudget } from './lobby-state.ts';

/** Drops the knocks that left the window, then records this one if fewer than the budget remain. */
const TAKE = `
local key, now, window, max = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= max then return 0 end
redis.call('ZADD', key, now, ARGV[4])
redis.call('EXPIRE', key, math.ceil(window))
return 1`;

export function redisKnockBudget(redis: Redis, prefix: string, max: number, windowSeconds: number): KnockBudget {
  return {
    async allow(client, now) {
      // Unique, so two knocks in the same instant both count.
      const knock = `${now}:${randomBytes(6).toString('base64url')}`;
      return (await redis.eval(TAKE, 1, `${prefix}knocks:${client}`, now, windowSeconds, max, knock)) === 1;
    },
    // Each client's window expires in Redis by itself.
    prune: async () => {},
  };
}
