/**
 * The lobby's door under attack (issue 11, holes 1, 2, 3, 8 and 9), through the whole app: guests and
 * owners on real WebSockets (app.injectWS) over the client API, exactly as a hostile client reaches it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { openWs, type TestWs } from '../testing/ws-client.ts';

let t: TestApp;
const sockets: TestWs[] = [];

async function app(env: Record<string, string> = {}) {
  t = await makeTestApp({ env });
  return t;
}
afterEach(async () => {
  vi.useRealTimers();
  for (const ws of sockets.splice(0)) if (!ws.isClosed()) ws.close();
  await t.close();
});

async function knockRoom(name = 'knock'): Promise<{ id: string; name: string }> {
  return expectOk(await t.api('POST', '/v1/rooms', { name, privacy: 'private', properties: { enable_knocking: true } }));
}

async function connect(room = 'knock', ip = '10.0.0.1', headers: Record<string, string> = {}): Promise<TestWs> {
  const ws = await openWs(t.app, `/api/rooms/${room}/lobby`, ip, headers);
  sockets.push(ws);
  return ws;
}

/** Waits until the server has handled everything sent before (messages are handled in order). */
async function settled(ws: TestWs) {
  ws.send({ type: 'ping-for-test' });
  await ws.next((m) => m.type === 'error' && m.info === 'unknown message');
}

/** Joins the call with an owner's meeting token: the participant session and identity it hands out. */
async function ownerJoin(room = 'knock', tokenProps: Record<string, unknown> = {}) {
  const { token } = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: room, is_owner: true, ...tokenProps } }));
  const body = expectOk(await t.client(`/api/rooms/${room}/join`, { token, name: 'Host' }));
  return { session: body.session as string, identity: body.identity as string };
}

async function owner(room = 'knock', tokenProps: Record<string, unknown> = {}) {
  const joined = await ownerJoin(room, tokenProps);
  const ws = await connect(room, '10.9.9.9');
  ws.send({ type: 'hello', session: joined.session });
  await ws.next('waiting-participants');
  return { ws, ...joined };
}

const count = (ws: TestWs, type: string) => ws.messages.filter((m) => m.type === type).length;

describe('hole 1: a resume key is free only when it matches', () => {
  it('knock-and-cancel with a made-up resume key is charged like any knock: 10 waits, then rate-limit-error', async () => {
    await app();
    await knockRoom();
    const host = await owner();
    const guest = await connect();
    for (let i = 0; i < 30; i++) {
      guest.send({ type: 'request-access', name: `Flood ${i}`, resume: 'z' });
      guest.send({ type: 'cancel' });
    }
    await settled(guest);
    await settled(host.ws);
    expect(count(guest, 'waiting')).toBe(10);
    expect(guest.messages.filter((m) => m.type === 'error').map((m) => m.error)).toContain('rate-limit-error');
    // Owners hear of at most the budgeted knocks: no toast (and no knock sound) for the rest.
    expect(count(host.ws, 'waiting-participant-added')).toBe(10);
  });

  it('renames are budgeted too, made-up resume key or not: one waiting guest cannot flood the owners with updates', async () => {
    await app();
    await knockRoom();
    const host = await owner();
    const guest = await connect();
    for (let i = 0; i < 30; i++) guest.send({ type: 'request-access', name: `Name ${i}`, ...(i % 2 ? { resume: 'z' } : {}) });
    await settled(guest);
    await settled(host.ws);
    expect(count(guest, 'waiting')).toBe(1);
    expect(count(host.ws, 'waiting-participant-added') + count(host.ws, 'waiting-participant-updated')).toBe(10);
    expect(guest.messages.some((m) => m.type === 'error' && m.error === 'rate-limit-error')).toBe(true);
  });

  it('the matching resume key of a dropped guest is free even when the budget is spent', async () => {
    await app();
    await knockRoom();
    const first = await connect();
    first.send({ type: 'request-access', name: 'Ada' });
    const waiting = await first.next('waiting');
    for (let i = 0; i < 12; i++) {
      const other = await connect();
      other.send({ type: 'request-access', name: `Other ${i}` });
      await other.next((m) => m.type === 'waiting' || m.type === 'error');
      other.send({ type: 'cancel' });
    }
    await first.drop();
    const back = await connect();
    back.send({ type: 'request-access', name: 'Ada', resume: waiting.resumeKey });
    expect(await back.next('waiting')).toMatchObject({ id: waiting.id });
  });
});

describe('hole 2: no place is held forever', () => {
  it('caps the places one client holds: the 6th knock from one address is refused; another address still gets in', async () => {
    await app();
    for (const name of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']) await knockRoom(name);
    for (const name of ['r1', 'r2', 'r3', 'r4', 'r5']) {
      const ws = await connect(name);
      ws.send({ type: 'request-access', name: 'Ada' });
      await ws.next('waiting');
    }
    const sixth = await connect('r6');
    sixth.send({ type: 'request-access', name: 'Ada' });
    expect(await sixth.next((m) => m.type !== undefined)).toMatchObject({ type: 'error', error: 'too-many-waiting', info: expect.stringMatching(/already waiting/) });
    const honest = await connect('r6', '10.0.0.2');
    honest.send({ type: 'request-access', name: 'Bob' });
    expect(await honest.next((m) => m.type !== undefined)).toMatchObject({ type: 'waiting' });
  });

  it('ends a wait nobody answered after 15 minutes: the guest is told (and may knock again), owners see them leave', async () => {
    await app();
    await knockRoom();
    const host = await owner();
    const guest = await connect();
    guest.send({ type: 'request-access', name: 'Ada' });
    const waiting = await guest.next('waiting');
    expect(Date.parse(waiting.expiresAt) / 1000).toBe(t.clock.now + 15 * 60);
    t.clock.now += 15 * 60 - 1;
    await t.app.lobby.sweep();
    await settled(guest);
    expect(count(guest, 'expired')).toBe(0);
    t.clock.now += 1;
    await t.app.lobby.sweep();
    expect(await guest.next('expired')).toEqual({ type: 'expired' });
    expect(await host.ws.next('waiting-participant-removed')).toMatchObject({ participant: { id: waiting.id }, reason: 'left' });
    guest.send({ type: 'request-access', name: 'Ada' });
    expect(await guest.next('waiting')).not.toMatchObject({ id: waiting.id });
  });

  it('the maximum wait is configurable (FOYER_MAX_WAIT_MINUTES)', async () => {
    await app({ FOYER_MAX_WAIT_MINUTES: '2' });
    await knockRoom();
    const guest = await connect();
    guest.send({ type: 'request-access', name: 'Ada' });
    const waiting = await guest.next('waiting');
    expect(Date.parse(waiting.expiresAt) / 1000).toBe(t.clock.now + 120);
  });

  it("clears the guest's entry once answered: the same connection knocks anew instead of renaming a ghost", async () => {
    await app();
    await knockRoom();
    const host = await owner();
    const guest = await connect();
    guest.send({ type: 'request-access', name: 'Ada' });
    const waiting = await guest.next('waiting');
    host.ws.send({ type: 'update-waiting-participants', updates: { [waiting.id]: { grantRequestedAccess: false } } });
    await guest.next('denied');
    guest.send({ type: 'request-access', name: 'Ada again' });
    const again = await guest.next((m) => m.type === 'waiting' || m.type === 'error');
    expect(again.type).toBe('waiting');
    expect(again.id).not.toBe(waiting.id);
  });
});

describe('hole 3: lobby sockets are bounded', () => {
  it('closes a socket that sends nothing within 10 s, with a clear error', async () => {
    await app();
    await knockRoom();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const silent = await connect();
    vi.advanceTimersByTime(9_999);
    expect(silent.isClosed()).toBe(false);
    vi.advanceTimersByTime(1);
    vi.useRealTimers();
    await silent.closed;
    expect(silent.messages).toEqual([{ type: 'error', error: 'invalid-request-error', info: expect.stringMatching(/nothing was sent within 10 s/) }]);
  });

  it('caps sockets per client address: over the cap, a clear error and a close; other addresses are unaffected', async () => {
    await app({ FOYER_LOBBY_SOCKETS_PER_CLIENT: '3' });
    await knockRoom();
    for (let i = 0; i < 3; i++) await connect();
    const fourth = await connect();
    await fourth.closed;
    expect(fourth.messages).toEqual([{ type: 'error', error: 'rate-limit-error', info: expect.stringMatching(/too many lobby connections/) }]);
    const other = await connect('knock', '10.0.0.2');
    other.send({ type: 'request-access', name: 'Bob' });
    expect(await other.next((m) => m.type !== undefined)).toMatchObject({ type: 'waiting' });
  });

  it('a closed socket frees its slot', async () => {
    await app({ FOYER_LOBBY_SOCKETS_PER_CLIENT: '1' });
    await knockRoom();
    const first = await connect();
    await first.drop();
    const second = await connect();
    second.send({ type: 'request-access', name: 'Ada' });
    expect(await second.next((m) => m.type !== undefined)).toMatchObject({ type: 'waiting' });
  });

  it('caps sockets in total', async () => {
    await app({ FOYER_LOBBY_SOCKETS_MAX: '2' });
    await knockRoom();
    await connect('knock', '10.0.0.1');
    await connect('knock', '10.0.0.2');
    const third = await connect('knock', '10.0.0.3');
    await third.closed;
    expect(third.messages).toEqual([{ type: 'error', error: 'rate-limit-error', info: expect.stringMatching(/too many people/) }]);
  });

  it("sets the HTTP server's connection limit (FOYER_MAX_CONNECTIONS)", async () => {
    await app({ FOYER_MAX_CONNECTIONS: '1234' });
    expect(t.app.server.maxConnections).toBe(1234);
  });
});

describe('hole 8: owner rights are checked on every answer', () => {
  it('an owner who left the call can no longer answer, even on a channel opened while inside', async () => {
    await app();
    await knockRoom();
    const host = await owner();
    const guest = await connect();
    guest.send({ type: 'request-access', name: 'Ada' });
    const waiting = await guest.next('waiting');
    t.livekit.notInCall.add(host.identity);
    host.ws.send({ type: 'update-waiting-participants', updates: { [waiting.id]: { grantRequestedAccess: true } } });
    expect(await host.ws.next('error')).toMatchObject({ error: 'forbidden-error' });
    await host.ws.closed;
    await settled(guest);
    expect(count(guest, 'granted')).toBe(0);
  });

  it("an owner whose session expired (the meeting token's exp) can no longer answer", async () => {
    await app();
    await knockRoom();
    const host = await owner('knock', { exp: t.clock.now + 60 });
    const guest = await connect();
    guest.send({ type: 'request-access', name: 'Ada' });
    const waiting = await guest.next('waiting');
    t.clock.now += 61;
    host.ws.send({ type: 'update-waiting-participants', updates: { [waiting.id]: { grantRequestedAccess: true } } });
    expect(await host.ws.next('error')).toMatchObject({ error: 'forbidden-error' });
    await settled(guest);
    expect(count(guest, 'granted')).toBe(0);
  });

  it("leaving the call closes the owner's lobby channel", async () => {
    await app();
    const room = await knockRoom();
    const host = await owner();
    await t.app.lobby.participantLeftCall(room.id, host.identity);
    await host.ws.closed;
  });
});

describe('hole 9: only Foyer pages may open the lobby channel', () => {
  it('refuses a WebSocket from a foreign origin before the upgrade', async () => {
    await app();
    await knockRoom();
    await expect(connect('knock', '10.0.0.1', { origin: 'https://evil.example' })).rejects.toThrow(/403/);
  });

  it("accepts Foyer's own origin, and clients that send no Origin (not a browser)", async () => {
    await app({ FOYER_PUBLIC_URL: 'https://meet.example.com' });
    await knockRoom();
    const own = await connect('knock', '10.0.0.1', { origin: 'https://meet.example.com' });
    own.send({ type: 'request-access', name: 'Ada' });
    expect(await own.next((m) => m.type !== undefined)).toMatchObject({ type: 'waiting' });
    const tool = await connect('knock', '10.0.0.2');
    tool.send({ type: 'request-access', name: 'Bob' });
    expect(await tool.next((m) => m.type !== undefined)).toMatchObject({ type: 'waiting' });
  });

  it('accepts origins named in FOYER_FRAME_ANCESTORS, but a wildcard allows nothing more', async () => {
    await app({ FOYER_PUBLIC_URL: 'https://meet.example.com', FOYER_FRAME_ANCESTORS: "'self' https://app.example.org *" });
    await knockRoom();
    const embedder = await connect('knock', '10.0.0.1', { origin: 'https://app.example.org' });
    embedder.send({ type: 'request-access', name: 'Ada' });
    expect(await embedder.next((m) => m.type !== undefined)).toMatchObject({ type: 'waiting' });
    await expect(connect('knock', '10.0.0.2', { origin: 'https://other.example.net' })).rejects.toThrow(/403/);
  });
});
