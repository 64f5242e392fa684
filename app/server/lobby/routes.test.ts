/**
 * The lobby channel (`/api/rooms/:name/lobby`) and the join that redeems an admission, through the
 * whole app: guests and owners on real WebSockets (app.injectWS), the join over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LOBBY_LIMITS } from './lobby.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { openWs, type TestWs } from '../testing/ws-client.ts';

let t: TestApp;
const sockets: TestWs[] = [];

beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) if (!ws.isClosed()) ws.close();
  await t.close();
});

async function knockRoom(name = 'knock'): Promise<{ id: string; name: string }> {
  return expectOk(await t.api('POST', '/v1/rooms', { name, privacy: 'private', properties: { enable_knocking: true } }));
}

async function connect(room = 'knock'): Promise<TestWs> {
  const ws = await openWs(t.app, `/api/rooms/${room}/lobby`);
  sockets.push(ws);
  return ws;
}

const join = (room: string, body: unknown) => t.client(`/api/rooms/${room}/join`, body);

async function meetingToken(properties: Record<string, unknown>): Promise<string> {
  return expectOk(await t.api('POST', '/v1/meeting-tokens', { properties })).token;
}

/**
 * Joins the call with a meeting token, connects to it (LiveKit then counts them in the call, which
 * owners must be to see who waits) and returns the participant session the join handed out.
 */
async function sessionFor(room: string, isOwner: boolean): Promise<string> {
  const token = await meetingToken({ room_name: room, is_owner: isOwner });
  const body = expectOk(await join(room, { token, name: isOwner ? 'Host' : 'Member' }));
  expect(body.isOwner).toBe(isOwner);
  expect(typeof body.session).toBe('string');
  t.livekit.connect((await t.store.getRoom(room))!.id, body.identity);
  return body.session;
}

/** The 'waiting' event's expiresAt for a knock now. */
const waitEnds = () => new Date((t.clock.now + DEFAULT_LOBBY_LIMITS.maxWaitSeconds) * 1000).toISOString();

/** A guest knocks and waits for the 'waiting' event. */
async function knock(name: string, room = 'knock') {
  const ws = await connect(room);
  ws.send({ type: 'request-access', name });
  const waiting = await ws.next('waiting');
  return { ws, waiting };
}

/** An owner opens the lobby channel and gets the list of those waiting. */
async function owner(room = 'knock') {
  const ws = await connect(room);
  ws.send({ type: 'hello', session: await sessionFor(room, true) });
  const list = await ws.next('waiting-participants');
  return { ws, list };
}

/**
 * Waits until everything the server had to say to this socket has arrived: messages are handled in
 * order, so the reply to an unknown message comes after any event caused earlier.
 */
async function settled(ws: TestWs) {
  ws.send({ type: 'ping-for-test' });
  await ws.next((m) => m.type === 'error' && m.info === 'unknown message');
}

/** Knock, let in by an owner over the channel: returns the admission. */
async function grantedAdmission(name = 'Grace') {
  const guest = await knock(name);
  const host = await owner();
  host.ws.send({ type: 'update-waiting-participants', updates: { [guest.waiting.id]: { grantRequestedAccess: true } } });
  const granted = await guest.ws.next('granted');
  return { guest, host, admission: granted.admission as string };
}

describe('lobby channel: guests', () => {
  it('a knock gets waiting with ownerPresent false when no owner is in', async () => {
    await knockRoom();
    const { waiting } = await knock('  Grace  ');
    expect(waiting).toEqual({ type: 'waiting', id: expect.any(String), resumeKey: expect.any(String), ownerPresent: false, expiresAt: waitEnds() });
  });

  it('an invalid name gets an error event', async () => {
    await knockRoom();
    const ws = await connect();
    ws.send({ type: 'request-access', name: 'a\u0001b' });
    expect(await ws.next('error')).toEqual({ type: 'error', error: 'invalid-name', info: expect.any(String) });
  });

  it('a knock on a public room gets room-changed', async () => {
    expectOk(await t.api('POST', '/v1/rooms', { name: 'open' }));
    const ws = await connect('open');
    ws.send({ type: 'request-access', name: 'Grace' });
    expect(await ws.next((m) => m.type !== undefined)).toEqual({ type: 'room-changed' });
  });

  it.each([
    ['not JSON', 'this is not json'],
    ['an unknown type', { type: 'knock-knock' }],
    ['an extra field', { type: 'request-access', name: 'Grace', admin: true }],
    ['a name that is not a string', { type: 'request-access', name: 42 }],
  ])('answers %s with an error event', async (_label, msg) => {
    await knockRoom();
    const ws = await connect();
    ws.send(msg);
    expect(await ws.next('error')).toEqual({ type: 'error', error: 'invalid-request-error', info: 'unknown message' });
    expect(ws.isClosed()).toBe(false);
  });

  it('a guest cannot act as an owner once they knocked', async () => {
    await knockRoom();
    const { ws, waiting } = await knock('Grace');
    ws.send({ type: 'update-waiting-participants', updates: { [waiting.id]: { grantRequestedAccess: true } } });
    expect(await ws.next('error')).toMatchObject({ error: 'invalid-request-error' });
    ws.send({ type: 'hello', session: await sessionFor('knock', true) });
    expect(await ws.next('error')).toMatchObject({ error: 'invalid-request-error' });
    await settled(ws);
    expect(ws.messages.filter((m) => m.type === 'granted' || m.type === 'waiting-participants')).toEqual([]);
  });

  it('an answer before hello is refused', async () => {
    await knockRoom();
    const ws = await connect();
    ws.send({ type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } });
    expect(await ws.next('error')).toEqual({ type: 'error', error: 'invalid-request-error', info: expect.stringMatching(/hello/) });
  });

  it('cancel removes the guest at once; owners see left', async () => {
    await knockRoom();
    const host = await owner();
    const guest = await knock('Grace');
    await host.ws.next('waiting-participant-added');
    guest.ws.send({ type: 'cancel' });
    expect(await host.ws.next('waiting-participant-removed')).toEqual({
      type: 'waiting-participant-removed',
      participant: { id: guest.waiting.id, name: 'Grace', since: expect.any(String) },
      reason: 'left',
    });
  });

  it('a guest whose connection closed is removed after the grace period; owners are told', async () => {
    await knockRoom();
    const host = await owner();
    const guest = await knock('Grace');
    await host.ws.next('waiting-participant-added');
    await guest.ws.drop();
    // The server handles the close after the messages before it: wait until it has marked the place.
    await vi.waitFor(async () => expect((await t.store.lobby.getWaiting(guest.waiting.id))?.goneAt).toBe(t.clock.now + DEFAULT_LOBBY_LIMITS.graceSeconds));
    t.clock.now += DEFAULT_LOBBY_LIMITS.graceSeconds;
    await t.app.lobby.sweep();
    await settled(host.ws);
    expect(host.ws.messages.filter((m) => m.type === 'waiting-participant-removed')).toEqual([]);
    t.clock.now += 1;
    await t.app.lobby.sweep();
    expect(await host.ws.next('waiting-participant-removed')).toMatchObject({
      participant: { id: guest.waiting.id },
      reason: 'left',
    });
  });
});

describe('lobby channel: reconnecting and limits', () => {
  it('a guest reconnecting with the resume key keeps their place and hears the answer', async () => {
    await knockRoom();
    const first = await knock('Grace');
    const host = await owner();
    await first.ws.drop();
    const again = await connect();
    again.send({ type: 'request-access', name: 'Grace', resume: first.waiting.resumeKey });
    expect(await again.next('waiting')).toEqual({ type: 'waiting', id: first.waiting.id, resumeKey: first.waiting.resumeKey, ownerPresent: true, expiresAt: first.waiting.expiresAt });
    host.ws.send({ type: 'update-waiting-participants', updates: { [first.waiting.id]: { grantRequestedAccess: true } } });
    const { admission } = await again.next('granted');
    expect(expectOk(await join('knock', { name: 'x', admission })).name).toBe('Grace');
    await settled(host.ws);
    expect(host.ws.messages.filter((m) => m.type === 'waiting-participant-added')).toHaveLength(0);
  });

  it('rate-limits knocks per client address (10 a minute by default)', async () => {
    await knockRoom();
    for (let i = 0; i < 10; i++) {
      const ws = await openWs(t.app, '/api/rooms/knock/lobby', '203.0.113.7');
      sockets.push(ws);
      ws.send({ type: 'request-access', name: `Knock ${i}` });
      await ws.next('waiting');
      // Each knock gives its place back, so only the knock budget (not the places one client may hold) counts.
      ws.send({ type: 'cancel' });
      await settled(ws);
    }
    const eleventh = await openWs(t.app, '/api/rooms/knock/lobby', '203.0.113.7');
    sockets.push(eleventh);
    eleventh.send({ type: 'request-access', name: 'Knock 10' });
    expect(await eleventh.next('error')).toEqual({ type: 'error', error: 'rate-limit-error', info: expect.any(String) });
    const elsewhere = await openWs(t.app, '/api/rooms/knock/lobby', '198.51.100.9');
    sockets.push(elsewhere);
    elsewhere.send({ type: 'request-access', name: 'Other client' });
    await elsewhere.next('waiting');
    const host = await owner();
    expect(host.list.participants.map((p: { name: string }) => p.name)).toEqual(['Other client']);
  });
});

describe('lobby channel: owners', () => {
  it('an owner gets everyone waiting; guests learn an owner is present', async () => {
    await knockRoom();
    const a = await knock('Ada');
    const b = await knock('Bob');
    const host = await owner();
    expect(host.list.participants.map((p: { id: string; name: string }) => [p.id, p.name])).toEqual([
      [a.waiting.id, 'Ada'],
      [b.waiting.id, 'Bob'],
    ]);
    expect(await a.ws.next('owner-presence')).toEqual({ type: 'owner-presence', ownerPresent: true });
    expect(await b.ws.next('owner-presence')).toEqual({ type: 'owner-presence', ownerPresent: true });
  });

  it('a non-owner session is refused and the socket closed', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const ws = await connect();
    ws.send({ type: 'hello', session: await sessionFor('knock', false) });
    expect(await ws.next('error')).toEqual({ type: 'error', error: 'forbidden-error', info: expect.any(String) });
    await ws.closed;
    expect(ws.messages.some((m) => m.type === 'waiting-participants')).toBe(false);
    await settled(guest.ws);
    expect(guest.ws.messages.some((m) => m.type === 'owner-presence')).toBe(false);
  });

  it('a made-up session is refused and the socket closed', async () => {
    await knockRoom();
    const ws = await connect();
    ws.send({ type: 'hello', session: 'made-up' });
    expect(await ws.next('error')).toMatchObject({ error: 'forbidden-error' });
    await ws.closed;
  });

  it("an owner of another room is refused on this room's channel", async () => {
    await knockRoom('knock');
    await knockRoom('other');
    const ws = await connect('knock');
    ws.send({ type: 'hello', session: await sessionFor('other', true) });
    expect(await ws.next('error')).toMatchObject({ error: 'forbidden-error' });
    await ws.closed;
  });

  it('a second hello from an owner is ignored', async () => {
    await knockRoom();
    const host = await owner();
    host.ws.send({ type: 'hello', session: await sessionFor('knock', true) });
    const guest = await knock('Grace');
    expect(await host.ws.next('waiting-participant-added')).toMatchObject({ participant: { id: guest.waiting.id } });
    await settled(host.ws);
    expect(host.ws.messages.filter((m) => m.type === 'waiting-participants')).toHaveLength(1);
  });

  it('an owner sending a guest message gets an error', async () => {
    await knockRoom();
    const host = await owner();
    host.ws.send({ type: 'request-access', name: 'Host' });
    expect(await host.ws.next('error')).toEqual({ type: 'error', error: 'invalid-request-error', info: 'unknown message' });
  });

  it('knocks, renames and answers reach every owner, never the guests', async () => {
    await knockRoom();
    const h1 = await owner();
    const h2 = await owner();
    const a = await knock('Ada');
    const b = await knock('Bob');
    for (const h of [h1, h2]) {
      expect((await h.ws.next('waiting-participant-added')).participant.name).toBe('Ada');
      expect((await h.ws.next('waiting-participant-added')).participant.name).toBe('Bob');
    }
    a.ws.send({ type: 'request-access', name: 'Ada L.' });
    for (const h of [h1, h2]) expect(await h.ws.next('waiting-participant-updated')).toMatchObject({ participant: { id: a.waiting.id, name: 'Ada L.' } });
    h1.ws.send({ type: 'update-waiting-participants', updates: { [a.waiting.id]: { grantRequestedAccess: false } } });
    expect(await a.ws.next('denied')).toEqual({
      type: 'denied',
      error: { type: 'not-allowed', detail: 'join-request-rejected', msg: 'Join request rejected' },
    });
    for (const h of [h1, h2]) expect(await h.ws.next('waiting-participant-removed')).toMatchObject({ participant: { id: a.waiting.id }, reason: 'denied' });
    // The second owner answers too late: nothing happens.
    h2.ws.send({ type: 'update-waiting-participants', updates: { [a.waiting.id]: { grantRequestedAccess: true } } });
    await settled(h2.ws);
    await settled(h1.ws);
    await settled(a.ws);
    await settled(b.ws);
    for (const h of [h1, h2]) expect(h.ws.messages.filter((m) => m.type === 'waiting-participant-removed')).toHaveLength(1);
    expect(a.ws.messages.some((m) => m.type === 'granted')).toBe(false);
    const guestTypes = (ws: TestWs) => ws.messages.map((m) => m.type).filter((type) => type !== 'error');
    expect(guestTypes(a.ws)).toEqual(['waiting', 'denied']);
    expect(guestTypes(b.ws)).toEqual(['waiting']);
  });

  it('guests hear owner-presence false when the last owner leaves', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const h1 = await owner();
    const h2 = await owner();
    expect(await guest.ws.next('owner-presence')).toEqual({ type: 'owner-presence', ownerPresent: true });
    await h1.ws.drop();
    await h2.ws.drop();
    expect(await guest.ws.next('owner-presence')).toEqual({ type: 'owner-presence', ownerPresent: false });
    await settled(guest.ws);
    expect(guest.ws.messages.filter((m) => m.type === 'owner-presence')).toHaveLength(2);
  });

  it("'*' grants everyone waiting", async () => {
    await knockRoom();
    const a = await knock('Ada');
    const b = await knock('Bob');
    const host = await owner();
    host.ws.send({ type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } });
    const [ga, gb] = [await a.ws.next('granted'), await b.ws.next('granted')];
    expect(ga.admission).not.toBe(gb.admission);
    expect(expectOk(await join('knock', { name: 'x', admission: ga.admission })).name).toBe('Ada');
    expect(expectOk(await join('knock', { name: 'x', admission: gb.admission })).name).toBe('Bob');
  });
});

describe('lobby channel: the room changes', () => {
  it('knocking turned off through the REST API: waiting guests get room-changed, owners removals', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const host = await owner();
    expectOk(await t.api('POST', '/v1/rooms/knock', { properties: { enable_knocking: false } }));
    expect(await guest.ws.next('room-changed')).toEqual({ type: 'room-changed' });
    expect(await host.ws.next('waiting-participant-removed')).toMatchObject({ participant: { id: guest.waiting.id }, reason: 'left' });
  });

  it('room deleted through the REST API: waiting guests get room-changed', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const host = await owner();
    expectOk(await t.api('DELETE', '/v1/rooms/knock'));
    expect(await guest.ws.next('room-changed')).toEqual({ type: 'room-changed' });
    expect(await host.ws.next('waiting-participant-removed')).toMatchObject({ participant: { id: guest.waiting.id }, reason: 'left' });
  });
});

describe('POST /api/rooms/:name/join with an admission', () => {
  it('lets a granted guest in once, with the name they knocked with, as a non-owner', async () => {
    await knockRoom();
    const { admission, host, guest } = await grantedAdmission('Grace');
    expect(await host.ws.next('waiting-participant-removed')).toMatchObject({ participant: { id: guest.waiting.id }, reason: 'granted' });
    const mintsBefore = t.livekit.mintCalls.length;
    const body = expectOk(await join('knock', { name: 'Someone Else', admission }));
    expect(body).toMatchObject({ name: 'Grace', isOwner: false, livekitToken: expect.any(String), session: expect.any(String) });
    expect(t.livekit.mintCalls).toHaveLength(mintsBefore + 1);
    expect(t.livekit.mintCalls.at(-1)).toMatchObject({ roomId: (await t.store.getRoom('knock'))!.id, name: 'Grace', isOwner: false });
    // Single use.
    const again = expectError(await join('knock', { name: 'Grace', admission }), 403, 'forbidden-error');
    expect(again.access).toMatchObject({ type: 'not-allowed' });
    expect(t.livekit.mintCalls).toHaveLength(mintsBefore + 1);
  });

  it("the admitted guest's session is not an owner's: it cannot open the owners' channel", async () => {
    await knockRoom();
    const { admission } = await grantedAdmission('Grace');
    const { session } = expectOk(await join('knock', { name: 'Grace', admission }));
    const ws = await connect();
    ws.send({ type: 'hello', session });
    expect(await ws.next('error')).toMatchObject({ error: 'forbidden-error' });
    await ws.closed;
  });

  it('refuses a made-up admission with 403', async () => {
    await knockRoom();
    const body = expectError(await join('knock', { name: 'Grace', admission: 'made-up-admission' }), 403, 'forbidden-error');
    expect(body.access).toMatchObject({ type: 'not-allowed' });
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('refuses an admission in another room; it stays good only for its own room, once', async () => {
    await knockRoom();
    await knockRoom('other');
    const { admission } = await grantedAdmission('Grace');
    expectError(await join('other', { name: 'Grace', admission }), 403, 'forbidden-error');
    expectOk(await join('knock', { name: 'Grace', admission }));
    expectError(await join('knock', { name: 'Grace', admission }), 403, 'forbidden-error');
  });

  it('keeps the admission when the join fails on the way (the call is full), so the guest can retry', async () => {
    const room = await knockRoom();
    const { admission } = await grantedAdmission('Grace');
    t.livekit.counts.set(room.id, 200);
    expectError(await join('knock', { name: 'Grace', admission }), 403, 'forbidden-error');
    t.livekit.counts.clear();
    expect(expectOk(await join('knock', { name: 'Grace', admission })).name).toBe('Grace');
  });

  it('refuses an admission older than its lifetime', async () => {
    await knockRoom();
    const { admission } = await grantedAdmission('Grace');
    t.clock.now += 31;
    expectError(await join('knock', { name: 'Grace', admission }), 403, 'forbidden-error');
  });

  it('refuses a lobby-level guest without admission with 403 and the access refusal', async () => {
    await knockRoom();
    const body = expectError(await join('knock', { name: 'Grace' }), 403, 'forbidden-error');
    expect(body.access).toEqual({ type: 'not-allowed', msg: 'The host lets people into this room: press Ask to join.' });
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('a denied guest gets no admission and cannot join', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const host = await owner();
    host.ws.send({ type: 'update-waiting-participants', updates: { [guest.waiting.id]: { grantRequestedAccess: false } } });
    await guest.ws.next('denied');
    expect(guest.ws.messages.some((m) => m.type === 'granted')).toBe(false);
    expectError(await join('knock', { name: 'Grace' }), 403, 'forbidden-error');
  });
});

describe('lobby channel: messages with a waiting guest', () => {
  it('owner writes, the guest sees only the text and answers, the owner sees the answer', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const host = await owner();
    host.ws.send({ type: 'message-waiting', id: guest.waiting.id, text: 'One moment, finishing a call' });
    expect(await guest.ws.next('host-message')).toEqual({ type: 'host-message', text: 'One moment, finishing a call', at: expect.any(String) });
    expect(await host.ws.next('waiting-message')).toMatchObject({ id: guest.waiting.id, from: 'host', text: 'One moment, finishing a call' });
    guest.ws.send({ type: 'reply', text: 'No problem' });
    expect(await guest.ws.next('reply-sent')).toMatchObject({ text: 'No problem' });
    expect(await host.ws.next('waiting-message')).toMatchObject({ id: guest.waiting.id, from: 'guest', text: 'No problem' });
    // The guest's channel carried nothing of the call.
    expect(guest.ws.messages.map((m) => m.type)).toEqual(['waiting', 'owner-presence', 'host-message', 'reply-sent']);
  });

  it('a guest cannot write first, nor send an owner message; an owner message before hello is refused', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    guest.ws.send({ type: 'reply', text: 'let me in' });
    expect(await guest.ws.next('error')).toMatchObject({ error: 'forbidden-error', about: 'reply' });
    guest.ws.send({ type: 'message-waiting', id: guest.waiting.id, text: 'hi me' });
    expect(await guest.ws.next('error')).toEqual({ type: 'error', error: 'invalid-request-error', info: 'unknown message' });
    const stranger = await connect();
    stranger.send({ type: 'message-waiting', id: guest.waiting.id, text: 'hi' });
    expect(await stranger.next('error')).toEqual({ type: 'error', error: 'invalid-request-error', info: expect.stringMatching(/hello/) });
    await settled(guest.ws);
    expect(guest.ws.messages.filter((m) => m.type === 'host-message')).toEqual([]);
  });

  it('a message over the bounds is refused with the reason; an oversized frame field is an unknown message', async () => {
    await knockRoom();
    const guest = await knock('Grace');
    const host = await owner();
    host.ws.send({ type: 'message-waiting', id: guest.waiting.id, text: 'x'.repeat(201) });
    expect(await host.ws.next('error')).toMatchObject({ error: 'invalid-request-error', info: expect.stringMatching(/200/), about: 'message' });
    host.ws.send({ type: 'message-waiting', id: guest.waiting.id, text: 'x'.repeat(5000) });
    expect(await host.ws.next('error')).toEqual({ type: 'error', error: 'invalid-request-error', info: 'unknown message' });
  });
});
