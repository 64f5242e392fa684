/**
 * The real ceremonies (@simplewebauthn/server, as wired in the app) with a software authenticator:
 * sign up, sign out, sign in, and the refusals that only real verification can make (another origin,
 * another RP, no user verification, a replayed counter). Chromium's authenticator runs in the e2e test.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { softAuthenticator } from './soft-authenticator.ts';

const ORIGIN = 'http://localhost:3000';
let t: TestApp;
beforeEach(async () => {
  // No fake: the app's own @simplewebauthn/server ceremonies.
  t = await makeTestApp({ env: { FOYER_PUBLIC_URL: ORIGIN } });
});
afterEach(async () => {
  await t.close();
});

const post = (url: string, body: unknown, cookie?: string): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url, payload: body as object, headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) } });
const cookieOf = (res: LightMyRequestResponse) => String(res.headers['set-cookie']).split(';')[0]!;
const me = async (cookie: string) => expectOk(await t.app.inject({ method: 'GET', url: TEAM_API.me, headers: { cookie } })).member;
const inviteCode = async () => new URL(await t.app.team.inviteLink()).searchParams.get('tk')!;

async function startSignup(email = 'ada@example.com') {
  return expectOk(await post(TEAM_API.signupOptions, { inviteCode: await inviteCode(), name: 'Ada', email }));
}

it('signs up, signs out and signs in again with a real passkey', async () => {
  const key = softAuthenticator();
  const started = await startSignup();
  const signedUp = await post(TEAM_API.signupVerify, { attemptId: started.attemptId, response: key.register(started.options, ORIGIN) });
  expect(expectOk(signedUp).member).toEqual({ email: 'ada@example.com', name: 'Ada', role: 'owner' });
  const cookie = cookieOf(signedUp);
  expectOk(await post(TEAM_API.signout, {}, cookie));
  expect(await me(cookie)).toBeNull();

  const signin = expectOk(await post(TEAM_API.signinOptions, {}));
  const res = await post(TEAM_API.signinVerify, { attemptId: signin.attemptId, response: key.assert(signin.options, ORIGIN, started.options.user.id) });
  expect(expectOk(res).member.email).toBe('ada@example.com');
  expect(await me(cookieOf(res))).not.toBeNull();
  expect((await t.store.team.passkey(key.credentialId))?.counter).toBe(1);
});

it.each([
  ['made at another origin', (o: { challenge: string; rp: { id?: string } }) => softAuthenticator().register(o, 'http://evil.example')],
  ['for another RP', (o: { challenge: string; rp: { id?: string } }) => softAuthenticator().register({ ...o, rp: { id: 'evil.example' } }, ORIGIN)],
  ['without user verification', (o: { challenge: string; rp: { id?: string } }) => softAuthenticator().register(o, ORIGIN, { userVerified: false })],
  ['answering another challenge', (o: { challenge: string; rp: { id?: string } }) => softAuthenticator().register({ ...o, challenge: 'AAAA' }, ORIGIN)],
])('refuses a new passkey %s, and creates nothing', async (_what, make) => {
  const started = await startSignup();
  expectError(await post(TEAM_API.signupVerify, { attemptId: started.attemptId, response: make(started.options) }), 400, 'invalid-request-error');
  expect(await t.store.team.members()).toEqual([]);
});

it('refuses a sign-in from another origin, by another key, or with a counter gone backwards', async () => {
  const key = softAuthenticator();
  const started = await startSignup();
  expectOk(await post(TEAM_API.signupVerify, { attemptId: started.attemptId, response: key.register(started.options, ORIGIN) }));
  const userHandle = started.options.user.id as string;
  const signinWith = async (response: (o: { challenge: string; rpId?: string }) => unknown) => {
    const s = expectOk(await post(TEAM_API.signinOptions, {}));
    return post(TEAM_API.signinVerify, { attemptId: s.attemptId, response: response(s.options) });
  };
  expectError(await signinWith((o) => key.assert(o, 'http://evil.example', userHandle)), 401, 'authentication-error');
  // Another key claiming this credential id: its signature does not verify with the stored public key.
  const impostor = softAuthenticator();
  expectError(await signinWith((o) => ({ ...(impostor.assert(o, ORIGIN, userHandle) as object), id: key.credentialId, rawId: key.credentialId })), 401, 'authentication-error');
  expectOk(await signinWith((o) => key.assert(o, ORIGIN, userHandle)));
  expectOk(await signinWith((o) => key.assert(o, ORIGIN, userHandle)));
  // A cloned authenticator replaying an older counter is refused.
  await t.store.team.updateCounter(key.credentialId, 50);
  expectError(await signinWith((o) => key.assert(o, ORIGIN, userHandle)), 401, 'authentication-error');
});
