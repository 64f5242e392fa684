/**
 * The call: header, banners (reconnecting, blocked sound, a problem), the layout (grid, or one source
 * large with a strip), side panels (chat, participants), everyone's sound, and the controls.
 */
import { useEffect } from 'react';
import { useCallStore } from '../flow/call-store.ts';
import { markPhase } from '../util/phase-mark.ts';
import { useCallStatus } from './call-status-store.ts';
import { useParticipantsStore } from './participants-store.ts';
import { CallControls } from './CallControls.tsx';
import { CallLayout } from './CallLayout.tsx';
import { RemoteAudio } from './RemoteAudio.tsx';
import { useOneSidePanel } from './use-one-side-panel.ts';
import { Chat } from '../chat/Chat.tsx';
import { ParticipantsLayer } from '../participants/ParticipantsLayer.tsx';
import { OwnerLobby } from '../participants/OwnerLobby.tsx';
import { useT } from '../i18n/index.ts';
import { RemovalCountdown } from './RemovalCountdown.tsx';
// Every end screen follows a call, so it comes with the call chunk, not in the prejoin's entry.
export { EndScreen } from '../ui/EndScreen.tsx';

function Banners() {
  const t = useT();
  const reconnecting = useCallStatus((s) => s.connection === 'reconnecting');
  const connecting = useCallStatus((s) => s.connection === 'connecting');
  const audioBlocked = useCallStatus((s) => s.audioBlocked);
  const problem = useCallStatus((s) => s.problem);
  const dismissProblem = useCallStatus((s) => s.dismissProblem);
  const session = useCallStore((s) => s.session);
  return (
    <>
      <RemovalCountdown />
      {reconnecting && (
        <div className="banner" role="status" data-testid="reconnecting">
          {t('call.reconnecting')}
        </div>
      )}
      {connecting && (
        // Shown only if connecting takes a while (CSS delay): a quick join never flashes it.
        <div className="banner banner--slow" role="status" data-testid="connecting">
          {t('call.connecting')}
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
  useOneSidePanel();
  const connection = useCallStatus((s) => s.connection);
  useEffect(() => markPhase('call-screen-shown'), []);
  return (
    <main className="call" data-testid="call" data-connection={connection}>
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
      <OwnerLobby />
    </main>
  );
}
