/** Who is in a room's call now (owners marked) and who is waiting in its lobby, with how long. */
import type { InCallPerson, WaitingPerson } from '../../shared/dashboard-api.ts';
import { useT } from '../i18n/index.ts';
import { PersonName } from '../ui/PersonName.tsx';

/** Whole minutes from `since` (Unix seconds) to `now` (ms), never negative (clocks differ a little). */
export const minutesSince = (since: number, now: number): number => Math.max(0, Math.floor((now / 1000 - since) / 60));

export function RoomPeople({ inCall, waiting, now }: { inCall: InCallPerson[]; waiting: WaitingPerson[]; now: number }) {
  const t = useT();
  return (
    <div className="dash-people">
      {inCall.length === 0 ? (
        <p className="muted" data-testid="room-empty">
          {t('dashboard.room.nobody')}
        </p>
      ) : (
        <>
          <p className="dash-people__title">{t('dashboard.room.inCall', { count: inCall.length })}</p>
          <ul className="dash-people__list" data-testid="room-in-call">
            {inCall.map((p, i) => (
              <li key={i} data-testid="in-call-person" data-owner={p.owner}>
                {p.name ? <PersonName name={p.name} /> : <span className="muted">{t('dashboard.room.noName')}</span>}
                {p.owner && <span className="badge">{t('dashboard.room.owner')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {waiting.length > 0 && (
        <>
          <p className="dash-people__title dash-people__title--waiting">{t('dashboard.room.waiting', { count: waiting.length })}</p>
          <ul className="dash-people__list" data-testid="room-waiting">
            {waiting.map((p, i) => {
              const minutes = minutesSince(p.since, now);
              return (
                <li key={i} data-testid="waiting-person">
                  <PersonName name={p.name} /> <span className="muted">{minutes ? t('dashboard.room.waitingFor', { count: minutes }) : t('dashboard.room.waitingJustNow')}</span>
                </li>
              );
            })}
          </ul>
          <p className="dash-hint">{t('dashboard.room.waitingHint')}</p>
        </>
      )}
    </div>
  );
}
