/** Mic, camera and leave. State comes from the local participant's view, so it shows what others see. */
import { useCallStore } from './call-store.ts';
import { useParticipantsStore } from './participants-store.ts';
import { ToggleButton } from '../ui/ToggleButton.tsx';
import { ChatButton } from '../chat/ChatButton.tsx';

export function CallControls() {
  const session = useCallStore((s) => s.session);
  const local = useParticipantsStore((s) => Object.values(s.byId).find((p) => p.isLocal));
  const micOn = local?.micOn ?? false;
  const cameraOn = local?.cameraOn ?? false;
  return (
    <nav className="controls" aria-label="Call controls">
      <ToggleButton on={micOn} testId="mic-toggle" label={micOn ? 'Mute' : 'Unmute'} onToggle={() => void session?.setMic(!micOn)} />
      <ToggleButton
        on={cameraOn}
        testId="camera-toggle"
        label={cameraOn ? 'Stop video' : 'Start video'}
        onToggle={() => void session?.setCamera(!cameraOn)}
      />
      <ChatButton />
      <button className="btn btn--danger" data-testid="leave-button" onClick={() => void session?.leave()}>
        Leave
      </button>
    </nav>
  );
}
