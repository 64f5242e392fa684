/**
 * The `/dashboard` page, the lazily loaded chunk app/web/dashboard/load-dashboard.ts fetches: for a signed-in
 * team member, the team's rooms (who is in each call, who is waiting), its invite link and its members.
 * Signed out, it says so and links to the home page, where members sign in.
 */
import { useT } from '../i18n/index.ts';
import type { DashboardApi } from './dashboard-client.ts';
import { DashboardPage } from './DashboardPage.tsx';
import { ProblemText } from './ProblemText.tsx';
import { useDashboard } from './use-dashboard.ts';
import '../team/team.css';
import './dashboard.css';

/** The page; `api` is for tests. */
export function Dashboard({ api }: { api?: DashboardApi }) {
  const t = useT();
  const state = useDashboard(api);
  switch (state.view.name) {
    case 'loading':
      return <main className="screen" data-testid="dashboard-loading" aria-busy="true" aria-label={t('dashboard.loading')} />;
    case 'signed-out':
      return <SignedOut />;
    case 'failed':
      return (
        <main className="screen" data-testid="dashboard-failed">
          <div className="card card--warn">
            <h1>{t('app.failed.title')}</h1>
            <ProblemText problem={state.view.problem} />
            <div className="actions">
              <button className="btn btn--primary" type="button" onClick={() => void state.refresh()}>
                {t('app.tryAgain')}
              </button>
            </div>
          </div>
        </main>
      );
    case 'ready':
      return <DashboardPage {...state} now={Date.now()} />;
  }
}

/** No session: what the page is, and where to sign in. */
export function SignedOut() {
  const t = useT();
  return (
    <main className="screen" data-testid="dashboard-signed-out">
      <div className="card">
        <h1>{t('dashboard.signedOut.title')}</h1>
        <p>{t('dashboard.signedOut.body')}</p>
        <a className="btn btn--primary" href="/" data-testid="dashboard-signin-link">
          {t('dashboard.signedOut.link')}
        </a>
      </div>
    </main>
  );
}
