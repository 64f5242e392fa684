import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DETAIL_MESSAGES } from '../../shared/access.ts';
import { participantSessions, sessionKeyFrom, type ParticipantSessions } from '../sessions/participant-session.ts';
import { fakeSocket, type FakeSocket } from '../testing/fake-socket.ts';
import { expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { DEFAULT_LOBBY_LIMITS, Lobby, type GuestConnection, type LobbyLimits } from './lobby.ts';

let t: TestApp;
let sessions: ParticipantSessions;
let lobby: Lobby;

const LIMITS: LobbyLimits = { maxWaiting: 5, graceSeconds: 5, admissionSeconds: 30, knocksPerWindow: 100, knockWindowSeconds: 60 };

beforeEach(async () => {
  t = await makeTestApp();
  sessions = participantSessions(sessionKeyFrom(t.deployment.apiKey));
  lobby = new Lobby(t.ctx, sessions, LIMITS);
});
afterEach(async () => {
  lobby.close();
  await t.close();
});

/** A fresh Lobby with other limits (the one from beforeEach is closed). */
function lobbyWith(limits: Partial<LobbyLimits>): Lobby {
  lobby.close();
  lobby = new Lobby(t.ctx, sessions, { ...LIMITS, ...limits });
  return lobby;
}

async function knockRoom(name = 'knock'): Promise<{ id: string; name: string }> {
  return expectOk(await t.api('POST', '/v1/rooms', { name, privacy: 'private', properties: { enable_knocking: true } }));
}

function guest(clientKey = '10.0.0.1'): GuestConnection & { socket: FakeSocket } {
  return { socket: fakeSocket(), clientKey };
}

/** A guest knocks; returns the guest and their 'waiting' event. */
async function knock(roomName: string, name: string, clientKey?: string) {
  const g = guest(clientKey);
  await lobby.requestAccess(roomName, g, { name });
  const waiting = g.socket.of('waiting')[0];
  if (!waiting) throw new Error(`no waiting event for ${name}: ${JSON.stringify(g.socket.sent)}`);
  return { g, waiting };
}

async function ownerSession(roomId: string, isOwner = true, identity = 'p_owner'): Promise<string> {
  return sessions.issue({ roomId, identity, isOwner }, t.clock.now);
}

/** An owner opens the lobby channel. */
async function owner(room: { id: string; name: string }): Promise<FakeSocket> {
  const socket = fakeSocket();
  const joined = await lobby.ownerJoined(room.name, socket, await ownerSession(room.id));
  expect(joined).toBe(room.id);
  return socket;
}

const sweep = () => (lobby as unknown as { sweep(): void }).sweep();

const participant = (id: string, name: string, since = t.clock.now) => ({ id, name, since: new Date(since * 1000).toISOString() });

describe('Lobby: knocking', () => {
  it('tells a knocking guest they wait, with no owner present', async () => {
    await knockRoom();
    const g = guest();
    await lobby.requestAccess('knock', g, { name: '  Ada  ' });
    expect(g.socket.sent).toEqual([{ type: 'waiting', id: expect.any(String), resumeKey: expect.any(String), ownerPresent: false }]);
    expect(g.entryId).toBe(g.socket.sent[0].id);
    expect(lobby.ownerPresent((await knockRoomId('knock')))).toBe(false);
  });

  it('an owner joining later gets everyone already waiting, in knock order, and guests learn the owner is here', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    t.clock.now += 2;
    const b = await knock('knock', 'Bob');
    const o = await owner(room);
    expect(o.sent).toEqual([
      {
        type: 'waiting-participants',
        participants: [participant(a.waiting.id, 'Ada', t.clock.now - 2), participant(b.waiting.id, 'Bob')],
      },
    ]);
    expect(a.g.socket.sent.slice(1)).toEqual([{ type: 'owner-presence', ownerPresent: true }]);
    expect(b.g.socket.sent.slice(1)).toEqual([{ type: 'owner-presence', ownerPresent: true }]);
    expect(lobby.ownerPresent(room.id)).toBe(true);
  });

  it('an owner joining an empty lobby gets an empty list', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    expect(o.sent).toEqual([{ type: 'waiting-participants', participants: [] }]);
  });

  it('a guest knocking while an owner is present is told so, and the owner hears of the knock', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const { g, waiting } = await knock('knock', 'Ada');
    expect(waiting.ownerPresent).toBe(true);
    expect(g.socket.sent).toHaveLength(1);
    expect(o.sent.slice(1)).toEqual([{ type: 'waiting-participant-added', participant: participant(waiting.id, 'Ada') }]);
  });

  it('knock events go to every owner and never to guests', async () => {
    const room = await knockRoom();
    const o1 = await owner(room);
    const o2 = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    for (const o of [o1, o2]) {
      expect(o.of('waiting-participant-added').map((e) => e.participant.name)).toEqual(['Ada', 'Bob']);
    }
    // Each guest hears only about themselves.
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(b.g.socket.types()).toEqual(['waiting']);
  });

  it('knocking again on the same connection renames: owners get an update, the place is kept', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await lobby.requestAccess('knock', a.g, { name: ' Ada L. ' });
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-updated', participant: participant(a.waiting.id, 'Ada L.') });
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(b.g.socket.types()).toEqual(['waiting']);
    expect(a.g.entryId).toBe(a.waiting.id);
    // A later owner sees the new name, in the original place.
    const later = await owner(room);
    expect(later.sent[0].participants.map((p: { name: string }) => p.name)).toEqual(['Ada L.', 'Bob']);
  });

  it('a rename to an invalid name is refused to the guest; owners hear nothing', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const before = o.sent.length;
    await lobby.requestAccess('knock', a.g, { name: '\u0000' });
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'error', error: 'invalid-name', info: expect.any(String) });
    expect(o.sent).toHaveLength(before);
  });

  it('refuses an invalid name with an error, adding nothing', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    for (const name of ['', '   ', 'x'.repeat(65), 'Bad\nName']) {
      const g = guest();
      await lobby.requestAccess('knock', g, { name });
      expect(g.socket.sent).toEqual([{ type: 'error', error: 'invalid-name', info: expect.any(String) }]);
      expect(g.entryId).toBeUndefined();
    }
    expect(o.sent).toEqual([{ type: 'waiting-participants', participants: [] }]);
    expect((await owner(room)).sent[0].participants).toEqual([]);
  });

  it('caps the waiting list: the next knock gets lobby-full and nothing changes', async () => {
    lobbyWith({ maxWaiting: 2 });
    const room = await knockRoom();
    const o = await owner(room);
    await knock('knock', 'Ada');
    await knock('knock', 'Bob');
    const g = guest();
    await lobby.requestAccess('knock', g, { name: 'Cy' });
    expect(g.socket.sent).toEqual([{ type: 'error', error: 'lobby-full', info: expect.stringMatching(/2/) }]);
    expect(g.entryId).toBeUndefined();
    expect(o.of('waiting-participant-added')).toHaveLength(2);
    expect((await owner(room)).sent[0].participants.map((p: { name: string }) => p.name)).toEqual(['Ada', 'Bob']);
  });

  it('caps each room separately', async () => {
    lobbyWith({ maxWaiting: 1 });
    await knockRoom('one');
    await knockRoom('two');
    await knock('one', 'Ada');
    const { waiting } = await knock('two', 'Bob');
    expect(waiting.type).toBe('waiting');
  });

  it('rate-limits knocks per client key', async () => {
    lobbyWith({ knocksPerWindow: 2, knockWindowSeconds: 60 });
    const room = await knockRoom();
    const o = await owner(room);
    await knock('knock', 'A1', 'client-a');
    await knock('knock', 'A2', 'client-a');
    const third = guest('client-a');
    await lobby.requestAccess('knock', third, { name: 'A3' });
    expect(third.socket.sent).toEqual([{ type: 'error', error: 'rate-limit-error', info: expect.any(String) }]);
    expect(third.entryId).toBeUndefined();
    expect(o.of('waiting-participant-added').map((e) => e.participant.name)).toEqual(['A1', 'A2']);
    // Another client is not affected.
    await knock('knock', 'B1', 'client-b');
    // Once the window has passed, client-a may knock again.
    t.clock.now += 60;
    const again = guest('client-a');
    await lobby.requestAccess('knock', again, { name: 'A4' });
    expect(again.socket.types()).toEqual(['waiting']);
  });

  it('counts knocks across rooms for the same client', async () => {
    lobbyWith({ knocksPerWindow: 1 });
    await knockRoom('one');
    await knockRoom('two');
    await knock('one', 'Ada', 'client-a');
    const g = guest('client-a');
    await lobby.requestAccess('two', g, { name: 'Ada' });
    expect(g.socket.sent[0]).toMatchObject({ type: 'error', error: 'rate-limit-error' });
  });

  it('counts renames against the knock budget, so one guest cannot flood the owners', async () => {
    lobbyWith({ knocksPerWindow: 3 });
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada', 'client-a');
    await lobby.requestAccess('knock', a.g, { name: 'Ada 2' });
    await lobby.requestAccess('knock', a.g, { name: 'Ada 3' });
    await lobby.requestAccess('knock', a.g, { name: 'Ada 4' });
    expect(a.g.socket.types()).toEqual(['waiting', 'error']);
    expect(a.g.socket.of('error')[0].error).toBe('rate-limit-error');
    expect(o.of('waiting-participant-updated').map((e) => e.participant.name)).toEqual(['Ada 2', 'Ada 3']);
  });

  it('keeps a knocking token holder\'s token for the admission', async () => {
    const room = await knockRoom();
    const token = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'knock', knocking: true, user_name: 'Tok' } })).token;
    const g = guest();
    await lobby.requestAccess('knock', g, { name: 'Ada', token });
    const { id } = g.socket.of('waiting')[0];
    const o = await owner(room);
    expect(o.sent[0].participants).toEqual([participant(id, 'Ada')]);
    lobby.answer(room.id, { [id]: { grantRequestedAccess: true } });
    const admission = lobby.redeem(g.socket.of('granted')[0].admission, 'knock');
    expect(admission).toMatchObject({ roomId: room.id, name: 'Ada', meetingToken: token });
  });
});

/** The id of a room by name, from the store. */
async function knockRoomId(name: string): Promise<string> {
  const room = t.store.getRoom(name);
  if (!room) throw new Error(`no room ${name}`);
  return room.id;
}

describe('Lobby: the door changed', () => {
  it('sends room-changed and adds nothing on a public room', async () => {
    const room = expectOk(await t.api('POST', '/v1/rooms', { name: 'open' }));
    const o = await owner(room);
    const g = guest();
    await lobby.requestAccess('open', g, { name: 'Ada' });
    expect(g.socket.sent).toEqual([{ type: 'room-changed' }]);
    expect(g.entryId).toBeUndefined();
    expect(o.sent).toEqual([{ type: 'waiting-participants', participants: [] }]);
  });

  it('sends room-changed on a private room without knocking', async () => {
    const room = expectOk(await t.api('POST', '/v1/rooms', { name: 'closed', privacy: 'private' }));
    const o = await owner(room);
    const g = guest();
    await lobby.requestAccess('closed', g, { name: 'Ada' });
    expect(g.socket.sent).toEqual([{ type: 'room-changed' }]);
    expect(o.sent).toHaveLength(1);
  });

  it('sends room-changed for a room that does not exist, or an invalid name', async () => {
    for (const name of ['missing', '../etc', '']) {
      const g = guest();
      await lobby.requestAccess(name, g, { name: 'Ada' });
      expect(g.socket.sent).toEqual([{ type: 'room-changed' }]);
    }
  });

  it('sends room-changed when the guest\'s token gives full access (no lobby needed)', async () => {
    await knockRoom();
    const token = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'knock' } })).token;
    const g = guest();
    await lobby.requestAccess('knock', g, { name: 'Ada', token });
    expect(g.socket.sent).toEqual([{ type: 'room-changed' }]);
  });

  it('knocking turned off: waiting guests get room-changed, owners get removals', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    lobby.guestDisconnected(b.g); // a dropped guest is removed too, with nobody to tell
    expectOk(await t.api('POST', '/v1/rooms/knock', { properties: { enable_knocking: false } }));
    lobby.roomChanged(t.store.getRoom('knock')!);
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'room-changed' });
    expect(b.g.socket.types()).toEqual(['waiting']);
    expect(o.of('waiting-participant-removed')).toEqual([
      { type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'left' },
      { type: 'waiting-participant-removed', participant: participant(b.waiting.id, 'Bob'), reason: 'left' },
    ]);
    // Nothing is left to answer.
    lobby.answer(room.id, { '*': { grantRequestedAccess: true } });
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(o.of('waiting-participant-removed')).toHaveLength(2);
  });

  it('room made public: waiting guests get room-changed', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    expectOk(await t.api('POST', '/v1/rooms/knock', { privacy: 'public' }));
    lobby.roomChanged(t.store.getRoom('knock')!);
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'room-changed' });
    expect(o.of('waiting-participant-removed')).toHaveLength(1);
  });

  it('room deleted: waiting guests get room-changed, owners get removals', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const stored = t.store.getRoom('knock')!;
    expectOk(await t.api('DELETE', '/v1/rooms/knock'));
    lobby.roomChanged(stored, true);
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'room-changed' });
    expect(o.of('waiting-participant-removed')).toEqual([
      { type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'left' },
    ]);
    expect(lobby.ownerPresent(room.id)).toBe(false);
  });

  it('a change that keeps knocking on leaves everyone waiting', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    expectOk(await t.api('POST', '/v1/rooms/knock', { properties: { max_participants: 10 } }));
    lobby.roomChanged(t.store.getRoom('knock')!);
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(o.of('waiting-participant-removed')).toEqual([]);
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(a.g.socket.of('granted')).toHaveLength(1);
  });

  it('a change to a room nobody is waiting for does nothing', async () => {
    await knockRoom();
    const other = expectOk(await t.api('POST', '/v1/rooms', { name: 'other', privacy: 'private', properties: { enable_knocking: true } }));
    const a = await knock('knock', 'Ada');
    expectOk(await t.api('POST', '/v1/rooms/other', { privacy: 'public' }));
    lobby.roomChanged(t.store.getRoom('other')!);
    expect(other.name).toBe('other');
    expect(a.g.socket.types()).toEqual(['waiting']);
  });
});

describe('Lobby: owners', () => {
  it('refuses an owner session whose holder is no longer in the call', async () => {
    const room = await knockRoom();
    t.livekit.notInCall.add('p_gone');
    const socket = fakeSocket();
    expect(await lobby.ownerJoined('knock', socket, await ownerSession(room.id, true, 'p_gone'))).toBeNull();
    await knock('knock', 'Ada');
    expect(socket.sent).toEqual([]);
    expect(await lobby.ownerJoined('knock', fakeSocket(), await ownerSession(room.id, true, 'p_here'))).toBe(room.id);
  });

  it('refuses a non-owner session', async () => {
    const room = await knockRoom();
    const socket = fakeSocket();
    expect(await lobby.ownerJoined('knock', socket, await ownerSession(room.id, false))).toBeNull();
    expect(socket.sent).toEqual([]);
    // Not registered: no presence, no knock events.
    expect(lobby.ownerPresent(room.id)).toBe(false);
    await knock('knock', 'Ada');
    expect(socket.sent).toEqual([]);
  });

  it('refuses an owner session for another room', async () => {
    await knockRoom('knock');
    const other = await knockRoom('other');
    const socket = fakeSocket();
    expect(await lobby.ownerJoined('knock', socket, await ownerSession(other.id))).toBeNull();
    await knock('knock', 'Ada');
    expect(socket.sent).toEqual([]);
  });

  it('refuses an owner session for a deleted room whose name was reused', async () => {
    const first = await knockRoom('knock');
    const session = await ownerSession(first.id);
    expectOk(await t.api('DELETE', '/v1/rooms/knock'));
    await knockRoom('knock');
    expect(await lobby.ownerJoined('knock', fakeSocket(), session)).toBeNull();
  });

  it('refuses a session for a missing room, a garbage session, an expired session, and one from another secret', async () => {
    const room = await knockRoom();
    expect(await lobby.ownerJoined('missing', fakeSocket(), await ownerSession(room.id))).toBeNull();
    expect(await lobby.ownerJoined('knock', fakeSocket(), 'garbage')).toBeNull();
    const foreign = await participantSessions(sessionKeyFrom('another deployment')).issue({ roomId: room.id, identity: 'x', isOwner: true }, t.clock.now);
    expect(await lobby.ownerJoined('knock', fakeSocket(), foreign)).toBeNull();
    const old = await ownerSession(room.id);
    t.clock.now += 12 * 3600 + 1;
    expect(await lobby.ownerJoined('knock', fakeSocket(), old)).toBeNull();
    expect(lobby.ownerPresent(room.id)).toBe(false);
  });

  it('tells guests about presence only when the first owner arrives and the last one leaves', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const o1 = await owner(room);
    const o2 = await owner(room);
    expect(a.g.socket.of('owner-presence')).toEqual([{ type: 'owner-presence', ownerPresent: true }]);
    lobby.ownerLeft(room.id, o1);
    expect(a.g.socket.of('owner-presence')).toHaveLength(1);
    expect(lobby.ownerPresent(room.id)).toBe(true);
    lobby.ownerLeft(room.id, o2);
    expect(a.g.socket.of('owner-presence')).toEqual([
      { type: 'owner-presence', ownerPresent: true },
      { type: 'owner-presence', ownerPresent: false },
    ]);
    expect(lobby.ownerPresent(room.id)).toBe(false);
    // A guest knocking now is told no owner is here.
    expect((await knock('knock', 'Bob')).waiting.ownerPresent).toBe(false);
  });

  it('an owner who left hears nothing more', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    lobby.ownerLeft(room.id, o);
    await knock('knock', 'Ada');
    expect(o.sent).toHaveLength(1);
  });

  it('ownerLeft for an unknown socket or room changes nothing', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    await owner(room);
    lobby.ownerLeft(room.id, fakeSocket());
    lobby.ownerLeft('no-such-room', fakeSocket());
    expect(lobby.ownerPresent(room.id)).toBe(true);
    expect(a.g.socket.of('owner-presence')).toEqual([{ type: 'owner-presence', ownerPresent: true }]);
  });

  it('keeps rooms apart: owners hear only about their room', async () => {
    const one = await knockRoom('one');
    const two = await knockRoom('two');
    const o1 = await owner(one);
    const o2 = await owner(two);
    await knock('one', 'Ada');
    expect(o1.of('waiting-participant-added')).toHaveLength(1);
    expect(o2.of('waiting-participant-added')).toHaveLength(0);
  });
});

describe('Lobby: answers', () => {
  it('grant: the guest gets an admission that redeem accepts once; owners see granted', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    const granted = a.g.socket.sent.at(-1);
    expect(granted).toEqual({ type: 'granted', admission: expect.any(String) });
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'granted' });
    expect(lobby.redeem(granted.admission, 'knock')).toEqual({ roomId: room.id, name: 'Ada', expiresAt: t.clock.now + LIMITS.admissionSeconds });
    expect(lobby.redeem(granted.admission, 'knock')).toBeUndefined();
  });

  it('an admission is for its room only, and a wrong try uses it up', async () => {
    const room = await knockRoom('knock');
    await knockRoom('other');
    await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    const { admission } = a.g.socket.of('granted')[0];
    expect(lobby.redeem(admission, 'other')).toBeUndefined();
    expect(lobby.redeem(admission, 'missing')).toBeUndefined();
    expect(lobby.redeem(admission, 'knock')).toBeUndefined();
  });

  it('an admission expires after admissionSeconds', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    lobby.answer(room.id, { '*': { grantRequestedAccess: true } });
    t.clock.now += LIMITS.admissionSeconds;
    expect(lobby.redeem(a.g.socket.of('granted')[0].admission, 'knock')?.name).toBe('Ada');
    t.clock.now += 1;
    expect(lobby.redeem(b.g.socket.of('granted')[0].admission, 'knock')).toBeUndefined();
  });

  it('a made-up admission is refused', async () => {
    await knockRoom();
    expect(lobby.redeem('made-up', 'knock')).toBeUndefined();
  });

  it('deny: the guest gets the join-request-rejected error; owners see denied', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: false } });
    expect(a.g.socket.sent.at(-1)).toEqual({
      type: 'denied',
      error: { type: 'not-allowed', detail: 'join-request-rejected', msg: 'Join request rejected' },
    });
    expect(DETAIL_MESSAGES['join-request-rejected']).toBe('Join request rejected');
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'denied' });
  });

  it('answers only the people named; the others keep waiting', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(b.g.socket.types()).toEqual(['waiting']);
    expect((await owner(room)).sent[0].participants).toEqual([participant(b.waiting.id, 'Bob')]);
    expect(o.of('waiting-participant-removed')).toHaveLength(1);
  });

  it('two owners: both hear of the knock; the first answer wins, the second is a silent no-op', async () => {
    const room = await knockRoom();
    const o1 = await owner(room);
    const o2 = await owner(room);
    const a = await knock('knock', 'Ada');
    expect(o1.of('waiting-participant-added')).toHaveLength(1);
    expect(o2.of('waiting-participant-added')).toHaveLength(1);
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: false } });
    const counts = [a.g.socket.sent.length, o1.sent.length, o2.sent.length];
    for (const o of [o1, o2]) expect(o.sent.at(-1)).toMatchObject({ type: 'waiting-participant-removed', reason: 'denied' });
    expect(() => lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } })).not.toThrow();
    expect([a.g.socket.sent.length, o1.sent.length, o2.sent.length]).toEqual(counts);
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(o1.of('error')).toEqual([]);
    expect(o2.of('error')).toEqual([]);
  });

  it("'*' grants everyone waiting, each with their own admission", async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const guests = [await knock('knock', 'Ada'), await knock('knock', 'Bob'), await knock('knock', 'Cy')];
    lobby.answer(room.id, { '*': { grantRequestedAccess: true } });
    const admissions = guests.map(({ g }) => g.socket.of('granted')[0]?.admission);
    expect(new Set(admissions).size).toBe(3);
    expect(admissions.map((ad) => lobby.redeem(ad, 'knock')?.name)).toEqual(['Ada', 'Bob', 'Cy']);
    expect(o.of('waiting-participant-removed').map((e) => [e.participant.name, e.reason])).toEqual([
      ['Ada', 'granted'],
      ['Bob', 'granted'],
      ['Cy', 'granted'],
    ]);
    expect((await owner(room)).sent[0].participants).toEqual([]);
  });

  it("'*' with grantRequestedAccess false denies everyone", async () => {
    const room = await knockRoom();
    const guests = [await knock('knock', 'Ada'), await knock('knock', 'Bob')];
    lobby.answer(room.id, { '*': { grantRequestedAccess: false } });
    for (const { g } of guests) expect(g.socket.sent.at(-1)).toMatchObject({ type: 'denied', error: { detail: 'join-request-rejected' } });
  });

  it('an unknown id or another room\'s guest is a no-op', async () => {
    const one = await knockRoom('one');
    await knockRoom('two');
    const o = await owner(one);
    const a = await knock('two', 'Ada');
    const before = o.sent.length;
    lobby.answer(one.id, { [a.waiting.id]: { grantRequestedAccess: true }, nobody: { grantRequestedAccess: true } });
    lobby.answer('no-such-room', { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(o.sent).toHaveLength(before);
  });
});

describe('Lobby: leaving, dropping and resuming', () => {
  it('cancel removes at once; owners see left', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.cancel(a.g);
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'left' });
    expect(a.g.entryId).toBeUndefined();
    expect((await owner(room)).sent[0].participants).toEqual([]);
    // Nothing to answer any more.
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(a.g.socket.of('granted')).toEqual([]);
  });

  it('cancel twice, or before knocking, does nothing more', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    lobby.cancel(guest());
    const a = await knock('knock', 'Ada');
    lobby.cancel(a.g);
    lobby.cancel(a.g);
    expect(o.of('waiting-participant-removed')).toHaveLength(1);
  });

  it('after cancel, the same connection may knock again as a new entry', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.cancel(a.g);
    await lobby.requestAccess('knock', a.g, { name: 'Ada' });
    const second = a.g.socket.of('waiting')[1];
    expect(second.id).not.toBe(a.waiting.id);
    expect(o.of('waiting-participant-added')).toHaveLength(2);
  });

  it('a dropped guest keeps their place during the grace period, then expires and owners are told', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.guestDisconnected(a.g);
    t.clock.now += LIMITS.graceSeconds;
    sweep();
    expect(o.of('waiting-participant-removed')).toEqual([]);
    expect((await owner(room)).sent[0].participants).toHaveLength(1);
    t.clock.now += 1;
    sweep();
    expect(o.of('waiting-participant-removed')).toEqual([
      { type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada', t.clock.now - 6), reason: 'left' },
    ]);
    // The dropped socket is not written to.
    expect(a.g.socket.types()).toEqual(['waiting']);
  });

  it('the interval timer sweeps on its own', async () => {
    const room = await knockRoom();
    // Only the interval is faked: the app and the store keep their real timers.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      lobbyWith({}); // its sweeper is now a fake interval
      const o = await owner(room);
      const a = await knock('knock', 'Ada');
      lobby.guestDisconnected(a.g);
      t.clock.now += LIMITS.graceSeconds + 1;
      vi.advanceTimersByTime(1000);
      expect(o.of('waiting-participant-removed')).toHaveLength(1);
    } finally {
      lobby.close();
      vi.useRealTimers();
    }
  });

  it('a guest back within the grace period keeps their place and id; owners see no change', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    lobby.guestDisconnected(a.g);
    t.clock.now += 3;
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.sent).toEqual([{ type: 'waiting', id: a.waiting.id, resumeKey: a.waiting.resumeKey, ownerPresent: true }]);
    expect(back.entryId).toBe(a.waiting.id);
    t.clock.now += 100;
    sweep();
    const ownerEvents = o.types();
    expect(ownerEvents).toEqual(['waiting-participants', 'waiting-participant-added', 'waiting-participant-added']);
    expect((await owner(room)).sent[0].participants.map((p: { id: string }) => p.id)).toEqual([a.waiting.id, b.waiting.id]);
    // Answers reach the new connection.
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(back.socket.of('granted')).toHaveLength(1);
    expect(a.g.socket.of('granted')).toEqual([]);
  });

  it('an answer given while the guest was briefly disconnected reaches them when they come back', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    lobby.guestDisconnected(a.g);
    lobby.guestDisconnected(b.g);
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true }, [b.waiting.id]: { grantRequestedAccess: false } });
    expect(o.of('waiting-participant-removed').map((e) => e.reason)).toEqual(['granted', 'denied']);
    t.clock.now += 2;
    const aBack = guest();
    await lobby.requestAccess('knock', aBack, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(aBack.socket.types()).toEqual(['granted']);
    expect(lobby.redeem(aBack.socket.of('granted')[0].admission, 'knock')).toMatchObject({ name: 'Ada' });
    const bBack = guest();
    await lobby.requestAccess('knock', bBack, { name: 'Bob', resume: b.waiting.resumeKey });
    expect(bBack.socket.sent).toEqual([{ type: 'denied', error: { type: 'not-allowed', detail: 'join-request-rejected', msg: 'Join request rejected' } }]);
    // Nobody was added again, and the answer is delivered only once.
    expect(o.of('waiting-participant-added')).toHaveLength(2);
    const again = guest();
    await lobby.requestAccess('knock', again, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(again.socket.types()).toEqual(['waiting']);
  });

  it('a missed answer is kept only for the grace period', async () => {
    const room = await knockRoom();
    await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.guestDisconnected(a.g);
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    t.clock.now += 6;
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.types()).toEqual(['waiting']);
  });

  it('resuming is not a knock: it works even when the client is rate-limited', async () => {
    lobbyWith({ knocksPerWindow: 1 });
    await knockRoom();
    const a = await knock('knock', 'Ada', 'client-a');
    lobby.guestDisconnected(a.g);
    const back = guest('client-a');
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.sent[0]).toMatchObject({ type: 'waiting', id: a.waiting.id });
  });

  it('a guest back after the grace period knocks anew', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    lobby.guestDisconnected(a.g);
    t.clock.now += LIMITS.graceSeconds + 1;
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    const waiting = back.socket.of('waiting')[0];
    expect(waiting.id).not.toBe(a.waiting.id);
    expect(waiting.resumeKey).not.toBe(a.waiting.resumeKey);
    sweep();
    expect(o.of('waiting-participant-removed').map((e) => e.participant.id)).toEqual([a.waiting.id]);
    expect(o.of('waiting-participant-added').map((e) => e.participant.id)).toEqual([a.waiting.id, waiting.id]);
  });

  it('a new connection with the resume key replaces one that still looks open (half-open), and only it hears the answer', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.of('waiting')[0].id).toBe(a.waiting.id);
    expect(a.g.socket.closed).toBe(true);
    // The old connection closing later does not drop the entry.
    lobby.guestDisconnected(a.g);
    t.clock.now += 100;
    sweep();
    expect(o.of('waiting-participant-removed')).toEqual([]);
    lobby.answer(room.id, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(back.socket.of('granted')).toHaveLength(1);
    expect(a.g.socket.of('granted')).toEqual([]);
  });

  it('a guest who disconnects without knocking changes nothing', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    lobby.guestDisconnected(guest());
    sweep();
    expect(o.sent).toHaveLength(1);
  });

  it('guests dropped while waiting do not hear of owner presence', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    lobby.guestDisconnected(a.g);
    await owner(room);
    expect(a.g.socket.types()).toEqual(['waiting']);
  });
});

describe('Lobby: defaults', () => {
  it('has the documented default limits', () => {
    expect(DEFAULT_LOBBY_LIMITS).toEqual({ maxWaiting: 50, graceSeconds: 5, admissionSeconds: 30, knocksPerWindow: 10, knockWindowSeconds: 60 });
  });
});
