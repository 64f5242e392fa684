/**
 * The GUEST's side while waiting: what is happening, what the host wrote (and a way to answer), and a
 * way out. The preview beside it stays live. (The owners' waiting list, for the participants panel, is
 * `OwnerWaitingList` in ./OwnerWaitingList.tsx.)
 */
import { useCallStore } from '../flow/call-store.ts';
import { HostMessages } from './HostMessages.tsx';
import { t as translate, useT } from '../i18n/index.ts';

export function WaitingPanel({ ownerPresent, reconnecting = false }: { ownerPresent: boolean; reconnecting?: boolean }) {
  const t = useT();
  const cancel = useCallStore((s) => s.cancelWaiting);
  return (
    <section className="prejoin__form" data-testid="waiting" aria-live="polite">
      <div className="spinner" aria-hidden />
      <h1>{t('lobby.waiting.title')}</h1>
      {reconnecting ? (
        <p className="notice" role="status" data-testid="lobby-reconnecting">
          {t('lobby.waiting.reconnecting')}
        </p>
      ) : ownerPresent ? (
        <p className="muted">{t('lobby.waiting.told')}</p>
      ) : (
        <p className="muted" data-testid="host-not-here">
          {t('lobby.waiting.hostNotHere')}
        </p>
      )}
      <HostMessages />
      <button className="btn btn--wide" data-testid="cancel-knock" onClick={cancel}>
        {t('lobby.cancel')}
      </button>
    </section>
  );
}

/** "Nobody let you in for 15 minutes", or seconds for a short maximum wait; never "0 minutes". */
export function waitedText(ms: number): string {
  if (ms >= 60_000) return translate('lobby.expired.minutes', { count: Math.round(ms / 60_000) });
  return translate('lobby.expired.seconds', { count: Math.max(1, Math.round(ms / 1000)) });
}

/** The wait ran out unanswered: say so, and offer to knock again (a fresh knock, at the back of the list). */
export function KnockExpiredPanel({ waitedMs, knockName }: { waitedMs: number; knockName: string }) {
  const t = useT();
  const requestAccess = useCallStore((s) => s.requestAccess);
  return (
    <section className="prejoin__form" data-testid="knock-expired" aria-live="polite">
      <h1>{t('lobby.expired.title')}</h1>
      <p>{t('lobby.expired.body', { duration: waitedText(waitedMs) })}</p>
      <button className="btn btn--primary btn--wide" data-testid="ask-again" onClick={() => void requestAccess(knockName)}>
        {t('lobby.askAgain')}
      </button>
    </section>
  );
}
