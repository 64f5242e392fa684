/**
 * `POST /v1/rooms/:name/eject` and `POST /v1/rooms/:name/update-permissions` over the app with a fake
 * LiveKit: success shapes, Daily's semantics (no call or nobody matched is not an error, "*", replace
 * per field), bans for the rest of the meeting, and every error type and status, abuse included.
 */
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LivekitUnavailableError } from '../livekit/errors.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, rawPost, type TestApp } from '../testing/test-app.ts';
import type { MeetingTokenProperties } from '../tokens/properties.ts';
import { MODERATION_BODY_LIMIT } from './routes.ts';

const GUEST_ADDRESS = '10.0.0.7';
const HOOK_KEYS = { apiKey: 'foyer_hook', apiSecret: 'moderation-hook-secret-0123456789abcdef' };

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ webhookSecret: HOOK_KEYS });
});
afterEach(async () => {
  await t.close();
});

async function token(properties: MeetingTokenProperties): Promise<string> {
  return expectOk(await t.api('POST', '/v1/meeting-tokens', { properties })).token;
}

/** Joins through the client API and connects to the (fake) call, as a browser would; returns the participant id. */
async function join(room: string, body: { name: string; token?: string }, from = '127.0.0.1'): Promise<string> {
  const joined = expectOk(await t.app.inject({ method: 'POST', url: `/api/rooms/${room}/join`, payload: body, remoteAddress: from }));
  t.livekit.connect((await t.store.getRoom(room))!.id, joined.identity);
  return joined.identity;
}

const preauth = async (room: string, from: string, tk?: string) =>
  expectOk(await t.app.inject({ method: 'POST', url: `/api/rooms/${room}/preauth`, payload: tk ? { token: tk } : {}, remoteAddress: from }));

/** A room `standup` with an owner (token), a member (token with user_id "user-9") and a guest (no token). */
async function call() {
  expectOk(await t.api('POST', '/v1/rooms', { name: 'standup' }));
  const ownerToken = await token({ room_name: 'standup', is_owner: true });
  const memberToken = await token({ room_name: 'standup', user_id: 'user-9' });
  const owner = await join('standup', { name: 'Host', token: ownerToken });
  const member = await join('standup', { name: 'Member', token: memberToken });
  const guest = await join('standup', { name: 'Guest' }, GUEST_ADDRESS);
  return { roomId: (await t.store.getRoom('standup'))!.id, owner, member, guest, memberToken };
}

/** A LiveKit webhook, signed as LiveKit signs it. */
async function webhook(event: object) {
  const payload = JSON.stringify(event);
  const at = new AccessToken(HOOK_KEYS.apiKey, HOOK_KEYS.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  return t.app.inject({ method: 'POST', url: '/webhooks/livekit', payload, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } });
}

/** They drop and come back as the same participant: LiveKit knows them afresh from their join grant, and says they joined. */
async function reconnect(roomId: string, identity: string) {
  t.livekit.rooms.get(roomId)!.identities.delete(identity);
  t.livekit.connect(roomId, identity);
  expect(t.livekit.members.get(identity)).toMatchObject({ canPublish: true, hidden: false });
  expectOk(await webhook({
    event: 'participant_joined', id: `EV_${identity}`, createdAt: '1', room: { sid: 'RM_1', name: roomId },
    participant: { sid: 'PA_1', identity, attributes: { 'foyer.owner': 'false' }, permission: { canPublish: true } },
  }));
}

const eject = (body: unknown, room = 'standup') => t.api('POST', `/v1/rooms/${room}/eject`, body);
const permissions = (body: unknown, room = 'standup') => t.api('POST', `/v1/rooms/${room}/update-permissions`, body);
const inCall = (roomId: string) => [...(t.livekit.rooms.get(roomId)?.identities ?? [])];

describe('POST /v1/rooms/:name/eject', () => {
  it('removes the participants named by id and answers {ejectedIds}', async () => {
    const { roomId, owner, member, guest } = await call();
    expect(expectOk(await eject({ ids: [guest] }))).toEqual({ ejectedIds: [guest] });
    expect(inCall(roomId).sort()).toEqual([owner, member].sort());
    expect(t.livekit.actions).toEqual([`remove ${guest}`]);
  });

  it('removes by the meeting token\'s user_id', async () => {
    const { roomId, member } = await call();
    expect(expectOk(await eject({ user_ids: ['user-9'] }))).toEqual({ ejectedIds: [member] });
    expect(inCall(roomId)).not.toContain(member);
  });

  it('ids and user_ids together, duplicates and unknown ids: each removed once, only those found listed', async () => {
    const { member, guest } = await call();
    const { ejectedIds } = expectOk(await eject({ ids: [guest, guest, 'p_nobody'], user_ids: ['user-9', 'user-404'] }));
    expect([...ejectedIds].sort()).toEqual([member, guest].sort());
  });

  it('nobody matching, or a room without a call: {ejectedIds: []} (not an error, as Daily)', async () => {
    await call();
    expect(expectOk(await eject({ ids: ['p_nobody'] }))).toEqual({ ejectedIds: [] });
    expectOk(await t.api('POST', '/v1/rooms', { name: 'quiet' }));
    expect(expectOk(await eject({ ids: ['p_nobody'], user_ids: ['u'] }, 'quiet'))).toEqual({ ejectedIds: [] });
    expect(t.livekit.actions).toEqual([]);
  });

  it('without ban the same person may come back', async () => {
    const { guest, memberToken } = await call();
    expectOk(await eject({ ids: [guest], user_ids: ['user-9'] }));
    expect((await preauth('standup', GUEST_ADDRESS)).access.level).toBe('full');
    expect((await preauth('standup', '10.9.9.9', memberToken)).access.level).toBe('full');
  });

  it('someone ejected who comes straight back with their still-valid LiveKit token is removed again', async () => {
    const { roomId, guest } = await call();
    expect(expectOk(await eject({ ids: [guest] }))).toEqual({ ejectedIds: [guest] });
    t.livekit.connect(roomId, guest);
    expectOk(await webhook({
      event: 'participant_joined', id: 'EV_back', createdAt: '1', room: { sid: 'RM_1', name: roomId },
      participant: { sid: 'PA_2', identity: guest, attributes: { 'foyer.owner': 'false' }, permission: { canPublish: true } },
    }));
    await vi.waitFor(() => expect(inCall(roomId)).not.toContain(guest));
  });

  it("a late room_finished of an earlier meeting's LiveKit room does not end this one", async () => {
    const { roomId, guest } = await call();
    expectOk(await eject({ ids: [guest], ban: true }));
    const joinedNow = (sid: string) => webhook({
      event: 'participant_joined', id: `EV_${sid}`, createdAt: '1', room: { sid, name: roomId },
      participant: { sid: `PA_${sid}`, identity: 'p_x', attributes: { 'foyer.owner': 'false' }, permission: { canPublish: true } },
    });
    expectOk(await joinedNow('RM_now'));
    expectOk(await webhook({ event: 'room_finished', id: 'EV_old_end', createdAt: '2', room: { sid: 'RM_before', name: roomId } }));
    // The ban of this meeting still holds.
    expect((await preauth('standup', GUEST_ADDRESS)).error.type).toBe('ejected');
  });

  it('ban keeps them out for the rest of the meeting: the guest\'s address, the member\'s token and user_id', async () => {
    const { guest, member, memberToken } = await call();
    expectOk(await eject({ ids: [guest, member], ban: true }));
    expect((await preauth('standup', GUEST_ADDRESS)).error.type).toBe('ejected');
    expect((await preauth('standup', '10.9.9.9', memberToken)).error.type).toBe('ejected');
    const sameUser = await token({ room_name: 'standup', user_id: 'user-9' });
    expect((await preauth('standup', '10.9.9.9', sameUser)).error.type).toBe('ejected');
    expectError(await t.app.inject({ method: 'POST', url: '/api/rooms/standup/join', payload: { name: 'Again' }, remoteAddress: GUEST_ADDRESS }), 403, 'forbidden-error');
    // Someone else still gets in.
    expect((await preauth('standup', '10.0.0.8')).access.level).toBe('full');
  });

  it('ban with user_ids also keeps out a user_id not in the call right now (while a call is on)', async () => {
    await call();
    expectOk(await eject({ user_ids: ['user-77'], ban: true }));
    expect((await preauth('standup', '10.9.9.9', await token({ room_name: 'standup', user_id: 'user-77' }))).error.type).toBe('ejected');
  });

  it('is the same removal as the owner\'s in-call one: the ejected participant\'s session cannot rejoin', async () => {
    const { roomId, guest } = await call();
    expectOk(await eject({ ids: [guest] }));
    expect(await t.store.meetings.callParticipant(roomId, guest)).toBeNull();
  });

  it('LiveKit failing: 503 server-error, and a ban asked for is taken back (nothing half done)', async () => {
    const { guest } = await call();
    vi.spyOn(t.livekit, 'removeParticipant').mockRejectedValueOnce(new LivekitUnavailableError('Could not reach LiveKit'));
    expectError(await eject({ ids: [guest], ban: true }), 503, 'server-error');
    expect((await preauth('standup', GUEST_ADDRESS)).access.level).toBe('full');
  });

  it('an unknown room: 404 not-found', async () => {
    expectError(await eject({ ids: ['p_a'] }, 'nowhere'), 404, 'not-found');
  });

  it.each([
    ['no body', undefined],
    ['an empty object', {}],
    ['empty lists', { ids: [], user_ids: [] }],
    ['only ban', { ban: true }],
    ['ids not a list', { ids: 'p_a' }],
    ['an id that is not a participant id', { ids: ['p a'] }],
    ['an id too long', { ids: ['p'.repeat(65)] }],
    ['an id of the wrong type', { ids: [42] }],
    ['a user_id too long', { user_ids: ['u'.repeat(37)] }],
    ['an empty user_id', { user_ids: [''] }],
    ['101 ids', { ids: Array.from({ length: 101 }, (_, i) => `p_${i}`) }],
    ['101 user_ids', { user_ids: Array.from({ length: 101 }, (_, i) => `u${i}`) }],
    ['ban not a boolean', { ids: ['p_a'], ban: 'yes' }],
    ['an unknown property', { ids: ['p_a'], everyone: true }],
    ['a list body', ['p_a']],
  ])('%s: 400 invalid-request-error, nobody removed', async (_name, body) => {
    await call();
    expectError(await eject(body), 400, 'invalid-request-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('malformed JSON: 400 json-parsing-error; a body over the limit: 4xx, never a 500', async () => {
    await call();
    expectError(await rawPost(t, '/v1/rooms/standup/eject', '{"ids": ['), 400, 'json-parsing-error');
    const huge = await rawPost(t, '/v1/rooms/standup/eject', JSON.stringify({ ids: ['p_a'], pad: 'x'.repeat(MODERATION_BODY_LIMIT) }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('invalid-request-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('needs the API key: none is 400 authorization-header-error, a wrong one 401', async () => {
    const { roomId, guest } = await call();
    expectError(await t.app.inject({ method: 'POST', url: '/v1/rooms/standup/eject', payload: { ids: [guest] } }), 400, 'authorization-header-error');
    expectError(await t.app.inject({ method: 'POST', url: '/v1/rooms/standup/eject', payload: { ids: [guest] }, headers: { authorization: 'Bearer wrong' } }), 401, 'authentication-error');
    expect(inCall(roomId)).toContain(guest);
  });
});

describe('POST /v1/rooms/:name/update-permissions', () => {
  it('canSend: false takes publishing from the one named (LiveKit unpublishes their tracks); answers {}', async () => {
    const { guest, member } = await call();
    t.livekit.publish(guest, 'camera');
    expect(expectOk(await permissions({ data: { [guest]: { canSend: false } } }))).toEqual({});
    expect(t.livekit.members.get(guest)).toMatchObject({ canPublish: false, tracks: [] });
    expect(t.livekit.members.get(member)!.canPublish).toBe(true);
  });

  it('canSend: true gives it back, with every source', async () => {
    const { guest } = await call();
    expectOk(await permissions({ data: { [guest]: { canSend: false } } }));
    expectOk(await permissions({ data: { [guest]: { canSend: true } } }));
    expect(t.livekit.members.get(guest)).toMatchObject({ canPublish: true, canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'] });
  });

  it('owner-only broadcast switched on and off again does not give back what canSend: false took', async () => {
    const { guest, member } = await call();
    expectOk(await permissions({ data: { [guest]: { canSend: false } } }));
    expectOk(await t.api('POST', '/v1/rooms/standup', { properties: { owner_only_broadcast: true } }));
    expectOk(await t.api('POST', '/v1/rooms/standup', { properties: { owner_only_broadcast: false } }));
    await vi.waitFor(() => expect(t.livekit.members.get(member)!.canPublish).toBe(true));
    expect(t.livekit.members.get(guest)!.canPublish).toBe(false);
  });

  it('replace per field: a list replaces the sources, and a later hasPresence leaves them alone', async () => {
    const { guest } = await call();
    expectOk(await permissions({ data: { [guest]: { canSend: ['audio'] } } }));
    expect(t.livekit.members.get(guest)).toMatchObject({ canPublish: true, canPublishSources: ['microphone'] });
    expectOk(await permissions({ data: { [guest]: { hasPresence: false } } }));
    expect(t.livekit.members.get(guest)).toMatchObject({ canPublish: true, canPublishSources: ['microphone'], hidden: true });
  });

  it('"*" applies to everyone in the call not named; the named entry wins', async () => {
    const { owner, member, guest } = await call();
    expectOk(await permissions({ data: { '*': { canSend: false }, [member]: { canSend: ['video', 'audio'] } } }));
    expect(t.livekit.members.get(owner)!.canPublish).toBe(false);
    expect(t.livekit.members.get(guest)!.canPublish).toBe(false);
    expect(t.livekit.members.get(member)).toMatchObject({ canPublish: true, canPublishSources: ['camera', 'microphone'] });
  });

  it('canAdmin: ["participants"] makes them an owner, as the in-call "make owner" does', async () => {
    const { roomId, guest } = await call();
    expectOk(await permissions({ data: { [guest]: { canAdmin: ['participants'] } } }));
    expect(t.livekit.members.get(guest)!.isOwner).toBe(true);
    expect(await t.store.meetings.isPromoted(roomId, guest)).toBe(true);
    expect(t.livekit.actions).toEqual([`owner ${guest}`]);
  });

  it('an id that is not in the call, and a room without a call: {} and nothing done', async () => {
    await call();
    expect(expectOk(await permissions({ data: { p_nobody: { canSend: false } } }))).toEqual({});
    expectOk(await t.api('POST', '/v1/rooms', { name: 'quiet' }));
    expect(expectOk(await permissions({ data: { '*': { canSend: false } } }, 'quiet'))).toEqual({});
    expect(t.livekit.actions).toEqual([]);
  });

  it('someone who leaves between the plan and its turn is skipped, not an error', async () => {
    const { roomId, guest, member } = await call();
    const real = t.livekit.setPermission.bind(t.livekit);
    vi.spyOn(t.livekit, 'setPermission').mockImplementation(async (room, identity, change) => {
      if (identity === guest) t.livekit.rooms.get(roomId)!.identities.delete(guest);
      return real(room, identity, change);
    });
    expect(expectOk(await permissions({ data: { '*': { canSend: false } } }))).toEqual({});
    expect(t.livekit.members.get(member)!.canPublish).toBe(false);
  });

  it('what was taken away stays away when they come back after a lost connection, until the meeting ends', async () => {
    const { roomId, guest, member } = await call();
    expectOk(await permissions({ data: { [guest]: { canSend: false }, [member]: { hasPresence: false } } }));
    expectOk(await permissions({ data: { [guest]: { hasPresence: false } } }));
    await reconnect(roomId, guest);
    await vi.waitFor(() => expect(t.livekit.members.get(guest)).toMatchObject({ canPublish: false, hidden: true }));
    await reconnect(roomId, member);
    await vi.waitFor(() => expect(t.livekit.members.get(member)).toMatchObject({ canPublish: true, hidden: true }));

    // The meeting ends: the next one starts from the room's settings (a new join, as the page does).
    expectOk(await webhook({ event: 'room_finished', id: 'EV_end', createdAt: '2', room: { sid: 'RM_1', name: roomId } }));
    const before = t.livekit.actions.length;
    const again = await join('standup', { name: 'Guest' }, GUEST_ADDRESS);
    await reconnect(roomId, again);
    await new Promise((r) => setImmediate(r));
    expect(t.livekit.members.get(again)!.canPublish).toBe(true);
    expect(t.livekit.actions.slice(before)).toEqual([]);
  });

  it('an unknown room: 404 not-found', async () => {
    expectError(await permissions({ data: { '*': { canSend: false } } }, 'nowhere'), 404, 'not-found');
  });

  it.each([
    ['no body', undefined],
    ['no data', {}],
    ['empty data', { data: {} }],
    ['data a list', { data: [] }],
    ['a key that is not a participant id', { data: { 'p a': { canSend: false } } }],
    ['canSend of the wrong type', { data: { '*': { canSend: 'video' } } }],
    ['an unknown media kind', { data: { '*': { canSend: ['smell'] } } }],
    ['too many kinds', { data: { '*': { canSend: ['video', 'video', 'video', 'video', 'video'] } } }],
    ['an unknown admin kind', { data: { '*': { canAdmin: ['everything'] } } }],
    ['hasPresence not a boolean', { data: { '*': { hasPresence: 'no' } } }],
    ['canReceive (not supported)', { data: { '*': { canReceive: { base: false } } } }],
    ['an entry that is not an object', { data: { '*': true } }],
    ['102 entries', { data: Object.fromEntries(Array.from({ length: 102 }, (_, i) => [`p_${i}`, { canSend: false }])) }],
    ['an unknown top-level property', { data: { '*': { canSend: false } }, force: true }],
  ])('%s: 400 invalid-request-error, nothing changed', async (_name, body) => {
    await call();
    expectError(await permissions(body), 400, 'invalid-request-error');
    expect(t.livekit.actions).toEqual([]);
  });

  it('malformed JSON and prototype keys: 400, never a 500', async () => {
    await call();
    expectError(await rawPost(t, '/v1/rooms/standup/update-permissions', '{"data":'), 400, 'json-parsing-error');
    const proto = await rawPost(t, '/v1/rooms/standup/update-permissions', '{"data":{"__proto__":{"canSend":false}}}');
    expect(proto.statusCode).toBe(400);
    expect(t.livekit.actions).toEqual([]);
  });

  it('needs the API key', async () => {
    await call();
    expectError(await t.app.inject({ method: 'POST', url: '/v1/rooms/standup/update-permissions', payload: { data: { '*': { canSend: false } } } }), 400, 'authorization-header-error');
    expect(t.livekit.actions).toEqual([]);
  });
});
