/**
 * The owner's sticky toast: "<name> wants to join" with Allow and Deny, or "N people want to join"
 * with the list, per-person Allow/Deny and Allow all. Rebuilt from the whole waiting list on every
 * change, so when another owner answers first, this one updates or closes by itself.
 */
import { useState } from 'react';
import { useOwnerLobbyStore } from './owner-lobby-store.ts';

export function KnockToast() {
  const waiting = useOwnerLobbyStore((s) => s.waiting);
  const answer = useOwnerLobbyStore((s) => s.answer);
  const [expanded, setExpanded] = useState(false);
  if (waiting.length === 0) return null;
  const one = waiting.length === 1 ? waiting[0]! : undefined;
  return (
    <aside className="toast" role="alertdialog" aria-live="assertive" aria-label="People waiting to join" data-testid="knock-toast" data-count={waiting.length}>
      {one ? (
        <>
          <p className="toast__title">
            <strong data-testid="knock-name">{one.name}</strong> wants to join
          </p>
          <div className="actions">
            <button className="btn btn--primary" onClick={() => answer(one.id, true)}>Allow</button>
            <button className="btn" onClick={() => answer(one.id, false)}>Deny</button>
          </div>
        </>
      ) : (
        <>
          <p className="toast__title">{waiting.length} people want to join</p>
          {expanded ? (
            <ul className="waiting-list" data-testid="waiting-list">
              {waiting.map((p) => (
                <li key={p.id} data-testid="waiting-participant">
                  <span data-testid="knock-name">{p.name}</span>
                  <span className="waiting-list__actions">
                    <button className="btn btn--small btn--primary" aria-label={`Allow ${p.name}`} onClick={() => answer(p.id, true)}>Allow</button>
                    <button className="btn btn--small" aria-label={`Deny ${p.name}`} onClick={() => answer(p.id, false)}>Deny</button>
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          <div className="actions">
            <button className="btn btn--primary" onClick={() => answer('*', true)}>Allow all</button>
            <button className="btn" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? 'Hide list' : 'See who'}
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
