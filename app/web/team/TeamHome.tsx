/**
 * The team's screens at `/`, the lazily loaded chunk app/web/team/load-team.ts fetches: the home page
 * with sign-in and sign-out, or the sign-up form when the page was opened from the invite link.
 */
import { useT } from '../i18n/index.ts';
import { HomeCard } from '../ui/HomeCard.tsx';
import { MemberPanel } from './MemberPanel.tsx';
import { SignupForm } from './SignupForm.tsx';
import { useTeam } from './use-team.ts';
import './team.css';

/** Whether this page is inside another page's frame (cookies there may be third-party, and blocked). */
const inFrame = (): boolean => {
  try {
    return window.self !== window.top;
  } catch {
    return true;
  }
};

export function TeamHome({ invite }: { invite?: string }) {
  const t = useT();
  const team = useTeam(invite);
  const { view } = team;
  switch (view.name) {
    case 'loading':
      // The home card at once (what Foyer is for); the team part once the server said who is here.
      return invite ? <main className="screen" data-testid="loading" aria-busy="true" aria-label={t('team.signup.checking')} /> : <HomeCard />;
    case 'home':
      return (
        <HomeCard>
          <MemberPanel member={view.member} byAction={view.byAction} signedOut={view.signedOut} framed={inFrame()} busy={team.busy} problem={team.problem} signIn={team.signIn} signOut={team.signOut} />
        </HomeCard>
      );
    case 'signup':
      return (
        <SignupForm
          team={view.team}
          busy={team.busy}
          problem={team.problem}
          signUp={team.signUp}
          signIn={team.signIn}
        />
      );
    case 'invite-invalid':
      return (
        <main className="screen" data-testid="invite-invalid">
          <div className="card card--warn">
            <h1>{t('team.signup.invalidTitle')}</h1>
            <p role="alert">{t('team.problem.invite')}</p>
            <a className="team-link" href="/">
              {t('team.signup.toHome')}
            </a>
          </div>
        </main>
      );
    case 'failed':
      return (
        <main className="screen" data-testid="team-failed">
          <div className="card card--warn">
            <h1>{t('app.failed.title')}</h1>
            <p role="alert">{t(view.problem)}</p>
            <div className="actions">
              <button className="btn btn--primary" type="button" onClick={team.retry}>
                {t('app.tryAgain')}
              </button>
            </div>
          </div>
        </main>
      );
  }
}
