/** The team's invite link, to copy; for a team owner, New invite link (the old one stops working: asked first). */
import type { DashboardTeam } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import type { DashboardProblem } from './dashboard-problem.ts';
import type { HandedLink as Link } from './dashboard-store.ts';
import { HandedLink } from './HandedLink.tsx';
import { ProblemText } from './ProblemText.tsx';

export interface InviteSectionProps {
  team: DashboardTeam;
  busy: boolean;
  problem: DashboardProblem | null;
  link: Link | null;
  now: number;
  copyInvite(): void;
  rotateInvite(): void;
  dismissLink(): void;
}

export function InviteSection({ team, busy, problem, link, now, ...act }: InviteSectionProps) {
  const t = useT();
  return (
    <section className="dash-section" aria-labelledby="dash-invite-heading" data-testid="invite">
      <h2 id="dash-invite-heading">{t('dashboard.invite.heading')}</h2>
      <p className="dash-hint">{t('dashboard.invite.explain')}</p>
      <div className="actions">
        <button className="btn btn--small" type="button" onClick={act.copyInvite} disabled={busy} data-testid="copy-invite">
          {t('dashboard.invite.copy')}
        </button>
        {team.me.role === 'owner' && (
          <ConfirmButton
            label={t('dashboard.invite.rotate')}
            question={t('dashboard.invite.rotateQuestion')}
            confirmLabel={t('dashboard.invite.rotateYes')}
            onConfirm={act.rotateInvite}
            disabled={busy}
            testId="rotate-invite"
          />
        )}
      </div>
      {link && <HandedLink link={link} now={now} dismiss={act.dismissLink} />}
      <ProblemText problem={problem} />
    </section>
  );
}
