/**
 * Test helpers for the team's client API over the app (fake WebAuthn ceremonies): the app per test,
 * POSTs as a browser page sends them (Origin, JSON), whole sign-ups and sign-ins, and the cookie.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach } from 'vitest';
import { TEAM_API } from '../../shared/team-api.ts';
import { expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';
import { fakeAssertion, fakePasskeys, fakeRegistration } from './fake-passkeys.ts';

/** The public URL of the app under test: a host name, so passkeys are offered. */
export const ORIGIN = 'http://localhost:3000';

/** The app of the running test (a live binding: set anew before each test by useTeamApp). */
export let t: TestApp;

/** A fresh app per test at ORIGIN, with fake ceremonies. */
export function useTeamApp(): void {
  beforeEach(async () => {
    t = await makeTestApp({ env: { FOYER_PUBLIC_URL: ORIGIN }, passkeys: fakePasskeys() });
  });
  afterEach(async () => {
    await t.close();
  });
}


export interface PostOptions {
  origin?: string | null;
  cookie?: string;
  from?: string;
  contentType?: string;
}

export function post(app: TestApp, url: string, body: unknown, o: PostOptions = {}): Promise<LightMyRequestResponse> {
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

export const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** The Set-Cookie header of a response (there is one at most). */
export function setCookie(res: LightMyRequestResponse): string {
  const header = res.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) throw new Error(`no set-cookie: ${res.statusCode} ${res.body}`);
  return value;
}
/** What a browser sends back for that Set-Cookie: `name=value`. */
export const cookieOf = (res: LightMyRequestResponse) => setCookie(res).split(';')[0]!;

export const inviteCode = async (app = t) => new URL(await app.app.team.inviteLink()).searchParams.get('tk')!;

export async function signupOptions(email: string, name = 'Ada Lovelace', o: PostOptions = {}, app = t) {
  return post(app, TEAM_API.signupOptions, { inviteCode: await inviteCode(app), name, email }, o);
}

/** A whole sign-up; returns the session cookie and what the fake authenticator needs to sign in later. */
export async function signup(email: string, name = 'Ada Lovelace', credentialId = `cred-${email}`, app = t, origin = ORIGIN) {
  const started = expectOk(await signupOptions(email, name, { origin }, app));
  const res = await post(app, TEAM_API.signupVerify, { attemptId: started.attemptId, response: fakeRegistration(credentialId, started.options.challenge, origin) }, { origin });
  const body = expectOk(res);
  const memberId = started.options.user.id as string;
  return { res, member: body.member, cookie: cookieOf(res), credentialId, memberId };
}

export async function signin(credentialId: string, memberId: string) {
  const started = expectOk(await post(t, TEAM_API.signinOptions, {}));
  return post(t, TEAM_API.signinVerify, { attemptId: started.attemptId, response: fakeAssertion(credentialId, memberId, started.options.challenge, ORIGIN) });
}

export const me = async (cookie?: string) => expectOk(await get(TEAM_API.me, cookie)).member;

