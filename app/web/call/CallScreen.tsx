/**
 * The call: header, banners (reconnecting, blocked sound, a problem), the layout (grid, or one source
 * large with a strip), side panels (chat, participants), everyone's sound, and the controls.
 */
import { useCallStore } from './call-store.ts';
import { useCallStatus } from './call-status-store.ts';
import { useParticipantsStore } from './participants-store.ts';
import { CallControls } from './CallControls.tsx';
import { CallLayout } from './CallLayout.tsx';
import { RemoteAudio } from './RemoteAudio.tsx';
import { useOneSidePanel } from './use-one-side-panel.ts';
import { KnockToast } from '../lobby/KnockToast.tsx';
import { useOwnerLobby } from '../lobby/use-owner-lobby.ts';
import { Chat } from '../chat/Chat.tsx';
import { ParticipantsLayer } from '../participants/ParticipantsLayer.tsx';
import { useIsOwner } from '../participants/use-is-owner.ts';
import { useT } from '../i18n/index.ts';

function Banners() {
  const t = useT();
  const reconnecting = useCallStatus((s) => s.connection === 'reconnecting');
  const audioBlocked = useCallStatus((s) => s.audioBlocked);
  const problem = useCallStatus((s) => s.problem);
  const dismissProblem = useCallStatus((s) => s.dismissProblem);
  const session = useCallStore((s) => s.session);
  return (
    <>
      {reconnecting && (
        <div className="banner" role="status" data-testid="reconnecting">
          {t('call.reconnecting')}
        </div>
      )}
      {audioBlocked && (
        <div className="banner" role="status">
          {t('call.audioBlocked')}{' '}
          <button className="btn" onClick={() => void session?.startAudio()}>
            {t('call.audioBlockedAction')}
          </button>
        </div>
      )}
      {problem && (
        <div className="banner" role="alert" data-testid="call-problem" data-problem={problem}>
          {t(`call.problem.${problem}`)}{' '}
          <button className="btn btn--small" onClick={dismissProblem}>
            {t('call.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}

export default function CallScreen() {
  const t = useT();
  const count = useParticipantsStore((s) => s.order.length);
  const roomName = useCallStore((s) => s.roomName);
  const session = useCallStore((s) => s.self?.session);
  const isOwner = useIsOwner();
  useOneSidePanel();
  // Only owners open the lobby channel; the server refuses anyone else. A guest made a host mid-call opens it then.
  useOwnerLobby(roomName, isOwner ? session : undefined);
  return (
    <main className="call" data-testid="call">
      <header className="call__header">
        <span className="call__room">{roomName}</span>
        <span className="muted" data-testid="participant-count">
          {t('call.people', { count })}
        </span>
      </header>
      <Banners />
      <div className="call__body">
        <section className="call__stage" aria-label={t('call.stage')}>
          <CallLayout />
        </section>
        <Chat />
        <ParticipantsLayer />
      </div>
      <RemoteAudio />
      <CallControls />
      {isOwner && <KnockToast />}
    </main>
  );
}
