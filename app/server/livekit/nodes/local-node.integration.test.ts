/**
 * Foyer's own LiveKit as one node of a cluster (what `npm run start:cluster` runs per control plane):
 * it joins the cluster's Redis, says its node id on its metrics port, takes the keys kept in the store
 * (the same after a restart), and the control plane sends joins to it as a listed node.
 */
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../../testing/server-process.ts';
import { startRedis, type RunningService } from '../../testing/services.ts';

const LIVEKIT_PORT = 8640;
const METRICS_PORT = LIVEKIT_PORT + 2;

let redis: RunningService;
let client: Redis;
let server: ServerProcess | undefined;

beforeAll(async () => {
  redis = await startRedis(6481);
  client = new Redis(redis.url);
});

afterAll(async () => {
  if (server) {
    await server.stop();
    removeDataDir(server.dataDir);
  }
  client?.disconnect();
  await redis?.stop();
});

const start = (dataDir?: string) =>
  startServerProcess({
    ports: { port: 3640, livekitPort: LIVEKIT_PORT, udpStart: 53600 },
    ...(dataDir ? { dataDir } : {}),
    env: {
      FOYER_LIVEKIT_REDIS_URL: redis.url,
      FOYER_LIVEKIT_METRICS_PORT: String(METRICS_PORT),
      FOYER_LIVEKIT_NODES: `ws://127.0.0.1:${LIVEKIT_PORT}|http://127.0.0.1:${LIVEKIT_PORT}|http://127.0.0.1:${METRICS_PORT}/metrics`,
    },
  });

/** The keys LiveKit runs with, and the ones the store keeps. */
function keys(dataDir: string) {
  const config = JSON.parse(readFileSync(join(dataDir, 'livekit.yaml'), 'utf8')) as { keys: Record<string, string>; redis?: { address: string } };
  const db = new Database(join(dataDir, 'foyer.db'), { readonly: true });
  const stored = (db.prepare('SELECT value FROM settings WHERE key = ?').get('livekit_keys') as { value: string } | undefined)?.value;
  db.close();
  return { running: config.keys, redis: config.redis, stored: stored ? (JSON.parse(stored) as { apiKey: string; apiSecret: string }) : undefined };
}

describe("Foyer's own LiveKit as a node of a cluster", () => {
  it('joins the Redis, takes the stored keys (kept across restarts), and gets the joins', async () => {
    server = await start();
    const nodeId = /node_id="([^"]+)"/.exec(await (await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`)).text())?.[1];
    expect(nodeId).toMatch(/^ND_/);
    expect(await client.hkeys('nodes')).toEqual([nodeId]);
    const first = keys(server.dataDir);
    expect(first.redis).toEqual({ address: `127.0.0.1:${redis.port}` });
    expect(first.stored).toBeDefined();
    expect(first.running).toEqual({ [first.stored!.apiKey]: first.stored!.apiSecret });

    const auth = { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' };
    const room = (await (await fetch(`${server.baseUrl}/v1/rooms`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'clustered' }) })).json()) as { id: string };
    const join = await fetch(`${server.baseUrl}/api/rooms/clustered/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"Ada"}' });
    expect(join.status).toBe(200);
    expect(((await join.json()) as { livekitUrl: string }).livekitUrl).toBe(`ws://127.0.0.1:${LIVEKIT_PORT}`);
    expect(await client.hget('room_node_map', room.id)).toBe(nodeId);

    // A normal stop and a new start: the same keys from the store, so instances and restarts agree.
    expect(await server.stop()).toBe(0);
    const dataDir = server.dataDir;
    server = await start(dataDir);
    expect(keys(dataDir).running).toEqual(first.running);
  });
});
