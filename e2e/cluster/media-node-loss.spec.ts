/**
 * Losing a media node: two LiveKit nodes on one Redis, one control plane that knows both. A call of
 * two people is hosted on its node; that node is killed (SIGKILL). Both people must decode each other's
 * video again, without a reload and without a click: livekit-client gives up on the dead node at once,
 * and the call rejoins through the control plane (which has taken the dead node out of LiveKit's
 * Redis), on the other node.
 * The media gap (kill → the other's frames rising again, on both sides) is measured and printed.
 */
import { expect, test, type Page } from '@playwright/test';
import { Redis } from 'ioredis';
import { E2E_API_KEY } from '../../playwright.config.ts';
import { startRedis, type RunningService } from '../../app/server/testing/services.ts';
import { startServerProcess, type ServerProcess } from '../../app/server/testing/server-process.ts';
import { spawnClusterNode, type ClusterNode } from '../../app/server/livekit/nodes/spawn-node.ts';
import { createRoom } from '../support/api.ts';
import { expectVideoDecoding, joinCall, newPerson, watchFor, type Person } from '../support/call.ts';
import { LIFTED_CLIENT_LIMITS } from '../support/lifted-limits.ts';

// Its own Redis, nodes and control plane (not the shared `cluster` fixture): it kills a node, and needs
// the nodes' metrics ports, where each says its LiveKit node id.
const CLUSTER_PORT = 3300;
test.use({ baseURL: `http://127.0.0.1:${CLUSTER_PORT}` });

const KEYS = { apiKey: 'foyer_cluster_e2e', apiSecret: 'cluster-e2e-secret-long-enough-for-livekit-0123456789abc' };
const NODE_PORTS = [7700, 7710];
/**
 * Generous (measured here: 1.5–2.1 s; the goal is under 2 s), yet below what any one missing piece
 * costs: without the quick give-up, Foyer's rejoin starts only after 8 s (~10 s gap); without the
 * rejoin, livekit-client retries the dead node for ~46 s.
 */
const GAP_BOUND_MS = 6_000;

let redis: RunningService;
let nodes: ClusterNode[] = [];
let server: ServerProcess;
let redisClient: Redis | undefined;

test.beforeAll(async () => {
  redis = await startRedis(6390);
  const webhookUrl = `http://127.0.0.1:${CLUSTER_PORT}/webhooks/livekit`;
  nodes = await Promise.all(NODE_PORTS.map((port, i) => spawnClusterNode({ port, udpStart: 53000 + 100 * i, udpEnd: 53080 + 100 * i, redisUrl: redis.url, keys: KEYS, webhookUrl })));
  server = await startServerProcess({
    ports: { port: CLUSTER_PORT, livekitPort: 7790, udpStart: 53400 },
    env: {
      FOYER_API_KEY: E2E_API_KEY,
      FOYER_LIVEKIT_NODES: nodes.map((n) => `${n.publicUrl}|${n.apiUrl}|${n.metricsUrl}`).join(','),
      LIVEKIT_API_KEY: KEYS.apiKey,
      LIVEKIT_API_SECRET: KEYS.apiSecret,
      FOYER_LIVEKIT_REDIS_URL: redis.url,
      ...LIFTED_CLIENT_LIMITS,
    },
  });
});

test.afterAll(async () => {
  redisClient?.disconnect();
  await server?.stop();
  for (const node of nodes) await node.stop();
  await redis?.stop();
});

/** Samples, in the page, the frame count of the other person's video every 50 ms (same clock as the test). */
async function sampleFrames(page: Page, fromName: string) {
  await page.evaluate((name) => {
    const w = window as unknown as { __frames: Array<[number, number, string]> };
    w.__frames = [];
    setInterval(() => {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="tile"][data-local="false"][data-name="${name}"] video`);
      const connection = document.querySelector('[data-testid="call"]')?.getAttribute('data-connection') ?? '';
      w.__frames.push([Date.now(), video && video.videoWidth > 0 ? video.getVideoPlaybackQuality().totalVideoFrames : -1, connection]);
    }, 50);
  }, fromName);
}

/**
 * When frames rose again after `since`, for good: the first sample after `since` from which the count
 * rises by at least 10 frames within the next second (a new video element counts from zero again).
 */
async function framesBackAt(page: Page, since: number): Promise<number | undefined> {
  const samples = await page.evaluate(() => (window as unknown as { __frames: Array<[number, number, string]> }).__frames);
  const after = samples.filter(([t]) => t > since);
  for (let i = 1; i < after.length; i++) {
    const [t, frames] = after[i]!;
    if (frames <= after[i - 1]![1] || after[i - 1]![1] < 0) continue;
    const later = after.filter(([u]) => u > t && u <= t + 1000);
    if (later.length > 0 && later.every(([, f]) => f >= frames) && later.at(-1)![1] >= frames + 10) return after[i - 1]![0];
  }
  return undefined;
}

test('a call survives losing the media node that hosts it, with no reload and no click', async ({ browser, request }) => {
  const room = await createRoom(request);
  const ada: Person = await newPerson(browser);
  const bob: Person = await newPerson(browser);
  await ada.page.goto(`/${room.name}`);
  await joinCall(ada.page, 'Ada');
  await bob.page.goto(`/${room.name}`);
  await joinCall(bob.page, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');
  await expectVideoDecoding(ada.page, 'Bob');

  // Hosted on the call's node, and both signal there.
  redisClient = new Redis(redis.url);
  const hostOf = () => redisClient!.hget('room_node_map', room.id);
  const ids = await Promise.all(nodes.map(async (n) => /node_id="([^"]+)"/.exec(await (await fetch(n.metricsUrl!)).text())?.[1]));
  const hostIndex = ids.indexOf((await hostOf()) ?? undefined);
  expect(hostIndex).toBeGreaterThanOrEqual(0);
  const [host, other] = [nodes[hostIndex]!, nodes[1 - hostIndex]!];
  const otherId = ids[1 - hostIndex];
  const signalsTo = (p: Person, node: ClusterNode) => p.sockets.some((u) => u.startsWith(`${node.publicUrl}/rtc`));
  for (const p of [ada, bob]) expect(signalsTo(p, host)).toBe(true);

  for (const p of [ada, bob]) await p.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const opened = (p: Person) => p.page.evaluate(() => (window as unknown as { __captureTracks: unknown[] }).__captureTracks.length);
  const openedBefore = await Promise.all([ada, bob].map(opened));
  const sawBanner = await Promise.all([ada, bob].map((p) => watchFor(p.page, 'reconnecting')));
  await sampleFrames(ada.page, 'Bob');
  await sampleFrames(bob.page, 'Ada');
  await expect.poll(() => framesBackAt(ada.page, 0)).toBeDefined();

  const killedAt = Date.now();
  await host.kill();

  const back = await Promise.all(
    [ada, bob].map(async (p) => {
      let at: number | undefined;
      await expect.poll(async () => (at = await framesBackAt(p.page, killedAt)), { timeout: GAP_BOUND_MS + 5_000, intervals: [200] }).toBeDefined();
      return at! - killedAt;
    }),
  );
  const gap = Math.max(...back);
  // Where the time went, per person: the connection state as the page showed it, sampled every 50 ms.
  for (const [name, p] of [['Ada', ada], ['Bob', bob]] as const) {
    const samples = await p.page.evaluate(() => (window as unknown as { __frames: Array<[number, number, string]> }).__frames);
    const first = (state: string) => samples.find(([t, , c]) => t > killedAt && c === state)?.[0];
    const reconnecting = first('reconnecting');
    const connected = samples.find(([t, , c]) => reconnecting !== undefined && t > reconnecting && c === 'connected')?.[0];
    console.log(`[media-node-loss] ${name}: "Reconnecting" from ${reconnecting! - killedAt} ms, connected again at ${connected! - killedAt} ms`);
  }
  console.log(`[media-node-loss] media gap after killing the hosting node (${host.publicUrl}): Ada sees Bob again after ${back[0]} ms, Bob sees Ada after ${back[1]} ms (gap ${gap} ms; goal < 2000 ms)`);
  expect(gap).toBeLessThan(GAP_BOUND_MS);

  // Same page, no reload; the banner showed meanwhile; now on node 2, where the call is hosted.
  for (const p of [ada, bob]) {
    expect(await p.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(p.page.getByTestId('call')).toHaveAttribute('data-connection', 'connected');
    expect(signalsTo(p, other)).toBe(true);
  }
  for (const seen of sawBanner) expect(await seen()).toBe(true);
  // Camera and mic went on as they were, without asking the devices again (the capture is handed over).
  expect(await Promise.all([ada, bob].map(opened))).toEqual(openedBefore);
  expect(await hostOf()).toBe(otherId);
  // Both still send their own video: each decodes the other.
  await expectVideoDecoding(ada.page, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');
  await ada.close();
  await bob.close();
});
