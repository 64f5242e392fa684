/**
 * What the dashboard says when a call fails: a sentence in the page's language chosen by the failure's
 * kind, and the server's own `info` beside it as the detail (it names what was wrong: the room name
 * that is taken, the field out of bounds), so a refusal is never just "something went wrong".
 */
import type { ProblemKey } from '../team/team-problem.ts';
import { DashboardApiError } from './dashboard-client.ts';

/** A failure as the page shows it. */
export interface DashboardProblem {
  key: ProblemKey;
  /** The server's `info`, when the server answered (never an exception's message, never a network error's). */
  detail?: string;
}

/** Whether the failure means nobody is signed in (no session cookie, or it ended: signed out, removed). */
export const isSignedOut = (err: unknown): boolean => err instanceof DashboardApiError && err.status === 401;

/** The words for whatever a dashboard call threw. */
export function dashboardProblem(err: unknown): DashboardProblem {
  if (!(err instanceof DashboardApiError)) return { key: 'error.unknown' };
  if (err.status === 0) return { key: 'error.network' };
  const detail = err.info;
  if (err.status === 429) return { key: 'error.rate-limited', detail };
  if (err.status >= 500) return { key: 'error.server', detail };
  if (err.status === 401) return { key: 'dashboard.problem.signedOut', detail };
  if (err.status === 403) return { key: 'dashboard.problem.forbidden', detail };
  if (err.status === 404) return { key: 'dashboard.problem.gone', detail };
  return { key: 'dashboard.problem.refused', detail };
}
