/** One screen for every refusal the server can give, saying what happened and what to do. */
import { useCallStore } from '../call/call-store.ts';
import { Screen } from '../ui/Screen.tsx';
import type { AccessError } from '../../shared/access.ts';
import type { AccessLevel } from '../../shared/access.ts';
import { refusalCopy } from './refusal-copy.ts';

export function AccessScreen({ error, guestLevel }: { error: AccessError; guestLevel?: AccessLevel }) {
  const recheck = useCallStore((s) => s.recheck);
  const continueAsGuest = useCallStore((s) => s.continueAsGuest);
  const copy = refusalCopy(error);
  return (
    <Screen
      testId="access-screen"
      title={copy.title}
      tone="warn"
      actions={
        <>
          {copy.canRetry && (
            <button className="btn btn--primary" onClick={() => void recheck()}>
              Try again
            </button>
          )}
          {guestLevel && guestLevel !== 'none' && (
            <button className="btn" onClick={() => void continueAsGuest()}>
              {guestLevel === 'lobby' ? 'Ask to join as a guest' : 'Continue as a guest'}
            </button>
          )}
        </>
      }
    >
      <p data-error-type={error.type} data-error-detail={error.detail ?? ''} data-testid="access-error">
        {copy.body}
      </p>
    </Screen>
  );
}
