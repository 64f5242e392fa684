/** Picks the screen for the call phase. The call screen and livekit-client load lazily. */
import { lazy, Suspense } from 'react';
import { AccessScreen } from './access/AccessScreen.tsx';
import { useCallStore } from './call/call-store.ts';
import { PrejoinScreen } from './prejoin/PrejoinScreen.tsx';
import { EndScreen } from './ui/EndScreen.tsx';
import { Screen } from './ui/Screen.tsx';

const CallScreen = lazy(() => import('./call/CallScreen.tsx'));

export function App() {
  const phase = useCallStore((s) => s.phase);
  const recheck = useCallStore((s) => s.recheck);
  switch (phase.name) {
    case 'loading':
      return <main className="screen" data-testid="loading" aria-busy="true" />;
    case 'refused':
      return <AccessScreen error={phase.error} guestLevel={phase.guestLevel} />;
    case 'failed':
      return (
        <Screen testId="failed-screen" title="Something went wrong" tone="warn" actions={<button className="btn btn--primary" onClick={() => void recheck()}>Try again</button>}>
          <p>{phase.message}</p>
        </Screen>
      );
    case 'prejoin':
    case 'waiting':
    case 'knock-expired':
    case 'joining':
      return <PrejoinScreen />;
    case 'in-call':
      return (
        <Suspense fallback={<main className="screen" aria-busy="true" />}>
          <CallScreen />
        </Suspense>
      );
    case 'ended':
      return <EndScreen reason={phase.reason} />;
  }
}

export function Home() {
  return (
    <Screen testId="home" title="Foyer">
      <p>Open a room link to join a call.</p>
    </Screen>
  );
}
