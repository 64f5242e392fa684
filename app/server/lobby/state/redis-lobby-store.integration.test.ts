/** The lobby part of the store contract (store/contract/lobby.ts), against the Redis lobby store and a real Redis. */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import { describeLobbyContract } from '../../store/contract/lobby.ts';
import { openSqliteStore } from '../../store/sqlite-store.ts';
import { startRedis, type RunningService } from '../../testing/services.ts';
import { redisLobbyStore } from './redis-lobby-store.ts';
import { withLobbyStore } from './with-lobby-store.ts';

let server: RunningService;
let redis: Redis;
beforeAll(async () => {
  server = await startRedis(6391);
  redis = new Redis(server.url);
});
afterAll(async () => {
  await redis.quit();
  await server.stop();
});

describe('the Redis lobby store', () => {
  let n = 0;
  // Rooms (which recover asks about) in SQLite; every test gets its own key prefix, so none sees another's records.
  describeLobbyContract(() => {
    const rooms = openSqliteStore(':memory:');
    return withLobbyStore(rooms, redisLobbyStore(redis, { prefix: `contract-${++n}:`, roomExists: async (id) => (await rooms.roomById(id)) !== null }));
  });
});
