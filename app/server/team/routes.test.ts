/**
 * The team's client API over the app, with fake WebAuthn ceremonies: sign-up from the invite link,
 * sign-in, the session cookie's flags, sign-out, revocation (a removed member is signed out at once),
 * invite rotation, ceremony errors (nothing half-created), the CSRF guard, bounds and budgets.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, TEST_API_KEY, type TestApp } from '../testing/test-app.ts';
import { documentedSchemas, expectValid } from '../testing/documented-schemas.ts';
import { fakeAssertion, fakePasskeys, fakeRegistration } from './fake-passkeys.ts';
import { HOST_NAME_NEEDED } from './relying-party.ts';
import { TEAM_CEREMONIES_PER_MINUTE } from './routes.ts';
import { SESSION_SECONDS } from './session-cookie.ts';

const ORIGIN = 'http://localhost:3000';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ env: { FOYER_PUBLIC_URL: ORIGIN }, passkeys: fakePasskeys() });
});
afterEach(async () => {
  await t.close();
});

interface PostOptions {
  origin?: string | null;
  cookie?: string;
  from?: string;
  contentType?: string;
}

function post(app: TestApp, url: string, body: unknown, o: PostOptions = {}): Promise<LightMyRequestResponse> {
  return app.app.inject({
    method: 'POST',
    url,
    payload: typeof body === 'string' ? body : JSON.stringify(body),
    remoteAddress: o.from ?? '127.0.0.1',
    headers: {
      'content-type': o.contentType ?? 'application/json',
      ...(o.origin === null ? {} : { origin: o.origin ?? ORIGIN }),
      ...(o.cookie ? { cookie: o.cookie } : {}),
    },
  });
}

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** The Set-Cookie header of a response (there is one at most). */
function setCookie(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new Error(`no set-cookie: ${res.statusCode} ${res.body}`);
  return value;
}
/** What a browser sends back for that Set-Cookie: `name=value`. */
const cookieOf = (res: LightMyRequestResponse) => setCookie(res).split(';')[0]!;

const inviteCode = (app = t) => new URL(app.app.team.inviteLink()).searchParams.get('tk')!;

async function signupOptions(email: string, name = 'Ada Lovelace', o: PostOptions = {}, app = t) {
  return post(app, TEAM_API.signupOptions, { inviteCode: inviteCode(app), name, email }, o);
}

/** A whole sign-up; returns the session cookie and what the fake authenticator needs to sign in later. */
async function signup(email: string, name = 'Ada Lovelace', credentialId = `cred-${email}`, app = t, origin = ORIGIN) {
  const started = expectOk(await signupOptions(email, name, { origin }, app));
  const res = await post(app, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration(credentialId, started.options.challenge, origin) }, { origin });
  const body = expectOk(res);
  const memberId = started.options.user.id as string;
  return { res, member: body.member, cookie: cookieOf(res), credentialId, memberId };
}

async function signin(credentialId: string, memberId: string) {
  const started = expectOk(await post(t, TEAM_API.signinOptions, {}));
  return post(t, TEAM_API.signinVerify, { attemptId: started.attemptId, response: fakeAssertion(credentialId, memberId, started.options.challenge, ORIGIN) });
}

const me = async (cookie?: string) => expectOk(await get(TEAM_API.me, cookie)).member;

describe('sign-up from the invite link', () => {
  it('checks an invite code: the current one is valid, anything else not; the team is the domain name', async () => {
    expect(expectOk(await get(TEAM_API.invite(inviteCode())))).toEqual({ valid: true, team: t.deployment.domainName });
    expect(expectOk(await get(TEAM_API.invite('nope'))).valid).toBe(false);
    expect(expectOk(await get(TEAM_API.invite('x'.repeat(5000)))).valid).toBe(false);
  });

  it('creates the member with their passkey and signs them in; the first is owner, later ones member', async () => {
    const ada = await signup('Ada@Example.COM ');
    expect(ada.member).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', role: 'owner' });
    expect(await me(ada.cookie)).toEqual(ada.member);
    const bob = await signup('bob@example.com', '  Bob  ');
    expect(bob.member).toEqual({ email: 'bob@example.com', name: 'Bob', role: 'member' });
    expect(t.store.team.passkey(bob.credentialId)?.memberId).toBe(bob.memberId);
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
    expect(t.store.team.passkey('c2')).toBeNull();
    expectError(await signupOptions('ada@example.com'), 409, 'conflict-error');
    expect(t.store.team.members()).toHaveLength(1);
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
    const body = { inviteCode: inviteCode(), name: 'Ada', email: 'ada@example.com', ...change };
    expect(expectError(await post(t, TEAM_API.signupOptions, body), 400, 'invalid-request-error').info).toMatch(info);
    expect(t.app.team.attempts.size).toBe(0);
  });
});

describe('the invite code', () => {
  it('rotates from /v1: the old code is refused at once, the new one works', async () => {
    const old = inviteCode();
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
    expect(t.store.team.members()).toEqual([]);
    expect(t.store.team.passkey('c1')).toBeNull();
  });
});

describe('ceremony errors are 4xx JSON and leave nothing half-created', () => {
  const nothingCreated = () => {
    expect(t.store.team.members()).toEqual([]);
  };

  it('an unknown attempt', async () => {
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: 'nope', response: fakeRegistration('c', 'x', ORIGIN) }), 400, 'invalid-request-error');
    expectError(await post(t, TEAM_API.signinVerify, { attemptId: 'nope', response: fakeAssertion('c', 'm', 'x', ORIGIN) }), 400, 'invalid-request-error');
    nothingCreated();
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
    nothingCreated();
  });

  it('a sign-in attempt is no sign-up attempt', async () => {
    const started = expectOk(await post(t, TEAM_API.signinOptions, {}));
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', started.options.challenge, ORIGIN) }), 400, 'invalid-request-error');
    nothingCreated();
  });

  it.each([
    ['answers another challenge', (challenge: string) => fakeRegistration('c1', `${challenge}x`, ORIGIN)],
    ['was made for another origin', (challenge: string) => fakeRegistration('c1', challenge, 'http://evil.example')],
    ['is not a credential at all', () => 'garbage'],
    ['has no id', (challenge: string) => ({ ...fakeRegistration('c1', challenge, ORIGIN), id: undefined })],
  ])('a response that %s: 400, and the attempt is used up', async (_what, response) => {
    const started = expectOk(await signupOptions('ada@example.com'));
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: response(started.options.challenge) }), 400, 'invalid-request-error');
    nothingCreated();
    const retry = await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('c1', started.options.challenge, ORIGIN) });
    expectError(retry, 400, 'invalid-request-error');
    nothingCreated();
  });

  it('a passkey already registered is refused, and the second member is not created', async () => {
    await signup('ada@example.com', 'Ada', 'same-cred');
    const started = expectOk(await signupOptions('bob@example.com'));
    expectError(await post(t, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration('same-cred', started.options.challenge, ORIGIN) }), 400, 'invalid-request-error');
    expect(t.store.team.members().map((m) => m.email)).toEqual(['ada@example.com']);
  });
});

describe('sign-in, sign-out and revocation', () => {
  it('signs in with the passkey (a new session) and bumps its counter', async () => {
    const ada = await signup('ada@example.com');
    const res = await signin(ada.credentialId, ada.memberId);
    expect(expectOk(res).member.email).toBe('ada@example.com');
    expect(cookieOf(res)).not.toBe(ada.cookie);
    expect(await me(cookieOf(res))).toEqual(ada.member);
    expect(t.store.team.passkey(ada.credentialId)?.counter).toBe(1);
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
    const body = { inviteCode: inviteCode(), name: 'Ada', email: 'ada@example.com' };
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
    expect(t.store.team.members()).toEqual([]);
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
        const body = url === TEAM_API.signupOptions ? { inviteCode: inviteCode(ip), name: 'Ada', email: 'ada@example.com' } : {};
        expect(expectError(await post(ip, url, body, { origin }), 409, 'conflict-error').info).toBe(HOST_NAME_NEEDED);
      }
      expect(expectOk(await ip.app.inject({ method: 'GET', url: TEAM_API.invite(inviteCode(ip)) })).valid).toBe(true);
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
    expect(team.invite_link).toBe(`${ORIGIN}/?tk=${inviteCode()}`);
    expect(team.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([['ada@example.com', 'owner'], ['bob@example.com', 'member']]);
    expectError(await t.app.inject({ method: 'GET', url: '/v1/team' }), 400, 'authorization-header-error');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/team', headers: { authorization: `Bearer ${TEST_API_KEY}x` } }), 401, 'authentication-error');
    expectValid(documentedSchemas()('TeamInviteRotated'), expectOk(await t.api('POST', '/v1/team/invite')));
    expectError(await t.api('DELETE', `/v1/team/members/${'a'.repeat(300)}`), 400, 'invalid-request-error');
  });
});
