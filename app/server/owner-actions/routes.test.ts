/**
 * Owner powers through the client API, over the app with a fake LiveKit: each power carried out, each
 * refusal (forged, expired or other room's session, non-owner, left the call, target gone, bad bodies,
 * garbage identities, big bodies, a flood), bans for the rest of the meeting and promotions.
 */
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { broadcastPath, endCallPath, participantPath } from '../../shared/owner-actions.ts';
import { LivekitUnavailableError } from '../livekit/errors.ts';
import { fakeSocket } from '../testing/fake-socket.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { T0, makeTestApp, type TestApp } from '../testing/test-app.ts';
import type { MeetingTokenProperties } from '../tokens/properties.ts';
import { OWNER_ACTIONS_PER_10S } from './routes.ts';

const HOOK_KEYS = { apiKey: 'foyer_hook', apiSecret: 'owner-actions-hook-secret-0123456789abcdef' };
const GUEST_ADDRESS = '10.0.0.7';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ webhookSecret: HOOK_KEYS });
});
afterEach(async () => {
  await t.close();
});

interface Joined {
  identity: string;
  session: string;
}

async function createRoom(name: string, properties: Record<string, unknown> = {}): Promise<string> {
  return expectOk(await t.api('POST', '/v1/rooms', { name, properties })).id;
}

async function token(properties: MeetingTokenProperties): Promise<string> {
  return expectOk(await t.api('POST', '/v1/meeting-tokens', { properties })).token;
}

/** POST from a given client address (inject's default is 127.0.0.1). */
const post = (url: string, body: unknown, from = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url, payload: body as object, remoteAddress: from });

/** Joins through the API and connects to the (fake) call, as a browser would. */
async function joinCall(room: string, body: { name: string; token?: string }, from = '127.0.0.1'): Promise<Joined> {
  const joined = expectOk(await post(`/api/rooms/${room}/join`, body, from));
  const roomId = (await t.store.getRoom(room))!.id;
  t.livekit.connect(roomId, joined.identity);
  return { identity: joined.identity, session: joined.session };
}

/** A room with an owner (meeting token) and a guest (no token, from GUEST_ADDRESS) in its call. */
async function callWithGuest(room = 'standup', properties: Record<string, unknown> = {}) {
  const roomId = await createRoom(room, properties);
  const owner = await joinCall(room, { name: 'Host', token: await token({ room_name: room, is_owner: true }) });
  const guest = await joinCall(room, { name: 'Guest' }, GUEST_ADDRESS);
  return { roomId, owner, guest };
}

const act = (room: string, identity: string, body: unknown, from?: string) => post(participantPath(room, identity), body, from);
const preauthFrom = async (room: string, from: string, tk?: string) =>
  expectOk(await post(`/api/rooms/${room}/preauth`, tk ? { token: tk } : {}, from));

async function webhook(event: object) {
  const payload = JSON.stringify(event);
  const at = new AccessToken(HOOK_KEYS.apiKey, HOOK_KEYS.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  return t.app.inject({ method: 'POST', url: '/webhooks/livekit', payload, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } });
}

describe('muting someone', () => {
  it('an owner mutes a guest\'s mic: only that track, and the answer is {ok: true}', async () => {
    const { owner, guest } = await callWithGuest();
    t.livekit.publish(guest.identity, 'microphone');
    t.livekit.publish(guest.identity, 'camera');
    expect(expectOk(await act('standup', guest.identity, { session: owner.session, setAudio: false }))).toEqual({ ok: true });
    expect(t.livekit.actions).toEqual([`mute ${guest.identity} microphone`]);
    expect(t.livekit.members.get(guest.identity)!.tracks.map((tr) => [tr.source, tr.muted])).toEqual([['microphone', true], ['camera', false]]);
  });

  it('camera, and screen share with its audio', async () => {
    const { owner, guest } = await callWithGuest();
    for (const s of ['camera', 'screen_share', 'screen_share_audio'] as const) t.livekit.publish(guest.identity, s);
    expectOk(await act('standup', guest.identity, { session: owner.session, setVideo: false, setScreenShare: false }));
    expect(t.livekit.actions.sort()).toEqual([`mute ${guest.identity} camera`, `mute ${guest.identity} screen_share`, `mute ${guest.identity} screen_share_audio`]);
  });
});

describe('who may act (refusals change nothing)', () => {
  it('a guest (non-owner) is refused with 403 forbidden-error', async () => {
    const { owner, guest } = await callWithGuest();
    t.livekit.publish(owner.identity, 'microphone');
    expectError(await act('standup', owner.identity, { session: guest.session, setAudio: false }), 403, 'forbidden-error');
    expectError(await post(broadcastPath('standup'), { session: guest.session, ownerOnly: true }), 403, 'forbidden-error');
    expect(t.livekit.actions).toEqual([]);
    expect((await t.store.getRoom('standup'))!.config.owner_only_broadcast).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-session'],
    ['signed with another key', 'eyJhbGciOiJIUzI1NiJ9.eyJyaWQiOiJ4Iiwib3duIjp0cnVlLCJzdWIiOiJwX3gifQ.c2lnbmF0dXJl'],
  ])('a forged session (%s) gets 401 authentication-error', async (_label, session) => {
    const { guest } = await callWithGuest();
    expectError(await act('standup', guest.identity, { session, eject: true }), 401, 'authentication-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('an owner whose meeting token (and so session) expired gets 401', async () => {
    await createRoom('standup');
    const owner = await joinCall('standup', { name: 'Host', token: await token({ room_name: 'standup', is_owner: true, exp: T0 + 60 }) });
    const guest = await joinCall('standup', { name: 'Guest' }, GUEST_ADDRESS);
    t.clock.now = T0 + 61;
    expectError(await act('standup', guest.identity, { session: owner.session, eject: true }), 401, 'authentication-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('the owner of another room gets 403, even for someone in both rooms\' names', async () => {
    const { guest } = await callWithGuest('standup');
    await createRoom('other');
    const otherOwner = await joinCall('other', { name: 'Boss', token: await token({ room_name: 'other', is_owner: true }) });
    expectError(await act('standup', guest.identity, { session: otherOwner.session, eject: true }), 403, 'forbidden-error');
    expectError(await post(broadcastPath('standup'), { session: otherOwner.session, ownerOnly: true }), 403, 'forbidden-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('an owner who already left the call gets 403', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    t.livekit.rooms.get(roomId)!.identities.delete(owner.identity);
    expectError(await act('standup', guest.identity, { session: owner.session, eject: true }), 403, 'forbidden-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('a target not in the call is 404 not-found; a missing room too', async () => {
    const { owner } = await callWithGuest();
    expectError(await act('standup', 'p_nobodyHere12345', { session: owner.session, eject: true }), 404, 'not-found');
    expectError(await act('nowhere', 'p_nobodyHere12345', { session: owner.session, eject: true }), 404, 'not-found');
  });

  it('LiveKit down: 503 naming LiveKit, never a 500', async () => {
    const { owner, guest } = await callWithGuest();
    t.livekit.down = true;
    const res = await act('standup', guest.identity, { session: owner.session, setAudio: false });
    expect(res.statusCode).toBe(503);
    expect(res.json().info).toMatch(/LiveKit/);
  });
});

describe('bad requests are refused before any work', () => {
  it.each<[string, unknown]>([
    ['no body fields', {}],
    ['no session', { eject: true }],
    ['empty session', { session: '', eject: true }],
    ['nothing to do', { session: 's' }],
    ['unmute (only the person unmutes)', { session: 's', setAudio: true }],
    ['ban without eject', { session: 's', ban: true }],
    ['eject and makeOwner', { session: 's', eject: true, makeOwner: true }],
    ['unknown property', { session: 's', eject: true, admin: true }],
    ['wrong type', { session: 's', eject: 'yes' }],
    ['session too long', { session: 'x'.repeat(5000), eject: true }],
    ['not an object', [1, 2]],
  ])('participant update: %s → 400', async (_label, body) => {
    const { guest } = await callWithGuest();
    expectError(await act('standup', guest.identity, body), 400, 'invalid-request-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['no ownerOnly', { session: 's' }],
    ['ownerOnly not a boolean', { session: 's', ownerOnly: 'true' }],
    ['unknown property', { session: 's', ownerOnly: true, everyone: false }],
  ])('broadcast: %s → 400', async (_label, body) => {
    await callWithGuest();
    expectError(await post(broadcastPath('standup'), body), 400, 'invalid-request-error');
  });

  it.each([
    ['too long', 'p_' + 'a'.repeat(70)],
    ['path characters', '..%2F..%2Fv1'],
    ['spaces and quotes', 'p%20%22x%22'],
    ['control character', 'p_%00'],
  ])('identity garbage (%s) → 400', async (_label, identity) => {
    const { owner } = await callWithGuest();
    const res = await t.app.inject({ method: 'POST', url: `/api/rooms/standup/participants/${identity}`, payload: { session: owner.session, eject: true } });
    expectError(res, 400, 'invalid-request-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('a body over 8 KiB is refused (413, Daily-shaped) without being read', async () => {
    const { owner, guest } = await callWithGuest();
    const res = await act('standup', guest.identity, { session: owner.session, eject: true, pad: 'x'.repeat(9000) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('invalid-request-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it(`a flood from one client gets 429 rate-limit-error after ${OWNER_ACTIONS_PER_10S} requests; another client is unaffected`, async () => {
    const { owner, guest } = await callWithGuest();
    t.livekit.publish(guest.identity, 'microphone');
    for (let i = 0; i < OWNER_ACTIONS_PER_10S; i++) expect((await act('standup', guest.identity, { session: 'forged' })).statusCode).toBe(400);
    expectError(await act('standup', guest.identity, { session: owner.session, setAudio: false }), 429, 'rate-limit-error');
    expect(t.livekit.actions).toEqual([]);
    expectOk(await act('standup', guest.identity, { session: owner.session, setAudio: false }, '10.9.9.9'));
  });
});

describe('removing and banning', () => {
  it('eject removes them from the call; without ban they may come back', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    expectOk(await act('standup', guest.identity, { session: owner.session, eject: true }));
    expect(t.livekit.actions).toEqual([`remove ${guest.identity}`]);
    expect(t.livekit.rooms.get(roomId)!.identities.has(guest.identity)).toBe(false);
    expect((await preauthFrom('standup', GUEST_ADDRESS)).access.level).toBe('full');
  });

  it('ban: a token-less guest\'s address is refused (ejected) at preauth, join and the lobby until the meeting ends', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    expectOk(await act('standup', guest.identity, { session: owner.session, eject: true, ban: true }));
    const again = await preauthFrom('standup', GUEST_ADDRESS);
    expect(again.access.level).toBe('none');
    expect(again.error.type).toBe('ejected');
    expectError(await post('/api/rooms/standup/join', { name: 'Guest again' }, GUEST_ADDRESS), 403, 'forbidden-error');
    // Someone else (another address) still gets in.
    expect((await preauthFrom('standup', '10.0.0.8')).access.level).toBe('full');

    // The meeting ends (LiveKit's room_finished): the ban ends with it.
    expectOk(await webhook({ event: 'room_finished', id: 'EV_1', createdAt: String(T0), room: { sid: 'RM_1', name: roomId } }));
    expect((await preauthFrom('standup', GUEST_ADDRESS)).access.level).toBe('full');
  });

  it('ban: a token holder is refused with that token and any token with the same user_id', async () => {
    const roomId = await createRoom('standup');
    const owner = await joinCall('standup', { name: 'Host', token: await token({ room_name: 'standup', is_owner: true }) });
    const tk = await token({ room_name: 'standup', user_id: 'user-9' });
    const member = await joinCall('standup', { name: 'Member', token: tk });
    expectOk(await act('standup', member.identity, { session: owner.session, eject: true, ban: true }));
    expect((await preauthFrom('standup', '10.1.1.1', tk)).error.type).toBe('ejected');
    const fresh = await token({ room_name: 'standup', user_id: 'user-9', is_owner: true });
    expect((await preauthFrom('standup', '10.1.1.1', fresh)).error.type).toBe('ejected');
    expectError(await post('/api/rooms/standup/join', { name: 'Member', token: fresh }), 403, 'forbidden-error');
    // Another person's token is fine.
    expect((await preauthFrom('standup', '10.1.1.1', await token({ room_name: 'standup', user_id: 'user-10' }))).access.level).toBe('full');
    expect(await t.store.meetings.isBanned(roomId, [{ kind: 'user', value: 'user-9' }])).toBe(true);
  });

  it('deleting the room ends the meeting: its bans go', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    expectOk(await act('standup', guest.identity, { session: owner.session, eject: true, ban: true }));
    expectOk(await t.api('DELETE', '/v1/rooms/standup'));
    expect(await t.store.meetings.isBanned(roomId, [{ kind: 'client', value: GUEST_ADDRESS }])).toBe(false);
  });

  it('a banned guest\'s knock is refused in the lobby with ejected', async () => {
    const { owner, guest } = await callWithGuest('door', { enable_knocking: true });
    expectOk(await t.api('POST', '/v1/rooms/door', { privacy: 'private' }));
    expectOk(await act('door', guest.identity, { session: owner.session, eject: true, ban: true }));
    const socket = fakeSocket();
    await t.app.lobby.requestAccess('door', { socket, clientKey: GUEST_ADDRESS }, { name: 'Guest' });
    expect(socket.types()).toEqual(['denied']);
    expect(socket.of('denied')[0].error.type).toBe('ejected');
    // A knock from another address still waits.
    const other = fakeSocket();
    await t.app.lobby.requestAccess('door', { socket: other, clientKey: '10.0.0.8' }, { name: 'Other' });
    expect(other.types()).toEqual(['waiting']);
  });

  it('LiveKit down while banning: 503, and the ban is taken back (nothing half done)', async () => {
    const { owner, guest } = await callWithGuest();
    // The authorization reads the call; the removal is what fails.
    const remove = vi.spyOn(t.livekit, 'removeParticipant').mockRejectedValueOnce(new LivekitUnavailableError('Could not reach LiveKit'));
    expect((await act('standup', guest.identity, { session: owner.session, eject: true, ban: true })).statusCode).toBe(503);
    expect(remove).toHaveBeenCalled();
    expect((await preauthFrom('standup', GUEST_ADDRESS)).access.level).toBe('full');
  });
});

describe('making someone an owner', () => {
  it('sets the owner attribute and publishing in LiveKit, and the server treats their session as an owner\'s', async () => {
    const { owner, guest } = await callWithGuest('standup', { owner_only_broadcast: true });
    expect(t.livekit.members.get(guest.identity)!.canPublish).toBe(false);
    expectError(await act('standup', owner.identity, { session: guest.session, setAudio: false }), 403, 'forbidden-error');

    expectOk(await act('standup', guest.identity, { session: owner.session, makeOwner: true }));
    expect(t.livekit.members.get(guest.identity)).toMatchObject({ isOwner: true, canPublish: true });

    // Their own session now carries owner powers: owner actions and the lobby channel.
    t.livekit.publish(owner.identity, 'microphone');
    expectOk(await act('standup', owner.identity, { session: guest.session, setAudio: false }));
    expect(await t.app.lobby.ownerJoined('standup', fakeSocket(), guest.session)).not.toBeNull();
  });

  it('the promotion ends with the meeting', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    expectOk(await act('standup', guest.identity, { session: owner.session, makeOwner: true }));
    expectOk(await webhook({ event: 'room_finished', id: 'EV_2', createdAt: String(T0), room: { sid: 'RM_1', name: roomId } }));
    expectError(await act('standup', owner.identity, { session: guest.session, setAudio: false }), 403, 'forbidden-error');
  });
});

describe('owner-only broadcast, live', () => {
  it('on: stored as a REST update would, guests lose publishing (their tracks unpublished), owners keep it; off: back', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    t.livekit.publish(guest.identity, 'camera');
    t.livekit.publish(owner.identity, 'camera');
    expect(t.livekit.rooms.get(roomId)!.settings).toEqual({ ownerOnlyBroadcast: false });
    expect(expectOk(await post(broadcastPath('standup'), { session: owner.session, ownerOnly: true }))).toEqual({ ownerOnlyBroadcast: true });
    // In the call's room metadata, so every owner's switch follows.
    expect(t.livekit.rooms.get(roomId)!.settings).toEqual({ ownerOnlyBroadcast: true });
    expect(expectOk(await t.api('GET', '/v1/rooms/standup')).config.owner_only_broadcast).toBe(true);
    expect(t.livekit.members.get(guest.identity)).toMatchObject({ canPublish: false, tracks: [] });
    expect(t.livekit.members.get(owner.identity)).toMatchObject({ canPublish: true, tracks: [{ source: 'camera' }] });
    expect(t.livekit.actions).toEqual([`publish ${guest.identity} off`]);
    // A newcomer follows the stored setting.
    const preauth = await preauthFrom('standup', '10.2.2.2');
    expect(preauth.room.ownerOnlyBroadcast).toBe(true);
    expect(preauth.user).toMatchObject({ canPublish: false, canScreenShare: false });

    expect(expectOk(await post(broadcastPath('standup'), { session: owner.session, ownerOnly: false }))).toEqual({ ownerOnlyBroadcast: false });
    expect(t.livekit.members.get(guest.identity)!.canPublish).toBe(true);
    expect(t.livekit.rooms.get(roomId)!.settings).toEqual({ ownerOnlyBroadcast: false });
    expect(t.livekit.actions).toEqual([`publish ${guest.identity} off`, `publish ${guest.identity} on`]);
  });

  it('the lobby hears the change as for a REST update (everyone waiting asks the door again when knocking stops)', async () => {
    const { owner } = await callWithGuest('door', { enable_knocking: true });
    const changed = vi.spyOn(t.app.lobby, 'roomChanged');
    expectOk(await post(broadcastPath('door'), { session: owner.session, ownerOnly: true }));
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ name: 'door', config: expect.objectContaining({ owner_only_broadcast: true }) }));
  });

  it('a REST update of owner_only_broadcast mid-call takes the same path', async () => {
    const { roomId, guest } = await callWithGuest();
    expectOk(await t.api('POST', '/v1/rooms/standup', { properties: { owner_only_broadcast: true } }));
    await vi.waitFor(() => expect(t.livekit.members.get(guest.identity)!.canPublish).toBe(false));
    await vi.waitFor(() => expect(t.livekit.rooms.get(roomId)!.settings).toEqual({ ownerOnlyBroadcast: true }));
    expectOk(await t.api('POST', '/v1/rooms/standup', { properties: { owner_only_broadcast: null } }));
    await vi.waitFor(() => expect(t.livekit.members.get(guest.identity)!.canPublish).toBe(true));
  });

  it('a guest whose join token was minted just before the switch is brought in line when they connect (participant_joined)', async () => {
    const { roomId, owner } = await callWithGuest();
    const late = expectOk(await post('/api/rooms/standup/join', { name: 'Late' }, '10.3.3.3'));
    expectOk(await post(broadcastPath('standup'), { session: owner.session, ownerOnly: true }));
    t.livekit.connect(roomId, late.identity);
    expect(t.livekit.members.get(late.identity)!.canPublish).toBe(true);
    expectOk(await webhook({
      event: 'participant_joined', id: 'EV_3', createdAt: String(T0), room: { sid: 'RM_1', name: roomId },
      participant: { sid: 'PA_9', identity: late.identity, attributes: { 'foyer.owner': 'false' }, permission: { canPublish: true } },
    }));
    await vi.waitFor(() => expect(t.livekit.members.get(late.identity)!.canPublish).toBe(false));
  });
});

describe('grants and what the page is told', () => {
  it('chat: the join grant may send data only with enable_chat, and preauth and join say so', async () => {
    await createRoom('quiet');
    await createRoom('chatty', { enable_chat: true });
    const quiet = expectOk(await post('/api/rooms/quiet/join', { name: 'A' }));
    const chatty = expectOk(await post('/api/rooms/chatty/join', { name: 'B' }));
    expect([quiet.chat, chatty.chat]).toEqual([false, true]);
    expect(t.livekit.mintCalls.map((g) => g.canPublishData)).toEqual([false, true]);
    expect((await preauthFrom('chatty', '127.0.0.1')).room.chat).toBe(true);
  });

  it('owner-only broadcast: a guest\'s grant cannot publish (screen share source kept for later), an owner\'s can', async () => {
    await createRoom('stage', { owner_only_broadcast: true });
    const guest = expectOk(await post('/api/rooms/stage/join', { name: 'G' }));
    const owner = expectOk(await post('/api/rooms/stage/join', { name: 'H', token: await token({ room_name: 'stage', is_owner: true }) }));
    expect([guest.canPublish, guest.canScreenShare, owner.canPublish, owner.canScreenShare]).toEqual([false, false, true, true]);
    expect(t.livekit.mintCalls.map((g) => [g.canPublish, g.canScreenShare])).toEqual([[false, true], [true, true]]);
  });

  it.each<[string, Record<string, unknown>, MeetingTokenProperties | undefined, string | undefined]>([
    ['unset', {}, undefined, undefined],
    ['the room\'s', { lang: 'de' }, undefined, 'de'],
    ['the token\'s first', { lang: 'de' }, { lang: 'fr' }, 'fr'],
    ['the token says user: the browser\'s', { lang: 'de' }, { lang: 'user' }, undefined],
    ['the room says user', { lang: 'user' }, undefined, undefined],
  ])('lang: %s', async (_label, properties, tokenProps, want) => {
    await createRoom('talk', properties);
    const tk = tokenProps ? await token(tokenProps) : undefined;
    const body = await preauthFrom('talk', '127.0.0.1', tk);
    expect(body.room.lang).toBe(want);
    expect('lang' in body.room).toBe(want !== undefined);
  });
});

describe('ending the call for everyone', () => {
  it('an owner ends it: LiveKit deletes the call, the room stays, the meeting\'s bans end', async () => {
    const { roomId, owner, guest } = await callWithGuest();
    expectOk(await act('standup', guest.identity, { session: owner.session, eject: true, ban: true }));
    expect(expectOk(await post(endCallPath('standup'), { session: owner.session }))).toEqual({ ok: true });
    expect(t.livekit.endRoomCalls).toEqual([roomId]);
    expectOk(await t.api('GET', '/v1/rooms/standup'));
    expect((await preauthFrom('standup', GUEST_ADDRESS)).access.level).toBe('full');
  });

  it('a guest cannot end it, nor an owner of another room, nor garbage', async () => {
    const { owner, guest } = await callWithGuest();
    const other = await callWithGuest('other');
    expectError(await post(endCallPath('standup'), { session: guest.session }), 403, 'forbidden-error');
    expectError(await post(endCallPath('standup'), { session: other.owner.session }), 403, 'forbidden-error');
    expectError(await post(endCallPath('standup'), { session: owner.session, extra: 1 }), 400, 'invalid-request-error');
    expectError(await post(endCallPath('standup'), {}), 400, 'invalid-request-error');
    expect(t.livekit.endRoomCalls).toEqual([]);
  });
});
