/** The last failure of a team action, announced (role=alert), with the way out when there is one. */
import { useT } from '../i18n/index.ts';
import { NewTabLink } from './NewTabLink.tsx';
import type { ProblemKey } from './team-problem.ts';

export function TeamProblem({ problem }: { problem: ProblemKey | null }) {
  const t = useT();
  if (!problem) return null;
  return (
    <p className="error" role="alert" data-testid="team-problem" data-problem={problem}>
      {t(problem)} {problem === 'team.problem.cookies' && <NewTabLink />}
    </p>
  );
}
