/** The call control that opens the participants panel; shows how many people are in the call. */
import { useParticipantsStore } from '../call/participants-store.ts';
import { useT } from '../i18n/index.ts';
import { useParticipantsPanel } from './panel-store.ts';

export function ParticipantsButton() {
  const t = useT();
  const count = useParticipantsStore((s) => s.order.length);
  const open = useParticipantsPanel((s) => s.open);
  return (
    <button
      className="btn btn--round"
      data-testid="participants-toggle"
      aria-pressed={open}
      aria-label={t('participants.toggle', { count })}
      onClick={useParticipantsPanel.getState().toggle}
    >
      {t('participants.title')} <span className="count-badge" aria-hidden>{count}</span>
    </button>
  );
}
