/**
 * With FOYER_REDIS_URL, the HTTP rate limits count across control planes: a budget spent on A is spent
 * on B. Two apps over one store and one real Redis; requests through `inject` from a given address.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { buildApp } from '../http/app.ts';
import { callEndingRoomEvents } from '../rooms/call-ending-room-events.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import { fakeLivekit } from '../testing/fake-livekit.ts';
import { startRedis, type RunningService } from '../testing/services.ts';
import { TEST_API_KEY, TEST_DOMAIN_ID } from '../testing/test-app.ts';

let redis: RunningService;
const store = openSqliteStore(':memory:');
let a: FastifyInstance;
let b: FastifyInstance;

async function controlPlane(): Promise<FastifyInstance> {
  const livekit = fakeLivekit();
  const config = loadConfig({
    FOYER_WEB_DIR: '/nonexistent',
    FOYER_PUBLIC_URL: 'http://127.0.0.1:3000',
    FOYER_REDIS_URL: redis.url,
    FOYER_CLIENT_REQUESTS_PER_10S: '3',
    FOYER_API_REQUESTS_PER_5S: '3',
    FOYER_AUTH_FAILURES_PER_MINUTE: '3',
  } as NodeJS.ProcessEnv);
  const deployment = { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID, domainName: '127.0.0.1' };
  const app = await buildApp({ config, store, livekit, deployment, now: () => Date.now() / 1000 }, { roomEvents: callEndingRoomEvents(livekit), lobbySweepEveryMs: 0 });
  await app.ready();
  return app;
}

beforeAll(async () => {
  redis = await startRedis(6395);
  [a, b] = [await controlPlane(), await controlPlane()];
});
afterAll(async () => {
  await a.close();
  await b.close();
  await store.close();
  await redis.stop();
});

describe('rate limits shared through Redis', () => {
  it('the client API budget of an address: 3 requests through A, the 4th through B is refused', async () => {
    const preauth = (app: FastifyInstance, remoteAddress: string) => app.inject({ method: 'POST', url: '/api/rooms/nowhere/preauth', payload: {}, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await preauth(a, '10.0.0.5')).statusCode).not.toBe(429);
    const refused = await preauth(b, '10.0.0.5');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'rate-limit-error' });
    // Another address has its own budget.
    expect((await preauth(b, '10.0.0.6')).statusCode).not.toBe(429);
  });

  it('the REST API budget of a key: 3 requests through A, the 4th through B is refused', async () => {
    const v1 = (app: FastifyInstance) => app.inject({ method: 'GET', url: '/v1', headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    for (let i = 0; i < 3; i++) expect((await v1(a)).statusCode).toBe(200);
    const refused = await v1(b);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
  });

  it('the wrong-key throttle of an address: 3 wrong keys through A, then even the right key through B is refused', async () => {
    const v1 = (app: FastifyInstance, key: string, remoteAddress: string) => app.inject({ method: 'GET', url: '/v1', headers: { authorization: `Bearer ${key}` }, remoteAddress });
    for (let i = 0; i < 3; i++) expect((await v1(a, `wrong-${i}`, '10.0.0.7')).statusCode).toBe(401);
    const refused = await v1(b, TEST_API_KEY, '10.0.0.7');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: 'rate-limit-error', info: expect.stringContaining('too many wrong API keys from this address') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address guessed nothing: its wrong key is just wrong (the right key's own budget is spent above).
    expect((await v1(b, 'wrong-elsewhere', '10.0.0.8')).statusCode).toBe(401);
  });

  it('keeps no API key in Redis, guessed or right: only addresses and times', async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url);
    const keys = await client.keys('*');
    const values = await Promise.all(keys.filter((k) => k.includes('auth-failures')).map((k) => client.zrange(k, 0, -1)));
    client.disconnect();
    expect(keys.some((k) => k.includes('auth-failures:10.0.0.7'))).toBe(true);
    expect(JSON.stringify([keys, values])).not.toMatch(/wrong-|itest_|TEST/);
  });
});
