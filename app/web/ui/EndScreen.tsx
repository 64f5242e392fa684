/** The screen for each way a call ends; Rejoin where coming back makes sense. */
import type { EndReason } from '../call/end-reason.ts';
import { useCallStore } from '../flow/call-store.ts';
import { useT } from '../i18n/index.ts';
import { Screen } from './Screen.tsx';

/** Endings the person can undo by joining again; the others were decided by a host or by time. */
const REJOIN: Record<EndReason, boolean> = {
  left: true,
  'connection-lost': true,
  removed: false,
  'meeting-ended': false,
  'room-expired': false,
  'time-up': false,
};

export function EndScreen({ reason }: { reason: EndReason }) {
  const recheck = useCallStore((s) => s.recheck);
  const t = useT();
  return (
    <Screen
      testId="end-screen"
      title={t(`end.${reason}.title`)}
      tone={reason === 'left' ? 'info' : 'warn'}
      actions={
        REJOIN[reason] && (
          <button className="btn btn--primary" data-testid="rejoin-button" onClick={() => void recheck()}>
            {t('end.rejoin')}
          </button>
        )
      }
    >
      <p data-end-reason={reason}>{t(`end.${reason}.body`)}</p>
    </Screen>
  );
}
