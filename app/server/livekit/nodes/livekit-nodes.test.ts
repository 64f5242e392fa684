import { describe, expect, it } from 'vitest';
import { LivekitNodes, type NodeProbes, type NodeState } from './livekit-nodes.ts';

const A = { publicUrl: 'ws://a:1', apiUrl: 'http://a:1', metricsUrl: 'http://a:9/metrics' };
const B = { publicUrl: 'ws://b:1', apiUrl: 'http://b:1' };

/** Probes whose answers the test sets: which nodes are up (others refuse, or are silent), and their LiveKit ids. */
function fakeProbes(up: Set<string>, ids: Record<string, string> = {}, silent = new Set<string>()): NodeProbes {
  return {
    health: async (node) => (up.has(node.apiUrl) ? 'up' : silent.has(node.apiUrl) ? 'silent' : 'refused'),
    nodeId: async (node) => ids[node.apiUrl],
  };
}

describe('LivekitNodes', () => {
  it('hands the first live node, in the configured order', async () => {
    const up = new Set([A.apiUrl, B.apiUrl]);
    const nodes = new LivekitNodes([A, B], { probes: fakeProbes(up), say: () => {} });
    await nodes.start();
    expect(nodes.current().publicUrl).toBe(A.publicUrl);
    up.delete(A.apiUrl);
    await nodes.suspect(nodes.nodes[0]!);
    expect(nodes.current().publicUrl).toBe(B.publicUrl);
    nodes.stop();
  });

  it('reports a node that is gone once, with the LiveKit id it had, before joins move on', async () => {
    const up = new Set([A.apiUrl, B.apiUrl]);
    const downs: Array<{ url: string; id: string | undefined; currentDuring: string }> = [];
    let nodes!: LivekitNodes;
    nodes = new LivekitNodes([A, B], {
      probes: fakeProbes(up, { [A.apiUrl]: 'ND_a' }),
      say: () => {},
      onGone: async (node: NodeState, id) => {
        downs.push({ url: node.publicUrl, id, currentDuring: nodes.current().publicUrl });
      },
    });
    await nodes.start();
    expect(nodes.nodes[0]!.nodeId).toBe('ND_a');
    up.delete(A.apiUrl);
    await Promise.all([nodes.suspect(nodes.nodes[0]!), nodes.suspect(nodes.nodes[0]!)]);
    await nodes.suspect(nodes.nodes[0]!);
    expect(downs).toEqual([{ url: A.publicUrl, id: 'ND_a', currentDuring: A.publicUrl }]);
    expect(nodes.nodes[0]).toMatchObject({ live: false, nodeId: undefined });
    nodes.stop();
  });

  it('sends joins elsewhere from a node that does not answer, but leaves its calls to LiveKit (it may be alive)', async () => {
    const up = new Set([A.apiUrl, B.apiUrl]);
    const silent = new Set<string>();
    const gone: string[] = [];
    const nodes = new LivekitNodes([A, B], { probes: fakeProbes(up, { [A.apiUrl]: 'ND_a' }, silent), say: () => {}, onGone: async (n) => void gone.push(n.publicUrl) });
    await nodes.start();
    up.delete(A.apiUrl);
    silent.add(A.apiUrl);
    await nodes.suspect(A);
    expect(nodes.current().publicUrl).toBe(B.publicUrl);
    expect(gone).toEqual([]);
    nodes.stop();
  });

  it('learns the new id of a node that comes back (a restart is a new LiveKit node)', async () => {
    const up = new Set([B.apiUrl]);
    const ids: Record<string, string> = { [A.apiUrl]: 'ND_old' };
    const nodes = new LivekitNodes([A, B], { probes: fakeProbes(up, ids), say: () => {} });
    await nodes.start();
    expect(nodes.current().publicUrl).toBe(B.publicUrl);
    ids[A.apiUrl] = 'ND_new';
    up.add(A.apiUrl);
    await nodes.suspect(nodes.nodes[0]!);
    expect(nodes.current()).toMatchObject({ publicUrl: A.publicUrl, nodeId: 'ND_new' });
    nodes.stop();
  });

  it('still names a node when none answers (the join then fails with LiveKit\'s own error)', async () => {
    const nodes = new LivekitNodes([A, B], { probes: fakeProbes(new Set()), say: () => {} });
    await nodes.start();
    expect(nodes.current().publicUrl).toBe(A.publicUrl);
    nodes.stop();
  });

  it('gives each call one node, the same every time and from every control plane, and spreads calls over the nodes', async () => {
    const C = { publicUrl: 'ws://c:1', apiUrl: 'http://c:1' };
    const up = new Set([A.apiUrl, B.apiUrl, C.apiUrl]);
    const one = new LivekitNodes([A, B, C], { probes: fakeProbes(up), say: () => {} });
    const other = new LivekitNodes([C, A, B], { probes: fakeProbes(up), say: () => {} });
    await Promise.all([one.start(), other.start()]);
    const rooms = Array.from({ length: 60 }, (_, i) => `room-${i}`);
    const placed = rooms.map((r) => one.forRoom(r).apiUrl);
    expect(rooms.map((r) => other.forRoom(r).apiUrl)).toEqual(placed);
    expect(rooms.map((r) => one.forRoom(r).apiUrl)).toEqual(placed);
    for (const node of [A, B, C]) expect(placed.filter((u) => u === node.apiUrl).length).toBeGreaterThan(5);

    // A node dies: only its calls move, each to a live node.
    up.delete(B.apiUrl);
    await one.suspect(B);
    rooms.forEach((r, i) => {
      const now = one.forRoom(r).apiUrl;
      if (placed[i] === B.apiUrl) expect(now).not.toBe(B.apiUrl);
      else expect(now).toBe(placed[i]);
    });
    one.stop();
    other.stop();
  });

  it('checks again on its own, every interval', async () => {
    const up = new Set([A.apiUrl]);
    const nodes = new LivekitNodes([A, B], { probes: fakeProbes(up), everyMs: 20, say: () => {} });
    await nodes.start();
    up.delete(A.apiUrl);
    up.add(B.apiUrl);
    await expect.poll(() => nodes.current().publicUrl).toBe(B.publicUrl);
    nodes.stop();
  });

  it('does not take a node out of the cluster on one refused check (a blip), and keeps sending joins there', async () => {
    const gone: Array<string | undefined> = [];
    let refusalsLeft = 0;
    const probes: NodeProbes = {
      health: async (node) => (node.apiUrl === A.apiUrl && refusalsLeft-- > 0 ? 'refused' : 'up'),
      nodeId: async (node) => (node.apiUrl === A.apiUrl ? 'ND_a' : 'ND_b'),
    };
    const nodes = new LivekitNodes([A, B], { probes, everyMs: 20, say: () => {}, onGone: async (_n, id) => void gone.push(id) });
    await nodes.start();
    refusalsLeft = 1;
    await nodes.suspect(A);
    expect(gone).toEqual([]);
    // Asked again after the refusal, and up.
    expect(refusalsLeft).toBe(-1);
    expect(nodes.nodes[0]).toMatchObject({ live: true, nodeId: 'ND_a' });
    nodes.stop();
  });

  it('takes a node out of the cluster at its second refused check in a row, one interval later, before joins move on', async () => {
    const gone: Array<{ id: string | undefined; refusals: number; currentDuring: string }> = [];
    let refusals = 0;
    let aUp = true;
    const probes: NodeProbes = {
      health: async (node) => (node.apiUrl !== A.apiUrl || aUp ? 'up' : (refusals++, 'refused')),
      nodeId: async (node) => (node.apiUrl === A.apiUrl ? 'ND_a' : 'ND_b'),
    };
    let nodes!: LivekitNodes;
    nodes = new LivekitNodes([A, B], {
      probes,
      everyMs: 20,
      say: () => {},
      onGone: async (_n, id) => void gone.push({ id, refusals, currentDuring: nodes.current().publicUrl }),
    });
    await nodes.start();
    aUp = false;
    await nodes.suspect(A);
    expect(gone).toEqual([{ id: 'ND_a', refusals: 2, currentDuring: A.publicUrl }]);
    expect(nodes.current().publicUrl).toBe(B.publicUrl);
    nodes.stop();
  });

  it('never takes out a LiveKit id two configured nodes report (a wrong metrics URL), and says which nodes', async () => {
    const C = { publicUrl: 'ws://c:1', apiUrl: 'http://c:1', metricsUrl: 'http://b:9/metrics' };
    const B2 = { ...B, metricsUrl: 'http://b:9/metrics' };
    const up = new Set([A.apiUrl, B2.apiUrl, C.apiUrl]);
    const gone: Array<[string, string | undefined]> = [];
    const lines: string[] = [];
    const nodes = new LivekitNodes([A, B2, C], {
      probes: fakeProbes(up, { [A.apiUrl]: 'ND_a', [B2.apiUrl]: 'ND_b', [C.apiUrl]: 'ND_b' }),
      say: (line) => lines.push(line),
      onGone: async (n, id) => void gone.push([n.publicUrl, id]),
    });
    await nodes.start();
    const warning = lines.find((l) => l.includes('ND_b'));
    expect(warning).toContain(B2.publicUrl);
    expect(warning).toContain(C.publicUrl);
    // C dies: it is out of the joins, but B's id stays in LiveKit's Redis.
    up.delete(C.apiUrl);
    await nodes.suspect(C);
    await nodes.suspect(C);
    expect(gone).toEqual([[C.publicUrl, undefined]]);
    expect(nodes.nodes[2]!.live).toBe(false);
    nodes.stop();
  });
});
