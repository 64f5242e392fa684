/**
 * Owner powers against the real control plane and its real LiveKit: the permissions LiveKit holds for a
 * participant really change when owner-only broadcast is switched, when someone is made an owner and
 * when the operator's update-permissions changes them,
 * and removing someone really disconnects them. Participants connect with LiveKit's signalling only
 * (a WebSocket, as the other integration tests do), so they publish no media: that tracks stop for
 * others and a page's own publish attempt fails is shown by the e2e through the UI.
 */
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';
import { broadcastPath, participantPath } from '../../shared/owner-actions.ts';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../testing/server-process.ts';

const LIVEKIT_PORT = 8800;
let server: ServerProcess;
let rooms: RoomServiceClient;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  server = await startServerProcess({ ports: { port: 3800, livekitPort: LIVEKIT_PORT, udpStart: 53800 } });
  const config = JSON.parse(readFileSync(join(server.dataDir, 'livekit.yaml'), 'utf8')) as { keys: Record<string, string> };
  const [key, secret] = Object.entries(config.keys)[0]!;
  rooms = new RoomServiceClient(`http://127.0.0.1:${LIVEKIT_PORT}`, key, secret);
});
afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  if (!server) return;
  await server.stop();
  removeDataDir(server.dataDir);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function rest(method: 'POST', path: string, body: object): Promise<any> {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return res.json();
}

const client = (path: string, body: object) =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Joins through Foyer and connects to LiveKit's signalling; resolves once LiveKit has taken them in. */
async function joinCall(room: string, name: string, token?: string): Promise<{ identity: string; session: string; socket: WebSocket }> {
  const res = await client(`/api/rooms/${room}/join`, { name, ...(token ? { token } : {}) });
  expect(res.status).toBe(200);
  const joined = (await res.json()) as { identity: string; session: string; livekitToken: string };
  const socket = new WebSocket(`ws://127.0.0.1:${LIVEKIT_PORT}/rtc?access_token=${joined.livekitToken}&protocol=15`);
  sockets.push(socket);
  await new Promise((resolve, reject) => {
    socket.once('message', resolve);
    socket.once('error', reject);
  });
  return { ...joined, socket };
}

const permissionOf = async (roomId: string, identity: string) => (await rooms.getParticipant(roomId, identity)).permission!;

describe('owner powers in the real LiveKit', () => {
  it('owner-only broadcast switched live changes a guest\'s permission in LiveKit (sources and data kept), never an owner\'s', async () => {
    const room = await rest('POST', '/v1/rooms', { name: 'stage', properties: { enable_chat: true } });
    const { token } = await rest('POST', '/v1/meeting-tokens', { properties: { room_name: 'stage', is_owner: true } });
    const owner = await joinCall('stage', 'Host', token);
    const guest = await joinCall('stage', 'Guest');
    expect(await permissionOf(room.id, guest.identity)).toMatchObject({ canPublish: true, canPublishData: true });

    expect((await client(broadcastPath('stage'), { session: owner.session, ownerOnly: true })).status).toBe(200);
    const off = await permissionOf(room.id, guest.identity);
    expect(off).toMatchObject({ canPublish: false, canSubscribe: true, canPublishData: true });
    expect(off.canPublishSources).toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]);
    expect((await permissionOf(room.id, owner.identity)).canPublish).toBe(true);

    expect((await client(broadcastPath('stage'), { session: owner.session, ownerOnly: false })).status).toBe(200);
    expect((await permissionOf(room.id, guest.identity)).canPublish).toBe(true);

    // The same through REST mid-call.
    await rest('POST', '/v1/rooms/stage', { properties: { owner_only_broadcast: true } });
    await vi.waitFor(async () => expect((await permissionOf(room.id, guest.identity)).canPublish).toBe(false), { timeout: 5000, interval: 100 });
  });

  it('a guest\'s own session cannot switch broadcast or act on others (403), and LiveKit is unchanged', async () => {
    const room = await rest('POST', '/v1/rooms', { name: 'guarded' });
    const { token } = await rest('POST', '/v1/meeting-tokens', { properties: { room_name: 'guarded', is_owner: true } });
    const owner = await joinCall('guarded', 'Host', token);
    const guest = await joinCall('guarded', 'Guest');
    expect((await client(broadcastPath('guarded'), { session: guest.session, ownerOnly: true })).status).toBe(403);
    expect((await client(participantPath('guarded', owner.identity), { session: guest.session, eject: true })).status).toBe(403);
    expect((await rooms.listParticipants(room.id)).map((p) => p.identity).sort()).toEqual([owner.identity, guest.identity].sort());
    expect((await permissionOf(room.id, guest.identity)).canPublish).toBe(true);
  });

  it('make owner: LiveKit carries the owner attribute and lets them publish under owner-only broadcast', async () => {
    const room = await rest('POST', '/v1/rooms', { name: 'promote', properties: { owner_only_broadcast: true } });
    const { token } = await rest('POST', '/v1/meeting-tokens', { properties: { room_name: 'promote', is_owner: true } });
    const owner = await joinCall('promote', 'Host', token);
    const guest = await joinCall('promote', 'Guest');
    expect((await permissionOf(room.id, guest.identity)).canPublish).toBe(false);
    expect((await client(participantPath('promote', guest.identity), { session: owner.session, makeOwner: true })).status).toBe(200);
    const info = await rooms.getParticipant(room.id, guest.identity);
    expect(info.attributes[OWNER_ATTRIBUTE]).toBe('true');
    expect(info.permission?.canPublish).toBe(true);
    // Their session is an owner's now: they can switch broadcast off and on.
    expect((await client(broadcastPath('promote'), { session: guest.session, ownerOnly: true })).status).toBe(200);
  });

  it("the operator's update-permissions really changes LiveKit: hidden, the sources they may send, and back", async () => {
    const room = await rest('POST', '/v1/rooms', { name: 'permits' });
    const guest = await joinCall('permits', 'Guest');
    await rest('POST', '/v1/rooms/permits/update-permissions', { data: { [guest.identity]: { hasPresence: false, canSend: ['video'] } } });
    expect(await permissionOf(room.id, guest.identity)).toMatchObject({ hidden: true, canPublish: true, canPublishSources: [TrackSource.CAMERA] });
    await rest('POST', '/v1/rooms/permits/update-permissions', { data: { '*': { canSend: false } } });
    expect(await permissionOf(room.id, guest.identity)).toMatchObject({ hidden: true, canPublish: false });
    await rest('POST', '/v1/rooms/permits/update-permissions', { data: { [guest.identity]: { hasPresence: true, canSend: true } } });
    const back = await permissionOf(room.id, guest.identity);
    expect(back).toMatchObject({ hidden: false, canPublish: true });
    expect(back.canPublishSources).toEqual([TrackSource.CAMERA, TrackSource.MICROPHONE, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO]);
  });

  it('remove really disconnects them; with ban they cannot join again', async () => {
    const room = await rest('POST', '/v1/rooms', { name: 'bouncer' });
    const { token } = await rest('POST', '/v1/meeting-tokens', { properties: { room_name: 'bouncer', is_owner: true } });
    const owner = await joinCall('bouncer', 'Host', token);
    const guest = await joinCall('bouncer', 'Guest');
    const closed = new Promise((resolve) => guest.socket.once('close', resolve));
    expect((await client(participantPath('bouncer', guest.identity), { session: owner.session, eject: true, ban: true })).status).toBe(200);
    await closed;
    expect((await rooms.listParticipants(room.id)).map((p) => p.identity)).toEqual([owner.identity]);
    const again = await client('/api/rooms/bouncer/join', { name: 'Guest' });
    expect(again.status).toBe(403);
    expect(((await again.json()) as { access: { type: string } }).access.type).toBe('ejected');
  });
});
