/**
 * The dashboard's owner and guest links over the app: an owner link's meeting token verifies (this
 * deployment's signature) with `is_owner`, this room and a 24-hour `exp`; a guest link is the plain
 * link where a guest gets in or can knock, a guest token otherwise.
 */
import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { verifyMeetingToken } from '../tokens/meeting-token.ts';
import { ORIGIN, t, useTeamApp } from '../team/team-test-app.ts';
import { D, ownerAndMember, v1Room } from './dashboard-test-app.ts';
import { LINK_TOKEN_SECONDS } from './room-link.ts';

useTeamApp();

const tokenIn = (url: string) => new URLSearchParams(new URL(url).hash.slice(1)).get('t')!;

/** The link's meeting token, checked as /v1/meeting-tokens/:token checks it. */
async function tokenOf(url: string, room: string) {
  const link = new URL(url);
  expect(`${link.origin}${link.pathname}`).toBe(`${ORIGIN}/${room}`);
  // In the fragment: never sent to a server, so never in a proxy's log.
  expect(link.search).toBe('');
  const token = tokenIn(url);
  const check = await verifyMeetingToken(token, { apiKey: t.deployment.apiKey, domainId: t.deployment.domainId });
  if (!check.ok) throw new Error(`the link's token does not verify: ${check.reason}`);
  expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}`))).toEqual({ room_name: room, exp: check.token.exp, ...(check.token.is_owner ? { is_owner: true } : {}) });
  return check.token;
}

describe('owner links', () => {
  it.each([
    ['public', {}],
    ['private', { privacy: 'private' }],
    ['private, knocking', { privacy: 'private', properties: { enable_knocking: true } }],
    ['org', { privacy: 'org' }],
  ])('a %s room: a fresh token with is_owner, this room, exp in 24 h', async (_kind, body) => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup', body);
    const link = expectOk(await asMember.post(D.roomLink('standup'), { owner: true }));
    const token = await tokenOf(link.url, 'standup');
    expect(token).toMatchObject({ room_name: 'standup', is_owner: true, exp: t.clock.now + LINK_TOKEN_SECONDS, iat: t.clock.now });
    expect(link.expiresAt).toBe(t.clock.now + LINK_TOKEN_SECONDS);
    // Fresh each time.
    t.clock.now += 1;
    const again = expectOk(await asMember.post(D.roomLink('standup'), { owner: true }));
    expect(again.url).not.toBe(link.url);
    expect(again.expiresAt).toBe(link.expiresAt + 1);
  });

  it('the token no longer validates after its exp', async () => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup');
    const link = expectOk(await asMember.post(D.roomLink('standup'), { owner: true }));
    const token = tokenIn(link.url);
    t.clock.now += LINK_TOKEN_SECONDS;
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
  });
});

describe('links made by a member who has left the team', () => {
  it('stop letting anyone in at once (owner and guest links alike); links of members still there keep working', async () => {
    const { asOwner, asMember } = await ownerAndMember();
    await v1Room('standup', { privacy: 'private' });
    const bobsOwnerLink = tokenIn(expectOk(await asMember.post(D.roomLink('standup'), { owner: true })).url);
    const bobsGuestLink = tokenIn(expectOk(await asMember.post(D.roomLink('standup'), { owner: false })).url);
    const adasLink = tokenIn(expectOk(await asOwner.post(D.roomLink('standup'), { owner: true })).url);
    const preauth = async (token: string) => expectOk(await t.client('/api/rooms/standup/preauth', { token }));
    expect((await preauth(bobsOwnerLink)).user.isOwner).toBe(true);
    await t.app.team.removeMember('bob@example.com');
    for (const token of [bobsOwnerLink, bobsGuestLink]) {
      const refused = await preauth(token);
      expect(refused.access.level).toBe('none');
      expect(refused.error.detail).toBe('token-invalid');
    }
    expect((await preauth(adasLink)).user.isOwner).toBe(true);
    expectError(await t.client('/api/rooms/standup/join', { token: bobsOwnerLink, name: 'Mallory' }), 403, 'forbidden-error');
  });
});

describe('guest links', () => {
  it.each([
    ['public', {}],
    ['private with knocking', { privacy: 'private', properties: { enable_knocking: true } }],
    ['org with knocking', { privacy: 'org', properties: { enable_knocking: true } }],
  ])('a %s room: the plain link, no token, no expiry', async (_kind, body) => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup', body);
    expect(expectOk(await asMember.post(D.roomLink('standup'), { owner: false }))).toEqual({ url: `${ORIGIN}/standup`, expiresAt: null });
  });

  it.each([
    ['private', { privacy: 'private' }],
    ['org', { privacy: 'org' }],
  ])('a %s room without knocking: a guest token (no is_owner) for this room, exp in 24 h', async (_kind, body) => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup', body);
    const link = expectOk(await asMember.post(D.roomLink('standup'), { owner: false }));
    const token = await tokenOf(link.url, 'standup');
    expect(token.is_owner).toBeUndefined();
    expect(token).toMatchObject({ room_name: 'standup', exp: t.clock.now + LINK_TOKEN_SECONDS });
    expect(link.expiresAt).toBe(t.clock.now + LINK_TOKEN_SECONDS);
  });

  it('a link for an unknown room is refused as /v1 refuses it (404)', async () => {
    const { asMember } = await ownerAndMember();
    expect(expectError(await asMember.post(D.roomLink('nope'), { owner: true }), 404, 'not-found').info).toBe(expectError(await t.api('GET', '/v1/rooms/nope'), 404, 'not-found').info);
  });
});
