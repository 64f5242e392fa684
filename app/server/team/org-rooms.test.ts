/**
 * `org` rooms over the app: preauth and join read the team session cookie, a signed-in member enters as
 * an owner and is recorded as that member; a removed member, a forged cookie or a private room get no more
 * than anyone else.
 */
import { describe, expect, it, vi } from 'vitest';
import { participantPath } from '../../shared/owner-actions.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { post, signup, t, useTeamApp } from './team-test-app.ts';

useTeamApp();

const createRoom = async (name: string, privacy: string, knocking = false) =>
  expectOk(await t.api('POST', '/v1/rooms', { name, privacy, properties: { enable_knocking: knocking } }));
const preauth = (room: string, cookie?: string, body: object = {}) => post(t, `/api/rooms/${room}/preauth`, body, cookie ? { cookie } : {});
const join = (room: string, cookie?: string, body: object = {}) => post(t, `/api/rooms/${room}/join`, { name: 'Ada', ...body }, cookie ? { cookie } : {});

describe('org rooms', () => {
  it('accepts privacy org on /v1/rooms and shows it back', async () => {
    expect((await createRoom('teamroom', 'org')).privacy).toBe('org');
    expect(expectOk(await t.api('POST', '/v1/rooms/teamroom', { privacy: 'private' })).privacy).toBe('private');
    expectError(await t.api('POST', '/v1/rooms', { name: 'x', privacy: 'team' }), 400, 'invalid-request-error');
  });

  it('a signed-in member enters as an owner, is told why, and is recorded as that member', async () => {
    await createRoom('teamroom', 'org');
    const ada = await signup('ada@example.com');
    const pre = expectOk(await preauth('teamroom', ada.cookie));
    expect(pre.access.level).toBe('full');
    expect(pre.user).toMatchObject({ isOwner: true, member: { name: 'Ada Lovelace' } });
    const joined = expectOk(await join('teamroom', ada.cookie));
    expect(joined.isOwner).toBe(true);
    expect(await t.store.team.participantEmails([joined.identity])).toEqual(new Map([[joined.identity, 'ada@example.com']]));
  });

  it('without the cookie (a guest, or a frame on another site) an org room is a private room', async () => {
    await createRoom('closed', 'org');
    await createRoom('knocky', 'org', true);
    const pre = expectOk(await preauth('closed'));
    expect(pre.access.level).toBe('none');
    expect(pre.error.detail).toBe('room-private');
    expect(pre.user.member).toBeUndefined();
    expectError(await join('closed'), 403, 'forbidden-error');
    expect(expectOk(await preauth('knocky')).access.level).toBe('lobby');
  });

  it('a forged cookie, and a removed member\'s cookie, sign no one in', async () => {
    await createRoom('teamroom', 'org');
    expect(expectOk(await preauth('teamroom', 'foyer_team=forged')).access.level).toBe('none');
    const ada = await signup('ada@example.com');
    const bob = await signup('bob@example.com', 'Bob');
    expect(expectOk(await preauth('teamroom', bob.cookie)).access.level).toBe('full');
    await t.app.team.removeMember('bob@example.com');
    expect(expectOk(await preauth('teamroom', bob.cookie)).access.level).toBe('none');
    expectError(await join('teamroom', bob.cookie), 403, 'forbidden-error');
    expect(expectOk(await preauth('teamroom', ada.cookie)).access.level).toBe('full');
  });

  it('in a private room a member knocks like anyone; in a public one they are a guest', async () => {
    await createRoom('secret', 'private', true);
    await createRoom('open', 'public');
    const ada = await signup('ada@example.com');
    const priv = expectOk(await preauth('secret', ada.cookie));
    expect(priv.access.level).toBe('lobby');
    expect(priv.user).toMatchObject({ isOwner: false });
    expect(priv.user.member).toBeUndefined();
    const pub = expectOk(await join('open', ada.cookie));
    expect(pub.isOwner).toBe(false);
    // Still named as the member in the record: they were signed in.
    expect((await t.store.team.participantEmails([pub.identity])).get(pub.identity)).toBe('ada@example.com');
  });

  it('a guest joining with a meeting token is not recorded as a member', async () => {
    await createRoom('open', 'public');
    const joined = expectOk(await join('open'));
    expect((await t.store.team.participantEmails([joined.identity])).size).toBe(0);
  });

  it('a removed member loses the owner right at once: taken out of the call, no owner powers, no rejoin as owner', async () => {
    await createRoom('teamroom', 'org', true);
    await signup('ada@example.com');
    const bob = await signup('bob@example.com', 'Bob');
    const roomId = (await t.store.getRoom('teamroom'))!.id;
    const bobIn = expectOk(await join('teamroom', bob.cookie, { name: 'Bob' }));
    const guest = expectOk(await post(t, '/api/rooms/teamroom/join', { name: 'Gus', token: expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'teamroom' } })).token }));
    t.livekit.connect(roomId, bobIn.identity);
    t.livekit.connect(roomId, guest.identity);
    const mute = () => post(t, participantPath('teamroom', guest.identity), { session: bobIn.session, setAudio: false });
    expectOk(await mute());

    await t.app.team.removeMember('bob@example.com');
    await vi.waitFor(() => expect(t.livekit.actions).toContain(`remove ${bobIn.identity}`));
    expectError(await mute(), 403, 'forbidden-error');
    // Back with the session they had (the way a lost connection comes back): not as an owner, not past the door.
    expectError(await join('teamroom', undefined, { name: 'Bob', rejoin: bobIn.session }), 403, 'forbidden-error');
    // The guest, who joined by a token, stays.
    expect(t.livekit.actions).not.toContain(`remove ${guest.identity}`);
  });

  it('an owner right from an owner token outlives the membership (it was never the membership\'s)', async () => {
    await createRoom('teamroom', 'org');
    const ada = await signup('ada@example.com');
    const token = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'teamroom', is_owner: true } })).token;
    const joined = expectOk(await join('teamroom', ada.cookie, { token }));
    expect(joined.isOwner).toBe(true);
    t.livekit.connect((await t.store.getRoom('teamroom'))!.id, joined.identity);
    await t.app.team.removeMember('ada@example.com');
    await new Promise((r) => setImmediate(r));
    expect(t.livekit.actions).not.toContain(`remove ${joined.identity}`);
  });

  it('a banned member stays out however they come back (another network, no token)', async () => {
    await createRoom('teamroom', 'org');
    await signup('ada@example.com');
    const bob = await signup('bob@example.com', 'Bob');
    const adaToken = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'teamroom', is_owner: true } })).token;
    const ada = expectOk(await post(t, '/api/rooms/teamroom/join', { name: 'Ada', token: adaToken }));
    const bobIn = expectOk(await join('teamroom', bob.cookie, { name: 'Bob' }));
    const roomId = (await t.store.getRoom('teamroom'))!.id;
    t.livekit.connect(roomId, ada.identity);
    t.livekit.connect(roomId, bobIn.identity);
    expectOk(await post(t, participantPath('teamroom', bobIn.identity), { session: ada.session, eject: true, ban: true }));
    const back = await post(t, '/api/rooms/teamroom/preauth', {}, { cookie: bob.cookie, from: '10.9.9.9' });
    expect(expectOk(back).error.type).toBe('ejected');
  });

  it('a request from another origin of the same site does not carry the membership', async () => {
    await createRoom('teamroom', 'org');
    const ada = await signup('ada@example.com');
    const pre = expectOk(await post(t, '/api/rooms/teamroom/preauth', {}, { cookie: ada.cookie, origin: 'http://other.localhost:3000' }));
    expect(pre.access.level).toBe('none');
  });

  it('the member note is only for a member let in: on a refusal (a ban, a room past its time) there is none', async () => {
    await createRoom('late', 'org');
    expectOk(await t.api('POST', '/v1/rooms/late', { properties: { exp: t.clock.now + 60 } }));
    const ada = await signup('ada@example.com');
    expect(expectOk(await preauth('late', ada.cookie)).user.member).toEqual({ name: 'Ada Lovelace' });
    t.clock.now += 61;
    const refused = expectOk(await preauth('late', ada.cookie));
    expect(refused.error.type).toBe('exp-room');
    expect(refused.user.member).toBeUndefined();
  });

  it('removing the last owner makes the longest-standing member the owner: a team always has one', async () => {
    await signup('ada@example.com');
    await signup('bob@example.com', 'Bob');
    await signup('cy@example.com', 'Cy');
    await t.app.team.removeMember('ada@example.com');
    expect((await t.app.team.members()).map((m) => [m.email, m.role])).toEqual([['bob@example.com', 'owner'], ['cy@example.com', 'member']]);
    await t.app.team.removeMember('cy@example.com');
    expect((await t.app.team.members()).map((m) => m.role)).toEqual(['owner']);
  });
});
