/**
 * Takes a dead LiveKit node out of LiveKit's own Redis, the way LiveKit's `RemoveDeadNodes` does, but
 * as soon as the control plane sees it dead. LiveKit (v1.13, `routing/selector.IsAvailable`) keeps a
 * node that stopped updating its stats as the host of its rooms for 5 more seconds (a hard-coded
 * `AvailableSeconds`; stats come every 2 s, so 5–7 s), and every join or room-service call for those
 * rooms is routed to the dead node until then. With the node gone from the `nodes` hash, the next
 * `CreateRoom` finds no host (`GetNode` → not found) and places the room on a live node at once.
 */
import { Redis } from 'ioredis';

/** LiveKit's Redis keys (routing/redisrouter.go): node id → Node, and room name → node id. */
const NODES_KEY = 'nodes';
const ROOM_NODE_KEY = 'room_node_map';

// Reads the whole room → node map (HGETALL) on every forget: a few entries per call, and a forget only
// when a node dies, so fine at this scale; a map of many thousands of rooms would want an index per node.
const FORGET_SCRIPT = `
redis.call('HDEL', KEYS[1], ARGV[1])
local placements = redis.call('HGETALL', KEYS[2])
for i = 1, #placements, 2 do
  if placements[i + 1] == ARGV[1] then redis.call('HDEL', KEYS[2], placements[i]) end
end
return 1`;

export interface NodeForgetter {
  forget(nodeId: string): Promise<void>;
  close(): Promise<void>;
}

export function redisNodeForgetter(redisUrl: string): NodeForgetter {
  // Connected from the start, so a failover does not wait for a connection; a Redis that is down fails
  // the forget after one retry (reported by the caller) rather than holding joins back.
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 });
  // Connection errors surface on the commands; the client reconnects by itself.
  redis.on('error', () => {});
  return {
    async forget(nodeId) {
      // The node and its room placements, in one script: a room placed anew meanwhile keeps its new node.
      await redis.eval(FORGET_SCRIPT, 2, NODES_KEY, ROOM_NODE_KEY, nodeId);
    },
    async close() {
      redis.disconnect();
    },
  };
}
