/** Waiting guests' threads in Redis: a list per waiting entry, gone on its own once the wait could not last longer. */
import type { Redis } from 'ioredis';
import type { LobbyMessage } from '../../../shared/lobby.ts';
import type { Threads } from './lobby-state.ts';

export function redisThreads(redis: Redis, prefix: string, ttlSeconds: number): Threads {
  const key = (entryId: string) => `${prefix}thread:${entryId}`;
  const parse = (lines: string[]) => lines.map((line) => JSON.parse(line) as LobbyMessage);
  return {
    get: async (entryId) => parse(await redis.lrange(key(entryId), 0, -1)),
    async getMany(entryIds) {
      const found = new Map<string, LobbyMessage[]>();
      if (entryIds.length === 0) return found;
      const pipeline = redis.pipeline();
      for (const id of entryIds) pipeline.lrange(key(id), 0, -1);
      const answers = (await pipeline.exec()) ?? [];
      answers.forEach(([err, lines], i) => {
        if (err) throw err;
        if ((lines as string[]).length > 0) found.set(entryIds[i]!, parse(lines as string[]));
      });
      return found;
    },
    async add(entryId, message, keep) {
      const answers = await redis.multi().rpush(key(entryId), JSON.stringify(message)).ltrim(key(entryId), -keep, -1).expire(key(entryId), ttlSeconds).lrange(key(entryId), 0, -1).exec();
      const [err, lines] = answers?.at(-1) ?? [new Error('the thread could not be read back')];
      if (err) throw err;
      return parse(lines as string[]);
    },
    async delete(entryId) {
      await redis.del(key(entryId));
    },
  };
}
