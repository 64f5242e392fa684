/**
 * In a team (`org`) room: tells a signed-in member they join as a host, and anyone else how a member gets
 * in. Signing in happens in a tab of its own; when this tab is shown again the door is asked again, so a
 * member who just signed in joins as a host without reloading. Inside a frame the browser does not send
 * Foyer's session cookie (SameSite, third-party cookies), so there the way in is the room in its own tab.
 */
import { useEffect } from 'react';
import type { PreauthResponse } from '../../shared/client-api.ts';
import { useCallStore } from '../flow/call-store.ts';
import { useT } from '../i18n/index.ts';

const inFrame = () => window.self !== window.top;

export interface TeamMemberHintProps {
  /** What preauth said: the room's privacy, and whether a signed-in member is entering it. */
  preauth: Pick<PreauthResponse, 'room' | 'user'> | undefined;
  roomName: string;
}

export function TeamMemberHint({ preauth, roomName }: TeamMemberHintProps) {
  const privacy = preauth?.room?.privacy;
  const member = preauth?.user.member !== undefined;
  const recheck = useCallStore((s) => s.recheck);
  const t = useT();
  const offerSignIn = privacy === 'org' && !member;
  const framed = inFrame();

  useEffect(() => {
    if (!offerSignIn || framed) return;
    const back = () => {
      const phase = useCallStore.getState().phase.name;
      if (document.visibilityState === 'visible' && (phase === 'prejoin' || phase === 'refused')) void recheck();
    };
    document.addEventListener('visibilitychange', back);
    return () => document.removeEventListener('visibilitychange', back);
  }, [offerSignIn, framed, recheck]);

  if (privacy !== 'org') return null;
  if (member) return <p className="muted" data-testid="team-member-note">{t('prejoin.team.member')}</p>;
  return (
    <p className="muted" data-testid="team-sign-in-hint" data-framed={framed}>
      {t(framed ? 'prejoin.team.framed' : 'prejoin.team.question')}{' '}
      <a href={framed ? `/${encodeURIComponent(roomName)}` : '/'} target="_blank" rel="noopener" data-testid="team-sign-in-link">
        {t(framed ? 'prejoin.team.openTab' : 'prejoin.team.signIn')}
      </a>
    </p>
  );
}
