/**
 * The owner's sticky toast: "<name> wants to join" with Allow and Deny, or "N people want to join"
 * with the list, per-person Allow/Deny and Allow all. Rebuilt from the whole waiting list on every
 * change, so when another owner answers first, this one updates or closes by itself.
 */
import { useState } from 'react';
import { PersonName } from '../ui/PersonName.tsx';
import { Message, useT } from '../i18n/index.ts';
import type { DailyWaitingParticipant } from './owner-lobby.ts';
import { NO_MESSAGING, useOwnerLobbyStore, useWaitingMessaging, type WaitingMessaging } from './owner-lobby-store.ts';
import { WaitingConversation } from './WaitingConversation.tsx';
import { WaitingRow } from './WaitingRow.tsx';

export function KnockToast() {
  const waiting = useOwnerLobbyStore((s) => s.waiting);
  const answer = useOwnerLobbyStore((s) => s.answer);
  const allowAll = useOwnerLobbyStore((s) => s.allowAll);
  return <KnockToastView waiting={waiting} answer={answer} allowAll={allowAll} messaging={useWaitingMessaging()} />;
}

export interface KnockToastViewProps {
  waiting: DailyWaitingParticipant[];
  answer(id: string, grant: boolean): void;
  /** Admits the people in `shown`, the list this render showed, and nobody who knocked after. */
  allowAll(shown: DailyWaitingParticipant[]): void;
  /** Start with the list of several open. */
  expanded?: boolean;
  /** The threads with waiting participants, and a way to write to them. */
  messaging?: WaitingMessaging;
}

/** The toast itself, from the list it is given (rendered alone in tests). */
export function KnockToastView({ waiting, answer, allowAll, expanded: initiallyExpanded = false, messaging = NO_MESSAGING }: KnockToastViewProps) {
  const t = useT();
  const [expanded, setExpanded] = useState(initiallyExpanded);
  if (waiting.length === 0) return null;
  const one = waiting.length === 1 ? waiting[0]! : undefined;
  return (
    <aside className="toast" role="alertdialog" aria-live="assertive" aria-label={t('lobby.toastLabel')} data-testid="knock-toast" data-count={waiting.length}>
      {one ? (
        <>
          <p className="toast__title">
            <Message
              id="lobby.wantsToJoin"
              vars={{
                name: (
                  <strong>
                    <PersonName name={one.name} testId="knock-name" />
                  </strong>
                ),
              }}
            />
          </p>
          <WaitingConversation id={one.id} name={one.name} messaging={messaging} />
          <div className="actions">
            <button className="btn btn--primary" onClick={() => answer(one.id, true)}>{t('lobby.allow')}</button>
            <button className="btn" onClick={() => answer(one.id, false)}>{t('lobby.deny')}</button>
          </div>
        </>
      ) : (
        <>
          <p className="toast__title">{t('lobby.manyWantToJoin', { count: waiting.length })}</p>
          {expanded ? (
            <ul className="waiting-list" data-testid="waiting-list">
              {waiting.map((p) => (
                <li key={p.id} data-testid="waiting-participant">
                  <WaitingRow person={p} answer={answer} messaging={messaging} />
                </li>
              ))}
            </ul>
          ) : null}
          <div className="actions">
            {/* The ids this render showed, never '*': someone who knocks as the owner clicks is not let in unseen. */}
            <button className="btn btn--primary" onClick={() => allowAll(waiting)}>{t('lobby.allowAll')}</button>
            <button className="btn" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
              {expanded ? t('lobby.hideList') : t('lobby.seeWho')}
            </button>
          </div>
        </>
      )}
    </aside>
  );
}
