/**
 * Foyer in a tab of its own: inside another site's iframe the browser may block Foyer's session cookie
 * (third-party cookies), so signing in there cannot last; in its own tab it is first-party.
 */
import { useT } from '../i18n/index.ts';

export function NewTabLink() {
  const t = useT();
  return (
    <a className="team-link" data-testid="team-new-tab" href="/" target="_blank" rel="noopener">
      {t('team.frame.link')}
    </a>
  );
}
