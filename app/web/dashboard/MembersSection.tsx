/** The team's members with their roles; a team owner can remove anyone but themself (asked first). */
import { useEffect, useRef } from 'react';
import type { DashboardTeam } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';
import { ConfirmButton } from './ConfirmButton.tsx';
import { memberTarget, type DashboardState } from './dashboard-store.ts';
import { ProblemText } from './ProblemText.tsx';

export interface MembersSectionProps extends Pick<DashboardState, 'busy' | 'problem' | 'said'> {
  team: DashboardTeam;
  removeMember(email: string): void;
}

export function MembersSection({ team, busy, problem, said, removeMember }: MembersSectionProps) {
  const t = useT();
  const owner = team.me.role === 'owner';
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The removed member's row (and the focused button in it) is gone: focus goes to the list's heading.
  useEffect(() => {
    if (said?.key === 'dashboard.said.removed') headingRef.current?.focus();
  }, [said]);
  return (
    <section className="dash-section" aria-labelledby="dash-members-heading" data-testid="members">
      <h2 id="dash-members-heading" tabIndex={-1} ref={headingRef}>{t('dashboard.members.heading', { count: team.members.length })}</h2>
      <ul className="dash-members">
        {team.members.map((m) => {
          const target = memberTarget(m.email);
          const me = m.email === team.me.email;
          return (
            <li key={m.email} data-testid="member" data-email={m.email} data-role={m.role}>
              <div className="dash-member">
                <span>
                  <PersonName name={m.name} /> {me && <span className="muted">{t('dashboard.members.you')}</span>}
                  <br />
                  <span className="dash-hint">{m.email}</span>
                </span>
                <span className="dash-tag">{t(m.role === 'owner' ? 'dashboard.role.owner' : 'dashboard.role.member')}</span>
                {owner && !me && (
                  <ConfirmButton
                    label={t('dashboard.members.remove')}
                    question={t('dashboard.members.removeQuestion', { name: m.name })}
                    confirmLabel={t('dashboard.members.removeYes')}
                    onConfirm={() => removeMember(m.email)}
                    disabled={!!busy[target]}
                    testId="remove-member"
                  />
                )}
              </div>
              <ProblemText problem={problem?.target === target ? problem.problem : null} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
