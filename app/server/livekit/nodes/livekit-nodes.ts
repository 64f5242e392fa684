/**
 * The LiveKit nodes as the control plane sees them: each checked often (LiveKit answers `GET /` with
 * 200 when it is up and its stats are fresh), so joins and room-service calls go to a live one. Each
 * call has its node, picked by rendezvous hashing of the room over the live nodes: everyone joining a
 * call meets on one node (the call is hosted there too: the room is opened on it), every control
 * plane picks the same one, calls spread over the nodes, and a node's death moves only its own calls.
 * A node that is gone (refuses connections, asked twice one interval apart: one refusal may be a blip)
 * is reported at once (`onGone`), so its calls can move before LiveKit itself notices.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LivekitNode } from './node-list.ts';

/** A node with what the control plane knows of it now. */
export interface NodeState extends LivekitNode {
  /** Answered its last health check (optimistic until the first one). */
  live: boolean;
  /** LiveKit's own id of the node (from its metrics), while it is up; a restart gives a new one. */
  nodeId?: string;
}

/**
 * A health check's answer. `refused`: nothing listens there (the process is gone), so its calls can
 * move at once. `silent`: no answer in time, or not ready; the node may still be hosting calls
 * (overloaded, or cut off from the control plane only), so LiveKit decides when its calls move.
 */
export type NodeHealth = 'up' | 'refused' | 'silent';

export interface NodeProbes {
  health(node: LivekitNode, timeoutMs: number): Promise<NodeHealth>;
  /** LiveKit's id of the node, when it has a metrics URL; undefined when it cannot be read. */
  nodeId(node: LivekitNode, timeoutMs: number): Promise<string | undefined>;
}

export interface LivekitNodesOptions {
  /** How often every node is checked (default 500 ms). */
  everyMs?: number;
  /** How long one check may take before the node counts as down (default 1000 ms). */
  timeoutMs?: number;
  probes?: NodeProbes;
  /**
   * A node is gone (it refused two health checks in a row); `nodeId` is its LiveKit id when known and
   * reported by no other configured node. Runs before joins move on; errors are reported to `say`.
   */
  onGone?: (node: NodeState, nodeId: string | undefined) => Promise<void>;
  say?: (line: string) => void;
}

export const DEFAULT_CHECK_EVERY_MS = 500;
export const DEFAULT_CHECK_TIMEOUT_MS = 1000;

/** The real checks: LiveKit's health answer, and the `node_id` label of its Prometheus metrics. */
export const httpProbes: NodeProbes = {
  async health(node, timeoutMs) {
    try {
      const res = await fetch(`${node.apiUrl}/`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      return res.status === 200 ? 'up' : 'silent';
    } catch (err) {
      return (err as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED' ? 'refused' : 'silent';
    }
  },
  async nodeId(node, timeoutMs) {
    if (!node.metricsUrl) return undefined;
    try {
      const res = await fetch(node.metricsUrl, { signal: AbortSignal.timeout(timeoutMs) });
      return /node_id="([^"]+)"/.exec(await res.text())?.[1];
    } catch {
      return undefined;
    }
  },
};

export class LivekitNodes {
  readonly nodes: NodeState[];
  private readonly everyMs: number;
  private readonly timeoutMs: number;
  private readonly probes: NodeProbes;
  private timer: NodeJS.Timeout | undefined;
  /** Per node, the check under way: a second one waits for it rather than racing it. */
  private readonly checking = new Map<NodeState, Promise<void>>();
  /**
   * LiveKit ids two configured nodes reported (one has the other's metrics URL): never taken out of
   * LiveKit's Redis, as the node that really has the id may be alive.
   */
  private readonly sharedIds = new Set<string>();

  constructor(nodes: readonly LivekitNode[], private readonly opts: LivekitNodesOptions = {}) {
    if (nodes.length === 0) throw new Error('LivekitNodes needs at least one node');
    this.nodes = nodes.map((n) => ({ ...n, live: true }));
    this.everyMs = opts.everyMs ?? DEFAULT_CHECK_EVERY_MS;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    this.probes = opts.probes ?? httpProbes;
  }

  /** Checks every node once, then keeps checking until `stop()`. */
  async start(): Promise<void> {
    await this.checkAll();
    this.timer = setInterval(() => void this.checkAll(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A live node for what concerns no call in particular: the first live one (the first of all when none is). */
  current(): NodeState {
    return this.nodes.find((n) => n.live) ?? this.nodes[0]!;
  }

  /** This call's node: of the live nodes (all of them when none is), the one scoring highest for the room. */
  forRoom(roomId: string): NodeState {
    const live = this.nodes.filter((n) => n.live);
    const candidates = live.length > 0 ? live : this.nodes;
    let best = candidates[0]!;
    let bestScore = -1;
    for (const node of candidates) {
      const score = createHash('sha256').update(`${roomId}\0${node.apiUrl}`).digest().readUInt32BE(0);
      if (score > bestScore) [best, bestScore] = [node, score];
    }
    return best;
  }

  /** A call to this node just failed to reach it: check it now rather than at the next round. */
  async suspect(node: Pick<LivekitNode, 'apiUrl'>): Promise<void> {
    const state = this.nodes.find((n) => n.apiUrl === node.apiUrl);
    if (state) await this.check(state);
  }

  private async checkAll(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.check(n)));
  }

  private check(node: NodeState): Promise<void> {
    const running = this.checking.get(node);
    if (running) return running;
    const check = this.checkOnce(node).finally(() => this.checking.delete(node));
    this.checking.set(node, check);
    return check;
  }

  private async checkOnce(node: NodeState): Promise<void> {
    let health = await this.probes.health(node, this.timeoutMs);
    if (health === 'refused' && node.live) {
      // One refusal may be a blip: asked again one interval later, and only a second refusal in a row
      // takes the node out (a check meanwhile waits for this one).
      await sleep(this.everyMs, undefined, { ref: false });
      health = await this.probes.health(node, this.timeoutMs);
    }
    if (health === 'up') {
      // Learnt while up, so a death can be acted on at once; a restarted node has a new id.
      if (!node.live || node.nodeId === undefined) this.learnId(node, await this.probes.nodeId(node, this.timeoutMs));
      if (!node.live) this.say(`LiveKit node ${node.publicUrl} is back`);
      node.live = true;
      return;
    }
    if (!node.live) return;
    // Gone: taken out of LiveKit's Redis before joins move on, so a join on another node is not
    // routed back to this one by its rooms' old placement. Silent: new joins go elsewhere, but its
    // calls stay where they are (it may be alive, only slow or cut off from here).
    if (health === 'refused') {
      const nodeId = node.nodeId !== undefined && !this.sharedIds.has(node.nodeId) ? node.nodeId : undefined;
      await this.opts.onGone?.(node, nodeId).catch((err: Error) => this.say(`Could not take LiveKit node ${node.publicUrl} out of the cluster: ${err.message}`));
    }
    node.live = false;
    node.nodeId = undefined;
    const next = this.current();
    this.say(`LiveKit node ${node.publicUrl} ${health === 'refused' ? 'is gone (connection refused twice in a row)' : 'does not answer'}; joins go to ${next.live ? next.publicUrl : 'no live node'}`);
  }

  /** The node's LiveKit id; another configured node reporting it too means a wrong metrics URL, said loudly. */
  private learnId(node: NodeState, nodeId: string | undefined): void {
    node.nodeId = nodeId;
    const other = nodeId === undefined ? undefined : this.nodes.find((n) => n !== node && n.nodeId === nodeId);
    if (!other || nodeId === undefined) return;
    this.sharedIds.add(nodeId);
    this.say(
      `Warning: LiveKit nodes ${other.publicUrl} and ${node.publicUrl} both report LiveKit node id ${nodeId}: one of them has the other's metrics URL ` +
        `(check FOYER_LIVEKIT_NODES); that id is never taken out of LiveKit's Redis when one of them dies`,
    );
  }

  private say(line: string) {
    (this.opts.say ?? console.log)(line);
  }
}
