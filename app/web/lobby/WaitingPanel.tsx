/**
 * The GUEST's side while waiting: what is happening, what the host wrote (and a way to answer), and a
 * way out. The preview beside it stays live. (The owners' waiting list, for the participants panel, is
 * `OwnerWaitingList` in ./OwnerWaitingList.tsx.)
 */
import { useCallStore } from '../flow/call-store.ts';
import { HostMessages } from './HostMessages.tsx';

export function WaitingPanel({ ownerPresent, reconnecting = false }: { ownerPresent: boolean; reconnecting?: boolean }) {
  const cancel = useCallStore((s) => s.cancelWaiting);
  return (
    <section className="prejoin__form" data-testid="waiting" aria-live="polite">
      <div className="spinner" aria-hidden />
      <h1>Waiting for the host to let you in</h1>
      {reconnecting ? (
        <p className="notice" role="status" data-testid="lobby-reconnecting">
          Reconnecting… You keep your place; stay on this page.
        </p>
      ) : ownerPresent ? (
        <p className="muted">The host has been told you are here.</p>
      ) : (
        <p className="muted" data-testid="host-not-here">
          The host has not joined yet. You will be let in when they arrive and allow it.
        </p>
      )}
      <HostMessages />
      <button className="btn btn--wide" data-testid="cancel-knock" onClick={cancel}>
        Cancel
      </button>
    </section>
  );
}

/** "Nobody let you in for 15 minutes", or seconds for a short maximum wait; never "0 minutes". */
export function waitedText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (ms >= 60_000) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/** The wait ran out unanswered: say so, and offer to knock again (a fresh knock, at the back of the list). */
export function KnockExpiredPanel({ waitedMs, knockName }: { waitedMs: number; knockName: string }) {
  const requestAccess = useCallStore((s) => s.requestAccess);
  return (
    <section className="prejoin__form" data-testid="knock-expired" aria-live="polite">
      <h1>Nobody let you in</h1>
      <p>Nobody let you in for {waitedText(waitedMs)}. Ask to join again?</p>
      <button className="btn btn--primary btn--wide" data-testid="ask-again" onClick={() => void requestAccess(knockName)}>
        Ask again
      </button>
    </section>
  );
}
