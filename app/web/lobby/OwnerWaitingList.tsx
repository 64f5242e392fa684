/**
 * The owners' waiting list, for the participants panel: everyone knocking, in knock order, each with
 * Allow, Deny, and their thread with the owners (Message, and the guest's answers). (The guest's own
 * waiting screen is `WaitingPanel`.)
 */
import { useT } from '../i18n/index.ts';
import type { DailyWaitingParticipant } from './owner-lobby.ts';
import { useOwnerLobbyStore, useWaitingMessaging, type WaitingMessaging } from './owner-lobby-store.ts';
import { WaitingRow } from './WaitingRow.tsx';

export function OwnerWaitingList() {
  const waiting = useOwnerLobbyStore((s) => s.waiting);
  const answer = useOwnerLobbyStore((s) => s.answer);
  return <OwnerWaitingListView waiting={waiting} answer={answer} messaging={useWaitingMessaging()} />;
}

export interface OwnerWaitingListViewProps {
  waiting: DailyWaitingParticipant[];
  answer(id: string, grant: boolean): void;
  messaging: WaitingMessaging;
}

/** The list itself, from what it is given (rendered alone in tests). */
export function OwnerWaitingListView({ waiting, answer, messaging }: OwnerWaitingListViewProps) {
  const t = useT();
  if (waiting.length === 0) return null;
  const title = t('lobby.manyWantToJoin', { count: waiting.length });
  return (
    <section className="owner-waiting" data-testid="owner-waiting-list" aria-label={title}>
      <h2 className="owner-waiting__title">{title}</h2>
      <ul className="waiting-list owner-waiting__list">
        {waiting.map((p) => (
          <li key={p.id} data-testid="owner-waiting-participant" data-id={p.id} data-name={p.name}>
            <WaitingRow person={p} answer={answer} messaging={messaging} />
          </li>
        ))}
      </ul>
    </section>
  );
}
