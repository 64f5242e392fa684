import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_ERROR_MESSAGES, DETAIL_MESSAGES } from '../../shared/access.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { TEST_API_KEY, T0, makeTestApp, rawPost, type TestApp } from '../testing/test-app.ts';
import type { MeetingTokenProperties } from '../tokens/properties.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function room(body: Record<string, unknown>): Promise<{ id: string; name: string }> {
  return expectOk(await t.api('POST', '/v1/rooms', body));
}

async function token(properties: MeetingTokenProperties): Promise<string> {
  return expectOk(await t.api('POST', '/v1/meeting-tokens', { properties })).token;
}

const preauth = (name: string, body: unknown = {}) => t.client(`/api/rooms/${name}/preauth`, body);
const join = (name: string, body: unknown) => t.client(`/api/rooms/${name}/join`, body);

const SUMMARY_DEFAULTS = { knocking: false, prejoin: true, startVideoOff: false, startAudioOff: false, chat: false, ownerOnlyBroadcast: false };
/** What a guest may send in a room with default properties. */
const GUEST_RIGHTS = { canPublish: true, canScreenShare: true };

describe('POST /api/rooms/:name/preauth', () => {
  it('gives full on a public room, with the room summary and the LiveKit URL', async () => {
    await room({ name: 'open' });
    expect(expectOk(await preauth('open'))).toEqual({
      room: { name: 'open', privacy: 'public', ...SUMMARY_DEFAULTS },
      access: { level: 'full' },
      user: { isOwner: false, ...GUEST_RIGHTS },
      livekitUrl: t.livekit.publicUrl,
    });
  });

  it('works without a body', async () => {
    await room({ name: 'open' });
    expect(expectOk(await t.client('/api/rooms/open/preauth')).access).toEqual({ level: 'full' });
  });

  it('reports the room settings the prejoin needs', async () => {
    await room({
      name: 'custom',
      privacy: 'private',
      properties: { enable_knocking: true, enable_prejoin_ui: false, start_video_off: true, start_audio_off: true },
    });
    expect(expectOk(await preauth('custom')).room).toEqual({
      name: 'custom',
      privacy: 'private',
      knocking: true,
      prejoin: false,
      startVideoOff: true,
      startAudioOff: true,
      chat: false,
      ownerOnlyBroadcast: false,
    });
  });

  it('warms up on the node that will host the call (in a cluster each call has its own), the one join answers', async () => {
    const r = await room({ name: 'spread' });
    t.livekit.joinUrl = (roomId) => `ws://node-of-${roomId}:7880`;
    expect(expectOk(await preauth('spread')).livekitUrl).toBe(`ws://node-of-${r.id}:7880`);
  });

  it('does not leak the room id or its config', async () => {
    const r = await room({ name: 'open', properties: { enable_recording: 'cloud' } });
    const text = (await preauth('open')).body;
    expect(text).not.toContain(r.id);
    expect(text).not.toContain('enable_recording');
  });

  it('gives lobby on a private knocking room: the LiveKit URL to warm up, but never a LiveKit token', async () => {
    await room({ name: 'knock', privacy: 'private', properties: { enable_knocking: true } });
    const body = expectOk(await preauth('knock'));
    expect(body.access).toEqual({ level: 'lobby' });
    expect(body.error).toBeUndefined();
    expect(body.livekitUrl).toBe(t.livekit.publicUrl);
    expect(JSON.stringify(body)).not.toMatch(/livekitToken|lk-token/);
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('refuses a private room without knocking (room-private)', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const body = expectOk(await preauth('closed'));
    expect(body).toEqual({
      room: { name: 'closed', privacy: 'private', ...SUMMARY_DEFAULTS },
      access: { level: 'none' },
      error: { type: 'not-allowed', detail: 'room-private', msg: DETAIL_MESSAGES['room-private'] },
      user: { isOwner: false, ...GUEST_RIGHTS },
    });
  });

  it('refuses a missing room with no-room and no summary', async () => {
    expect(expectOk(await preauth('missing'))).toEqual({
      room: null,
      access: { level: 'none' },
      error: { type: 'no-room', msg: ACCESS_ERROR_MESSAGES['no-room'] },
      user: { isOwner: false, canPublish: false, canScreenShare: false },
    });
  });

  it('answers no-room for a name that is not a valid room name', async () => {
    const body = expectOk(await preauth(encodeURIComponent('bad name!')));
    expect(body.error.type).toBe('no-room');
    expect(t.livekit.participantCountCalls).toEqual([]);
  });

  it('refuses a deleted room with no-room', async () => {
    await room({ name: 'gone' });
    expectOk(await t.api('DELETE', '/v1/rooms/gone'));
    expect(expectOk(await preauth('gone')).error.type).toBe('no-room');
  });

  it('refuses a room past exp and before nbf', async () => {
    await room({ name: 'timed', properties: { nbf: T0 + 60, exp: T0 + 120 } });
    expect(expectOk(await preauth('timed')).error.type).toBe('nbf-room');
    t.clock.now = T0 + 60;
    expect(expectOk(await preauth('timed')).access.level).toBe('full');
    t.clock.now = T0 + 120;
    expect(expectOk(await preauth('timed')).error).toEqual({ type: 'exp-room', msg: ACCESS_ERROR_MESSAGES['exp-room'] });
  });

  it('gives a valid owner token full as owner, with its user name', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const tk = await token({ room_name: 'closed', is_owner: true, user_name: 'Host' });
    const body = expectOk(await preauth('closed', { token: tk }));
    expect(body.access).toEqual({ level: 'full' });
    expect(body.user).toEqual({ name: 'Host', isOwner: true, canPublish: true, canScreenShare: true });
    expect(body.livekitUrl).toBe(t.livekit.publicUrl);
  });

  it('accepts a token without room_name for any room', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const tk = await token({});
    expect(expectOk(await preauth('closed', { token: tk })).access.level).toBe('full');
  });

  it('accepts a token self-signed by the operator', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const tk = await new SignJWT({ r: 'closed', o: true }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(TEST_API_KEY));
    expect(expectOk(await preauth('closed', { token: tk })).user.isOwner).toBe(true);
  });

  it('refuses a bad token and offers the guest level of a public room', async () => {
    await room({ name: 'open' });
    const body = expectOk(await preauth('open', { token: 'garbage' }));
    expect(body.access).toEqual({ level: 'none' });
    expect(body.error).toEqual({ type: 'not-allowed', detail: 'token-invalid', msg: DETAIL_MESSAGES['token-invalid'] });
    expect(body.guestLevel).toBe('full');
    expect(body).not.toHaveProperty('livekitUrl');
  });

  it('offers lobby as the guest level of a private knocking room', async () => {
    await room({ name: 'knock', privacy: 'private', properties: { enable_knocking: true } });
    const body = expectOk(await preauth('knock', { token: 'a.b.c' }));
    expect(body.error.detail).toBe('token-invalid');
    expect(body.guestLevel).toBe('lobby');
  });

  it('offers no guest level on a private room without knocking', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const body = expectOk(await preauth('closed', { token: 'garbage' }));
    expect(body.error.detail).toBe('token-invalid');
    expect(body).not.toHaveProperty('guestLevel');
  });

  it('refuses a token signed with another key', async () => {
    await room({ name: 'open' });
    const tk = await new SignJWT({ o: true }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-key'));
    const body = expectOk(await preauth('open', { token: tk }));
    expect(body.error.detail).toBe('token-invalid');
    expect(body.user.isOwner).toBe(false);
  });

  it('refuses a token for another room (token-wrong-room)', async () => {
    await room({ name: 'open' });
    const tk = await token({ room_name: 'elsewhere', is_owner: true });
    const body = expectOk(await preauth('open', { token: tk }));
    expect(body.error).toEqual({ type: 'not-allowed', detail: 'token-wrong-room', msg: DETAIL_MESSAGES['token-wrong-room'] });
    expect(body.guestLevel).toBe('full');
    expect(body.user).toEqual({ isOwner: false, ...GUEST_RIGHTS });
  });

  it('refuses an expired token and one not valid yet', async () => {
    await room({ name: 'open' });
    const expiring = await token({ exp: T0 + 10 });
    const later = await token({ nbf: T0 + 100 });
    t.clock.now = T0 + 10;
    expect(expectOk(await preauth('open', { token: expiring })).error.type).toBe('exp-token');
    expect(expectOk(await preauth('open', { token: later })).error.type).toBe('nbf-token');
  });

  it('sends a knocking token holder to the lobby of a private knocking room', async () => {
    await room({ name: 'knock', privacy: 'private', properties: { enable_knocking: true } });
    const tk = await token({ room_name: 'knock', knocking: true, user_name: 'Guest' });
    const body = expectOk(await preauth('knock', { token: tk }));
    expect(body.access).toEqual({ level: 'lobby' });
    expect(body.user).toEqual({ name: 'Guest', isOwner: false, ...GUEST_RIGHTS });
  });

  it('refuses a guest when the room is full, using the participant count of the room id', async () => {
    const r = await room({ name: 'small', properties: { max_participants: 2 } });
    t.livekit.counts.set(r.id, 2);
    const body = expectOk(await preauth('small'));
    expect(body.error).toEqual({ type: 'meeting-full', msg: ACCESS_ERROR_MESSAGES['meeting-full'] });
    expect(t.livekit.participantCountCalls).toContain(r.id);
    expect(t.livekit.participantCountCalls).not.toContain('small');
  });

  it('still lets an owner into a full room', async () => {
    const r = await room({ name: 'small', properties: { max_participants: 2 } });
    t.livekit.counts.set(r.id, 2);
    const tk = await token({ room_name: 'small', is_owner: true });
    expect(expectOk(await preauth('small', { token: tk })).access.level).toBe('full');
  });

  it.each([
    ['unknown properties', { token: 'x', name: 'Ada' }],
    ['an empty token', { token: '' }],
    ['a non-string token', { token: 42 }],
    ['an oversized token', { token: 'a'.repeat(8193) }],
  ])('refuses a body with %s with 400', async (_label, body) => {
    await room({ name: 'open' });
    expectError(await preauth('open', body), 400, 'invalid-request-error');
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"token"'],
    ['a number', '7'],
  ])('refuses %s as the body with 400, not 500', async (_label, payload) => {
    await room({ name: 'open' });
    expectError(await rawPost(t, '/api/rooms/open/preauth', payload, 'application/json', false), 400, 'invalid-request-error');
  });

  it('answers bad JSON with json-parsing-error', async () => {
    expectError(await rawPost(t, '/api/rooms/open/preauth', '{"token":', 'application/json', false), 400, 'json-parsing-error');
  });
});

describe('POST /api/rooms/:name/join', () => {
  it('returns a LiveKit token at level full, minted for the room id', async () => {
    const r = await room({ name: 'open' });
    const body = expectOk(await join('open', { name: '  Ada  ' }));
    expect(body).toEqual({
      livekitUrl: t.livekit.publicUrl,
      livekitToken: 'lk-token-1',
      identity: expect.stringMatching(/^p_[A-Za-z0-9_-]+$/),
      name: 'Ada',
      isOwner: false,
      session: expect.stringMatching(/^ey/),
      chat: false,
      canPublish: true,
      canScreenShare: true,
      willEjectAt: null,
      ejectReason: null,
      serverNow: T0,
    });
    expect(t.livekit.mintCalls).toEqual([
      { roomId: r.id, identity: body.identity, name: 'Ada', isOwner: false, userId: undefined, canPublish: true, canScreenShare: true, canPublishData: false },
    ]);
  });

  it('makes a new server-side identity for each join', async () => {
    await room({ name: 'open' });
    const a = expectOk(await join('open', { name: 'Ada' }));
    const b = expectOk(await join('open', { name: 'Ada' }));
    expect(a.identity).not.toBe(b.identity);
  });

  it('passes isOwner, user_id and the token user_name (which overrides the typed name)', async () => {
    const r = await room({ name: 'closed', privacy: 'private' });
    const tk = await token({ room_name: 'closed', is_owner: true, user_name: 'The Host', user_id: 'host-1' });
    const body = expectOk(await join('closed', { token: tk, name: 'Typed Name' }));
    expect(body.name).toBe('The Host');
    expect(body.isOwner).toBe(true);
    expect(t.livekit.mintCalls).toHaveLength(1);
    expect(t.livekit.mintCalls[0]).toMatchObject({ roomId: r.id, name: 'The Host', isOwner: true, userId: 'host-1' });
  });

  it('uses the typed name when the token has no user_name', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const tk = await token({ room_name: 'closed' });
    const body = expectOk(await join('closed', { token: tk, name: 'Typed' }));
    expect(body).toMatchObject({ name: 'Typed', isOwner: false });
  });

  it('honours owner_only_broadcast and screenshare settings in the grant', async () => {
    await room({ name: 'webinar', properties: { owner_only_broadcast: true, enable_screenshare: false } });
    expectOk(await join('webinar', { name: 'Viewer' }));
    expect(t.livekit.mintCalls[0]).toMatchObject({ canPublish: false, canScreenShare: false });
    const tk = await token({ is_owner: true, enable_screenshare: true });
    expectOk(await join('webinar', { token: tk, name: 'Host' }));
    expect(t.livekit.mintCalls[1]).toMatchObject({ canPublish: true, canScreenShare: true, isOwner: true });
  });

  it('refuses lobby-level guests with 403 and the access error, minting nothing', async () => {
    await room({ name: 'knock', privacy: 'private', properties: { enable_knocking: true } });
    const body = expectError(await join('knock', { name: 'Guest' }), 403, 'forbidden-error');
    expect(body.access).toMatchObject({ type: 'not-allowed' });
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('refuses a knocking token on a knocking room with 403', async () => {
    await room({ name: 'knock', privacy: 'private', properties: { enable_knocking: true } });
    const tk = await token({ knocking: true });
    expectError(await join('knock', { token: tk, name: 'Guest' }), 403, 'forbidden-error');
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('refuses a private room with 403 room-private', async () => {
    await room({ name: 'closed', privacy: 'private' });
    const body = expectError(await join('closed', { name: 'Guest' }), 403, 'forbidden-error');
    expect(body.access).toEqual({ type: 'not-allowed', detail: 'room-private', msg: DETAIL_MESSAGES['room-private'] });
    expect(body.info).toBe(DETAIL_MESSAGES['room-private']);
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('refuses a missing room with 403 no-room', async () => {
    const body = expectError(await join('missing', { name: 'Guest' }), 403, 'forbidden-error');
    expect(body.access).toEqual({ type: 'no-room', msg: ACCESS_ERROR_MESSAGES['no-room'] });
  });

  it('never falls back to guest access with a bad token on a public room', async () => {
    await room({ name: 'open' });
    const body = expectError(await join('open', { token: 'garbage', name: 'Ada' }), 403, 'forbidden-error');
    expect(body.access.detail).toBe('token-invalid');
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('refuses a wrong-room token with 403 token-wrong-room', async () => {
    await room({ name: 'open' });
    const tk = await token({ room_name: 'other', is_owner: true });
    const body = expectError(await join('open', { token: tk, name: 'Ada' }), 403, 'forbidden-error');
    expect(body.access.detail).toBe('token-wrong-room');
  });

  it('refuses a full room with 403 meeting-full, but lets an owner in', async () => {
    const r = await room({ name: 'small', properties: { max_participants: 3 } });
    t.livekit.counts.set(r.id, 3);
    const body = expectError(await join('small', { name: 'Late' }), 403, 'forbidden-error');
    expect(body.access).toEqual({ type: 'meeting-full', msg: ACCESS_ERROR_MESSAGES['meeting-full'] });
    expect(t.livekit.mintCalls).toEqual([]);
    const tk = await token({ is_owner: true });
    expect(expectOk(await join('small', { token: tk, name: 'Host' })).isOwner).toBe(true);
    // Two guests leave: one is left, and the owner who just joined holds a seat until LiveKit lists them.
    t.livekit.counts.set(r.id, 1);
    expectOk(await join('small', { name: 'Now fits' }));
  });

  it('refuses an expired room with 403 exp-room', async () => {
    await room({ name: 'brief', properties: { exp: T0 + 5 } });
    t.clock.now = T0 + 5;
    expect(expectError(await join('brief', { name: 'Ada' }), 403, 'forbidden-error').access.type).toBe('exp-room');
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['65 characters', 'x'.repeat(65)],
    ['a newline', 'Ada\nLovelace'],
    ['a NUL', 'Ada\u0000'],
    ['an escape sequence', '\u001b[2J'],
  ])('refuses a name that is %s with 400', async (_label, name) => {
    await room({ name: 'open' });
    expectError(await join('open', { name }), 400, 'invalid-request-error');
    expect(t.livekit.mintCalls).toEqual([]);
  });

  it('accepts a 64-character name', async () => {
    await room({ name: 'open' });
    expect(expectOk(await join('open', { name: 'x'.repeat(64) })).name).toBe('x'.repeat(64));
  });

  it('refuses a missing name or a non-string name with 400', async () => {
    await room({ name: 'open' });
    expectError(await join('open', {}), 400, 'invalid-request-error');
    expectError(await join('open', { name: 42 }), 400, 'invalid-request-error');
    expectError(await join('open', { name: null }), 400, 'invalid-request-error');
  });

  it('refuses unknown body properties by name', async () => {
    await room({ name: 'open' });
    const body = expectError(await join('open', { name: 'Ada', isOwner: true }), 400, 'invalid-request-error');
    expect(body.info).toContain('isOwner');
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"Ada"'],
    ['null', 'null'],
    ['bad JSON', '{"name":'],
  ])('refuses %s as the body with 400, not 500', async (_label, payload) => {
    await room({ name: 'open' });
    const res = await rawPost(t, '/api/rooms/open/join', payload, 'application/json', false);
    expect(res.statusCode).toBe(400);
    expect(['invalid-request-error', 'json-parsing-error']).toContain(res.json().error);
    expect(t.livekit.mintCalls).toEqual([]);
  });
});
