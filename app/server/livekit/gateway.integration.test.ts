/**
 * The real gateway on a real LiveKit (started the way Foyer starts it): the gateway contract the fake
 * is also held to, plus what only LiveKit itself can show: with auto_create off a token cannot make a
 * room, LiveKit enforces the room's cap, and people who connect are listed.
 */
import { RoomServiceClient } from 'livekit-server-sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../config.ts';
import { livekitGateway, newIdentity, type LivekitGateway } from './gateway.ts';
import { livekitGatewayContract } from './gateway.contract.ts';
import { startLocalLivekit, type LocalLivekit } from './local-server.ts';

const LIVEKIT_PORT = 8500;
const DEAD_PORT = 8509;

let dataDir: string;
let local: LocalLivekit;
let gateway: LivekitGateway;
let down: LivekitGateway;
let rooms: RoomServiceClient;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'foyer-gateway-itest-'));
  const { livekit } = loadConfig({
    FOYER_LIVEKIT_PORT: String(LIVEKIT_PORT),
    FOYER_LIVEKIT_TCP_PORT: String(LIVEKIT_PORT + 1),
    FOYER_LIVEKIT_UDP_START: '52500',
    FOYER_LIVEKIT_UDP_END: '52550',
  } as NodeJS.ProcessEnv);
  const keys = { apiKey: 'foyer_gateway_itest', apiSecret: 'gateway-itest-secret-long-enough-for-livekit-0123456789' };
  local = await startLocalLivekit(livekit, { dataDir, webhookUrl: 'http://127.0.0.1:3509/webhooks/livekit', keys, say: () => {} });
  gateway = livekitGateway({ ...local, publicUrl: local.url, timeoutMs: 3000 });
  down = livekitGateway({ url: `ws://127.0.0.1:${DEAD_PORT}`, publicUrl: '', apiKey: local.apiKey, apiSecret: local.apiSecret, timeoutMs: 1000 });
  rooms = new RoomServiceClient(`http://127.0.0.1:${LIVEKIT_PORT}`, local.apiKey, local.apiSecret);
});

afterAll(async () => {
  await local?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

livekitGatewayContract('the real gateway on LiveKit', () => ({
  gateway,
  down,
  async roomCap(roomId) {
    return (await rooms.listRooms([roomId]))[0]?.maxParticipants;
  },
}));

const sockets: WebSocket[] = [];
afterAll(() => {
  for (const ws of sockets) ws.terminate();
});

/**
 * Connects to LiveKit's signalling endpoint as a browser would with this token. Resolves 'open'
 * once LiveKit has taken the participant in, or LiveKit's HTTP refusal (status and message).
 */
async function connect(token: string): Promise<'open' | { status: number; body: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${LIVEKIT_PORT}/rtc?access_token=${token}&protocol=15&auto_subscribe=1`);
  sockets.push(ws);
  return new Promise((resolve, reject) => {
    // LiveKit's first signal message (the join response) means the participant is in.
    ws.once('message', () => resolve('open'));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

const tokenFor = (roomId: string, identity = newIdentity()) =>
  gateway.mintJoinToken({ roomId, identity, name: 'Ada', isOwner: false, canPublish: true, canScreenShare: true });

describe('LiveKit with the config Foyer writes', () => {
  it('refuses a connection to a room nobody opened: a join token cannot create it (auto_create off)', async () => {
    const roomId = `never-opened-${Date.now()}`;
    const answer = await connect(await tokenFor(roomId));
    expect(answer).toEqual({ status: 404, body: expect.stringMatching(/room does not exist/) });
    expect(await rooms.listRooms([roomId])).toEqual([]);
  });

  it('lists who connected, and isInCall sees them', async () => {
    const roomId = `listed-${Date.now()}`;
    await gateway.openRoom(roomId, { maxParticipants: 5 });
    const identity = newIdentity();
    expect(await connect(await tokenFor(roomId, identity))).toBe('open');
    expect(await gateway.participants(roomId)).toEqual([identity]);
    expect(await gateway.isInCall(roomId, identity)).toBe(true);
    await gateway.endRoom(roomId);
    expect(await gateway.participants(roomId)).toEqual([]);
  });

  it("enforces the room's maxParticipants itself", async () => {
    const roomId = `capped-${Date.now()}`;
    await gateway.openRoom(roomId, { maxParticipants: 2 });
    expect(await connect(await tokenFor(roomId))).toBe('open');
    expect(await connect(await tokenFor(roomId))).toBe('open');
    const third = await connect(await tokenFor(roomId));
    expect(third).not.toBe('open');
    expect(await gateway.participants(roomId)).toHaveLength(2);
    await gateway.endRoom(roomId);
  });

  it('a token minted before the room was ended cannot bring it back', async () => {
    const roomId = `ended-${Date.now()}`;
    await gateway.openRoom(roomId, { maxParticipants: 5 });
    const early = await tokenFor(roomId);
    await gateway.endRoom(roomId);
    expect(await connect(early)).toMatchObject({ status: 404 });
    expect(await rooms.listRooms([roomId])).toEqual([]);
  });
});
