/** Sign-in, sign-out, expiry and revocation (a removed member is signed out at once), over the app with fake ceremonies. */
import { describe, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { fakeAssertion } from './fake-passkeys.ts';
import { SESSION_SECONDS } from './session-cookie.ts';
import { cookieOf, get, me, ORIGIN, post, setCookie, signin, signup, t, useTeamApp } from './team-test-app.ts';

useTeamApp();

describe('sign-in, sign-out and revocation', () => {
  it('signs in with the passkey (a new session) and bumps its counter', async () => {
    const ada = await signup('ada@example.com');
    const res = await signin(ada.credentialId, ada.memberId);
    expect(expectOk(res).member.email).toBe('ada@example.com');
    expect(cookieOf(res)).not.toBe(ada.cookie);
    expect(await me(cookieOf(res))).toEqual(ada.member);
    expect((await t.store.team.passkey(ada.credentialId))?.counter).toBe(1);
  });

  it('signing in again in the same browser ends the session it held before', async () => {
    const ada = await signup('ada@example.com');
    const started = expectOk(await post(t, TEAM_API.signinOptions, {}));
    const res = await post(t, TEAM_API.signinVerify, { attemptId: started.attemptId, response: fakeAssertion(ada.credentialId, ada.memberId, started.options.challenge, ORIGIN) }, { cookie: ada.cookie });
    expectOk(res);
    expect(await me(ada.cookie)).toBeNull();
    expect(await me(cookieOf(res))).toEqual(ada.member);
  });

  it('refuses an unknown passkey, or one naming another member, with 401', async () => {
    const ada = await signup('ada@example.com');
    const bob = await signup('bob@example.com', 'Bob');
    expectError(await signin('unknown-cred', ada.memberId), 401, 'authentication-error');
    expectError(await signin(ada.credentialId, bob.memberId), 401, 'authentication-error');
    const started = expectOk(await post(t, TEAM_API.signinOptions, {}));
    const forged = fakeAssertion(ada.credentialId, ada.memberId, 'not-the-challenge', ORIGIN);
    expectError(await post(t, TEAM_API.signinVerify, { attemptId: started.attemptId, response: forged }), 401, 'authentication-error');
  });

  it('me is null without a cookie, with a made-up one (which is cleared), and is never cached', async () => {
    const res = await get(TEAM_API.me);
    expect(expectOk(res)).toEqual({ member: null });
    expect(res.headers['cache-control']).toBe('no-store');
    const forged = await get(TEAM_API.me, 'foyer_team=made-up');
    expect(expectOk(forged).member).toBeNull();
    expect(setCookie(forged)).toMatch(/^foyer_team=;.*Max-Age=0/);
  });

  it('signs out: the session ends on the server and the cookie is cleared', async () => {
    const ada = await signup('ada@example.com');
    const other = cookieOf(await signin(ada.credentialId, ada.memberId));
    const res = await post(t, TEAM_API.signout, {}, { cookie: ada.cookie });
    expect(expectOk(res)).toEqual({});
    expect(setCookie(res)).toMatch(/^foyer_team=;.*Max-Age=0/);
    expect(await me(ada.cookie)).toBeNull();
    // Only that session: the same member signed in elsewhere stays signed in.
    expect(await me(other)).not.toBeNull();
  });

  it('a session ends after its Max-Age', async () => {
    const ada = await signup('ada@example.com');
    t.clock.now += SESSION_SECONDS - 1;
    expect(await me(ada.cookie)).not.toBeNull();
    t.clock.now += 2;
    expect(await me(ada.cookie)).toBeNull();
  });

  it('removing a member ends all their sessions at once, and their passkey signs no one in', async () => {
    const ada = await signup('ada@example.com');
    const bob = await signup('bob@example.com', 'Bob');
    const bobElsewhere = cookieOf(await signin(bob.credentialId, bob.memberId));
    expect(expectOk(await t.api('DELETE', '/v1/team/members/BOB@example.com'))).toEqual({ deleted: true, email: 'bob@example.com' });
    expect(await me(bob.cookie)).toBeNull();
    expect(await me(bobElsewhere)).toBeNull();
    expectError(await signin(bob.credentialId, bob.memberId), 401, 'authentication-error');
    expect(await me(ada.cookie)).not.toBeNull();
    expectError(await t.api('DELETE', '/v1/team/members/bob@example.com'), 404, 'not-found');
    // The email may sign up again (with a new invite and passkey): nothing of the old member is left.
    expect((await signup('bob@example.com', 'Bob again', 'bob-new')).member.role).toBe('member');
  });
});
