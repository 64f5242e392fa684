/**
 * Who gets answers from the dashboard's API, over the app: signed-out and made-up sessions refused,
 * member and owner powers, a removed member's session refused at once, the CSRF guard on every POST
 * and DELETE, per-client budgets, bounds, no caching.
 */
import { describe, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { get, inviteCode, me, ORIGIN, signup, t, useTeamApp } from '../team/team-test-app.ts';
import { as, D, ownerAndMember, send, v1Room } from './dashboard-test-app.ts';
import { DASHBOARD_READS_PER_MINUTE, DASHBOARD_ROOM_CHANGES_PER_MINUTE, DASHBOARD_TEAM_CHANGES_PER_MINUTE } from './routes.ts';

useTeamApp();

/** Every route, with a body it would accept. */
const ROUTES = [
  ['GET', D.team, undefined],
  ['GET', D.rooms, undefined],
  ['POST', D.rooms, { privacy: 'public', knocking: false }],
  ['POST', D.room('standup'), { privacy: 'private' }],
  ['DELETE', D.room('standup'), undefined],
  ['POST', D.roomLink('standup'), { owner: true }],
  ['DELETE', D.member('bob@example.com'), undefined],
  ['POST', D.rotateInvite, {}],
] as const;
const STATE_CHANGING = ROUTES.filter(([method]) => method !== 'GET');

describe('only signed-in members get answers', () => {
  it.each(ROUTES)('%s %s: 401 without a session, with a made-up one and after signing out; nothing changes', async (method, url, body) => {
    await ownerAndMember();
    await v1Room('standup');
    const invite = await inviteCode();
    for (const cookie of [undefined, 'foyer_team=made-up', `foyer_team=${'a'.repeat(4000)}`]) {
      expectError(await send(method, url, body, cookie ? { cookie } : {}), 401, 'authentication-error');
    }
    const carol = await signup('carol@example.com', 'Carol');
    expectOk(await send('POST', TEAM_API.signout, {}, { cookie: carol.cookie }));
    expectError(await send(method, url, body, { cookie: carol.cookie }), 401, 'authentication-error');
    expect((await t.store.listRooms({ limit: 100, now: t.clock.now })).data.map((r) => r.name)).toEqual(['standup']);
    expect((await t.store.team.members()).map((m) => m.email)).toEqual(['ada@example.com', 'bob@example.com', 'carol@example.com']);
    expect(await inviteCode()).toBe(invite);
  });

  it('a removed member is refused at once, on every route, with the session they had open', async () => {
    const { asOwner, member } = await ownerAndMember();
    await v1Room('standup');
    expectOk(await as(member.cookie).get(D.rooms));
    expect(expectOk(await asOwner.delete(D.member('bob@example.com')))).toEqual({ deleted: true });
    for (const [method, url, body] of ROUTES) expectError(await send(method, url, body, { cookie: member.cookie }), 401, 'authentication-error');
    expect(await me(member.cookie)).toBeNull();
  });

  it('answers are never cached, refusals included', async () => {
    const { asMember } = await ownerAndMember();
    for (const res of [await asMember.get(D.team), await asMember.get(D.rooms), await as(undefined).get(D.rooms), await asMember.post(D.rotateInvite)]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});

describe('member and owner powers', () => {
  it('a member sees the team (names, roles, the invite link) but no credentials', async () => {
    const { asMember } = await ownerAndMember();
    const team = expectOk(await asMember.get(D.team));
    expect(team).toEqual({
      name: t.deployment.domainName,
      me: { email: 'bob@example.com', name: 'Bob Marley', role: 'member' },
      members: [
        { email: 'ada@example.com', name: 'Ada Lovelace', role: 'owner' },
        { email: 'bob@example.com', name: 'Bob Marley', role: 'member' },
      ],
      inviteLink: `${ORIGIN}/?tk=${await inviteCode()}`,
    });
  });

  it('a member may not remove members or replace the invite link (403); nothing changes', async () => {
    const { asMember } = await ownerAndMember();
    const invite = await inviteCode();
    expect(expectError(await asMember.delete(D.member('ada@example.com')), 403, 'forbidden-error').info).toBe('only a team owner can remove members');
    expectError(await asMember.delete(D.member('bob@example.com')), 403, 'forbidden-error');
    expect(expectError(await asMember.post(D.rotateInvite), 403, 'forbidden-error').info).toBe('only a team owner can replace the invite link');
    expect(await t.store.team.members()).toHaveLength(2);
    expect(await inviteCode()).toBe(invite);
  });

  it('an owner removes a member (any case of their email), not themself, and not someone unknown', async () => {
    const { asOwner, member } = await ownerAndMember();
    expect(expectError(await asOwner.delete(D.member('Ada@Example.com')), 400, 'invalid-request-error').info).toBe('you cannot remove yourself from the team');
    expect(expectOk(await asOwner.delete(D.member('BOB@example.com')))).toEqual({ deleted: true });
    expect(await me(member.cookie)).toBeNull();
    expectError(await asOwner.delete(D.member('bob@example.com')), 404, 'not-found');
    expect(expectOk(await asOwner.get(D.team)).members.map((m: { email: string }) => m.email)).toEqual(['ada@example.com']);
  });

  it('an owner replaces the invite link: the new one is shown, the old code signs no one up', async () => {
    const { asOwner, asMember } = await ownerAndMember();
    const old = await inviteCode();
    const { inviteLink } = expectOk(await asOwner.post(D.rotateInvite));
    expect(inviteLink).toBe(`${ORIGIN}/?tk=${await inviteCode()}`);
    expect(await inviteCode()).not.toBe(old);
    expect(expectOk(await asMember.get(D.team)).inviteLink).toBe(inviteLink);
    expect(expectOk(await get(TEAM_API.invite(old))).valid).toBe(false);
  });

  it('members and owners both manage rooms', async () => {
    const { asOwner, asMember } = await ownerAndMember();
    expectOk(await asMember.post(D.rooms, { name: 'by-bob', privacy: 'org', knocking: true }));
    expectOk(await asOwner.post(D.room('by-bob'), { knocking: false }));
    expectOk(await asMember.post(D.roomLink('by-bob'), { owner: true }));
    expectOk(await asMember.delete(D.room('by-bob')));
  });
});

describe('the CSRF guard on every POST and DELETE', () => {
  it.each(STATE_CHANGING)('%s %s refuses a missing or foreign Origin (403) and a non-JSON body (400); nothing changes', async (method, url, body) => {
    const { owner } = await ownerAndMember();
    await v1Room('standup');
    const invite = await inviteCode();
    const json = body === undefined ? '{}' : JSON.stringify(body);
    const o = { cookie: owner.cookie };
    expectError(await send(method, url, body, { ...o, origin: null }), 403, 'forbidden-error');
    expectError(await send(method, url, body, { ...o, origin: 'http://evil.example' }), 403, 'forbidden-error');
    expectError(await send(method, url, body, { ...o, origin: 'http://127.0.0.1:3000' }), 403, 'forbidden-error');
    expectError(await send(method, url, json, { ...o, contentType: 'text/plain' }), 400, 'invalid-request-error');
    expectError(await send(method, url, 'a=b', { ...o, contentType: 'application/x-www-form-urlencoded' }), 400, 'invalid-request-error');
    expectError(await send(method, url, '--x--', { ...o, contentType: 'multipart/form-data; boundary=x' }), 400, 'invalid-request-error');
    expect((await t.store.listRooms({ limit: 100, now: t.clock.now })).data.map((r) => [r.name, r.privacy])).toEqual([['standup', 'public']]);
    expect(await t.store.team.members()).toHaveLength(2);
    expect(await inviteCode()).toBe(invite);
  });

  it('reads need no Origin (a GET changes nothing)', async () => {
    const { asMember } = await ownerAndMember();
    expectOk(await asMember.get(D.rooms));
  });
});

describe('budgets and bounds', () => {
  it('answers 429 past the per-client budget of room creations; another client is unaffected; the server keeps answering', async () => {
    const { owner } = await ownerAndMember();
    const from = (address: string) => as(owner.cookie, { from: address });
    for (let i = 0; i < DASHBOARD_ROOM_CHANGES_PER_MINUTE; i++) expectOk(await from('10.0.0.9').post(D.rooms, { privacy: 'private', knocking: false }));
    expectError(await from('10.0.0.9').post(D.rooms, { privacy: 'private', knocking: false }), 429, 'rate-limit-error');
    expectOk(await from('10.0.0.10').post(D.rooms, { privacy: 'private', knocking: false }));
    expect((await t.store.listRooms({ limit: 100, now: t.clock.now })).total_count).toBe(DASHBOARD_ROOM_CHANGES_PER_MINUTE + 1);
    expectOk(await from('10.0.0.9').get(D.rooms));
  });

  it.each([
    ['reads', DASHBOARD_READS_PER_MINUTE, (c: ReturnType<typeof as>) => c.get(D.rooms)],
    ['links', 30, (c: ReturnType<typeof as>) => c.post(D.roomLink('standup'), { owner: true })],
    ['member removals', DASHBOARD_TEAM_CHANGES_PER_MINUTE, (c: ReturnType<typeof as>) => c.delete(D.member('nobody@example.com'))],
    ['invite rotations', DASHBOARD_TEAM_CHANGES_PER_MINUTE, (c: ReturnType<typeof as>) => c.post(D.rotateInvite)],
  ])('a flood of %s gets 429 within its per-client budget', async (_what, max, request) => {
    const { owner } = await ownerAndMember();
    await v1Room('standup');
    const client = as(owner.cookie, { from: '10.0.2.1' });
    let refused = 0;
    for (let i = 0; i < max + 5; i++) {
      const res = await request(client);
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode === 429) refused++;
    }
    expect(refused).toBe(5);
  });

  it('a flood of made-up session cookies is refused and then throttled', async () => {
    let refused = 0;
    for (let i = 0; i < DASHBOARD_READS_PER_MINUTE + 3; i++) {
      const res = await send('GET', D.rooms, undefined, { cookie: `foyer_team=guess-${i}`, from: '10.0.3.1' });
      expect([401, 429]).toContain(res.statusCode);
      if (res.statusCode === 429) refused++;
    }
    expect(refused).toBe(3);
  });

  it('refuses unknown properties, wrong types, a huge body, a long email and a query (400 or 413)', async () => {
    const { asOwner } = await ownerAndMember();
    await v1Room('standup');
    expectError(await asOwner.post(D.rooms, { privacy: 'public', knocking: false, properties: {} }), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.rooms, { privacy: 'secret', knocking: false }), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.rooms, { privacy: 'public' }), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.rooms, { privacy: 'public', knocking: 'yes' }), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.room('standup'), { privacy: 'public', exp: 1 }), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.roomLink('standup'), {}), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.roomLink('standup'), { owner: true, exp: 1 }), 400, 'invalid-request-error');
    expectError(await asOwner.post(D.rotateInvite, { code: 'mine' }), 400, 'invalid-request-error');
    expectError(await asOwner.delete(D.room('standup'), { force: true }), 400, 'invalid-request-error');
    expectError(await asOwner.delete(D.member(`${'a'.repeat(300)}@example.com`)), 400, 'invalid-request-error');
    expectError(await asOwner.get(`${D.rooms}?limit=5`), 400, 'invalid-request-error');
    const huge = await asOwner.post(D.rooms, { name: 'x'.repeat(10_000), privacy: 'public', knocking: false });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('invalid-request-error');
    expectError(await asOwner.post(D.rooms, '{"privacy":'), 400, 'json-parsing-error');
    expect((await t.store.listRooms({ limit: 100, now: t.clock.now })).data.map((r) => r.name)).toEqual(['standup']);
  });
});
