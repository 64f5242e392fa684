/** Picks the screen for the call phase, in the language the server chose for this room. The call screen and livekit-client load lazily. */
import { useDeferredValue } from 'react';
import { AccessScreen } from './access/AccessScreen.tsx';
import { loadedCallScreen, loadedEndScreen, useCallStore, type CallPhase } from './flow/call-store.ts';
import { FoyerError, type FoyerErrorKey } from './errors/foyer-error.ts';
import { useT } from './i18n/index.ts';
import { PrejoinScreen } from './prejoin/PrejoinScreen.tsx';
import { HomeCard } from './ui/HomeCard.tsx';
import { Screen } from './ui/Screen.tsx';

/** Catalogue text for a failure: the error's code when the store hands over a FoyerError, never its raw message. */
function failureKey(phase: Extract<CallPhase, { name: 'failed' }>): FoyerErrorKey {
  return phase.error instanceof FoyerError ? phase.error.messageKey : 'error.unknown';
}

export function App() {
  const current = useCallStore((s) => s.phase);
  // The call screen renders in the background, in slices, so LiveKit's offer and signalling (already under
  // way after Join) are not held behind one long render. Every other screen renders at once.
  const deferred = useDeferredValue(current);
  const phase = current.name === 'in-call' ? deferred : current;
  const recheck = useCallStore((s) => s.recheck);
  const t = useT();
  switch (phase.name) {
    case 'loading':
      return <main className="screen" data-testid="loading" aria-busy="true" aria-label={t('app.loading')} />;
    case 'refused':
      return <AccessScreen error={phase.error} guestLevel={phase.guestLevel} />;
    case 'failed': {
      const key = failureKey(phase);
      return (
        <Screen
          testId="failed-screen"
          title={t('app.failed.title')}
          tone="warn"
          actions={<button className="btn btn--primary" onClick={() => void recheck()}>{t('app.tryAgain')}</button>}
        >
          <p data-error={key.slice('error.'.length)}>{t(key)}</p>
        </Screen>
      );
    }
    case 'prejoin':
    case 'waiting':
    case 'knock-expired':
    case 'joining':
      return <PrejoinScreen />;
    case 'in-call': {
      // Rendered directly, not through React.lazy: the chunk is loaded before the phase can be in-call, and
      // a Suspense boundary would still show its fallback first and hold the call back (~400 ms measured).
      const CallScreen = loadedCallScreen();
      return CallScreen ? <CallScreen /> : <main className="screen" aria-busy="true" aria-label={t('app.loading')} />;
    }
    case 'ended': {
      const EndScreen = loadedEndScreen();
      return EndScreen ? <EndScreen reason={phase.reason} /> : <main className="screen" aria-busy="true" aria-label={t('app.loading')} />;
    }
  }
}

/** The home page `/` when the team chunk (app/web/team) could not load: what Foyer is for. */
export function Home() {
  return <HomeCard />;
}
