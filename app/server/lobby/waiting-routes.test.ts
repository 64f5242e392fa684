import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorEvent } from '../events/operator-events.ts';
import { participantSessions, sessionKeyFrom } from '../sessions/participant-session.ts';
import { fakeSocket, type FakeSocket } from '../testing/fake-socket.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, rawPost, T0, type TestApp } from '../testing/test-app.ts';
import type { GuestConnection } from './lobby.ts';

let t: TestApp;
let events: OperatorEvent[];
beforeEach(async () => {
  t = await makeTestApp();
  events = [];
  t.app.operatorEvents.on((e) => events.push(e));
});
afterEach(async () => {
  await t.close();
});

async function knockRoom(name = 'door') {
  return expectOk(await t.api('POST', '/v1/rooms', { name, privacy: 'private', properties: { enable_knocking: true } })) as { id: string; name: string };
}

async function knock(room: string, name: string, token?: string) {
  const guest: GuestConnection & { socket: FakeSocket } = { socket: fakeSocket(), clientKey: `10.0.0.${name.length}` };
  await t.app.lobby.requestAccess(room, guest, { name, ...(token ? { token } : {}) });
  const waiting = guest.socket.of('waiting')[0];
  if (!waiting) throw new Error(`no waiting event: ${JSON.stringify(guest.socket.sent)}`);
  return { guest, id: waiting.id as string };
}

async function ownerInCall(room: { id: string; name: string }) {
  const sessions = participantSessions(sessionKeyFrom(t.deployment.apiKey));
  const socket = fakeSocket();
  const conn = await t.app.lobby.ownerJoined(room.name, socket, await sessions.issue({ roomId: room.id, identity: 'p_owner', isOwner: true }, t.clock.now));
  expect(conn).not.toBeNull();
  return socket;
}

const answer = (room: string, updates: unknown) => t.api('POST', `/v1/rooms/${room}/waiting-participants`, { updates });

describe('GET /v1/rooms/:name/waiting-participants', () => {
  it('lists who is waiting in knock order, with the user_id of a knocking token holder', async () => {
    await knockRoom();
    const { token } = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'door', knocking: true, user_id: 'crm-42' } }));
    expect(expectOk(await t.api('GET', '/v1/rooms/door/waiting-participants'))).toEqual({ total_count: 0, data: [] });
    const ann = await knock('door', 'Ann');
    t.clock.now += 2.5;
    const tess = await knock('door', 'Tess', token);
    expect(expectOk(await t.api('GET', '/v1/rooms/door/waiting-participants'))).toEqual({
      total_count: 2,
      data: [
        { id: ann.id, user_name: 'Ann', user_id: null, waiting_since: T0 },
        { id: tess.id, user_name: 'Tess', user_id: 'crm-42', waiting_since: T0 + 2 },
      ],
    });
  });

  it('404 for a room that does not exist; the API key is required', async () => {
    expectError(await t.api('GET', '/v1/rooms/nowhere/waiting-participants'), 404, 'not-found');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/rooms/door/waiting-participants' }), 400, 'authorization-header-error');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/rooms/door/waiting-participants', headers: { authorization: 'Bearer wrong-key' } }), 401, 'authentication-error');
  });
});

describe('POST /v1/rooms/:name/waiting-participants (admitting from outside the call)', () => {
  it('a place that could not be stored is never told to operators: no waiting-participant.left without its .joined', async () => {
    await knockRoom();
    vi.spyOn(t.store.lobby, 'addWaiting').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    const guest: GuestConnection & { socket: FakeSocket } = { socket: fakeSocket(), clientKey: '10.0.0.9' };
    await expect(t.app.lobby.requestAccess('door', guest, { name: 'Ann' })).rejects.toThrow('disk I/O error');
    expect(events).toEqual([]);
  });

  it('a grant is what an owner\'s Allow is: the guest gets an admission, owners\' toasts close, operators hear waiting-participant.left', async () => {
    const room = await knockRoom();
    const owner = await ownerInCall(room);
    const { guest, id } = await knock('door', 'Gus');
    expect(owner.of('waiting-participant-added')).toHaveLength(1);
    t.clock.now += 7;
    expect(expectOk(await answer('door', { [id]: { grantRequestedAccess: true } }))).toEqual({ granted: [id], denied: [] });
    const granted = guest.socket.of('granted');
    expect(granted).toHaveLength(1);
    expect(await t.app.lobby.admission(granted[0].admission, 'door')).toMatchObject({ name: 'Gus' });
    expect(owner.of('waiting-participant-removed')).toEqual([expect.objectContaining({ participant: expect.objectContaining({ id }), reason: 'granted' })]);
    expect(events.map((e) => e.type)).toEqual(['waiting-participant.joined', 'waiting-participant.left']);
    expect(events[1]!.payload).toMatchObject({ room: 'door', session_id: id, user_name: 'Gus', owner: false, joined_at: T0, duration: 7 });
    expect(expectOk(await t.api('GET', '/v1/rooms/door/waiting-participants')).total_count).toBe(0);
  });

  it('a denial shows the guest the same refusal as an owner\'s Deny', async () => {
    await knockRoom();
    const { guest, id } = await knock('door', 'Dan');
    expect(expectOk(await answer('door', { [id]: { grantRequestedAccess: false } }))).toEqual({ granted: [], denied: [id] });
    expect(guest.socket.of('denied')).toEqual([{ type: 'denied', error: expect.objectContaining({ type: 'not-allowed', detail: 'join-request-rejected' }) }]);
  });

  it('first answer wins: answering someone already answered is a 400 (not 404: the room exists) and changes nothing', async () => {
    await knockRoom();
    const { guest, id } = await knock('door', 'Gus');
    expectOk(await answer('door', { [id]: { grantRequestedAccess: true } }));
    expect(expectError(await answer('door', { [id]: { grantRequestedAccess: false } }), 400, 'invalid-request-error').info).toMatch(/nobody with these ids is waiting/);
    expect(guest.socket.of('denied')).toHaveLength(0);
    expectError(await answer('door', { unknownid123: { grantRequestedAccess: true } }), 400, 'invalid-request-error');
    // With "*" the answer is about everyone waiting now, which may be nobody: not an error.
    expect(expectOk(await answer('door', { '*': { grantRequestedAccess: true }, unknownid123: { grantRequestedAccess: true } }))).toEqual({ granted: [], denied: [] });
  });

  it('an id no longer waiting is in neither list when others in the same update were answered', async () => {
    await knockRoom();
    const { id } = await knock('door', 'Ann');
    expect(expectOk(await answer('door', { [id]: { grantRequestedAccess: true }, gone0000000: { grantRequestedAccess: true } }))).toEqual({ granted: [id], denied: [] });
  });

  it('"*" answers everyone waiting at that moment; named ids keep their own answer', async () => {
    await knockRoom();
    const a = await knock('door', 'Ann');
    const b = await knock('door', 'Ben');
    const c = await knock('door', 'Cy');
    const res = expectOk(await answer('door', { '*': { grantRequestedAccess: true }, [b.id]: { grantRequestedAccess: false } }));
    expect(res.granted.sort()).toEqual([a.id, c.id].sort());
    expect(res.denied).toEqual([b.id]);
    // Nobody waiting now: "*" answers nobody, which is not an error.
    expect(expectOk(await answer('door', { '*': { grantRequestedAccess: true } }))).toEqual({ granted: [], denied: [] });
  });

  it('refuses bad input with 400 and unknown rooms with 404, before touching anyone', async () => {
    await knockRoom();
    const { guest, id } = await knock('door', 'Gus');
    for (const body of [
      {},
      { updates: {} },
      { updates: { [id]: { grantRequestedAccess: 'yes' } } },
      { updates: { [id]: { grantRequestedAccess: true, extra: 1 } } },
      { updates: { [id]: {} } },
      { updates: { 'no spaces allowed': { grantRequestedAccess: true } } },
      { updates: { ['x'.repeat(65)]: { grantRequestedAccess: true } } },
      { updates: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`id${i}`, { grantRequestedAccess: true }])) },
      { updates: { [id]: { grantRequestedAccess: true } }, more: true },
    ]) {
      expectError(await t.api('POST', '/v1/rooms/door/waiting-participants', body), 400, 'invalid-request-error');
    }
    expectError(await rawPost(t, '/v1/rooms/door/waiting-participants', '{"updates":'), 400, 'json-parsing-error');
    expectError(await answer('nowhere', { [id]: { grantRequestedAccess: true } }), 404, 'not-found');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/rooms/door/waiting-participants', payload: { updates: { [id]: { grantRequestedAccess: true } } }, headers: { authorization: 'Bearer nope-nope' } }), 401, 'authentication-error');
    expect(guest.socket.of('granted')).toHaveLength(0);
    expect(expectOk(await t.api('GET', '/v1/rooms/door/waiting-participants')).total_count).toBe(1);
  });
});

describe('waiting-participant events from the lobby', () => {
  it('a knock emits joined; cancelling, expiring and the room going emit left', async () => {
    await knockRoom();
    const a = await knock('door', 'Ann');
    expect(events).toEqual([{ type: 'waiting-participant.joined', payload: { room: 'door', session_id: a.id, user_id: null, user_name: 'Ann', owner: false, joined_at: T0, will_eject_at: null, permissions: { hasPresence: true, canSend: true, canAdmin: false } } }]);
    await t.app.lobby.cancel(a.guest);
    expect(events.at(-1)).toMatchObject({ type: 'waiting-participant.left', payload: { session_id: a.id, duration: 0 } });

    const b = await knock('door', 'Ben');
    t.clock.now += 16 * 60; // past the maximum wait
    await t.app.lobby.sweep();
    expect(events.at(-1)).toMatchObject({ type: 'waiting-participant.left', payload: { session_id: b.id, duration: 16 * 60 } });

    const c = await knock('door', 'Cy');
    expectOk(await t.api('POST', '/v1/rooms/door', { privacy: 'public' }));
    expect(events.at(-1)).toMatchObject({ type: 'waiting-participant.left', payload: { session_id: c.id } });
    expect(events.map((e) => e.type)).toEqual(['waiting-participant.joined', 'waiting-participant.left', 'waiting-participant.joined', 'waiting-participant.left', 'waiting-participant.joined', 'waiting-participant.left']);
  });
});
