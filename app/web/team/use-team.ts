/**
 * The team screens' state: who is signed in (the server says, `GET /api/team/me`), the invite being used,
 * and the one action under way with what went wrong last. The screens render this; they decide nothing.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MemberView } from '../../shared/team-api.ts';
import { forgetInviteCode } from './invite-param.ts';
import { signIn, signUp, type Authenticator, browserAuthenticator } from './passkey-flows.ts';
import { TeamApiError, teamApi, type TeamApi } from './team-client.ts';
import { INVITE_INVALID, teamProblemKey, type ProblemKey } from './team-problem.ts';

/** What the page shows. */
export type TeamView =
  | { name: 'loading' }
  /**
   * The home page: signed in as `member`, or not. `byAction`: shown by the person's own sign-in, sign-up or
   * sign-out (focus follows to what changed); `signedOut`: by Sign out, just now.
   */
  | { name: 'home'; member: MemberView | null; byAction?: boolean; signedOut?: boolean }
  /** The sign-up form of a valid invite link; `team` is the team's name. */
  | { name: 'signup'; team: string }
  /** The invite code is not the team's (mistyped, or rotated by an owner). */
  | { name: 'invite-invalid' }
  /** The first question to the server failed (network, server): `retry` asks again. */
  | { name: 'failed'; problem: ProblemKey };

/** The action under way, if any: its button says so and the others wait. */
export type TeamBusy = 'signin' | 'signup' | 'signout' | null;

export interface TeamState {
  view: TeamView;
  busy: TeamBusy;
  /** What the last action's failure was, as a catalogue key; cleared when another starts. */
  problem: ProblemKey | null;
  signIn(): void;
  signUp(name: string, email: string): void;
  signOut(): void;
  retry(): void;
}

/** The first view: signed in already (an invite then changes nothing), else the invite's form, else the home page. */
export async function firstView(api: TeamApi, invite: string | undefined): Promise<TeamView> {
  const { member } = await api.me();
  if (member) return { name: 'home', member };
  if (!invite) return { name: 'home', member: null };
  const check = await api.checkInvite(invite);
  if (check.valid) return { name: 'signup', team: check.team };
  forgetInviteCode();
  return { name: 'invite-invalid' };
}

/** The team screens' state and actions, for the invite code `invite` (from the link or this tab). */
export function useTeam(invite: string | undefined, api: TeamApi = teamApi, auth: Authenticator = browserAuthenticator): TeamState {
  const [view, setView] = useState<TeamView>({ name: 'loading' });
  const [busy, setBusy] = useState<TeamBusy>(null);
  const [problem, setProblem] = useState<ProblemKey | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    firstView(api, invite).then(
      (next) => live && setView(next),
      (err: unknown) => live && setView({ name: 'failed', problem: teamProblemKey(err) }),
    );
    return () => void (live = false);
  }, [api, invite, attempt]);

  const run = useCallback(async (what: Exclude<TeamBusy, null>, action: () => Promise<TeamView>) => {
    setBusy(what);
    setProblem(null);
    try {
      setView(await action());
    } catch (err) {
      if (err instanceof TeamApiError && err.reason === INVITE_INVALID) {
        // Rotated while the form was open: the form cannot succeed any more.
        forgetInviteCode();
        setView({ name: 'invite-invalid' });
      } else setProblem(teamProblemKey(err));
    } finally {
      setBusy(null);
    }
  }, []);

  return {
    view,
    busy,
    problem,
    signIn: () => void run('signin', async () => ({ name: 'home', member: await signIn(api, auth), byAction: true })),
    signUp: (name, email) =>
      void run('signup', async () => {
        const member = await signUp({ inviteCode: invite ?? '', name, email }, api, auth);
        forgetInviteCode();
        return { name: 'home', member, byAction: true };
      }),
    signOut: () =>
      void run('signout', async () => {
        await api.signout();
        return { name: 'home', member: null, byAction: true, signedOut: true };
      }),
    retry: () => {
      setView({ name: 'loading' });
      setAttempt((n) => n + 1);
    },
  };
}
