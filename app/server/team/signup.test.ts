/**
 * Sign-up from the invite link over the app (fake ceremonies): the member, their passkey and session
 * made at once, the first as owner; the cookie's flags; bad names and emails; invite rotation; ceremony
 * errors (wrong, expired, reused attempt, bad response) as 4xx JSON with nothing half-created.
 */
import { describe, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp } from '../testing/test-app.ts';
import { fakeAssertion, fakePasskeys, fakeRegistration } from './fake-passkeys.ts';
import { SESSION_SECONDS } from './session-cookie.ts';
import { get, inviteCode, me, ORIGIN, post, setCookie, signup, signupOptions, t, useTeamApp } from './team-test-app.ts';

useTeamApp();

describe('sign-up from the invite link', () => {
  it('checks an invite code: the current one is valid, anything else not; the team is the domain name', async () => {
    expect(expectOk(await get(TEAM_API.invite(await inviteCode())))).toEqual({ valid: true, team: t.deployment.domainName });
    expect(expectOk(await get(TEAM_API.invite('nope'))).valid).toBe(false);
    expect(expectOk(await get(TEAM_API.invite('x'.repeat(5000)))).valid).toBe(false);
  });

  it('creates the member with their passkey and signs them in; the first is owner, later ones member', async () => {
    const ada = await signup('Ada@Example.COM ');
    expect(ada.member).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', role: 'owner' });
    expect(await me(ada.cookie)).toEqual(ada.member);
    const bob = await signup('bob@example.com', '  Bob  ');
    expect(bob.member).toEqual({ email: 'bob@example.com', name: 'Bob', role: 'member' });
    expect((await t.store.team.passkey(bob.credentialId))?.memberId).toBe(bob.memberId);
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, with a Max-Age, and not Secure over http', async () => {
    const flags = setCookie((await signup('ada@example.com')).res).split(';').map((s) => s.trim());
    expect(flags[0]).toMatch(/^foyer_team=[A-Za-z0-9_-]{43}$/);
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', `Max-Age=${SESSION_SECONDS}`]));
    expect(flags).not.toContain('Secure');
  });

  it('over https the cookie is Secure and __Host- prefixed', async () => {
    const https = await makeTestApp({ env: { FOYER_PUBLIC_URL: 'https://meet.example.com' }, passkeys: fakePasskeys() });
    try {
      const { res } = await signup('ada@example.com', 'Ada', 'cred-https', https, 'https://meet.example.com');
      const flags = setCookie(res).split(';').map((s) => s.trim());
      expect(flags[0]).toMatch(/^__Host-foyer_team=/);
      expect(flags).toEqual(expect.arrayContaining(['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']));
    } finally {
      await https.close();
    }
  });

  it('refuses an email already a member with 409, at the start and at the end (two sign-ups racing)', async () => {
    const first = expectOk(await signupOptions('ada@example.com'));
    const second = expectOk(await signupOptions('ADA@example.com', 'Other Ada'));
    expectOk(await post(t, TEAM_API.signupVerify, { attemptId: first.attemptId, response: fakeRegistration('c1', first.options.challenge, ORIGIN) }));
    const late = await post(t, TEAM_API.signupVerify, { attemptId: second.attemptId, response: fakeRegistration('c2', second.options.challenge, ORIGIN) });
    expect(expectError(late, 409, 'conflict-error').info).toMatch(/already a member/);
    expect(late.headers['set-cookie']).toBeUndefined();
    expect(await t.store.team.passkey('c2')).toBeNull();
    expectError(await signupOptions('ada@example.com'), 409, 'conflict-error');
    expect(await t.store.team.members()).toHaveLength(1);
  });

  it.each([
    ['an empty name', { name: '   ' }, /name is required/],
    ['a name too long', { name: 'n'.repeat(65) }, /at most 64/],
    ['a name with direction tricks', { name: 'Eve\u202EtsoH' }, /invisible or text-direction/],
    ['a name with control characters', { name: 'Eve\nBob' }, /control characters/],
    ['a bad email', { email: 'not-an-email' }, /email address/],
    ['an email too long', { email: `${'a'.repeat(250)}@example.com` }, /at most 254/],
    ['an unknown property', { admin: true }, /unknown property: admin/],
    ['a missing email', { email: undefined }, /email/],
  ])('refuses %s with 400 and creates nothing', async (_what, change, info) => {
    const body = { inviteCode: await inviteCode(), name: 'Ada', email: 'ada@example.com', ...change };
    expect(expectError(await post(t, TEAM_API.signupOptions, body), 400, 'invalid-request-error').info).toMatch(info);
    expect(t.app.team.attempts.size).toBe(0);
  });
});

describe('the invite code', () => {
  it('rotates from /v1: the old code is refused at once, the new one works', async () => {
    const old = await inviteCode();
    const rotated = expectOk(await t.api('POST', '/v1/team/invite'));
    const fresh = new URL(rotated.invite_link).searchParams.get('tk')!;
    expect(fresh).not.toBe(old);
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(rotated.invite_link).toBe(`${ORIGIN}/?tk=${fresh}`);
    expect(expectOk(await get(TEAM_API.invite(old))).valid).toBe(false);
    expectError(await post(t, TEAM_API.signupOptions, { inviteCode: old, name: 'Ada', email: 'ada@example.com' }), 403, 'forbidden-error');
    expectOk(await post(t, TEAM_API.signupOptions, { inviteCode: fresh, name: 'Ada', email: 'ada@example.com' }));
  });

  it('a sign-up started with a code rotated before it finished is refused, and nothing is created', async () => {
    const started = expectOk(await signupOptions('ada@example.com'));
    expectOk(await t.api('POST', '/v1/team/invite'));
    const res = await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', started.options.challenge, ORIGIN) });
    expectError(res, 403, 'forbidden-error');
    expect(await t.store.team.members()).toEqual([]);
    expect(await t.store.team.passkey('c1')).toBeNull();
  });
});

describe('ceremony errors are 4xx JSON and leave nothing half-created', () => {
  const nothingCreated = async () => {
    expect(await t.store.team.members()).toEqual([]);
  };

  it('an unknown attempt', async () => {
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: 'nope', response: fakeRegistration('c', 'x', ORIGIN) }), 400, 'invalid-request-error');
    expectError(await post(t, TEAM_API.signinVerify, { attemptId: 'nope', response: fakeAssertion('c', 'm', 'x', ORIGIN) }), 400, 'invalid-request-error');
    await nothingCreated();
  });

  it('an attempt used twice: the second use is refused', async () => {
    const started = expectOk(await signupOptions('ada@example.com'));
    const response = fakeRegistration('c1', started.options.challenge, ORIGIN);
    expectOk(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response }));
    expect(expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response }), 400, 'invalid-request-error').info).toMatch(/already used/);
  });

  it('an attempt older than 5 minutes', async () => {
    const started = expectOk(await signupOptions('ada@example.com'));
    t.clock.now += 5 * 60 + 1;
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', started.options.challenge, ORIGIN) }), 400, 'invalid-request-error');
    await nothingCreated();
  });

  it('a sign-in attempt is no sign-up attempt', async () => {
    const started = expectOk(await post(t, TEAM_API.signinOptions, {}));
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', started.options.challenge, ORIGIN) }), 400, 'invalid-request-error');
    await nothingCreated();
  });

  it.each([
    ['answers another challenge', (challenge: string) => fakeRegistration('c1', `${challenge}x`, ORIGIN)],
    ['was made for another origin', (challenge: string) => fakeRegistration('c1', challenge, 'http://evil.example')],
    ['is not a credential at all', () => 'garbage'],
    ['has no id', (challenge: string) => ({ ...fakeRegistration('c1', challenge, ORIGIN), id: undefined })],
  ])('a response that %s: 400, and the attempt is used up', async (_what, response) => {
    const started = expectOk(await signupOptions('ada@example.com'));
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: response(started.options.challenge) }), 400, 'invalid-request-error');
    await nothingCreated();
    const retry = await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', started.options.challenge, ORIGIN) });
    expectError(retry, 400, 'invalid-request-error');
    await nothingCreated();
  });

  it('a passkey already registered is refused, and the second member is not created', async () => {
    await signup('ada@example.com', 'Ada', 'same-cred');
    const started = expectOk(await signupOptions('bob@example.com'));
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('same-cred', started.options.challenge, ORIGIN) }), 400, 'invalid-request-error');
    expect((await t.store.team.members()).map((m) => m.email)).toEqual(['ada@example.com']);
  });
});
