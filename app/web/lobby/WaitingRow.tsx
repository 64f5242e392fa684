/** One waiting person as owners see them in a list: name, Allow, Deny, and their thread with the owners. */
import { PersonName } from '../ui/PersonName.tsx';
import type { DailyWaitingParticipant } from './owner-lobby.ts';
import type { WaitingMessaging } from './owner-lobby-store.ts';
import { WaitingConversation } from './WaitingConversation.tsx';

export interface WaitingRowProps {
  person: DailyWaitingParticipant;
  answer(id: string, grant: boolean): void;
  messaging: WaitingMessaging;
}

export function WaitingRow({ person, answer, messaging }: WaitingRowProps) {
  return (
    <>
      <div className="waiting-list__row">
        <PersonName name={person.name} testId="knock-name" />
        <span className="waiting-list__actions">
          <button className="btn btn--small btn--primary" aria-label={`Allow ${person.name}`} onClick={() => answer(person.id, true)}>Allow</button>
          <button className="btn btn--small" aria-label={`Deny ${person.name}`} onClick={() => answer(person.id, false)}>Deny</button>
        </span>
      </div>
      <WaitingConversation id={person.id} name={person.name} messaging={messaging} />
    </>
  );
}
