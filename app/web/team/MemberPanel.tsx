/**
 * The home page's team part: who is signed in, with Sign out; or Sign in with a passkey. Inside another
 * site's iframe, where the session cookie may be blocked, it says to sign in in a tab of Foyer's own.
 */
import { useEffect, useRef } from 'react';
import type { MemberView } from '../../shared/team-api.ts';
import { Message, useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';
import { NewTabLink } from './NewTabLink.tsx';
import { TeamProblem } from './TeamProblem.tsx';
import type { TeamBusy } from './use-team.ts';
import type { ProblemKey } from './team-problem.ts';

export interface MemberPanelProps {
  member: MemberView | null;
  /** Shown by the person's own sign-in, sign-up or sign-out: focus moves to what changed. */
  byAction?: boolean;
  /** Signed out just now by the Sign out button (said, and focus goes to Sign in). */
  signedOut?: boolean;
  /** In an iframe: the session cookie may be blocked there. */
  framed: boolean;
  busy: TeamBusy;
  problem: ProblemKey | null;
  signIn(): void;
  signOut(): void;
}

export function MemberPanel(props: MemberPanelProps) {
  const t = useT();
  const { member, busy } = props;
  // After signing up, in or out, focus follows to what changed, so a keyboard or screen reader user is not
  // left on a button that is gone (a page that just loaded keeps the browser's own focus).
  const signedInRef = useRef<HTMLParagraphElement>(null);
  const signInRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.byAction) (member ? signedInRef.current : signInRef.current)?.focus();
  }, [member, props.byAction]);

  return (
    <section className="team" aria-labelledby="team-heading" data-testid="team-panel">
      <h2 id="team-heading">{t('team.heading')}</h2>
      {member ? (
        <>
          <p data-testid="signed-in-as" tabIndex={-1} ref={signedInRef}>
            <Message id="team.signedInAs" vars={{ name: <PersonName name={member.name} testId="member-name" /> }} />
          </p>
          <p className="muted">{t('team.signedIn.email', { email: member.email })}</p>
          {member.role === 'owner' && <p className="muted">{t('team.role.owner')}</p>}
          <p>
            <a className="team-link" href="/dashboard" data-testid="dashboard-link">
              {t('team.dashboard.link')}
            </a>
          </p>
          <button className="btn" data-testid="signout-button" type="button" onClick={props.signOut} disabled={busy !== null}>
            {t(busy === 'signout' ? 'team.signout.busy' : 'team.signout')}
          </button>
        </>
      ) : props.framed ? (
        <>
          <p>{t('team.frame.explain')}</p>
          <NewTabLink />
        </>
      ) : (
        <>
          {props.signedOut && <p role="status">{t('team.signedOut')}</p>}
          <p className="muted">{t('team.signin.explain')}</p>
          <button className="btn btn--primary" data-testid="signin-button" type="button" ref={signInRef} onClick={props.signIn} disabled={busy !== null}>
            {t(busy === 'signin' ? 'team.signin.busy' : 'team.signin')}
          </button>
        </>
      )}
      <TeamProblem problem={props.problem} />
    </section>
  );
}
