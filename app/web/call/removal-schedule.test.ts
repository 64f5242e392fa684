import { describe, expect, it } from 'vitest';
import type { EndReason } from './end-reason.ts';
import { countdownSeconds, endReasonAfterRemoval, formatCountdown, nextTickMs, removalSchedule, spokenSeconds, type RemovalSchedule } from './removal-schedule.ts';

const AT = 10_000;
const roomEnd: RemovalSchedule = { at: AT, reason: 'room-expired', offset: 0 };
const personal: RemovalSchedule = { at: AT, reason: 'elapsed', offset: 0 };

describe('removalSchedule', () => {
  it('none without willEjectAt', () => {
    expect(removalSchedule({ willEjectAt: null, ejectReason: null, serverNow: 5 }, 5)).toBeUndefined();
  });
  it("keeps the server's clock: a device 100 s behind still counts down to the server's time", () => {
    const s = removalSchedule({ willEjectAt: AT, ejectReason: 'token-expired', serverNow: 1_000 }, 900)!;
    expect(s).toEqual({ at: AT, reason: 'token-expired', offset: 100 });
    expect(countdownSeconds(s, AT - 100 - 60)).toBe(60);
  });
});

describe('countdownSeconds', () => {
  it.each([
    ['no schedule', undefined, AT - 10, null],
    ['more than five minutes ahead', roomEnd, AT - 301, null],
    ['exactly five minutes', roomEnd, AT - 300, 300],
    ['a fraction of a second is rounded up', roomEnd, AT - 59.2, 60],
    ['due: 0 until the removal arrives', roomEnd, AT + 3, 0],
  ] as const)('%s', (_row, schedule, now, expected) => {
    expect(countdownSeconds(schedule, now)).toBe(expected);
  });
});

describe('formatCountdown', () => {
  it.each([[300, '5:00'], [299, '4:59'], [61, '1:01'], [9, '0:09'], [0, '0:00']])('%i → %s', (s, text) => {
    expect(formatCountdown(s)).toBe(text);
  });
});

describe('spokenSeconds: the screen reader hears a few steps, not each second', () => {
  it('changes only at whole minutes, 30 s and 10 s', () => {
    const steps = new Set<number>();
    for (let s = 300; s >= 0; s--) steps.add(spokenSeconds(s));
    expect([...steps]).toEqual([300, 240, 180, 120, 60, 30, 10]);
  });
});

describe('endReasonAfterRemoval', () => {
  it.each([
    ['removed at the room exp: the call has ended', 'removed', roomEnd, AT, 'room-expired'],
    ['room closed at the room exp: the call has ended', 'meeting-ended', roomEnd, AT + 1, 'room-expired'],
    ['removed at a personal time: time up, not a host', 'removed', personal, AT + 2, 'time-up'],
    ['token exp is personal too', 'removed', { ...personal, reason: 'token-expired' }, AT, 'time-up'],
    ['a little early (clocks): still the schedule', 'removed', personal, AT - 3, 'time-up'],
    ['well before the time: a host removed them', 'removed', personal, AT - 60, 'removed'],
    ['no schedule: a host removed them', 'removed', undefined, AT, 'removed'],
    ['leaving is leaving', 'left', personal, AT, 'left'],
    ['a rejoin refused at the time: the schedule', 'connection-lost', roomEnd, AT + 1, 'room-expired'],
    ['a rejoin refused well before: a lost connection', 'connection-lost', personal, AT - 60, 'connection-lost'],
  ] as Array<[string, EndReason, RemovalSchedule | undefined, number, EndReason]>)('%s', (_row, reason, schedule, now, expected) => {
    expect(endReasonAfterRemoval(reason, schedule, now)).toBe(expected);
  });
});

describe('nextTickMs', () => {
  it.each([
    ['an hour ahead: one wake-up when the last five minutes start', AT - 3600, (3600 - 300) * 1000],
    ['in the countdown: on the next whole second', AT - 59.25, 250],
    ['on a whole second: a full second', AT - 59, 1000],
    ['due: once a second until the removal arrives', AT + 2, 1000],
    ['40 days ahead: no more than setTimeout allows', AT - 40 * 86_400, 2 ** 31 - 1],
  ] as const)('%s', (_row, now, expected) => {
    expect(nextTickMs(roomEnd, now)).toBe(expected);
  });
});
