/**
 * Rejoining after a lost connection: the pure rule row by row, then through the join endpoint with a
 * fake LiveKit (same identity, no knocking again, and every way it is refused).
 */
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { participantPath } from '../../shared/owner-actions.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import type { Room } from '../store/store.ts';
import { rejoinRight } from './rejoin.ts';

describe('rejoinRight', () => {
  const room = { id: 'r1', name: 'standup' } as Room;
  const joined = new Set(['r1/p_a']);
  const promoted = new Set(['r1/p_b']);
  const meetings = {
    callParticipant: async (roomId: string, identity: string) => (joined.has(`${roomId}/${identity}`) || promoted.has(`${roomId}/${identity}`) ? { roomId, identity, banKeys: [], joinedAt: 0 } : null),
    isPromoted: async (roomId: string, identity: string) => promoted.has(`${roomId}/${identity}`),
  };
  // Member m_here is still in the team; m_gone was removed.
  const team = { memberById: async (id: string) => (id === 'm_here' ? ({ id } as never) : null) };
  it.each([
    ['a guest who joined this meeting', { roomId: 'r1', identity: 'p_a', isOwner: false }, room, { identity: 'p_a', isOwner: false }],
    ['an owner by token', { roomId: 'r1', identity: 'p_a', isOwner: true }, room, { identity: 'p_a', isOwner: true }],
    ['a guest made an owner mid-meeting', { roomId: 'r1', identity: 'p_b', isOwner: false }, room, { identity: 'p_b', isOwner: true }],
    ['no valid session (forged, expired)', null, room, null],
    ['a session for another room (or this name deleted and made again)', { roomId: 'r0', identity: 'p_a', isOwner: false }, room, null],
    ['a room that no longer exists', { roomId: 'r1', identity: 'p_a', isOwner: false }, null, null],
    ['someone the meeting does not remember (removed, or the meeting ended)', { roomId: 'r1', identity: 'p_gone', isOwner: true }, room, null],
    ['a team member, owner in an org room, still in the team: the right (and where it came from) kept', { roomId: 'r1', identity: 'p_a', isOwner: true, ownerByMembership: 'm_here' }, room, { identity: 'p_a', isOwner: true, ownerByMembership: 'm_here' }],
    ['a team member, owner in an org room, removed from the team since: no owner right', { roomId: 'r1', identity: 'p_a', isOwner: true, ownerByMembership: 'm_gone' }, room, { identity: 'p_a', isOwner: false }],
    ['a removed member made an owner mid-meeting by a host: that right stays, their own', { roomId: 'r1', identity: 'p_b', isOwner: true, ownerByMembership: 'm_gone' }, room, { identity: 'p_b', isOwner: true }],
  ])('%s', async (_row, session, r, expected) => {
    expect(await rejoinRight(session, r, { meetings, team })).toEqual(expected);
  });
});

const HOOK_KEYS = { apiKey: 'foyer_hook', apiSecret: 'rejoin-hook-secret-0123456789abcdef0123' };
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ webhookSecret: HOOK_KEYS });
});
afterEach(async () => {
  await t.close();
});

const post = (url: string, body: unknown, from = '127.0.0.1') => t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: from });
const join = (body: Record<string, unknown>, from?: string) => post('/api/rooms/standup/join', body, from);

/**
 * An owner and a guest in the call of a room that then turned private with knocking (a REST update),
 * so the guest, had they not been in the call, would now have to knock.
 */
async function ownerAndGuestInKnockingRoom() {
  expectOk(await t.api('POST', '/v1/rooms', { name: 'standup' }));
  const ownerToken = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'standup', is_owner: true } })).token as string;
  const owner = expectOk(await join({ name: 'Host', token: ownerToken }));
  const guest = expectOk(await join({ name: 'Guest' }, '10.0.0.7'));
  const roomId = (await t.store.getRoom('standup'))!.id;
  t.livekit.connect(roomId, owner.identity);
  t.livekit.connect(roomId, guest.identity);
  expectOk(await t.api('POST', '/v1/rooms/standup', { privacy: 'private', properties: { enable_knocking: true } }));
  return { ownerToken, owner, guest, roomId };
}

async function roomFinished(roomId: string) {
  const payload = JSON.stringify({ event: 'room_finished', room: { name: roomId }, id: 'EV_1', createdAt: Math.floor(t.clock.now) });
  const at = new AccessToken(HOOK_KEYS.apiKey, HOOK_KEYS.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  return t.app.inject({ method: 'POST', url: '/webhooks/livekit', payload, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } });
}

describe('POST /api/rooms/:name/join with rejoin', () => {
  it('brings a let-in guest back as the same participant, without knocking again', async () => {
    const { guest } = await ownerAndGuestInKnockingRoom();
    // Without the session, the same guest would have to knock.
    expectError(await join({ name: 'Guest' }, '10.0.0.7'), 403, 'forbidden-error');
    const back = expectOk(await join({ name: 'Guest', rejoin: guest.session }, '10.0.0.7'));
    expect(back.identity).toBe(guest.identity);
    expect(back.isOwner).toBe(false);
    expect(t.livekit.mintCalls.at(-1)).toMatchObject({ identity: guest.identity, isOwner: false });
  });

  it('keeps an owner an owner (with their token)', async () => {
    const { owner, ownerToken } = await ownerAndGuestInKnockingRoom();
    const back = expectOk(await join({ name: 'Host', token: ownerToken, rejoin: owner.session }));
    expect(back).toMatchObject({ identity: owner.identity, isOwner: true });
  });

  it('refuses someone a host removed', async () => {
    const { owner, guest } = await ownerAndGuestInKnockingRoom();
    expectOk(await post(participantPath('standup', guest.identity), { session: owner.session, eject: true }));
    expectError(await join({ name: 'Guest', rejoin: guest.session }, '10.0.0.7'), 403, 'forbidden-error');
  });

  it("brings them back after the room's exp (they were in the call, and stay: Daily's rule), but nobody new", async () => {
    const { guest } = await ownerAndGuestInKnockingRoom();
    expectOk(await t.api('POST', '/v1/rooms/standup', { privacy: 'public', properties: { exp: Math.floor(t.clock.now) + 60 } }));
    t.clock.now += 61;
    expect(expectOk(await join({ name: 'Guest', rejoin: guest.session }, '10.0.0.7')).identity).toBe(guest.identity);
    expectError(await join({ name: 'Someone new' }, '10.0.0.9'), 403, 'forbidden-error');
  });

  it('refuses once the meeting is over', async () => {
    const { guest, roomId } = await ownerAndGuestInKnockingRoom();
    expect((await roomFinished(roomId)).statusCode).toBe(200);
    expectError(await join({ name: 'Guest', rejoin: guest.session }, '10.0.0.7'), 403, 'forbidden-error');
  });

  it('refuses a forged session, one for a deleted and recreated room, and garbage', async () => {
    const { guest } = await ownerAndGuestInKnockingRoom();
    expectError(await join({ name: 'Guest', rejoin: guest.session.slice(0, -4) + 'AAAA' }, '10.0.0.7'), 403, 'forbidden-error');
    expectError(await join({ name: 'Guest', rejoin: 'x'.repeat(5000) }, '10.0.0.7'), 400, 'invalid-request-error');
    expectError(await join({ name: 'Guest', rejoin: 42 }, '10.0.0.7'), 400, 'invalid-request-error');
    expectOk(await t.api('DELETE', '/v1/rooms/standup'));
    expectOk(await t.api('POST', '/v1/rooms', { name: 'standup', privacy: 'private', properties: { enable_knocking: true } }));
    expectError(await join({ name: 'Guest', rejoin: guest.session }, '10.0.0.7'), 403, 'forbidden-error');
  });

  it('does not let a banned participant back (the door decides as for any join)', async () => {
    const { owner, guest } = await ownerAndGuestInKnockingRoom();
    const record = (await t.store.meetings.callParticipant((await t.store.getRoom('standup'))!.id, guest.identity))!;
    await t.store.meetings.ban(record.roomId, record.banKeys, t.clock.now);
    const res = await join({ name: 'Guest', rejoin: guest.session }, '10.0.0.7');
    expectError(res, 403, 'forbidden-error');
    expect(res.json().access.type).toBe('ejected');
    expect(owner.identity).toBeTruthy();
  });
});
