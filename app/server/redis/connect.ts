/**
 * Connections to the Redis that several control planes share (FOYER_REDIS_URL): one for commands, one
 * held in subscriber mode for the lobby's events (Redis allows nothing else on it), one for the HTTP
 * rate limits (which should fail fast rather than queue a request behind a reconnect).
 */
import { Redis } from 'ioredis';

export interface SharedRedis {
  readonly commands: Redis;
  readonly events: Redis;
  readonly rateLimits: Redis;
  close(): Promise<void>;
}

/** The URL without its password, for messages and logs. */
export function redactedRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unreadable URL';
  }
}

/**
 * Connects all three, or throws saying where it could not connect (never with the password). Once
 * connected, a lost connection is retried by ioredis; `onError` hears of each failure meanwhile.
 */
export async function connectRedis(url: string, onError: (err: Error) => void = () => {}): Promise<SharedRedis> {
  const open = (options: { maxRetriesPerRequest: number | null; connectTimeout?: number }) => new Redis(url, { lazyConnect: true, ...options }).on('error', onError);
  const commands = open({ maxRetriesPerRequest: null });
  const events = open({ maxRetriesPerRequest: null });
  const rateLimits = open({ maxRetriesPerRequest: 1, connectTimeout: 500 });
  const all = [commands, events, rateLimits];
  try {
    await Promise.all(all.map((r) => r.connect()));
  } catch (err) {
    all.forEach((r) => r.disconnect());
    throw new Error(`could not connect to Redis at ${redactedRedisUrl(url)} (FOYER_REDIS_URL): ${err instanceof Error ? err.message : String(err)}`);
  }
  return {
    commands,
    events,
    rateLimits,
    async close() {
      await Promise.all(all.map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}
