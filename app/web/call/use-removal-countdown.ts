/**
 * The seconds left before this participant's removal on schedule, in its last five minutes (null
 * before, or without one). Sleeps until the countdown starts, then ticks on each whole second.
 */
import { useEffect, useState } from 'react';
import type { EjectReason } from '../../shared/client-api.ts';
import { useCallStore } from '../flow/call-store.ts';
import { countdownSeconds, nextTickMs } from './removal-schedule.ts';

/** What the banner shows: seconds left and why they will go. */
export interface RemovalCountdown {
  seconds: number;
  reason: EjectReason;
}

export function useRemovalCountdown(): RemovalCountdown | null {
  const removal = useCallStore((s) => s.self?.removal);
  const [seconds, setSeconds] = useState(() => countdownSeconds(removal, Date.now() / 1000));
  useEffect(() => {
    if (!removal) return setSeconds(null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const now = Date.now() / 1000;
      setSeconds(countdownSeconds(removal, now));
      timer = setTimeout(tick, nextTickMs(removal, now));
    };
    tick();
    return () => clearTimeout(timer);
  }, [removal]);
  return removal && seconds !== null ? { seconds, reason: removal.reason } : null;
}
