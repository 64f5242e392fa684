/** POST/DELETE /domains/by-name/<team>/room[/<room>], over the real app: the room service underneath. */
import { describe, expect, it } from 'vitest';
import { BASE, legacyError, legacyOk, send, t, TEAM, useLegacyApp } from './legacy-test-app.ts';

useLegacyApp();

const roomCount = async () => (await t.store.listRooms({ limit: 100, now: t.clock.now })).total_count;
const v1Room = async (name: string) => (await t.api('GET', `/v1/rooms/${name}`)).json();

describe('POST /domains/by-name/<team>/room', () => {
  it('creates an org room by default, as that API did, answering {name, privacy, url}', async () => {
    const body = legacyOk(await send('POST', `${BASE}/room`, { name: 'standup' }));
    expect(body).toEqual({ name: 'standup', privacy: 'org', url: 'http://127.0.0.1:3000/standup' });
    // The same room /v1 sees: one store, one service.
    expect(await v1Room('standup')).toMatchObject({ name: 'standup', privacy: 'org', url: body.url });
  });

  it.each(['public', 'org', 'private'] as const)('creates a %s room when asked', async (privacy) => {
    expect(legacyOk(await send('POST', `${BASE}/room`, { name: `r-${privacy}`, privacy }))).toMatchObject({ privacy });
    expect(await v1Room(`r-${privacy}`)).toMatchObject({ privacy });
  });

  it('takes team name + room name of exactly 35 characters, and refuses 36 with what fits', async () => {
    const fits = 'a'.repeat(35 - TEAM.length);
    const tooLong = 'b'.repeat(36 - TEAM.length);
    expect(legacyOk(await send('POST', `${BASE}/room`, { name: fits })).name).toBe(fits);
    const message = legacyError(await send('POST', `${BASE}/room`, { name: tooLong }));
    expect(message).toBe(`the team name and the room name together must be at most 35 characters: "${TEAM}" has ${TEAM.length}, so choose a room name of at most ${35 - TEAM.length} characters (this one has ${36 - TEAM.length})`);
    expect((await t.api('GET', `/v1/rooms/${tooLong}`)).statusCode).toBe(404);
    expect(await roomCount()).toBe(1);
  });

  it.each([
    ['no body', undefined, /name must be a string/],
    ['an empty object', {}, /name must be a string/],
    ['a number for a name', { name: 42 }, /name must be a string/],
    ['an empty name', { name: '' }, /name must not be empty/],
    ['a slash in the name', { name: '../etc' }, /contains invalid characters/],
    ['Daily\'s "team" for org', { name: 'x', privacy: 'team' }, /privacy/],
    ['a null privacy', { name: 'x', privacy: null }, /privacy/],
    ['an unknown property', { name: 'x', properties: {} }, /unknown property: properties/],
    ['an array', [{ name: 'x' }], /body must be an object/],
    ['JSON null', 'null', /body must be an object/],
    ['broken JSON', '{"name": ', /not valid JSON/],
    ['a reserved name', { name: 'embed-demo' }, /reserved/],
  ])('refuses %s with HTTP 200 {error: {message}}, creating nothing', async (_what, body, pattern) => {
    expect(legacyError(await send('POST', `${BASE}/room`, body))).toMatch(pattern);
    expect(await roomCount()).toBe(0);
  });

  it('refuses a name already taken, leaving the first room as it was', async () => {
    legacyOk(await send('POST', `${BASE}/room`, { name: 'standup', privacy: 'public' }));
    expect(legacyError(await send('POST', `${BASE}/room`, { name: 'standup', privacy: 'private' }))).toMatch(/standup/);
    expect(await v1Room('standup')).toMatchObject({ privacy: 'public' });
  });

  it('refuses a body that is not JSON, and one over 16 KB', async () => {
    expect(legacyError(await send('POST', `${BASE}/room`, 'name=standup', { contentType: 'application/x-www-form-urlencoded' }))).toMatch(/application\/json/);
    expect(legacyError(await send('POST', `${BASE}/room`, { name: 'x', pad: 'p'.repeat(20_000) }))).toMatch(/too large/);
    expect(legacyError(await send('POST', `${BASE}/room`, JSON.stringify({ name: 'x' }) + ' '.repeat(300 * 1024)))).toMatch(/too large/);
    expect(await roomCount()).toBe(0);
  });

  it('refuses another team\'s path before reading the body', async () => {
    expect(legacyError(await send('POST', '/domains/by-name/acme/room', { name: 'standup' }))).toMatch(/no team named "acme" here/);
    expect(await roomCount()).toBe(0);
  });
});

describe('POST /domains/by-name/<team>/room/<room>', () => {
  it('changes the privacy through the room service: {updated: true}', async () => {
    legacyOk(await send('POST', `${BASE}/room`, { name: 'standup' }));
    expect(legacyOk(await send('POST', `${BASE}/room/standup`, { privacy: 'private' }))).toEqual({ updated: true });
    expect(await v1Room('standup')).toMatchObject({ privacy: 'private' });
    expect(legacyOk(await send('POST', `${BASE}/room/standup`, { privacy: 'org' }))).toEqual({ updated: true });
    expect(await v1Room('standup')).toMatchObject({ privacy: 'org' });
  });

  it('refuses an unknown room, naming where the rooms are listed', async () => {
    const message = legacyError(await send('POST', `${BASE}/room/nope`, { privacy: 'public' }));
    expect(message).toBe(`no room named "nope" in team "${TEAM}"; GET /domains/by-name/${TEAM} lists its rooms`);
  });

  it.each([
    ['no privacy', {}],
    ['a wrong privacy', { privacy: 'everyone' }],
    ['a /v1 property', { privacy: 'public', properties: { exp: 1 } }],
    ['a string body', '"public"'],
  ])('refuses %s, changing nothing', async (_what, body) => {
    legacyOk(await send('POST', `${BASE}/room`, { name: 'standup' }));
    legacyError(await send('POST', `${BASE}/room/standup`, body));
    expect(await v1Room('standup')).toMatchObject({ privacy: 'org', config: {} });
  });
});

describe('DELETE /domains/by-name/<team>/room/<room>', () => {
  it('ends the call and deletes the room: {deleted: "true"} (a string, as that API answered)', async () => {
    legacyOk(await send('POST', `${BASE}/room`, { name: 'standup' }));
    const id = (await v1Room('standup')).id as string;
    expect(legacyOk(await send('DELETE', `${BASE}/room/standup`))).toEqual({ deleted: 'true' });
    expect(t.livekit.endRoomCalls).toEqual([id]);
    expect((await t.api('GET', '/v1/rooms/standup')).statusCode).toBe(404);
  });

  it('refuses an unknown room, and path tricks find no room', async () => {
    expect(legacyError(await send('DELETE', `${BASE}/room/nope`))).toMatch(/no room named "nope"/);
    expect(legacyError(await send('DELETE', `${BASE}/room/..%2F..%2Fv1%2Frooms`))).toMatch(/no room named "..\/..\/v1\/rooms"/);
    expect(legacyError(await send('DELETE', `${BASE}/room/%00`))).toMatch(/no room named/);
  });

  it('keeps the room when LiveKit cannot end its call: 503 {error: {message}}, and a retry works', async () => {
    legacyOk(await send('POST', `${BASE}/room`, { name: 'standup' }));
    t.livekit.down = true;
    expect(legacyError(await send('DELETE', `${BASE}/room/standup`), 503)).toMatch(/The room was not deleted/);
    expect((await t.api('GET', '/v1/rooms/standup')).statusCode).toBe(200);
    t.livekit.down = false;
    expect(legacyOk(await send('DELETE', `${BASE}/room/standup`))).toEqual({ deleted: 'true' });
  });
});
