/**
 * Two real LiveKit nodes on one real Redis (LiveKit's distributed mode), and the control plane's view
 * of them: a call opened through the gateway is hosted on its node; when that node is killed,
 * how long until the call can be opened again on the other node — with the control plane taking the
 * dead node out of LiveKit's Redis, and (for comparison) with LiveKit left to notice by itself.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RunningService } from '../../testing/services.ts';
import { livekitGateway } from '../gateway.ts';
import { redisNodeForgetter, type NodeForgetter } from './forget-node.ts';
import { LivekitNodes } from './livekit-nodes.ts';
import { spawnClusterNode, type ClusterNode } from './spawn-node.ts';

const KEYS = { apiKey: 'foyer_cluster_itest', apiSecret: 'cluster-itest-secret-long-enough-for-livekit-0123456789' };

let redis: RunningService;
let client: Redis;
const running: ClusterNode[] = [];

beforeAll(async () => {
  redis = await startRedis(6480);
  client = new Redis(redis.url);
});

afterAll(async () => {
  for (const node of running.splice(0)) await node.stop();
  client?.disconnect();
  await redis?.stop();
});

async function cluster(base: number, udpBase: number): Promise<ClusterNode[]> {
  const nodes = await Promise.all([0, 1].map((i) => spawnClusterNode({ port: base + 10 * i, udpStart: udpBase + 50 * i, udpEnd: udpBase + 50 * i + 40, redisUrl: redis.url, keys: KEYS })));
  running.push(...nodes);
  return nodes;
}

/** Opens the call until it works, and answers how long that took and where the call is hosted. */
async function reopenAfter(killedAt: number, open: () => Promise<void>, room: string): Promise<{ ms: number; host: string | null }> {
  for (;;) {
    try {
      await open();
      return { ms: Date.now() - killedAt, host: await client.hget('room_node_map', room) };
    } catch {
      if (Date.now() - killedAt > 30_000) throw new Error('the call could not be opened again within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The call's node (where the gateway opens it and sends people) and the other one. */
function hostAndOther(nodes: LivekitNodes, spawned: ClusterNode[], room: string): [ClusterNode, ClusterNode] {
  const host = spawned.find((n) => n.apiUrl === nodes.forRoom(room).apiUrl)!;
  return [host, spawned.find((n) => n !== host)!];
}

describe('a LiveKit cluster losing the node that hosts a call', () => {
  it('with the control plane forgetting the dead node, the call opens on the live node at once', async () => {
    const spawned = await cluster(8600, 52800);
    let forgetter: NodeForgetter | undefined = redisNodeForgetter(redis.url);
    const nodes = new LivekitNodes(spawned, { say: () => {}, onGone: async (_n, id) => void (id && (await forgetter!.forget(id))) });
    await nodes.start();
    const [host, other] = hostAndOther(nodes, spawned, 'failover');
    const idOf = (n: ClusterNode) => nodes.nodes.find((s) => s.apiUrl === n.apiUrl)!.nodeId;
    const [hostId, otherId] = [idOf(host), idOf(other)];
    expect(hostId).toMatch(/^ND_/);
    expect(otherId).toMatch(/^ND_/);
    const gateway = livekitGateway({ url: 'ws://unused', publicUrl: '', ...KEYS, timeoutMs: 2000, nodes });
    expect(gateway.joinUrl('failover')).toBe(host.publicUrl);
    await gateway.openRoom('failover', { maxParticipants: 10 });
    expect(await client.hget('room_node_map', 'failover')).toBe(hostId);

    const killedAt = Date.now();
    await host.kill();
    const { ms, host: nowOn } = await reopenAfter(killedAt, () => gateway.openRoom('failover', { maxParticipants: 10 }), 'failover');
    console.log(`[cluster] call opened again on the live node ${ms} ms after its host was killed (control plane forgets the dead node)`);
    expect(nowOn).toBe(otherId);
    expect(gateway.joinUrl('failover')).toBe(other.publicUrl);
    expect(await client.hexists('nodes', hostId!)).toBe(0);
    expect(ms).toBeLessThan(2500);
    nodes.stop();
    await forgetter.close();
    forgetter = undefined;
  });

  it('for comparison: left to LiveKit alone, the call stays routed to the dead node for seconds', async () => {
    const spawned = await cluster(8620, 52900);
    const nodes = new LivekitNodes(spawned, { say: () => {} });
    await nodes.start();
    const [host, other] = hostAndOther(nodes, spawned, 'alone');
    const idOf = (n: ClusterNode) => nodes.nodes.find((s) => s.apiUrl === n.apiUrl)!.nodeId;
    const otherId = idOf(other);
    const gateway = livekitGateway({ url: 'ws://unused', publicUrl: '', ...KEYS, timeoutMs: 1000, nodes });
    await gateway.openRoom('alone', { maxParticipants: 10 });
    expect(await client.hget('room_node_map', 'alone')).toBe(idOf(host));
    const killedAt = Date.now();
    await host.kill();
    const { ms, host: nowOn } = await reopenAfter(killedAt, () => gateway.openRoom('alone', { maxParticipants: 10 }), 'alone');
    console.log(`[cluster] call opened again on the live node ${ms} ms after its host was killed (LiveKit alone)`);
    expect(nowOn).toBe(otherId);
    // LiveKit's own AvailableSeconds (5 s) with stats every 2 s.
    expect(ms).toBeGreaterThan(3000);
    nodes.stop();
  });
});
