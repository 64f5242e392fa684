/**
 * The real gateway without LiveKit: the grant mapping row by row, a minted token decoded, and
 * RoomService failures (nothing listening, a server that never answers, LiveKit's error answers)
 * turned into clear errors in bounded time.
 */
import { jwtVerify } from 'jose';
import { TrackSource } from 'livekit-server-sdk';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';
import { LivekitUnavailableError } from './errors.ts';
import { USER_ID_ATTRIBUTE } from '../../shared/client-api.ts';
import { JOIN_TOKEN_TTL_SECONDS, livekitGateway, livekitJoinClaims, type JoinGrant, type LivekitGateway } from './gateway.ts';

const SECRET = 'gateway-test-secret-0123456789abcdef0123456789';
const base: JoinGrant = { roomId: 'room-id-1', identity: 'p_abc', name: 'Ada', isOwner: false, canPublish: true, canScreenShare: true, canPublishData: true };
const CAMERA_MIC = [TrackSource.CAMERA, TrackSource.MICROPHONE];
const WITH_SCREEN = [...CAMERA_MIC, TrackSource.SCREEN_SHARE, TrackSource.SCREEN_SHARE_AUDIO];

describe('livekitJoinClaims: Foyer grant → LiveKit claims', () => {
  it.each<[string, Partial<JoinGrant>, { owner: string; canPublish: boolean; sources: TrackSource[] }]>([
    ['a guest, defaults', {}, { owner: 'false', canPublish: true, sources: WITH_SCREEN }],
    ['an owner', { isOwner: true }, { owner: 'true', canPublish: true, sources: WITH_SCREEN }],
    ['a guest under owner_only_broadcast', { canPublish: false }, { owner: 'false', canPublish: false, sources: WITH_SCREEN }],
    ['an owner under owner_only_broadcast', { isOwner: true, canPublish: true }, { owner: 'true', canPublish: true, sources: WITH_SCREEN }],
    ['screenshare off', { canScreenShare: false }, { owner: 'false', canPublish: true, sources: CAMERA_MIC }],
    ['nothing to publish, screenshare off', { canPublish: false, canScreenShare: false }, { owner: 'false', canPublish: false, sources: CAMERA_MIC }],
  ])('%s', (_label, change, want) => {
    const claims = livekitJoinClaims({ ...base, ...change });
    expect(claims.attributes[OWNER_ATTRIBUTE]).toBe(want.owner);
    expect(claims.video.canPublish).toBe(want.canPublish);
    expect(claims.video.canPublishSources).toEqual(want.sources);
    // The same for everyone: only this room, never create rooms, never rename themselves.
    expect(claims.video).toMatchObject({ roomJoin: true, roomCreate: false, room: 'room-id-1', canSubscribe: true, canPublishData: true, canUpdateOwnMetadata: false });
    expect(claims.video.roomAdmin).toBeUndefined();
    expect(claims.identity).toBe('p_abc');
    expect(claims.name).toBe('Ada');
  });

  it.each([
    ['chat on', { canPublishData: true }, true],
    ['chat off', { canPublishData: false }, false],
    ['chat not said: off', { canPublishData: undefined }, false],
  ])('sending data (chat) follows enable_chat: %s', (_label, change, want) => {
    expect(livekitJoinClaims({ ...base, ...change }).video.canPublishData).toBe(want);
  });

  it('carries the meeting token user_id as an attribute only when there is one', () => {
    expect(livekitJoinClaims({ ...base, userId: 'user-42' }).attributes).toEqual({ [OWNER_ATTRIBUTE]: 'false', [USER_ID_ATTRIBUTE]: 'user-42' });
    expect(livekitJoinClaims(base).attributes).toEqual({ [OWNER_ATTRIBUTE]: 'false' });
  });
});

describe('mintJoinToken', () => {
  it('signs a short-lived HS256 token with the mapped claims', async () => {
    const gw = livekitGateway({ url: 'ws://127.0.0.1:1', publicUrl: 'ws://127.0.0.1:1', apiKey: 'APIkey1', apiSecret: SECRET });
    const grant = { ...base, isOwner: true, canScreenShare: false, userId: 'host-1' };
    const jwt = await gw.mintJoinToken(grant);
    const { payload, protectedHeader } = await jwtVerify(jwt, new TextEncoder().encode(SECRET), { issuer: 'APIkey1' });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.sub).toBe('p_abc');
    expect(payload.name).toBe('Ada');
    expect(payload.exp! - payload.nbf!).toBe(JOIN_TOKEN_TTL_SECONDS);
    expect(payload.attributes).toEqual({ [OWNER_ATTRIBUTE]: 'true', [USER_ID_ATTRIBUTE]: 'host-1' });
    const video = payload.video as Record<string, unknown>;
    expect(video).toMatchObject({ roomJoin: true, room: 'room-id-1', canPublish: true, canSubscribe: true, canUpdateOwnMetadata: false });
    expect(video.canPublishSources).toEqual(['camera', 'microphone']);
    expect(video.roomCreate).not.toBe(true);
    // A token signed with another secret is not this one.
    await expect(jwtVerify(jwt, new TextEncoder().encode(`${SECRET}x`))).rejects.toThrow();
  });
});

// Servers the failure tests talk to, closed after each test.
const servers: Array<HttpServer | NetServer> = [];
const openSockets: Socket[] = [];
afterEach(async () => {
  for (const s of openSockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen<T extends HttpServer | NetServer>(server: T): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

/** A port nothing listens on: bound, then closed again. */
async function deadPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Twirp server that answers every call with this status and JSON error body. */
async function twirpAnswering(status: number, body: object): Promise<number> {
  return listen(createHttpServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  }));
}

const gatewayAt = (port: number, timeoutMs = 2000) =>
  livekitGateway({ url: `ws://127.0.0.1:${port}`, publicUrl: `ws://127.0.0.1:${port}`, apiKey: 'APIkey1', apiSecret: SECRET, timeoutMs });

const roomServiceCalls: Array<[string, (gw: LivekitGateway) => Promise<unknown>]> = [
  ['participants', (gw) => gw.participants('r')],
  ['isInCall', (gw) => gw.isInCall('r', 'p_x')],
  ['openRoom', (gw) => gw.openRoom('r', { maxParticipants: 5 })],
  ['endRoom', (gw) => gw.endRoom('r')],
];

describe('RoomService failures become clear errors, never hangs or silent answers', () => {
  it.each(roomServiceCalls)('%s: nothing listening → LivekitUnavailableError naming LiveKit and the next step', async (_name, call) => {
    const port = await deadPort();
    const err = await call(gatewayAt(port)).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(LivekitUnavailableError);
    const e = err as LivekitUnavailableError;
    expect(e.status).toBe(503);
    expect(e.type).toBe('server-error');
    expect(e.info).toContain(`LiveKit at http://127.0.0.1:${port}`);
    expect(e.info).toMatch(/ECONNREFUSED/);
    expect(e.info).toMatch(/try again/i);
  });

  it.each(roomServiceCalls)('%s: a server that accepts and never answers → a timeout error within the limit', async (_name, call) => {
    const port = await listen(createNetServer((socket) => {
      openSockets.push(socket);
      socket.resume(); // swallow the request, answer nothing
    }));
    const started = performance.now();
    const err = await call(gatewayAt(port, 300)).then(() => null, (e: unknown) => e);
    const took = performance.now() - started;
    expect(err).toBeInstanceOf(LivekitUnavailableError);
    expect((err as LivekitUnavailableError).info).toMatch(/did not answer within 0\.3 s/);
    expect(took).toBeLessThan(3000);
  });

  it('a server that sends headers and then never finishes the body still times out', async () => {
    const port = await listen(createHttpServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"participants": [');
      openSockets.push(res.socket!);
    }));
    const err = await gatewayAt(port, 300).participants('r').then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(LivekitUnavailableError);
  });

  it("LiveKit's not_found is an answer: no participants, not in the call, nothing to end", async () => {
    const gw = gatewayAt(await twirpAnswering(404, { code: 'not_found', msg: 'requested room does not exist' }));
    expect(await gw.participants('r')).toEqual([]);
    expect(await gw.isInCall('r', 'p_x')).toBe(false);
    await expect(gw.endRoom('r')).resolves.toBeUndefined();
  });

  it('refused keys name the variables to check, without echoing the signed request', async () => {
    const gw = gatewayAt(await twirpAnswering(401, { code: 'unauthenticated', msg: 'invalid token: eyJhbGciOiJIUzI1NiJ9.secret-bits' }));
    const err = (await gw.endRoom('r').then(() => null, (e: unknown) => e)) as LivekitUnavailableError;
    expect(err).toBeInstanceOf(LivekitUnavailableError);
    expect(err.info).toMatch(/LIVEKIT_API_KEY/);
    expect(err.info).not.toMatch(/eyJ/);
  });

  it('any other error answer fails, so a DELETE cannot report an ended call that goes on', async () => {
    const gw = gatewayAt(await twirpAnswering(500, { code: 'internal', msg: 'boom' }));
    const err = (await gw.endRoom('r').then(() => null, (e: unknown) => e)) as LivekitUnavailableError;
    expect(err).toBeInstanceOf(LivekitUnavailableError);
    expect(err.info).toMatch(/HTTP 500, internal/);
  });
});
