/**
 * The gateway in front of a cluster, without LiveKit: joins are sent to the live node, the pages may
 * connect to every node, and a room-service call whose node does not answer is made again on the next
 * live node once that node is found dead (a real HTTP server stands in for the live node); the health
 * check tells a node that is gone from one that is only silent.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { livekitGateway } from '../gateway.ts';
import { LivekitUnavailableError } from '../errors.ts';
import { LivekitNodes, httpProbes } from './livekit-nodes.ts';

const KEYS = { apiKey: 'k', apiSecret: 'cluster-gateway-test-secret-0123456789abcdef' };
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A stand-in LiveKit node: answers health, and counts the room-service calls it gets. */
async function liveNode(): Promise<{ apiUrl: string; publicUrl: string; calls: string[] }> {
  const calls: string[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/') return res.end('OK');
    calls.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    res.end('{"participants":[]}');
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { apiUrl: `http://127.0.0.1:${port}`, publicUrl: `ws://127.0.0.1:${port}`, calls };
}

/** A node whose port nothing listens on any more: it refuses at once, like a LiveKit that was killed. */
async function deadNode(): Promise<{ apiUrl: string; publicUrl: string }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return { apiUrl: `http://127.0.0.1:${port}`, publicUrl: `ws://127.0.0.1:${port}` };
}

describe('the gateway in front of a LiveKit cluster', () => {
  it('sends joins to live nodes only, and lets the pages connect to every node', async () => {
    const [live, dead] = [await liveNode(), await deadNode()];
    const nodes = new LivekitNodes([dead, live], { say: () => {} });
    await nodes.start();
    const gateway = livekitGateway({ url: 'ws://unused', publicUrl: '', ...KEYS, nodes });
    expect(gateway.publicUrl).toBe(live.publicUrl);
    for (let i = 0; i < 20; i++) expect(gateway.joinUrl(`room-${i}`)).toBe(live.publicUrl);
    expect(gateway.connectUrls).toEqual([dead.publicUrl, live.publicUrl]);
    nodes.stop();
  });

  it('makes a call again on the live node when the node it went to turns out dead', async () => {
    const [live, dead] = [await liveNode(), await deadNode()];
    const nodes = new LivekitNodes([dead, live], { say: () => {} });
    // Not started: both count as live, so a call whose node is the dead one goes there first.
    const gateway = livekitGateway({ url: 'ws://unused', publicUrl: '', ...KEYS, timeoutMs: 2000, nodes });
    const room = Array.from({ length: 50 }, (_, i) => `room-${i}`).find((r) => gateway.joinUrl(r) === dead.publicUrl)!;
    expect(await gateway.participants(room)).toEqual([]);
    expect(live.calls).toEqual(['/twirp/livekit.RoomService/ListParticipants']);
    expect(gateway.joinUrl(room)).toBe(live.publicUrl);
  });

  it('fails clearly, naming the node, when no node answers', async () => {
    const [one, two] = [await deadNode(), await deadNode()];
    const nodes = new LivekitNodes([one, two], { say: () => {} });
    const gateway = livekitGateway({ url: 'ws://unused', publicUrl: '', ...KEYS, timeoutMs: 2000, nodes });
    await expect(gateway.participants('room-1')).rejects.toThrow(LivekitUnavailableError);
    await expect(gateway.participants('room-1')).rejects.toThrow(new RegExp(`${one.apiUrl}|${two.apiUrl}`));
  });
});

describe('the health check of a node', () => {
  it('tells up, gone (refused) and silent (not ready, or no answer in time) apart', async () => {
    const live = await liveNode();
    expect(await httpProbes.health(live, 1000)).toBe('up');
    expect(await httpProbes.health(await deadNode(), 1000)).toBe('refused');
    const notReady = createServer((_req, res) => res.writeHead(406).end('Not Ready'));
    const hanging = createServer(() => {});
    servers.push(notReady, hanging);
    for (const s of [notReady, hanging]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const at = (s: Server) => ({ apiUrl: `http://127.0.0.1:${(s.address() as { port: number }).port}`, publicUrl: '' });
    expect(await httpProbes.health(at(notReady), 1000)).toBe('silent');
    expect(await httpProbes.health(at(hanging), 200)).toBe('silent');
    hanging.closeAllConnections();
  });
});
