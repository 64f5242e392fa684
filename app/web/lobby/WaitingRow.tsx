/** One waiting person as owners see them in a list: name, Allow, Deny, and their thread with the owners. */
import { PersonName } from '../ui/PersonName.tsx';
import { useT } from '../i18n/index.ts';
import type { DailyWaitingParticipant } from './owner-lobby.ts';
import type { WaitingMessaging } from './owner-lobby-store.ts';
import { WaitingConversation } from './WaitingConversation.tsx';

export interface WaitingRowProps {
  person: DailyWaitingParticipant;
  answer(id: string, grant: boolean): void;
  messaging: WaitingMessaging;
}

export function WaitingRow({ person, answer, messaging }: WaitingRowProps) {
  const t = useT();
  return (
    <>
      <div className="waiting-list__row">
        <PersonName name={person.name} testId="knock-name" />
        <span className="waiting-list__actions">
          <button className="btn btn--small btn--primary" aria-label={t('lobby.allowName', { name: person.name })} onClick={() => answer(person.id, true)}>{t('lobby.allow')}</button>
          <button className="btn btn--small" aria-label={t('lobby.denyName', { name: person.name })} onClick={() => answer(person.id, false)}>{t('lobby.deny')}</button>
        </span>
      </div>
      <WaitingConversation id={person.id} name={person.name} messaging={messaging} />
    </>
  );
}
