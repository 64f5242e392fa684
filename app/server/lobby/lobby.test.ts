import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RoomProperties } from '../rooms/properties.ts';
import { participantSessions, sessionKeyFrom, type ParticipantSessions } from '../sessions/participant-session.ts';
import type { Privacy, Room } from '../store/store.ts';
import { fakeSocket, type FakeSocket } from '../testing/fake-socket.ts';
import { expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { DEFAULT_LOBBY_LIMITS, Lobby, type GuestConnection, type LobbyLimits, type OwnerConnection } from './lobby.ts';

let t: TestApp;
let sessions: ParticipantSessions;
let lobby: Lobby;

const LIMITS: LobbyLimits = {
  maxWaiting: 5,
  maxWaitingPerClient: 100,
  maxWaitSeconds: 15 * 60,
  graceSeconds: 5,
  restartGraceSeconds: 60,
  admissionSeconds: 30,
  knocksPerWindow: 100,
  knockWindowSeconds: 60,
  messagesPerWindow: 10,
  messageWindowSeconds: 60,
};

beforeEach(async () => {
  t = await makeTestApp();
  sessions = participantSessions(sessionKeyFrom(t.deployment.apiKey));
  // No sweep timer: tests move the clock and call (await lobby.sweep()).
  lobby = new Lobby(t.ctx, sessions, LIMITS, 0);
});
afterEach(async () => {
  await lobby.close();
  await t.close();
});

/** A fresh Lobby over the same store with other limits (the one from beforeEach is closed). */
async function lobbyWith(limits: Partial<LobbyLimits>, sweepEveryMs = 0): Promise<Lobby> {
  await lobby.close();
  lobby = new Lobby(t.ctx, sessions, { ...LIMITS, ...limits }, sweepEveryMs);
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

type OwnerSocket = FakeSocket & { conn: OwnerConnection };

/** An owner opens the lobby channel: their socket, with the connection the lobby gave them. */
async function owner(room: { id: string; name: string }): Promise<OwnerSocket> {
  const socket = fakeSocket();
  const conn = await lobby.ownerJoined(room.name, socket, await ownerSession(room.id));
  expect(conn).toMatchObject({ roomId: room.id, identity: 'p_owner' });
  return Object.assign(socket, { conn: conn! });
}

/**
 * An owner's connection the lobby never registered (as if their channel had closed just before
 * answering): its socket hears nothing but a refusal. For answers where no owner socket is watched.
 */
async function unregisteredOwner(roomId: string): Promise<OwnerSocket> {
  const socket = fakeSocket();
  return Object.assign(socket, { conn: { socket, roomId, identity: 'p_owner', session: await ownerSession(roomId) } });
}

/** An owner answers; without one given, an owner not watching the lobby does. */
async function answer(room: { id: string }, updates: Record<string, { grantRequestedAccess: boolean }>, by?: OwnerSocket): Promise<boolean> {
  return await lobby.answer((by ?? (await unregisteredOwner(room.id))).conn, updates);
}

/** The 'waiting' event's expiresAt for a knock at `since`. */
const waitEnds = (since = t.clock.now) => new Date((since + LIMITS.maxWaitSeconds) * 1000).toISOString();

const participant = (id: string, name: string, since = t.clock.now) => ({ id, name, since: new Date(since * 1000).toISOString() });

describe('Lobby: knocking', () => {
  it('tells a knocking guest they wait, with no owner present', async () => {
    await knockRoom();
    const g = guest();
    await lobby.requestAccess('knock', g, { name: '  Ada  ' });
    expect(g.socket.sent).toEqual([{ type: 'waiting', id: expect.any(String), resumeKey: expect.any(String), ownerPresent: false, expiresAt: waitEnds() }]);
    expect(g.entryId).toBe(g.socket.sent[0].id);
    expect(await lobby.ownerPresent((await knockRoomId('knock')))).toBe(false);
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
    expect(await lobby.ownerPresent(room.id)).toBe(true);
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

  it('a knock is written before anyone hears of it: no answer can reach a place not yet kept, and the guest is promised only a kept place', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const store = t.ctx.store.lobby;
    const g = guest();
    const atWrite: { ownerHeard: boolean; guestTold: boolean }[] = [];
    const write = store.addWaiting.bind(store);
    vi.spyOn(store, 'addWaiting').mockImplementation(async (record) => {
      atWrite.push({ ownerHeard: o.of('waiting-participant-added').some((e) => e.participant.id === record.id), guestTold: g.socket.of('waiting').length > 0 });
      await write(record);
    });
    await lobby.requestAccess('knock', g, { name: 'Ada' });
    // A crash during the write must not lose a place the guest holds a key to.
    expect(atWrite).toEqual([{ ownerHeard: false, guestTold: false }]);
    expect(o.of('waiting-participant-added')).toHaveLength(1);
    const [waiting] = g.socket.of('waiting');
    expect(await store.getWaiting(waiting.id)).toMatchObject({ name: 'Ada', roomId: room.id });
  });

  it('a place that cannot be written is never shown: owners hear nothing, the guest is told, nothing is kept', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    vi.spyOn(t.ctx.store.lobby, 'addWaiting').mockImplementationOnce(() => {
      throw new Error('disk I/O error');
    });
    const g = guest();
    // Thrown on after the clean-up, for the channel to log.
    await expect(lobby.requestAccess('knock', g, { name: 'Ada' })).rejects.toThrow('disk I/O error');
    // Nobody heard of a place that was never kept.
    expect(g.socket.of('waiting')).toEqual([]);
    expect(o.sent.slice(1)).toEqual([]);
    expect(g.socket.of('error')).toEqual([{ type: 'error', error: 'server-error', info: expect.stringMatching(/ask to join again/i) }]);
    expect(g.entryId).toBeUndefined();
    expect(await t.ctx.store.lobby.waitingInRoom(room.id)).toEqual([]);
    // The next knock works.
    const again = await knock('knock', 'Ada');
    expect(o.of('waiting-participant-added').at(-1).participant.id).toBe(again.waiting.id);
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
    await lobbyWith({ maxWaiting: 2 });
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
    await lobbyWith({ maxWaiting: 1 });
    await knockRoom('one');
    await knockRoom('two');
    await knock('one', 'Ada');
    const { waiting } = await knock('two', 'Bob');
    expect(waiting.type).toBe('waiting');
  });

  it('rate-limits knocks per client key', async () => {
    await lobbyWith({ knocksPerWindow: 2, knockWindowSeconds: 60 });
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
    await lobbyWith({ knocksPerWindow: 1 });
    await knockRoom('one');
    await knockRoom('two');
    await knock('one', 'Ada', 'client-a');
    const g = guest('client-a');
    await lobby.requestAccess('two', g, { name: 'Ada' });
    expect(g.socket.sent[0]).toMatchObject({ type: 'error', error: 'rate-limit-error' });
  });

  it('counts renames against the knock budget, so one guest cannot flood the owners', async () => {
    await lobbyWith({ knocksPerWindow: 3 });
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
    await answer(room, { [id]: { grantRequestedAccess: true } });
    const admission = await lobby.redeem(g.socket.of('granted')[0].admission, 'knock');
    expect(admission).toMatchObject({ roomId: room.id, name: 'Ada', meetingToken: token });
  });
});

/**
 * Changes a room in the store only. The app's own lobby (t.app.lobby) shares the store and hears every
 * change made through the REST API, so a change made there would reach this test's Lobby already done;
 * here only this Lobby is told. The REST wiring is covered in routes.test.ts.
 */
async function changeRoom(name: string, change: { privacy?: Privacy; config?: Partial<RoomProperties> }): Promise<Room> {
  const room = (await t.store.getRoom(name))!;
  return (await t.store.updateRoom(name, { privacy: change.privacy ?? room.privacy, config: { ...room.config, ...change.config } }))!;
}

/** The id of a room by name, from the store. */
async function knockRoomId(name: string): Promise<string> {
  const room = await t.store.getRoom(name);
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
    await lobby.guestDisconnected(b.g); // a dropped guest is removed too, with nobody to tell
    await lobby.roomChanged(await changeRoom('knock', { config: { enable_knocking: false } }));
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'room-changed' });
    expect(b.g.socket.types()).toEqual(['waiting']);
    expect(o.of('waiting-participant-removed')).toEqual([
      { type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'left' },
      { type: 'waiting-participant-removed', participant: participant(b.waiting.id, 'Bob'), reason: 'left' },
    ]);
    // Nothing is left to answer.
    await answer(room, { '*': { grantRequestedAccess: true } });
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(o.of('waiting-participant-removed')).toHaveLength(2);
  });

  it('room made public: waiting guests get room-changed', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.roomChanged(await changeRoom('knock', { privacy: 'public' }));
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'room-changed' });
    expect(o.of('waiting-participant-removed')).toHaveLength(1);
  });

  it('room deleted: waiting guests get room-changed, owners get removals', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.roomChanged((await t.store.deleteRoom('knock'))!, true);
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'room-changed' });
    expect(o.of('waiting-participant-removed')).toEqual([
      { type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'left' },
    ]);
    // Deleting the room ends its call: as each owner leaves it (LiveKit's participant_left), their
    // lobby channel closes and the room's lobby is forgotten.
    await lobby.participantLeftCall(room.id, 'p_owner');
    expect(o.closed).toBe(true);
    expect(await lobby.ownerPresent(room.id)).toBe(false);
  });

  it('a change that keeps knocking on leaves everyone waiting', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    expectOk(await t.api('POST', '/v1/rooms/knock', { properties: { max_participants: 10 } }));
    await lobby.roomChanged((await t.store.getRoom('knock'))!);
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(o.of('waiting-participant-removed')).toEqual([]);
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(a.g.socket.of('granted')).toHaveLength(1);
  });

  it('a change to a room nobody is waiting for does nothing', async () => {
    const room = await knockRoom();
    expectOk(await t.api('POST', '/v1/rooms', { name: 'other', privacy: 'private', properties: { enable_knocking: true } }));
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    expectOk(await t.api('POST', '/v1/rooms/other', { privacy: 'public' }));
    await lobby.roomChanged((await t.store.getRoom('other'))!);
    // The guest of the unchanged room keeps waiting, in owners' lists, and can still be let in.
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(o.of('waiting-participant-removed')).toEqual([]);
    expect((await owner(room)).sent[0].participants).toEqual([participant(a.waiting.id, 'Ada')]);
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } }, o);
    expect(a.g.socket.of('granted')).toHaveLength(1);
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
    expect(await lobby.ownerJoined('knock', fakeSocket(), await ownerSession(room.id, true, 'p_here'))).toMatchObject({ roomId: room.id, identity: 'p_here' });
  });

  it('refuses a non-owner session', async () => {
    const room = await knockRoom();
    const socket = fakeSocket();
    expect(await lobby.ownerJoined('knock', socket, await ownerSession(room.id, false))).toBeNull();
    expect(socket.sent).toEqual([]);
    // Not registered: no presence, no knock events.
    expect(await lobby.ownerPresent(room.id)).toBe(false);
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
    expect(await lobby.ownerPresent(room.id)).toBe(false);
  });

  it('tells guests about presence only when the first owner arrives and the last one leaves', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const o1 = await owner(room);
    const o2 = await owner(room);
    expect(a.g.socket.of('owner-presence')).toEqual([{ type: 'owner-presence', ownerPresent: true }]);
    await lobby.ownerLeft(o1.conn);
    expect(a.g.socket.of('owner-presence')).toHaveLength(1);
    expect(await lobby.ownerPresent(room.id)).toBe(true);
    await lobby.ownerLeft(o2.conn);
    expect(a.g.socket.of('owner-presence')).toEqual([
      { type: 'owner-presence', ownerPresent: true },
      { type: 'owner-presence', ownerPresent: false },
    ]);
    expect(await lobby.ownerPresent(room.id)).toBe(false);
    // A guest knocking now is told no owner is here.
    expect((await knock('knock', 'Bob')).waiting.ownerPresent).toBe(false);
  });

  it('an owner who left hears nothing more', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    await lobby.ownerLeft(o.conn);
    await knock('knock', 'Ada');
    expect(o.sent).toHaveLength(1);
  });

  it('ownerLeft for an unknown socket or room changes nothing', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    await owner(room);
    await lobby.ownerLeft((await unregisteredOwner(room.id)).conn);
    await lobby.ownerLeft((await unregisteredOwner('no-such-room')).conn);
    expect(await lobby.ownerPresent(room.id)).toBe(true);
    expect(a.g.socket.of('owner-presence')).toEqual([{ type: 'owner-presence', ownerPresent: true }]);
  });

  it('an owner who left the call is refused at their next answer: forbidden, channel closed, nobody answered', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    t.livekit.notInCall.add('p_owner');
    expect(await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } }, o)).toBe(false);
    expect(o.sent.at(-1)).toEqual({ type: 'error', error: 'forbidden-error', info: expect.stringMatching(/rejoin/) });
    expect(o.closed).toBe(true);
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'owner-presence', ownerPresent: false });
    expect(await lobby.ownerPresent(room.id)).toBe(false);
    // Ada still waits for an owner who is in the call.
    t.livekit.notInCall.delete('p_owner');
    expect(await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } })).toBe(true);
    expect(a.g.socket.of('granted')).toHaveLength(1);
  });

  it('an owner whose session ran out is refused at their next answer', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    t.clock.now += 12 * 3600 + 1;
    expect(await answer(room, { [a.waiting.id]: { grantRequestedAccess: false } }, o)).toBe(false);
    expect(o.closed).toBe(true);
    expect(a.g.socket.of('denied')).toEqual([]);
  });

  it('a participant leaving the call closes their own lobby channels only', async () => {
    const room = await knockRoom();
    const mine = await owner(room);
    const socket = fakeSocket();
    expect(await lobby.ownerJoined('knock', socket, await ownerSession(room.id, true, 'p_other'))).not.toBeNull();
    await lobby.participantLeftCall(room.id, 'p_owner');
    expect(mine.closed).toBe(true);
    expect(socket.closed).toBe(false);
    expect(await lobby.ownerPresent(room.id)).toBe(true);
    const a = await knock('knock', 'Ada');
    expect(socket.of('waiting-participant-added')).toHaveLength(1);
    expect(mine.of('waiting-participant-added')).toEqual([]);
    expect(a.waiting.ownerPresent).toBe(true);
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
    expect(await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } }, o)).toBe(true);
    const granted = a.g.socket.sent.at(-1);
    expect(granted).toEqual({ type: 'granted', admission: expect.any(String) });
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'granted' });
    expect(await lobby.redeem(granted.admission, 'knock')).toEqual({ roomId: room.id, name: 'Ada', expiresAt: t.clock.now + LIMITS.admissionSeconds });
    expect(await lobby.redeem(granted.admission, 'knock')).toBeUndefined();
  });

  it('an admission is for its room only, and a wrong try uses it up', async () => {
    const room = await knockRoom('knock');
    await knockRoom('other');
    await owner(room);
    const a = await knock('knock', 'Ada');
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } });
    const { admission } = a.g.socket.of('granted')[0];
    expect(await lobby.redeem(admission, 'other')).toBeUndefined();
    expect(await lobby.redeem(admission, 'missing')).toBeUndefined();
    expect(await lobby.redeem(admission, 'knock')).toBeUndefined();
  });

  it('an admission expires after admissionSeconds', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await answer(room, { '*': { grantRequestedAccess: true } });
    t.clock.now += LIMITS.admissionSeconds;
    expect((await lobby.redeem(a.g.socket.of('granted')[0].admission, 'knock'))?.name).toBe('Ada');
    t.clock.now += 1;
    expect(await lobby.redeem(b.g.socket.of('granted')[0].admission, 'knock')).toBeUndefined();
  });

  it('a made-up admission is refused', async () => {
    await knockRoom();
    expect(await lobby.redeem('made-up', 'knock')).toBeUndefined();
  });

  it('deny: the guest gets the join-request-rejected error; owners see denied', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: false } }, o);
    // Daily's words for a rejected knock, as a client written for Daily shows them.
    expect(a.g.socket.sent.at(-1)).toEqual({
      type: 'denied',
      error: { type: 'not-allowed', detail: 'join-request-rejected', msg: 'Join request rejected' },
    });
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'denied' });
  });

  it('answers only the people named; the others keep waiting', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } });
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
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: false } }, o1);
    const counts = [a.g.socket.sent.length, o1.sent.length, o2.sent.length];
    for (const o of [o1, o2]) expect(o.sent.at(-1)).toMatchObject({ type: 'waiting-participant-removed', reason: 'denied' });
    expect(await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } }, o2)).toBe(true);
    expect([a.g.socket.sent.length, o1.sent.length, o2.sent.length]).toEqual(counts);
    expect(a.g.socket.of('granted')).toEqual([]);
    expect(o1.of('error')).toEqual([]);
    expect(o2.of('error')).toEqual([]);
  });

  it("'*' grants everyone waiting, each with their own admission", async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const guests = [await knock('knock', 'Ada'), await knock('knock', 'Bob'), await knock('knock', 'Cy')];
    await answer(room, { '*': { grantRequestedAccess: true } }, o);
    const admissions = guests.map(({ g }) => g.socket.of('granted')[0]?.admission);
    expect(new Set(admissions).size).toBe(3);
    expect(await Promise.all(admissions.map(async (ad) => (await lobby.redeem(ad, 'knock'))?.name))).toEqual(['Ada', 'Bob', 'Cy']);
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
    await answer(room, { '*': { grantRequestedAccess: false } });
    for (const { g } of guests) expect(g.socket.sent.at(-1)).toMatchObject({ type: 'denied', error: { detail: 'join-request-rejected' } });
  });

  it('an unknown id or another room\'s guest is a no-op', async () => {
    const one = await knockRoom('one');
    await knockRoom('two');
    const o = await owner(one);
    const a = await knock('two', 'Ada');
    const before = o.sent.length;
    await answer(one, { [a.waiting.id]: { grantRequestedAccess: true }, nobody: { grantRequestedAccess: true } }, o);
    await answer({ id: 'no-such-room' }, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(a.g.socket.types()).toEqual(['waiting']);
    expect(o.sent).toHaveLength(before);
  });
});

describe('Lobby: leaving, dropping and resuming', () => {
  it('cancel removes at once; owners see left', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.cancel(a.g);
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada'), reason: 'left' });
    expect(a.g.entryId).toBeUndefined();
    expect((await owner(room)).sent[0].participants).toEqual([]);
    // Nothing to answer any more.
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(a.g.socket.of('granted')).toEqual([]);
  });

  it('cancel twice, or before knocking, does nothing more', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    await lobby.cancel(guest());
    const a = await knock('knock', 'Ada');
    await lobby.cancel(a.g);
    await lobby.cancel(a.g);
    expect(o.of('waiting-participant-removed')).toHaveLength(1);
  });

  it('after cancel, the same connection may knock again as a new entry', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.cancel(a.g);
    await lobby.requestAccess('knock', a.g, { name: 'Ada' });
    const second = a.g.socket.of('waiting')[1];
    expect(second.id).not.toBe(a.waiting.id);
    expect(o.of('waiting-participant-added')).toHaveLength(2);
  });

  it('a dropped guest keeps their place during the grace period, then expires and owners are told', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.guestDisconnected(a.g);
    t.clock.now += LIMITS.graceSeconds;
    await lobby.sweep();
    expect(o.of('waiting-participant-removed')).toEqual([]);
    expect((await owner(room)).sent[0].participants).toHaveLength(1);
    t.clock.now += 1;
    await lobby.sweep();
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
      await lobbyWith({}, 1000); // its sweeper is now a fake interval
      const o = await owner(room);
      const a = await knock('knock', 'Ada');
      await lobby.guestDisconnected(a.g);
      t.clock.now += LIMITS.graceSeconds + 1;
      vi.advanceTimersByTime(1000);
      // The sweep it started runs on promises: wait until it has ended the wait.
      await vi.waitFor(() => expect(o.of('waiting-participant-removed')).toHaveLength(1));
    } finally {
      await lobby.close();
      vi.useRealTimers();
    }
  });

  it('a guest back within the grace period keeps their place and id; owners see no change', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await lobby.guestDisconnected(a.g);
    t.clock.now += 3;
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    // The same place, the same key, and the same end of the wait (counted from the first knock).
    expect(back.socket.sent).toEqual([{ type: 'waiting', id: a.waiting.id, resumeKey: a.waiting.resumeKey, ownerPresent: true, expiresAt: waitEnds(t.clock.now - 3) }]);
    expect(back.entryId).toBe(a.waiting.id);
    t.clock.now += 100;
    await lobby.sweep();
    const ownerEvents = o.types();
    expect(ownerEvents).toEqual(['waiting-participants', 'waiting-participant-added', 'waiting-participant-added']);
    expect((await owner(room)).sent[0].participants.map((p: { id: string }) => p.id)).toEqual([a.waiting.id, b.waiting.id]);
    // Answers reach the new connection.
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(back.socket.of('granted')).toHaveLength(1);
    expect(a.g.socket.of('granted')).toEqual([]);
  });

  it('an answer given while the guest was briefly disconnected reaches them when they come back', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await lobby.guestDisconnected(a.g);
    await lobby.guestDisconnected(b.g);
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true }, [b.waiting.id]: { grantRequestedAccess: false } });
    expect(o.of('waiting-participant-removed').map((e) => e.reason)).toEqual(['granted', 'denied']);
    t.clock.now += 2;
    const aBack = guest();
    await lobby.requestAccess('knock', aBack, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(aBack.socket.types()).toEqual(['granted']);
    expect(await lobby.redeem(aBack.socket.of('granted')[0].admission, 'knock')).toMatchObject({ name: 'Ada' });
    const bBack = guest();
    await lobby.requestAccess('knock', bBack, { name: 'Bob', resume: b.waiting.resumeKey });
    expect(bBack.socket.sent).toEqual([{ type: 'denied', error: { type: 'not-allowed', detail: 'join-request-rejected', msg: 'Join request rejected' } }]);
    // Nobody was added again, and the answer is delivered only once.
    expect(o.of('waiting-participant-added')).toHaveLength(2);
    const again = guest();
    await lobby.requestAccess('knock', again, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(again.socket.types()).toEqual(['waiting']);
  });

  // The answer is held until the guest's place would have run out (the grace period after the drop),
  // plus one more grace period for the answer itself; after that the key matches nothing.
  it('a missed answer is kept only for a while: after it, the key is a fresh knock', async () => {
    const room = await knockRoom();
    await owner(room);
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await lobby.guestDisconnected(a.g);
    await lobby.guestDisconnected(b.g);
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true }, [b.waiting.id]: { grantRequestedAccess: true } });
    t.clock.now += 2 * LIMITS.graceSeconds;
    const aBack = guest();
    await lobby.requestAccess('knock', aBack, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(aBack.socket.types()).toEqual(['granted']);
    t.clock.now += 1;
    await lobby.sweep();
    const bBack = guest();
    await lobby.requestAccess('knock', bBack, { name: 'Bob', resume: b.waiting.resumeKey });
    expect(bBack.socket.types()).toEqual(['waiting']);
    expect(bBack.socket.of('waiting')[0].id).not.toBe(b.waiting.id);
  });

  it('resuming is not a knock: it works even when the client is rate-limited', async () => {
    await lobbyWith({ knocksPerWindow: 1 });
    await knockRoom();
    const a = await knock('knock', 'Ada', 'client-a');
    await lobby.guestDisconnected(a.g);
    const back = guest('client-a');
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.sent[0]).toMatchObject({ type: 'waiting', id: a.waiting.id });
  });

  it('a guest back after the grace period knocks anew', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.guestDisconnected(a.g);
    t.clock.now += LIMITS.graceSeconds + 1;
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    const waiting = back.socket.of('waiting')[0];
    expect(waiting.id).not.toBe(a.waiting.id);
    expect(waiting.resumeKey).not.toBe(a.waiting.resumeKey);
    await lobby.sweep();
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
    await lobby.guestDisconnected(a.g);
    t.clock.now += 100;
    await lobby.sweep();
    expect(o.of('waiting-participant-removed')).toEqual([]);
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: true } });
    expect(back.socket.of('granted')).toHaveLength(1);
    expect(a.g.socket.of('granted')).toEqual([]);
  });

  it('a guest who disconnects without knocking changes nothing', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    await lobby.guestDisconnected(guest());
    await lobby.sweep();
    expect(o.sent).toHaveLength(1);
  });

  it('guests dropped while waiting do not hear of owner presence', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    await lobby.guestDisconnected(a.g);
    await owner(room);
    expect(a.g.socket.types()).toEqual(['waiting']);
  });
});

describe('Lobby: the default limits, as a guest meets them', () => {
  beforeEach(async () => {
    await lobby.close();
    lobby = new Lobby(t.ctx, sessions, DEFAULT_LOBBY_LIMITS, 0);
  });

  it('one client gets 10 knocks a minute: the 11th is refused, a minute later it may knock again', async () => {
    await knockRoom();
    const g = guest('client-a');
    for (let i = 0; i < 10; i++) {
      await lobby.requestAccess('knock', g, { name: `Ada ${i}` });
      await lobby.cancel(g);
    }
    await lobby.requestAccess('knock', g, { name: 'Ada 10' });
    expect(g.socket.types()).toEqual([...Array(10).fill('waiting'), 'error']);
    expect(g.socket.sent.at(-1)).toMatchObject({ error: 'rate-limit-error' });
    t.clock.now += 60;
    await lobby.requestAccess('knock', g, { name: 'Ada 11' });
    expect(g.socket.sent.at(-1)).toMatchObject({ type: 'waiting' });
  });

  it('50 people wait in a room at most: the 51st gets lobby-full', async () => {
    await knockRoom();
    for (let i = 0; i < 50; i++) await knock('knock', `Guest ${i}`, `10.0.1.${i}`);
    const g = guest('10.0.2.1');
    await lobby.requestAccess('knock', g, { name: 'Guest 50' });
    expect(g.socket.sent).toEqual([{ type: 'error', error: 'lobby-full', info: expect.stringContaining('50') }]);
  });

  it('one client holds 5 places at most, across rooms: the 6th gets too-many-waiting', async () => {
    for (let i = 0; i < 6; i++) await knockRoom(`room-${i}`);
    for (let i = 0; i < 5; i++) await knock(`room-${i}`, 'Ada', 'client-a');
    const g = guest('client-a');
    await lobby.requestAccess('room-5', g, { name: 'Ada' });
    expect(g.socket.sent).toEqual([{ type: 'error', error: 'too-many-waiting', info: expect.stringContaining('5') }]);
  });

  it('a wait nobody answers ends after 15 minutes: the guest is told, owners see them leave', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    expect(a.waiting.expiresAt).toBe(new Date((t.clock.now + 15 * 60) * 1000).toISOString());
    t.clock.now += 15 * 60 - 1;
    await lobby.sweep();
    expect(a.g.socket.types()).toEqual(['waiting']);
    t.clock.now += 1;
    await lobby.sweep();
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'expired' });
    expect(o.of('waiting-participant-removed')).toEqual([
      { type: 'waiting-participant-removed', participant: participant(a.waiting.id, 'Ada', t.clock.now - 15 * 60), reason: 'left' },
    ]);
    // Told, the guest may knock again on the same connection.
    await lobby.requestAccess('knock', a.g, { name: 'Ada' });
    expect(a.g.socket.of('waiting')).toHaveLength(2);
  });

  it('a dropped guest keeps their place 5 seconds; an admission is good for 30', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    await lobby.guestDisconnected(a.g);
    t.clock.now += 5;
    await lobby.sweep();
    expect(await lobby.admission('made-up', 'knock')).toBeUndefined();
    await answer(room, { [b.waiting.id]: { grantRequestedAccess: true } });
    const { admission } = b.g.socket.of('granted')[0];
    t.clock.now += 1;
    await lobby.sweep();
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.of('waiting')[0].id).not.toBe(a.waiting.id);
    t.clock.now += 29;
    expect((await lobby.admission(admission, 'knock'))?.name).toBe('Bob');
    t.clock.now += 1;
    expect(await lobby.admission(admission, 'knock')).toBeUndefined();
  });

  it('after a restart, guests have a minute to come back and keep their place', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const b = await knock('knock', 'Bob');
    // A new Lobby over the same store is what a restarted control plane builds.
    await lobby.close();
    lobby = new Lobby(t.ctx, sessions, DEFAULT_LOBBY_LIMITS, 0);
    t.clock.now += 60;
    await lobby.sweep();
    const aBack = guest();
    await lobby.requestAccess('knock', aBack, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(aBack.socket.sent).toEqual([{ type: 'waiting', id: a.waiting.id, resumeKey: a.waiting.resumeKey, ownerPresent: false, expiresAt: a.waiting.expiresAt }]);
    t.clock.now += 1;
    await lobby.sweep();
    const o = await owner(room);
    expect(o.sent[0].participants.map((p: { id: string }) => p.id)).toEqual([a.waiting.id]);
    const bBack = guest();
    await lobby.requestAccess('knock', bBack, { name: 'Bob', resume: b.waiting.resumeKey });
    expect(bBack.socket.of('waiting')[0].id).not.toBe(b.waiting.id);
  });
});

describe('Lobby: messages between owners and a waiting guest', () => {
  const at = () => new Date(t.clock.now * 1000).toISOString();

  it('an owner writes: the guest hears only the text, every owner sees the line', async () => {
    const room = await knockRoom();
    const o1 = await owner(room);
    const o2 = await owner(room);
    const a = await knock('knock', 'Ada');
    expect(await lobby.messageWaiting(o1.conn, a.waiting.id, '  One moment, finishing a call  ')).toBe(true);
    // Nothing of the call: no owner name or identity, no participant list.
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'host-message', text: 'One moment, finishing a call', at: at() });
    const line = { type: 'waiting-message', id: a.waiting.id, from: 'host', text: 'One moment, finishing a call', at: at() };
    expect(o1.sent.at(-1)).toEqual(line);
    expect(o2.sent.at(-1)).toEqual(line);
  });

  it('the guest answers: the reply is confirmed to the guest and reaches every owner', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.messageWaiting(o.conn, a.waiting.id, 'One moment');
    t.clock.now += 5;
    await lobby.reply(a.g, 'Sure, I will wait');
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'reply-sent', text: 'Sure, I will wait', at: at() });
    expect(o.sent.at(-1)).toEqual({ type: 'waiting-message', id: a.waiting.id, from: 'guest', text: 'Sure, I will wait', at: at() });
  });

  it('a guest cannot start a thread: a reply before any host message is refused and reaches nobody', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const before = o.sent.length;
    await lobby.reply(a.g, 'Let me in please');
    expect(a.g.socket.sent.at(-1)).toEqual({ type: 'error', error: 'forbidden-error', info: expect.stringMatching(/host has written/), about: 'reply' });
    expect(o.sent).toHaveLength(before);
    // Nor before knocking at all.
    const stranger = guest();
    await lobby.reply(stranger, 'hello');
    expect(stranger.socket.sent).toEqual([{ type: 'error', error: 'invalid-request-error', info: expect.any(String), about: 'reply' }]);
  });

  it('bounds: trimmed, 1 to 200 characters, no control or invisible characters, each refused with the reason', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    const before = { owner: o.sent.length, guest: a.g.socket.sent.length };
    for (const [text, reason] of [
      ['   ', /empty/],
      ['x'.repeat(201), /at most 200/],
      ['line one\nline two', /control/],
      ['Eve\u202Etxet', /invisible/],
      [42, /string/],
    ] as const) {
      await lobby.messageWaiting(o.conn, a.waiting.id, text);
      expect(o.sent.at(-1)).toEqual({ type: 'error', error: 'invalid-request-error', info: expect.stringMatching(reason), about: 'message', id: a.waiting.id });
    }
    expect(o.sent.filter((e) => e.type === 'waiting-message')).toEqual([]);
    expect(a.g.socket.sent).toHaveLength(before.guest);
    // 200 characters (emoji count as one each) are fine.
    expect(await lobby.messageWaiting(o.conn, a.waiting.id, '👋'.repeat(200))).toBe(true);
    await lobby.reply(a.g, 'y'.repeat(201));
    expect(a.g.socket.sent.at(-1)).toMatchObject({ type: 'error', error: 'invalid-request-error', about: 'reply' });
  });

  it('flooding: 10 messages a minute per connection each way, the 11th refused with rate-limit-error, then allowed again', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    for (let i = 0; i < 10; i++) await lobby.messageWaiting(o.conn, a.waiting.id, `note ${i}`);
    await lobby.messageWaiting(o.conn, a.waiting.id, 'one too many');
    expect(o.sent.at(-1)).toEqual({ type: 'error', error: 'rate-limit-error', info: expect.stringMatching(/10 messages a minute/), about: 'message', id: a.waiting.id });
    expect(a.g.socket.of('host-message')).toHaveLength(10);
    for (let i = 0; i < 10; i++) await lobby.reply(a.g, `reply ${i}`);
    await lobby.reply(a.g, 'one too many');
    expect(a.g.socket.sent.at(-1)).toMatchObject({ type: 'error', error: 'rate-limit-error', about: 'reply' });
    expect(a.g.socket.of('reply-sent')).toHaveLength(10);
    // Another owner's connection has its own budget.
    const o2 = await owner(room);
    expect(await lobby.messageWaiting(o2.conn, a.waiting.id, 'from the other host')).toBe(true);
    expect(a.g.socket.sent.at(-1)).toMatchObject({ type: 'host-message', text: 'from the other host' });
    t.clock.now += 60;
    await lobby.messageWaiting(o.conn, a.waiting.id, 'a minute later');
    expect(a.g.socket.sent.at(-1)).toMatchObject({ type: 'host-message', text: 'a minute later' });
  });

  it('an owner who left the call, a non-owner session, or an expired session is refused: forbidden, channel closed, nothing sent', async () => {
    const room = await knockRoom();
    const a = await knock('knock', 'Ada');
    const gone = await owner(room);
    t.livekit.notInCall.add('p_owner');
    expect(await lobby.messageWaiting(gone.conn, a.waiting.id, 'hi')).toBe(false);
    expect(gone.sent.at(-1)).toEqual({ type: 'error', error: 'forbidden-error', info: expect.stringMatching(/only owners/) });
    expect(gone.closed).toBe(true);
    t.livekit.notInCall.delete('p_owner');

    const member = fakeSocket();
    const memberConn: OwnerConnection = { socket: member, roomId: room.id, identity: 'p_member', session: await ownerSession(room.id, false, 'p_member') };
    expect(await lobby.messageWaiting(memberConn, a.waiting.id, 'hi')).toBe(false);
    expect(member.sent).toEqual([{ type: 'error', error: 'forbidden-error', info: expect.any(String) }]);

    const late = await owner(room);
    t.clock.now += 12 * 3600 + 1;
    expect(await lobby.messageWaiting(late.conn, a.waiting.id, 'hi')).toBe(false);
    expect(late.closed).toBe(true);
    expect(a.g.socket.of('host-message')).toEqual([]);
  });

  it("an unknown id, or another room's guest, gets not-found and reaches nobody", async () => {
    const one = await knockRoom('one');
    await knockRoom('two');
    const o = await owner(one);
    const b = await knock('two', 'Bea');
    await lobby.messageWaiting(o.conn, b.waiting.id, 'hi');
    expect(o.sent.at(-1)).toEqual({ type: 'error', error: 'not-found', info: expect.stringMatching(/nobody with this id/), about: 'message', id: b.waiting.id });
    await lobby.messageWaiting(o.conn, 'nobody', 'hi');
    expect(o.sent.at(-1)).toMatchObject({ type: 'error', error: 'not-found', id: 'nobody' });
    expect(b.g.socket.types()).toEqual(['waiting']);
  });

  it('an owner who joins later gets the thread after the list; a guest back after a drop gets it too', async () => {
    const room = await knockRoom();
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    await lobby.messageWaiting(o.conn, a.waiting.id, 'One moment');
    await lobby.reply(a.g, 'OK');
    await lobby.guestDisconnected(a.g);
    // Written while Ada's connection was down: kept for her return.
    await lobby.messageWaiting(o.conn, a.waiting.id, 'Almost done');
    const thread = [
      { from: 'host', text: 'One moment', at: at() },
      { from: 'guest', text: 'OK', at: at() },
      { from: 'host', text: 'Almost done', at: at() },
    ];
    const later = await owner(room);
    expect(later.types()).toEqual(['waiting-participants', 'waiting-message', 'waiting-message', 'waiting-message']);
    expect(later.of('waiting-message')).toEqual(thread.map((m) => ({ type: 'waiting-message', id: a.waiting.id, ...m })));
    const back = guest();
    await lobby.requestAccess('knock', back, { name: 'Ada', resume: a.waiting.resumeKey });
    expect(back.socket.types()).toEqual(['waiting', 'thread']);
    expect(back.socket.of('thread')[0].messages).toEqual(thread);
  });

  it('keeps only the last 20 lines, and forgets the thread once the guest is answered', async () => {
    const room = await knockRoom();
    await lobbyWith({ messagesPerWindow: 100 });
    const o = await owner(room);
    const a = await knock('knock', 'Ada');
    for (let i = 0; i < 25; i++) await lobby.messageWaiting(o.conn, a.waiting.id, `note ${i}`);
    const replayed = (await owner(room)).of('waiting-message').map((m) => m.text);
    expect(replayed).toEqual(Array.from({ length: 20 }, (_, i) => `note ${i + 5}`));
    await answer(room, { [a.waiting.id]: { grantRequestedAccess: false } });
    expect((await owner(room)).types()).toEqual(['waiting-participants']);
    // The answered guest's connection can no longer reply.
    await lobby.reply(a.g, 'wait!');
    expect(a.g.socket.sent.at(-1)).toMatchObject({ type: 'error', error: 'invalid-request-error', about: 'reply' });
  });
});
