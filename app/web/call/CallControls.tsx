/** Mic, camera and leave. State comes from the local participant's view, so it shows what others see. */
import { useCallStore } from './call-store.ts';
import { useParticipantsStore } from './participants-store.ts';

export function CallControls() {
  const session = useCallStore((s) => s.session);
  const local = useParticipantsStore((s) => Object.values(s.byId).find((p) => p.isLocal));
  const micOn = local?.micOn ?? false;
  const cameraOn = local?.cameraOn ?? false;
  return (
    <nav className="controls" aria-label="Call controls">
      <button
        className={`btn btn--round ${micOn ? '' : 'btn--off'}`}
        data-testid="mic-toggle"
        aria-pressed={micOn}
        onClick={() => void session?.setMic(!micOn)}
      >
        {micOn ? 'Mute' : 'Unmute'}
      </button>
      <button
        className={`btn btn--round ${cameraOn ? '' : 'btn--off'}`}
        data-testid="camera-toggle"
        aria-pressed={cameraOn}
        onClick={() => void session?.setCamera(!cameraOn)}
      >
        {cameraOn ? 'Stop video' : 'Start video'}
      </button>
      <button className="btn btn--danger" data-testid="leave-button" onClick={() => void session?.leave()}>
        Leave
      </button>
    </nav>
  );
}
