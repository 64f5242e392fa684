/** One screen for every refusal the server can give, saying what happened and what to do. */
import { useCallStore } from '../flow/call-store.ts';
import { useT } from '../i18n/index.ts';
import { Screen } from '../ui/Screen.tsx';
import type { AccessError, AccessLevel } from '../../shared/access.ts';
import { refusalCopy } from './refusal-copy.ts';
import { TeamMemberHint } from '../prejoin/TeamMemberHint.tsx';

export function AccessScreen({ error, guestLevel }: { error: AccessError; guestLevel?: AccessLevel }) {
  const recheck = useCallStore((s) => s.recheck);
  const preauth = useCallStore((s) => s.preauth);
  const roomName = useCallStore((s) => s.roomName);
  const continueAsGuest = useCallStore((s) => s.continueAsGuest);
  const t = useT();
  const copy = refusalCopy(error);
  return (
    <Screen
      testId="access-screen"
      title={t(copy.title)}
      tone="warn"
      actions={
        <>
          {copy.canRetry && (
            <button className="btn btn--primary" onClick={() => void recheck()}>
              {t('access.tryAgain')}
            </button>
          )}
          {guestLevel && guestLevel !== 'none' && (
            <button className="btn" onClick={() => void continueAsGuest()}>
              {t(guestLevel === 'lobby' ? 'access.askAsGuest' : 'access.continueAsGuest')}
            </button>
          )}
        </>
      }
    >
      <p data-error-type={error.type} data-error-detail={error.detail ?? ''} data-testid="access-error">
        {t(copy.body)}
      </p>
      {/* Signing in can only help where the room is closed to guests: not past its time, nor after a ban. */}
      {error.detail === 'room-private' && <TeamMemberHint preauth={preauth} roomName={roomName} />}
    </Screen>
  );
}
