/** The dashboard once loaded: the team's name and who is signed in, then its rooms, its invite link and its members. */
import { useEffect } from 'react';
import { Message, useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';
import type { DashboardActions, DashboardState } from './dashboard-store.ts';
import { InviteSection } from './InviteSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { ProblemText } from './ProblemText.tsx';
import { RoomsSection } from './RoomsSection.tsx';

export type DashboardPageProps = DashboardState & DashboardActions & { now: number };

export function DashboardPage(props: DashboardPageProps) {
  const t = useT();
  const { team, said } = props;
  const title = team ? `${t('dashboard.title')} · ${team.name}` : '';
  // The tab says which page this is (the room pages' title is Foyer's).
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);
  if (!team) return null;
  const link = props.link?.target === 'invite' ? props.link : null;
  return (
    <main className="dash" data-testid="dashboard">
      <header className="dash__header">
        <div>
          <p className="dash-kicker">{t('dashboard.title')}</p>
          <h1 data-testid="team-name">{team.name}</h1>
          <p className="dash-hint">
            <Message id="dashboard.signedInAs" vars={{ name: <PersonName name={team.me.name} /> }} />
          </p>
        </div>
        <a className="team-link" href="/">
          {t('dashboard.home')}
        </a>
      </header>
      {/* What the person just did, said politely (the change is on the page too). */}
      <p className="dash-said" role="status" data-testid="dashboard-said">
        {said && t(said.key, { name: said.name })}
      </p>
      {props.stale && (
        <div className="notice" data-testid="dashboard-stale">
          <p>{t('dashboard.stale')}</p>
          <ProblemText problem={props.stale} />
        </div>
      )}
      <RoomsSection {...props} />
      <InviteSection
        team={team}
        busy={!!props.busy.invite}
        problem={props.problem?.target === 'invite' ? props.problem.problem : null}
        link={link}
        now={props.now}
        copyInvite={() => void props.copyInvite()}
        rotateInvite={() => void props.rotateInvite()}
        dismissLink={props.dismissLink}
      />
      <MembersSection team={team} busy={props.busy} problem={props.problem} said={said} removeMember={(email) => void props.removeMember(email)} />
    </main>
  );
}
