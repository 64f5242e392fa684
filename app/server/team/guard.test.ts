/**
 * The team API's defences over the app: the CSRF guard on every POST, refusal reasons, per-client
 * budgets and bounds, Foyer at an IP address (no passkeys), and /v1/team behind the API key.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { documentedSchemas, expectValid } from '../testing/documented-schemas.ts';
import { makeTestApp, TEST_API_KEY } from '../testing/test-app.ts';
import { fakePasskeys, fakeRegistration } from './fake-passkeys.ts';
import { HOST_NAME_NEEDED } from './relying-party.ts';
import { TEAM_CEREMONIES_PER_MINUTE } from './routes.ts';
import { get, inviteCode, me, ORIGIN, post, signin, signup, signupOptions, t, useTeamApp } from './team-test-app.ts';

useTeamApp();

describe('the CSRF guard on every POST', () => {
  const POSTS = [TEAM_API.signupOptions, TEAM_API.signupVerify, TEAM_API.signinOptions, TEAM_API.signinVerify, TEAM_API.signout];

  it.each(POSTS)('%s refuses a missing or foreign Origin (403) and a non-JSON body (400)', async (url) => {
    expectError(await post(t, url, {}, { origin: null }), 403, 'forbidden-error');
    expectError(await post(t, url, {}, { origin: 'http://evil.example' }), 403, 'forbidden-error');
    expectError(await post(t, url, {}, { origin: 'http://127.0.0.1:3000' }), 403, 'forbidden-error');
    expectError(await post(t, url, '{}', { contentType: 'text/plain' }), 400, 'invalid-request-error');
    expectError(await post(t, url, 'a=b', { contentType: 'application/x-www-form-urlencoded' }), 400, 'invalid-request-error');
  });

  it('a cross-site sign-out does not end the session', async () => {
    const ada = await signup('ada@example.com');
    expectError(await post(t, TEAM_API.signout, {}, { cookie: ada.cookie, origin: 'http://evil.example' }), 403, 'forbidden-error');
    expectError(await post(t, TEAM_API.signout, '{}', { cookie: ada.cookie, contentType: 'text/plain' }), 400, 'invalid-request-error');
    expect(await me(ada.cookie)).not.toBeNull();
  });
});

describe('each refusal names its reason (the SPA words it)', () => {
  const reason = (res: LightMyRequestResponse, status: number, type: string) => expectError(res, status, type).reason;

  it('for sign-up', async () => {
    const body = { inviteCode: await inviteCode(), name: 'Ada', email: 'ada@example.com' };
    expect(reason(await post(t, TEAM_API.signupOptions, { ...body, inviteCode: 'old' }), 403, 'forbidden-error')).toBe('invite-invalid');
    expect(reason(await post(t, TEAM_API.signupOptions, { ...body, name: ' ' }), 400, 'invalid-request-error')).toBe('name-invalid');
    expect(reason(await post(t, TEAM_API.signupOptions, { ...body, email: 'ada' }), 400, 'invalid-request-error')).toBe('email-invalid');
    expect(reason(await post(t, TEAM_API.signupOptions, body, { origin: 'http://127.0.0.1:3000' }), 403, 'forbidden-error')).toBe('wrong-origin');
    expect(reason(await post(t, TEAM_API.signupVerify, { attemptId: 'gone', response: {} }), 400, 'invalid-request-error')).toBe('attempt-gone');
    const started = expectOk(await post(t, TEAM_API.signupOptions, body));
    expect(reason(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', 'wrong', ORIGIN) }), 400, 'invalid-request-error')).toBe('passkey-not-verified');
    await signup('ada@example.com', 'Ada', 'c1');
    expect(reason(await post(t, TEAM_API.signupOptions, body), 409, 'conflict-error')).toBe('email-taken');
    const again = expectOk(await signupOptions('bob@example.com'));
    expect(reason(await post(t, TEAM_API.signupVerify, { attemptId: again.attemptId, response: fakeRegistration('c1', again.options.challenge, ORIGIN) }), 400, 'invalid-request-error')).toBe('passkey-registered');
  });

  it('for sign-in, and for Foyer at an IP address', async () => {
    expect(reason(await signin('unknown', 'nobody'), 401, 'authentication-error')).toBe('passkey-unknown');
    expect(reason(await post(t, TEAM_API.signinVerify, { attemptId: 'gone', response: {} }), 400, 'invalid-request-error')).toBe('attempt-gone');
    const ip = await makeTestApp({ passkeys: fakePasskeys() });
    try {
      expect(reason(await post(ip, TEAM_API.signinOptions, {}, { origin: 'http://127.0.0.1:3000' }), 409, 'conflict-error')).toBe('needs-host-name');
    } finally {
      await ip.close();
    }
  });
});

describe('bounds and budgets', () => {
  it('answers 429 past the per-client ceremony budget; another client is unaffected', async () => {
    for (let i = 0; i < TEAM_CEREMONIES_PER_MINUTE; i++) expectOk(await post(t, TEAM_API.signinOptions, {}, { from: '10.0.0.9' }));
    expectError(await post(t, TEAM_API.signinOptions, {}, { from: '10.0.0.9' }), 429, 'rate-limit-error');
    expectOk(await post(t, TEAM_API.signinOptions, {}, { from: '10.0.0.10' }));
  });

  it.each([
    ['signup/options', () => post(t, TEAM_API.signupOptions, { inviteCode: 'wrong', name: 'Eve', email: 'eve@example.com' }, { from: '10.0.1.1' })],
    ['signup/verify', () => post(t, TEAM_API.signupVerify, { attemptId: 'guess', response: {} }, { from: '10.0.1.2' })],
    ['signin/verify', () => post(t, TEAM_API.signinVerify, { attemptId: 'guess', response: {} }, { from: '10.0.1.3' })],
    ['signout', () => post(t, TEAM_API.signout, {}, { from: '10.0.1.4' })],
    ['invite check', () => t.app.inject({ method: 'GET', url: TEAM_API.invite('guess'), remoteAddress: '10.0.1.5' })],
  ])('a flood at %s gets 429 within its per-client budget, and the server keeps answering', async (_what, request) => {
    let refused = 0;
    for (let i = 0; i < TEAM_CEREMONIES_PER_MINUTE + 5; i++) {
      const res = await request();
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode === 429) refused++;
    }
    expect(refused).toBe(5);
    expect(await t.store.team.members()).toEqual([]);
    expect(expectOk(await get(TEAM_API.me)).member).toBeNull();
  });

  it('a flood of made-up or huge session cookies signs no one in', async () => {
    await signup('ada@example.com');
    for (const value of ['x', 'a'.repeat(43), 'a'.repeat(129), 'a'.repeat(4000), '%00', '"; Path=/']) {
      expect(await me(`foyer_team=${value}`)).toBeNull();
    }
  });

  it('refuses a huge body (413) and a long attemptId (400)', async () => {
    const huge = await post(t, TEAM_API.signupVerify, { attemptId: 'a', response: { pad: 'x'.repeat(100_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('invalid-request-error');
    expectError(await post(t, TEAM_API.signinVerify, { attemptId: 'a'.repeat(65), response: {} }), 400, 'invalid-request-error');
    expectError(await post(t, TEAM_API.signinOptions, { extra: 1 }), 400, 'invalid-request-error');
  });
});

describe('Foyer at an IP address', () => {
  it('answers every passkey route with a clear 409, while the invite check and me still work', async () => {
    const ip = await makeTestApp({ passkeys: fakePasskeys() });
    try {
      const origin = 'http://127.0.0.1:3000';
      for (const url of [TEAM_API.signupOptions, TEAM_API.signinOptions]) {
        const body = url === TEAM_API.signupOptions ? { inviteCode: await inviteCode(ip), name: 'Ada', email: 'ada@example.com' } : {};
        expect(expectError(await post(ip, url, body, { origin }), 409, 'conflict-error').info).toBe(HOST_NAME_NEEDED);
      }
      expect(expectOk(await ip.app.inject({ method: 'GET', url: TEAM_API.invite(await inviteCode(ip)) })).valid).toBe(true);
      expect(expectOk(await ip.app.inject({ method: 'GET', url: TEAM_API.me })).member).toBeNull();
    } finally {
      await ip.close();
    }
  });
});

describe('/v1/team', () => {
  it('lists the team with the API key only, as documented', async () => {
    await signup('ada@example.com');
    await signup('bob@example.com', 'Bob');
    const team = expectOk(await t.api('GET', '/v1/team'));
    expectValid(documentedSchemas()('Team'), team);
    expect(team.name).toBe(t.deployment.domainName);
    expect(team.invite_link).toBe(`${ORIGIN}/?tk=${await inviteCode()}`);
    expect(team.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([['ada@example.com', 'owner'], ['bob@example.com', 'member']]);
    expectError(await t.app.inject({ method: 'GET', url: '/v1/team' }), 400, 'authorization-header-error');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/team', headers: { authorization: `Bearer ${TEST_API_KEY}x` } }), 401, 'authentication-error');
    expectValid(documentedSchemas()('TeamInviteRotated'), expectOk(await t.api('POST', '/v1/team/invite')));
    expectError(await t.api('DELETE', `/v1/team/members/${'a'.repeat(300)}`), 400, 'invalid-request-error');
  });
});
