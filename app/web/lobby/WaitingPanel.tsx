/** The guest's side while waiting: what is happening, and a way out. The preview beside it stays live. */
import { useCallStore } from '../call/call-store.ts';

export function WaitingPanel({ ownerPresent }: { ownerPresent: boolean }) {
  const cancel = useCallStore((s) => s.cancelWaiting);
  return (
    <section className="prejoin__form" data-testid="waiting" aria-live="polite">
      <div className="spinner" aria-hidden />
      <h1>Waiting for the host to let you in</h1>
      {ownerPresent ? (
        <p className="muted">The host has been told you are here.</p>
      ) : (
        <p className="muted" data-testid="host-not-here">
          The host has not joined yet. You will be let in when they arrive and allow it.
        </p>
      )}
      <button className="btn btn--wide" data-testid="cancel-knock" onClick={cancel}>
        Cancel
      </button>
    </section>
  );
}
