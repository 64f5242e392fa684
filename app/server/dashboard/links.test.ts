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

/** The link's meeting token, checked as /v1/meeting-tokens/:token checks it. */
async function tokenOf(url: string, room: string) {
  const link = new URL(url);
  expect(`${link.origin}${link.pathname}`).toBe(`${ORIGIN}/${room}`);
  const token = link.searchParams.get('t')!;
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
    const token = new URL(link.url).searchParams.get('t')!;
    t.clock.now += LINK_TOKEN_SECONDS;
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
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
