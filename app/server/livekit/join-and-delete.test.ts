/**
 * The call's door at the LiveKit end, through the whole app with the fake LiveKit: joins open the
 * LiveKit room and hold `max_participants` under parallel joins, a head count that cannot be read
 * refuses, and DELETE ends the call before the room is gone (or changes nothing).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { openWs, type TestWs } from '../testing/ws-client.ts';
import { JOIN_TOKEN_TTL_SECONDS } from './gateway.ts';
import { OWNER_HEADROOM, callSeats } from './seats.ts';

let t: TestApp;
const sockets: TestWs[] = [];
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) if (!ws.isClosed()) ws.close();
  await t.close();
});

async function room(body: Record<string, unknown>): Promise<{ id: string; name: string }> {
  return expectOk(await t.api('POST', '/v1/rooms', body));
}
async function meetingToken(properties: Record<string, unknown>): Promise<string> {
  return expectOk(await t.api('POST', '/v1/meeting-tokens', { properties })).token;
}
const join = (name: string, body: Record<string, unknown> = { name: 'Ada' }) => t.client(`/api/rooms/${name}/join`, body);

describe('join opens the call in LiveKit', () => {
  it('creates the LiveKit room (named by the room id, capped with owner headroom) before minting', async () => {
    const r = await room({ name: 'open', properties: { max_participants: 4 } });
    expect(t.livekit.rooms.has(r.id)).toBe(false);
    const body = expectOk(await join('open'));
    expect(t.livekit.openRoomCalls).toEqual([{ roomId: r.id, maxParticipants: 4 + OWNER_HEADROOM }]);
    // The token is good for a room that exists: the browser can connect with it.
    expect(() => t.livekit.connect(r.id, body.identity)).not.toThrow();
  });

  it('uses the default cap of 200 when max_participants is not set', async () => {
    const r = await room({ name: 'open' });
    expectOk(await join('open'));
    expect(t.livekit.openRoomCalls).toEqual([{ roomId: r.id, maxParticipants: 200 + OWNER_HEADROOM }]);
  });

  it('mints nothing when LiveKit cannot open the room, and says what to do', async () => {
    await room({ name: 'open', properties: { max_participants: 4 } });
    // The head count works; only opening the room fails.
    const original = t.livekit.openRoom;
    t.livekit.openRoom = async (...args) => {
      t.livekit.down = true;
      try {
        return await original(...args);
      } finally {
        t.livekit.down = false;
      }
    };
    const err = expectError(await join('open'), 503, 'server-error');
    expect(err.info).toMatch(/LiveKit/);
    expect(err.info).toMatch(/try again/i);
    expect(t.livekit.mintCalls).toEqual([]);
  });
});

describe('max_participants under parallel joins', () => {
  it('10 parallel joins to a room with max_participants 3 get exactly 3 tokens', async () => {
    await room({ name: 'small', properties: { max_participants: 3 } });
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => join('small', { name: `Guest ${i}` })));
    const ok = answers.filter((a) => a.statusCode === 200);
    expect(ok).toHaveLength(3);
    for (const refused of answers.filter((a) => a.statusCode !== 200)) {
      expect(expectError(refused, 403, 'forbidden-error').access).toMatchObject({ type: 'meeting-full' });
    }
    expect(t.livekit.mintCalls).toHaveLength(3);
  });

  it('counts seats given out but not yet in the call, until the join token expires', async () => {
    const r = await room({ name: 'small', properties: { max_participants: 2 } });
    expectOk(await join('small'));
    expectOk(await join('small'));
    expect(expectError(await join('small'), 403, 'forbidden-error').access.type).toBe('meeting-full');
    // Nobody connected with those tokens: once they expire the seats are free again.
    t.clock.now += JOIN_TOKEN_TTL_SECONDS;
    expectOk(await join('small'));
    expect(t.livekit.rooms.get(r.id)?.identities.size).toBe(0);
  });

  it('does not count a seat twice once LiveKit lists its holder', async () => {
    const r = await room({ name: 'small', properties: { max_participants: 2 } });
    const first = expectOk(await join('small'));
    t.livekit.connect(r.id, first.identity);
    // One in the call (listed and granted): one seat left, not zero.
    expectOk(await join('small'));
    expect(expectError(await join('small'), 403, 'forbidden-error').access.type).toBe('meeting-full');
  });

  it('still lets an owner into a full call, and the owner takes a seat', async () => {
    await room({ name: 'small', properties: { max_participants: 1 } });
    expectOk(await join('small'));
    const owner = await meetingToken({ room_name: 'small', is_owner: true });
    expect(expectOk(await join('small', { name: 'Host', token: owner })).isOwner).toBe(true);
    expect(expectError(await join('small'), 403, 'forbidden-error').access.type).toBe('meeting-full');
  });

  it('refuses the join with a clear 503, not meeting-full and not a token, when the head count cannot be read', async () => {
    await room({ name: 'small', properties: { max_participants: 3 } });
    t.livekit.down = true;
    const err = expectError(await join('small'), 503, 'server-error');
    expect(err.info).toMatch(/could not check/i);
    expect(err.info).toMatch(/try again/i);
    expect(err.access).toBeUndefined();
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('answers preauth with the same 503 when the head count cannot be read', async () => {
    await room({ name: 'small' });
    t.livekit.down = true;
    expectError(await t.client('/api/rooms/small/preauth', {}), 503, 'server-error');
  });

  it('needs no head count for an owner, so an owner still gets in while LiveKit can only open rooms', async () => {
    await room({ name: 'small' });
    const owner = await meetingToken({ room_name: 'small', is_owner: true });
    t.livekit.participants = async () => {
      throw new Error('the head count must not be asked for an owner');
    };
    expectOk(await join('small', { name: 'Host', token: owner }));
  });
});

describe('DELETE /v1/rooms/:name with a call going on', () => {
  it('ends the call by room id, tells the lobby, and the LiveKit room is gone', async () => {
    const r = await room({ name: 'live', privacy: 'private', properties: { enable_knocking: true } });
    const owner = await meetingToken({ room_name: 'live', is_owner: true });
    const inCall = expectOk(await join('live', { name: 'Host', token: owner }));
    t.livekit.connect(r.id, inCall.identity);
    const guest = await openWs(t.app, '/api/rooms/live/lobby');
    sockets.push(guest);
    guest.send({ type: 'request-access', name: 'Grace' });
    await guest.next('waiting');

    expect(expectOk(await t.api('DELETE', '/v1/rooms/live'))).toEqual({ deleted: true, name: 'live' });
    expect(t.livekit.endRoomCalls).toEqual([r.id]);
    expect(t.livekit.rooms.has(r.id)).toBe(false);
    await guest.next('room-changed');
    expect(await t.store.getRoom('live')).toBeNull();
  });

  it('when LiveKit cannot end the call: a clear 503, the room is kept, the lobby is not told', async () => {
    const r = await room({ name: 'live', privacy: 'private', properties: { enable_knocking: true } });
    expectOk(await join('live', { name: 'Host', token: await meetingToken({ room_name: 'live', is_owner: true }) }));
    const guest = await openWs(t.app, '/api/rooms/live/lobby');
    sockets.push(guest);
    guest.send({ type: 'request-access', name: 'Grace' });
    await guest.next('waiting');

    t.livekit.down = true;
    const err = expectError(await t.api('DELETE', '/v1/rooms/live'), 503, 'server-error');
    expect(err.info).toMatch(/not deleted/);
    expect(err.info).toMatch(/retry/i);
    expect((await t.store.getRoom('live'))?.id).toBe(r.id);
    expect(t.livekit.rooms.has(r.id)).toBe(true);

    // The guest still waits: nothing was said to them, and a retry once LiveKit is back works.
    t.livekit.down = false;
    expectOk(await t.api('DELETE', '/v1/rooms/live'));
    await guest.next('room-changed');
    expect(guest.messages.filter((m) => m.type === 'room-changed')).toHaveLength(1);
  });

  it('a join in flight when DELETE arrives cannot reopen the call after it ended', async () => {
    const r = await room({ name: 'live' });
    // Hold the join inside its head count, after it has read the room, until DELETE has had its chance.
    let entered!: () => void;
    const inHeadCount = new Promise<void>((resolve) => (entered = resolve));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const count = t.livekit.participants;
    t.livekit.participants = async (roomId) => {
      entered();
      await gate;
      return count(roomId);
    };
    const joining = join('live');
    await inHeadCount;
    const deleting = t.api('DELETE', '/v1/rooms/live');
    // Either DELETE waits behind the join, or (unserialized) it has already finished.
    await vi.waitFor(async () => expect(callSeats(t.ctx).queued('live') === 2 || await t.store.getRoom('live') === null).toBe(true));
    release();
    const [joined, deleted] = await Promise.all([joining, deleting]);
    expectOk(deleted);
    expect(joined.statusCode).toBe(200);
    expect(await t.store.getRoom('live')).toBeNull();
    // The join's token was for a call that has since ended: LiveKit has no such room to connect to.
    expect(t.livekit.rooms.has(r.id)).toBe(false);
  });

  it('a LiveKit token minted before DELETE cannot reconnect: the LiveKit room does not come back', async () => {
    const r = await room({ name: 'live' });
    const before = expectOk(await join('live'));
    expectOk(await t.api('DELETE', '/v1/rooms/live'));
    expect(() => t.livekit.connect(r.id, before.identity)).toThrow(/does not exist/);
  });
});
