import { describe, expect, it } from 'vitest';
import { signIn, signUp, type Authenticator } from './passkey-flows.ts';
import { TeamApiError } from './team-client.ts';
import { CookieBlockedError, PasskeysUnsupportedError, teamProblemKey } from './team-problem.ts';
import { ada, fakeTeamApi } from './testing/fake-team-api.ts';

const authenticator = (over: Partial<Authenticator> = {}): Authenticator => ({
  supported: () => true,
  register: async (options) => ({ created: options }),
  authenticate: async (options) => ({ used: options }),
  ...over,
});

describe('signUp', () => {
  it("sends the form, gives the server's options to the authenticator and its answer back, then checks the session", async () => {
    const { api, sent } = fakeTeamApi();
    const request = { inviteCode: 'code', name: 'Ada', email: 'ada@example.com' };
    await expect(signUp(request, api, authenticator())).resolves.toEqual(ada);
    expect(sent).toEqual([
      ['signupOptions', request],
      ['signupVerify', { attemptId: 'a1', response: { created: { challenge: 'c-up' } } }],
      ['me', undefined],
    ]);
  });

  it('a browser without WebAuthn is told so before the server is asked', async () => {
    const { api, sent } = fakeTeamApi();
    const err = await signUp({ inviteCode: 'c', name: 'A', email: 'a@b.c' }, api, authenticator({ supported: () => false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PasskeysUnsupportedError);
    expect(teamProblemKey(err)).toBe('team.problem.unsupported');
    expect(sent).toEqual([]);
  });

  it('a cancelled passkey dialog (NotAllowedError) stops before verify, and says it was cancelled', async () => {
    const { api, sent } = fakeTeamApi();
    const cancelled = Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' });
    const err = await signUp({ inviteCode: 'c', name: 'A', email: 'a@b.c' }, api, authenticator({ register: () => Promise.reject(cancelled) })).catch((e: unknown) => e);
    expect(teamProblemKey(err)).toBe('team.problem.cancelled');
    expect(sent.map(([name]) => name)).toEqual(['signupOptions']);
  });

  it("the server's refusal of the invite or the email becomes its own text", async () => {
    const refusals = [
      [403, 'forbidden-error', 'invite-invalid', 'team.problem.invite'],
      [409, 'conflict-error', 'email-taken', 'team.problem.emailTaken'],
      [409, 'conflict-error', 'needs-host-name', 'team.problem.hostName'],
      [403, 'forbidden-error', 'wrong-origin', 'team.problem.wrongAddress'],
    ] as const;
    for (const [status, error, code, key] of refusals) {
      const { api } = fakeTeamApi({ fail: { signupOptions: new TeamApiError(status, error, 'in English, for logs', code) } });
      const err = await signUp({ inviteCode: 'c', name: 'A', email: 'a@b.c' }, api, authenticator()).catch((e: unknown) => e);
      expect(teamProblemKey(err), code).toBe(key);
    }
  });
});

describe('signIn', () => {
  it('asks for options without an email, and verifies the passkey the authenticator used', async () => {
    const { api, sent } = fakeTeamApi();
    await expect(signIn(api, authenticator())).resolves.toEqual(ada);
    expect(sent).toEqual([
      ['signinOptions', {}],
      ['signinVerify', { attemptId: 'a2', response: { used: { challenge: 'c-in' } } }],
      ['me', undefined],
    ]);
  });

  it('signed in on the server but the browser dropped the cookie (a third-party iframe): says so', async () => {
    const { api } = fakeTeamApi({ signedIn: null });
    const err = await signIn(api, authenticator()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CookieBlockedError);
    expect(teamProblemKey(err)).toBe('team.problem.cookies');
  });
});

describe('teamProblemKey', () => {
  it('an unknown server code falls back on its HTTP status, never on its info', () => {
    expect(teamProblemKey(new TeamApiError(0, 'network-error', 'x'))).toBe('error.network');
    expect(teamProblemKey(new TeamApiError(429, 'rate-limited', 'x'))).toBe('error.rate-limited');
    expect(teamProblemKey(new TeamApiError(502, 'http-error', 'x'))).toBe('error.server');
    expect(teamProblemKey(new TeamApiError(400, 'invalid-request-error', 'x'))).toBe('error.bad-request');
    expect(teamProblemKey(new TeamApiError(400, 'invalid-request-error', 'x', 'a-reason-from-later'))).toBe('error.bad-request');
  });

  it("the browser's WebAuthn errors by name; anything else is unknown", () => {
    const named = (name: string) => Object.assign(new Error('m'), { name });
    expect(teamProblemKey(named('InvalidStateError'))).toBe('team.problem.alreadyRegistered');
    expect(teamProblemKey(named('SecurityError'))).toBe('team.problem.hostName');
    expect(teamProblemKey(new TypeError('x'))).toBe('error.unknown');
    expect(teamProblemKey('a string')).toBe('error.unknown');
  });
});
