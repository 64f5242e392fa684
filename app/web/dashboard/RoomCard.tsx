/**
 * One room on the dashboard: its name (its plain link), privacy and knocking to change in place, who is in
 * the call and who is waiting (a room with people waiting stands out), its guest and owner links, and Delete.
 */
import { useId } from 'react';
import type { DashboardRoom, UpdateRoomRequest } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import type { DashboardProblem } from './dashboard-problem.ts';
import type { HandedLink as Link } from './dashboard-store.ts';
import { HandedLink } from './HandedLink.tsx';
import { PRIVACY_LABEL } from './privacy-texts.ts';
import { ProblemText } from './ProblemText.tsx';
import { RoomPeople } from './RoomPeople.tsx';
import { RoomSettings } from './RoomSettings.tsx';

export interface RoomCardProps {
  room: DashboardRoom;
  busy: boolean;
  problem: DashboardProblem | null;
  /** The link last handed out for this room, if any. */
  link: Link | null;
  now: number;
  update(change: UpdateRoomRequest): void;
  remove(): void;
  copyLink(owner: boolean): void;
  dismissLink(): void;
}

export function RoomCard({ room, busy, problem, link, now, ...act }: RoomCardProps) {
  const t = useT();
  const headingId = useId();
  const waiting = room.waiting.length > 0;
  return (
    <li className={`dash-room${waiting ? ' dash-room--waiting' : ''}`} aria-labelledby={headingId} data-testid="room" data-room={room.name} aria-busy={busy}>
      <div className="dash-room__head">
        <h3 id={headingId}>
          <a className="team-link" href={room.url} target="_blank" rel="noopener" data-testid="room-link">
            {room.name}
          </a>
        </h3>
        <span className="dash-tag" data-testid="room-privacy-tag" data-privacy={room.privacy}>
          {t(PRIVACY_LABEL[room.privacy])}
        </span>
        {waiting && (
          <span className="dash-tag dash-tag--waiting" data-testid="room-waiting-count">
            {t('dashboard.room.waitingTag', { count: room.waiting.length })}
          </span>
        )}
      </div>
      <RoomPeople inCall={room.inCall} waiting={room.waiting} now={now} />
      <RoomSettings
          privacy={room.privacy}
          knocking={room.knocking}
          onPrivacy={(privacy) => act.update({ privacy })}
          onKnocking={(knocking) => act.update({ knocking })}
          disabled={busy}
          testId="room"
        />
      <div className="actions">
        <button className="btn btn--small" type="button" disabled={busy} onClick={() => act.copyLink(false)} data-testid="copy-guest-link">
          {t('dashboard.room.copyGuest')}
        </button>
        <button className="btn btn--small" type="button" disabled={busy} onClick={() => act.copyLink(true)} data-testid="copy-owner-link">
          {t('dashboard.room.copyOwner')}
        </button>
        <ConfirmButton
          label={t('dashboard.room.delete')}
          question={t(room.inCall.length ? 'dashboard.room.deleteQuestion.inCall' : 'dashboard.room.deleteQuestion', { name: room.name, count: room.inCall.length })}
          confirmLabel={t('dashboard.room.deleteYes')}
          onConfirm={act.remove}
          disabled={busy}
          testId="delete-room"
        />
      </div>
      {link && <HandedLink link={link} now={now} dismiss={act.dismissLink} />}
      <ProblemText problem={problem} />
    </li>
  );
}
