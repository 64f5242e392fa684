/**
 * Rooms and their calls with the real control plane and its real LiveKit: a join opens the LiveKit
 * room (capped), DELETE ends it for good (a token minted before cannot bring it back), and parallel
 * joins cannot pass max_participants.
 */
import { RoomServiceClient } from 'livekit-server-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';
import { OWNER_HEADROOM } from './seats.ts';

const LIVEKIT_PORT = 8550;
let server: ServerProcess;
let rooms: RoomServiceClient;

beforeAll(async () => {
  server = await startServerProcess({ ports: { port: 3550, livekitPort: LIVEKIT_PORT, udpStart: 52800 } });
  const config = JSON.parse(readFileSync(join(server.dataDir, 'livekit.yaml'), 'utf8')) as { keys: Record<string, string> };
  const [key, secret] = Object.entries(config.keys)[0]!;
  rooms = new RoomServiceClient(`http://127.0.0.1:${LIVEKIT_PORT}`, key, secret);
});
afterAll(async () => {
  if (!server) return;
  await server.stop();
  removeDataDir(server.dataDir);
});

async function createRoom(body: object): Promise<{ id: string; name: string }> {
  const res = await fetch(`${server.baseUrl}/v1/rooms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ id: string; name: string }>;
}

const join_ = (room: string, name = 'Ada') =>
  fetch(`${server.baseUrl}/api/rooms/${room}/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name }) });

/** LiveKit's answer to a browser connecting with this token: 'open', or its HTTP refusal. */
function connect(token: string): Promise<'open' | { status: number }> {
  const ws = new WebSocket(`ws://127.0.0.1:${LIVEKIT_PORT}/rtc?access_token=${token}&protocol=15`);
  return new Promise((resolve, reject) => {
    ws.once('message', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0 });
    });
    ws.once('error', reject);
  });
}

describe('calls in the real LiveKit', () => {
  it('a join opens the LiveKit room with the cap; DELETE ends it, and a token from before cannot reopen it', async () => {
    const room = await createRoom({ name: 'to-delete', properties: { max_participants: 4 } });
    expect(await rooms.listRooms([room.id])).toEqual([]);
    const joined = await join_('to-delete');
    expect(joined.status).toBe(200);
    const { livekitToken } = (await joined.json()) as { livekitToken: string };
    expect((await rooms.listRooms([room.id]))[0]?.maxParticipants).toBe(4 + OWNER_HEADROOM);

    const deleted = await fetch(`${server.baseUrl}/v1/rooms/to-delete`, { method: 'DELETE', headers: { authorization: `Bearer ${INTEGRATION_API_KEY}` } });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: true, name: 'to-delete' });
    expect(await rooms.listRooms([room.id])).toEqual([]);
    expect(await connect(livekitToken)).toEqual({ status: 404 });
    expect(await rooms.listRooms([room.id])).toEqual([]);
  });

  it('deleting a room with someone in the call disconnects them and the LiveKit room is gone', async () => {
    const room = await createRoom({ name: 'live-call' });
    const { livekitToken, identity } = (await (await join_('live-call')).json()) as { livekitToken: string; identity: string };
    // Stay connected: someone in the call.
    const ws = new WebSocket(`ws://127.0.0.1:${LIVEKIT_PORT}/rtc?access_token=${livekitToken}&protocol=15`);
    await new Promise((resolve) => ws.once('message', resolve));
    expect((await rooms.listParticipants(room.id)).map((p) => p.identity)).toContain(identity);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    const deleted = await fetch(`${server.baseUrl}/v1/rooms/live-call`, { method: 'DELETE', headers: { authorization: `Bearer ${INTEGRATION_API_KEY}` } });
    expect(deleted.status).toBe(200);
    await closed;
    expect(await rooms.listRooms([room.id])).toEqual([]);
  });

  it('10 parallel joins to a room with max_participants 3 get exactly 3 tokens', async () => {
    await createRoom({ name: 'small', properties: { max_participants: 3 } });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => join_('small', `Guest ${i}`)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 200, 403, 403, 403, 403, 403, 403, 403]);
    for (const a of answers.filter((x) => x.status === 403)) expect(((await a.json()) as { access: { type: string } }).access.type).toBe('meeting-full');
  });
});
