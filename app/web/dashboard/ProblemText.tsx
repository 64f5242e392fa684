/** A dashboard failure in words (role=alert): what happened in the page's language, and the server's own detail. */
import { useT } from '../i18n/index.ts';
import type { DashboardProblem } from './dashboard-problem.ts';

export function ProblemText({ problem }: { problem: DashboardProblem | null | undefined }) {
  const t = useT();
  if (!problem) return null;
  return (
    <p className="error" role="alert" data-testid="dashboard-problem" data-problem={problem.key}>
      {t(problem.key)}
      {problem.detail && <span className="dash-detail"> {t('dashboard.problem.detail', { info: problem.detail })}</span>}
    </p>
  );
}
