/**
 * The wrong-API-key throttle's memory in Redis (FOYER_REDIS_URL): one sliding window of failures per client
 * address, whichever control plane the guesses reach, so N instances do not give N times the guesses.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AuthFailureLog } from '../http/api-key-auth.ts';

/** Drops failures older than the window; with `max` or more left, the time of the one whose ageing frees the client. */
const FREEING_AT = `
local key, now, window, max = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if n < max then return false end
return redis.call('ZRANGE', key, n - max, n - max, 'WITHSCORES')[2]`;

/** Records one failure, keeping only the last `max` (older ones never decide anything) for a window. */
const RECORD = `
local key, now, window, max = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZADD', key, now, ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local n = redis.call('ZCARD', key)
if n > max then redis.call('ZREMRANGEBYRANK', key, 0, n - max - 1) end
redis.call('EXPIRE', key, math.ceil(window))
return n`;

/**
 * `max` wrong keys per client in `windowSeconds`, counted in Redis. When Redis does not answer, the throttle
 * lets requests through (as the shared rate limits do) and `onError` hears of it: the API key itself stays
 * the defence (at least 256 bits).
 */
export function redisAuthFailures(redis: Redis, prefix: string, max: number, onError: (err: unknown) => void, windowSeconds = 60): AuthFailureLog {
  const key = (client: string) => `${prefix}auth-failures:${client}`;
  return {
    async retryAfter(client, now) {
      try {
        const freeing = (await redis.eval(FREEING_AT, 1, key(client), now, windowSeconds, max)) as string | null;
        return freeing === null ? 0 : Math.max(1, Math.ceil(Number(freeing) + windowSeconds - now));
      } catch (err) {
        onError(err);
        return 0;
      }
    },
    async recordFailure(client, now) {
      try {
        // Unique, so two failures in the same instant both count.
        await redis.eval(RECORD, 1, key(client), now, windowSeconds, max, `${now}:${randomBytes(6).toString('base64url')}`);
      } catch (err) {
        onError(err);
      }
    },
  };
}
