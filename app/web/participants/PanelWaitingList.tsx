/** The owner's waiting list from knocking, in the participants panel: who knocks, Allow or Deny each. */
import { useOwnerLobbyStore } from '../lobby/owner-lobby-store.ts';
import { useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';

export function PanelWaitingList() {
  const t = useT();
  const waiting = useOwnerLobbyStore((s) => s.waiting);
  const answer = useOwnerLobbyStore((s) => s.answer);
  if (waiting.length === 0) return null;
  return (
    <section className="participants-panel__section" aria-labelledby="panel-waiting-heading">
      <h3 id="panel-waiting-heading">{t('participants.waiting', { count: waiting.length })}</h3>
      <ul className="participants-panel__list">
        {waiting.map((guest) => (
          <li key={guest.id} className="participant-row" data-testid="panel-waiting-participant">
            <PersonName name={guest.name} />
            <span className="participant-row__actions">
              <button className="btn btn--small btn--primary" onClick={() => answer(guest.id, true)}>
                {t('participants.allow')}
              </button>
              <button className="btn btn--small" onClick={() => answer(guest.id, false)}>
                {t('participants.deny')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
