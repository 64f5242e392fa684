/** The screen for each way a call ends. */
import type { EndReason } from '../call/livekit-session.ts';
import { useCallStore } from '../call/call-store.ts';
import { Screen } from './Screen.tsx';

const COPY: Record<EndReason, { title: string; body: string; rejoin: boolean }> = {
  left: { title: 'You left the call', body: 'Changed your mind? You can rejoin.', rejoin: true },
  removed: { title: 'You were removed from the call', body: 'A host removed you from this call.', rejoin: false },
  'meeting-ended': { title: 'This meeting has ended', body: 'The host ended the call for everyone.', rejoin: false },
  'connection-lost': { title: 'Connection lost', body: 'We could not keep you connected to the call.', rejoin: true },
};

export function EndScreen({ reason }: { reason: EndReason }) {
  const recheck = useCallStore((s) => s.recheck);
  const copy = COPY[reason];
  return (
    <Screen
      testId="end-screen"
      title={copy.title}
      actions={
        copy.rejoin && (
          <button className="btn btn--primary" onClick={() => void recheck()}>
            Rejoin
          </button>
        )
      }
    >
      <p data-end-reason={reason}>{copy.body}</p>
    </Screen>
  );
}
