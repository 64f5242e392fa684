/** A fake /api/team for tests: it records what it was sent and answers as the options say. */
import type { MemberView } from '../../../shared/team-api.ts';
import type { TeamApi, TeamApiError } from '../team-client.ts';

export const ada: MemberView = { email: 'ada@example.com', name: 'Ada', role: 'member' };

export interface FakeTeamApiOptions {
  /** Who `me` says is signed in (default: Ada, as after a sign-in); null plays a browser that dropped the cookie. */
  signedIn?: MemberView | null;
  /** Whether the invite code is the team's current one (default true). */
  inviteValid?: boolean;
  /** Calls that fail, with the error they reject with. */
  fail?: Partial<Record<keyof TeamApi, TeamApiError>>;
}

export function fakeTeamApi(opts: FakeTeamApiOptions = {}) {
  const sent: [string, unknown][] = [];
  const answer = <T>(name: keyof TeamApi, body: unknown, value: T): Promise<T> => {
    sent.push([name, body]);
    const failure = opts.fail?.[name];
    return failure ? Promise.reject(failure) : Promise.resolve(value);
  };
  const api: TeamApi = {
    checkInvite: (code) => answer('checkInvite', code, { valid: opts.inviteValid ?? true, team: 'example.com' }),
    signupOptions: (req) => answer('signupOptions', req, { attemptId: 'a1', options: { challenge: 'c-up' } }),
    signupVerify: (req) => answer('signupVerify', req, { member: ada }),
    signinOptions: () => answer('signinOptions', {}, { attemptId: 'a2', options: { challenge: 'c-in' } }),
    signinVerify: (req) => answer('signinVerify', req, { member: ada }),
    signout: () => answer('signout', {}, {}),
    me: () => answer('me', undefined, { member: opts.signedIn === undefined ? ada : opts.signedIn }),
  };
  return { api, sent };
}
