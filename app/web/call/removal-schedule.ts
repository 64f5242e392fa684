/**
 * The participant's removal on schedule as the SPA sees it (the server decides and carries it out):
 * when the countdown shows, what it says and announces, and which end screen a removal at that time
 * gets. Pure, so it is tested row by row; kept free of imports so the entry chunk can use it.
 */
import type { EjectReason, JoinResponse } from '../../shared/client-api.ts';
import type { EndReason } from './end-reason.ts';

/** The countdown shows in the last five minutes before the removal. */
export const COUNTDOWN_SECONDS = 300;
/** A host's remove this close before the scheduled time is taken as the schedule (the server is a little ahead at most). */
const EARLY_TOLERANCE_SECONDS = 5;

/** When (on the server's clock) and why; `offset` turns the device's clock into the server's. */
export interface RemovalSchedule {
  at: number;
  reason: EjectReason;
  /** Server seconds minus device seconds when the join answered. */
  offset: number;
}

/** The schedule from the join's answer; undefined when nobody will remove this participant. */
export function removalSchedule(grant: Pick<JoinResponse, 'willEjectAt' | 'ejectReason' | 'serverNow'>, deviceNow: number): RemovalSchedule | undefined {
  if (grant.willEjectAt === null || grant.willEjectAt === undefined || !grant.ejectReason) return undefined;
  const offset = typeof grant.serverNow === 'number' ? grant.serverNow - deviceNow : 0;
  return { at: grant.willEjectAt, reason: grant.ejectReason, offset };
}

/** The server's time now, from the device's clock. */
export const serverTime = (schedule: RemovalSchedule, deviceNow: number) => deviceNow + schedule.offset;

/** Whole seconds left for the banner (0 once due, until the removal arrives); null outside the last five minutes. */
export function countdownSeconds(schedule: RemovalSchedule | undefined, deviceNow: number): number | null {
  if (!schedule) return null;
  const left = schedule.at - serverTime(schedule, deviceNow);
  if (left > COUNTDOWN_SECONDS) return null;
  return Math.max(0, Math.ceil(left));
}

/**
 * How long the banner's clock sleeps before looking again: far off, until the last five minutes start
 * (one wake-up, not one a second for hours); then until the next whole second left.
 */
export function nextTickMs(schedule: RemovalSchedule, deviceNow: number): number {
  const left = schedule.at - serverTime(schedule, deviceNow);
  const ms = left > COUNTDOWN_SECONDS ? (left - COUNTDOWN_SECONDS) * 1000 : left > 0 ? (left % 1 || 1) * 1000 : 1000;
  // setTimeout's longest delay; and never a busy loop.
  return Math.min(Math.max(Math.ceil(ms), 20), 2 ** 31 - 1);
}

/** `m:ss`. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What a screen reader is told: the time rounded up to the whole minute, then 30 and 10 seconds, so
 * the live region changes (and speaks) a handful of times, not every second.
 */
export function spokenSeconds(seconds: number): number {
  if (seconds > 60) return Math.ceil(seconds / 60) * 60;
  if (seconds > 30) return 60;
  if (seconds > 10) return 30;
  return 10;
}

/**
 * LiveKit says only "removed" (or the room closed), and a rejoin after a lost connection is only refused:
 * at the scheduled time, that was the schedule, and the screen says so (the room's end, or this person's
 * time being up) rather than "a host removed you" or "connection lost".
 */
export function endReasonAfterRemoval(reason: EndReason, schedule: RemovalSchedule | undefined, deviceNow: number): EndReason {
  if (!schedule || (reason !== 'removed' && reason !== 'meeting-ended' && reason !== 'connection-lost')) return reason;
  if (serverTime(schedule, deviceNow) < schedule.at - EARLY_TOLERANCE_SECONDS) return reason;
  return schedule.reason === 'room-expired' ? 'room-expired' : 'time-up';
}
