/**
 * Times as the 2018 team API took them: unix seconds (a number or a string of digits) or an ISO 8601
 * date or date-time. A date-time must say its zone (`Z` or `±hh:mm`): without one the server's local
 * time would decide, and the same request would mean different meetings on different servers.
 */

/** 9999-12-31T23:59:59Z: later than this is most likely milliseconds sent for seconds. */
export const LATEST_UNIX_SECONDS = 253_402_300_799;

// Up to 15 digits: exact as a double, and enough to tell milliseconds by their size.
const DIGITS = /^[0-9]{1,15}$/;
// A calendar date, optionally a time (seconds and fractions optional) with a zone.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** What a time field held, in unix seconds, or why it is not a time. */
export type ParsedTime = { ok: true; seconds: number } | { ok: false; reason: string };

function fromIso(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const parts = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = new Date(Date.UTC(...parts));
  // Date.UTC rolls 2025-02-30 over to March 2nd: refuse what does not come back unchanged.
  const same = utc.getUTCFullYear() === parts[0] && utc.getUTCMonth() === parts[1] && utc.getUTCDate() === parts[2]
    && utc.getUTCHours() === parts[3] && utc.getUTCMinutes() === parts[4] && utc.getUTCSeconds() === parts[5];
  if (!same) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  return utc.getTime() / 1000 - offsetMinutes * 60 + (frac ? Number(`0.${frac}`) : 0);
}

/** Reads one time field (`name` for the message): unix seconds, a digit string, or ISO 8601. */
export function parseTime(name: string, value: unknown): ParsedTime {
  const expected = `${name} must be unix seconds (like 1735689600) or an ISO 8601 time with its zone (like 2025-01-01T00:00:00Z)`;
  let seconds: number | null = null;
  if (typeof value === 'number') seconds = Number.isFinite(value) ? value : null;
  else if (typeof value === 'string') seconds = DIGITS.test(value) ? Number(value) : fromIso(value);
  if (seconds === null) return { ok: false, reason: expected };
  if (seconds < 0) return { ok: false, reason: `${name} must not be before 1970` };
  if (seconds > LATEST_UNIX_SECONDS) return { ok: false, reason: `${name} is after the year 9999: send unix seconds, not milliseconds` };
  return { ok: true, seconds };
}
