/**
 * `org` rooms over the app: preauth and join read the team session cookie, a signed-in member enters as
 * an owner and is recorded as that member; a removed member, a forged cookie or a private room get no more
 * than anyone else.
 */
import { describe, expect, it } from 'vitest';
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
    expect(t.store.team.participantEmails([joined.identity])).toEqual(new Map([[joined.identity, 'ada@example.com']]));
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
    t.app.team.removeMember('bob@example.com');
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
    expect(t.store.team.participantEmails([pub.identity]).get(pub.identity)).toBe('ada@example.com');
  });

  it('a guest joining with a meeting token is not recorded as a member', async () => {
    await createRoom('open', 'public');
    const joined = expectOk(await join('open'));
    expect(t.store.team.participantEmails([joined.identity]).size).toBe(0);
  });
});
