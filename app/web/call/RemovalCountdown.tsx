/**
 * The banner of the last five minutes before a removal on schedule: "The meeting will end in m:ss"
 * (the room's `exp`) or "You will leave the call in m:ss" (this person's token or time). The visible
 * time ticks each second; screen readers hear it at whole minutes, 30 s and 10 s only.
 */
import { useT } from '../i18n/index.ts';
import { formatCountdown, spokenSeconds } from './removal-schedule.ts';
import { useRemovalCountdown } from './use-removal-countdown.ts';

export function RemovalCountdown() {
  const t = useT();
  const countdown = useRemovalCountdown();
  if (!countdown) return null;
  const key = countdown.reason === 'room-expired' ? 'call.removal.meeting' : 'call.removal.personal';
  return (
    <div className="banner" role="status" data-testid="removal-countdown" data-reason={countdown.reason}>
      <span aria-hidden="true" data-testid="removal-countdown-text">{t(key, { time: formatCountdown(countdown.seconds) })}</span>
      <span className="sr-only">{t(key, { time: formatCountdown(spokenSeconds(countdown.seconds)) })}</span>
    </div>
  );
}
