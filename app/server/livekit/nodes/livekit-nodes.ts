/**
 * The LiveKit nodes as the control plane sees them: each checked often (LiveKit answers `GET /` with
 * 200 when it is up and its stats are fresh), so joins and room-service calls go to a live one. The
 * node wanted is the first live one in the configured order: everyone joining a call meets on one
 * node, and the call is hosted there too (the room is opened on it). A node that stops answering is
 * reported at once (`onDown`), so its calls can move before LiveKit itself notices.
 */
import type { LivekitNode } from './node-list.ts';

/** A node with what the control plane knows of it now. */
export interface NodeState extends LivekitNode {
  /** Answered its last health check (optimistic until the first one). */
  live: boolean;
  /** LiveKit's own id of the node (from its metrics), while it is up; a restart gives a new one. */
  nodeId?: string;
}

export interface NodeProbes {
  /** Whether the node answers its health check in time. */
  healthy(node: LivekitNode, timeoutMs: number): Promise<boolean>;
  /** LiveKit's id of the node, when it has a metrics URL; undefined when it cannot be read. */
  nodeId(node: LivekitNode, timeoutMs: number): Promise<string | undefined>;
}

export interface LivekitNodesOptions {
  /** How often every node is checked (default 500 ms). */
  everyMs?: number;
  /** How long one check may take before the node counts as down (default 1000 ms). */
  timeoutMs?: number;
  probes?: NodeProbes;
  /** A node just went down; `nodeId` is its LiveKit id when known. Errors are reported to `say`. */
  onDown?: (node: NodeState, nodeId: string | undefined) => Promise<void>;
  say?: (line: string) => void;
}

export const DEFAULT_CHECK_EVERY_MS = 500;
export const DEFAULT_CHECK_TIMEOUT_MS = 1000;

/** The real checks: LiveKit's health answer, and the `node_id` label of its Prometheus metrics. */
export const httpProbes: NodeProbes = {
  async healthy(node, timeoutMs) {
    try {
      const res = await fetch(`${node.apiUrl}/`, { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      return res.status === 200;
    } catch {
      return false;
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

  /** The node joins and room-service calls go to: the first live one (the first of all when none is). */
  current(): NodeState {
    return this.nodes.find((n) => n.live) ?? this.nodes[0]!;
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
    const healthy = await this.probes.healthy(node, this.timeoutMs);
    if (healthy) {
      // Learnt while up, so a death can be acted on at once; a restarted node has a new id.
      if (!node.live || node.nodeId === undefined) node.nodeId = await this.probes.nodeId(node, this.timeoutMs);
      if (!node.live) this.say(`LiveKit node ${node.publicUrl} is back`);
      node.live = true;
      return;
    }
    if (!node.live) return;
    // Taken out of LiveKit's Redis before joins move on: a join on another node must not be routed
    // back to this one by the room's old placement.
    await this.opts.onDown?.(node, node.nodeId).catch((err: Error) => this.say(`Could not take LiveKit node ${node.publicUrl} out of the cluster: ${err.message}`));
    node.live = false;
    node.nodeId = undefined;
    const next = this.current();
    this.say(`LiveKit node ${node.publicUrl} does not answer; joins go to ${next.live ? next.publicUrl : 'no live node'}`);
  }

  private say(line: string) {
    (this.opts.say ?? console.log)(line);
  }
}
