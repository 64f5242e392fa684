/** The words for each room privacy, in the select and in the hint under it (one place, so they never differ). */
import type { DashboardPrivacy } from '../../shared/dashboard-api.ts';

/** The privacies in the order the select offers them, least open last. */
export const PRIVACIES: readonly DashboardPrivacy[] = ['public', 'org', 'private'];

export const PRIVACY_LABEL = {
  public: 'dashboard.privacy.public',
  org: 'dashboard.privacy.org',
  private: 'dashboard.privacy.private',
} as const satisfies Record<DashboardPrivacy, string>;

export const PRIVACY_HINT = {
  public: 'dashboard.privacy.public.hint',
  org: 'dashboard.privacy.org.hint',
  private: 'dashboard.privacy.private.hint',
} as const satisfies Record<DashboardPrivacy, string>;
