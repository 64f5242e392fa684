import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { CLAIM_SECONDS, EjectionTimers, LOOK_EVERY_MS, MAX_TIMER_MS } from './ejection-timers.ts';
import type { ScheduledRemoval } from './removal-time.ts';

/** 2025-01-01T00:00:00Z. */
const T0 = 1_735_689_600;
const now = () => Date.now() / 1000;

let store: Store;
let removed: Array<[string, string, string]>;
let failNext: number;
let timers: EjectionTimers;

async function join(roomId: string, identity: string, removal?: ScheduledRemoval) {
  await store.meetings.recordJoin({ roomId, identity, banKeys: [], joinedAt: now(), ...(removal ? { removal } : {}) });
  if (removal) timers.arm(roomId, identity, removal);
}

function makeTimers() {
  return new EjectionTimers({
    meetings: store.meetings,
    now,
    retry: { firstMs: 1000, maxMs: 4000, attempts: 4 },
    async remove(roomId, identity, reason) {
      if (failNext > 0) {
        failNext -= 1;
        throw new Error('LiveKit did not answer');
      }
      removed.push([roomId, identity, reason]);
      // As the owner's remove does: the join record goes.
      await store.meetings.forgetJoin(roomId, identity);
      return true;
    },
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 * 1000 });
  store = openSqliteStore(':memory:');
  removed = [];
  failNext = 0;
  timers = makeTimers();
});
afterEach(async () => {
  timers.close();
  await store.close();
  vi.useRealTimers();
});

describe('ejection timers', () => {
  it('removes the participant at the time fixed at join, not before', async () => {
    await join('r1', 'p_a', { at: T0 + 60, reason: 'elapsed' });
    await vi.advanceTimersByTimeAsync(59_900);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
    expect(timers.size).toBe(0);
  });

  it('at a room exp, every participant armed for it goes at once', async () => {
    await join('r1', 'p_a', { at: T0 + 30, reason: 'room-expired' });
    await join('r1', 'p_b', { at: T0 + 30, reason: 'room-expired' });
    await join('r1', 'p_c');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(removed.map((r) => r[1]).sort()).toEqual(['p_a', 'p_b']);
  });

  it('a removal beyond setTimeout\'s 24.8-day maximum waits in steps and happens on time', async () => {
    const at = T0 + 40 * 86_400;
    await join('r1', 'p_a', { at, reason: 'token-expired' });
    await vi.advanceTimersByTimeAsync(MAX_TIMER_MS);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(Math.round((at - now()) * 1000) - 1);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(removed).toEqual([['r1', 'p_a', 'token-expired']]);
  });

  it('tries again while LiveKit is briefly unreachable, backing off', async () => {
    const failures: number[] = [];
    timers.close();
    timers = new EjectionTimers({
      meetings: store.meetings,
      now,
      retry: { firstMs: 1000, maxMs: 4000, attempts: 4 },
      remove: async (roomId, identity, reason) => {
        if (failNext-- > 0) throw new Error('LiveKit did not answer');
        removed.push([roomId, identity, reason]);
        return true;
      },
      onFailure: (_err, { attempt }) => failures.push(attempt),
    });
    failNext = 2;
    await join('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(failures).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(failures).toEqual([1, 2]);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1999);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
  });

  it('gives up after the last attempt and says so', async () => {
    const gaveUp: boolean[] = [];
    timers.close();
    timers = new EjectionTimers({
      meetings: store.meetings,
      now,
      retry: { firstMs: 1000, maxMs: 1000, attempts: 3 },
      remove: async () => {
        throw new Error('down');
      },
      onFailure: (_err, where) => gaveUp.push(where.gaveUp),
    });
    await join('r1', 'p_a', { at: T0 + 1, reason: 'elapsed' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gaveUp).toEqual([false, false, true]);
    expect(timers.size).toBe(0);
  });

  it('is cancelled when the participant leaves, and armed again from the store when they come back', async () => {
    await join('r1', 'p_a', { at: T0 + 60, reason: 'elapsed' });
    await timers.participantJoined('r1', 'p_a', 'PA_1');
    timers.participantLeft('r1', 'p_a', 'PA_1');
    expect(timers.size).toBe(0);
    await vi.advanceTimersByTimeAsync(30_000);
    // Back as the same participant (a rejoin): the removal fixed at their first join still holds.
    await timers.participantJoined('r1', 'p_a', 'PA_2');
    expect(timers.armedFor('r1', 'p_a')).toEqual({ at: T0 + 60, reason: 'elapsed' });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
  });

  it('a late participant_left of an older connection does not cancel the timer of the new one', async () => {
    await join('r1', 'p_a', { at: T0 + 60, reason: 'elapsed' });
    await timers.participantJoined('r1', 'p_a', 'PA_2');
    timers.participantLeft('r1', 'p_a', 'PA_1');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
  });

  it('someone without a removal is not armed when they connect', async () => {
    await join('r1', 'p_a');
    await timers.participantJoined('r1', 'p_a', 'PA_1');
    expect(timers.size).toBe(0);
  });

  it('does nothing when an owner removed them first, or the meeting ended (the record is gone)', async () => {
    await join('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
    await join('r2', 'p_b', { at: T0 + 10, reason: 'elapsed' });
    await store.meetings.forgetJoin('r1', 'p_a');
    await store.meetings.endMeeting('r2');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(removed).toEqual([]);
  });

  it('cancelRoom drops the timers of that room only', async () => {
    await join('r1', 'p_a', { at: T0 + 10, reason: 'room-expired' });
    await join('r2', 'p_b', { at: T0 + 10, reason: 'room-expired' });
    timers.cancelRoom('r1');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(removed).toEqual([['r2', 'p_b', 'room-expired']]);
  });

  it('at start, re-arms every removal from the store; overdue ones run at once', async () => {
    await join('r1', 'p_due', { at: T0 - 5, reason: 'token-expired' });
    await join('r1', 'p_later', { at: T0 + 20, reason: 'elapsed' });
    await join('r1', 'p_none');
    // A restart: the old process's timers are gone; a new one reads the store.
    timers.close();
    timers = makeTimers();
    expect(await timers.rearmAll()).toBe(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(removed).toEqual([['r1', 'p_due', 'token-expired']]);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(removed.map((r) => r[1])).toEqual(['p_due', 'p_later']);
  });

  it('arming again replaces the timer: one per participant', async () => {
    await join('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
    timers.arm('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
    expect(timers.size).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
  });
});

describe('ejection timers on several instances (one store)', () => {
  it('two instances with the same removal armed remove the participant once', async () => {
    const other = makeTimers();
    try {
      await join('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
      other.arm('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
      await vi.advanceTimersByTimeAsync(10_000);
      expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
      // The other instance looks again when the claim would have run out, finds the record gone, and stops.
      await vi.advanceTimersByTimeAsync(CLAIM_SECONDS * 1000);
      expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
      expect([timers.size, other.size]).toEqual([0, 0]);
    } finally {
      other.close();
    }
  });

  it('when the instance that claimed the removal dies, another carries it out once the claim runs out', async () => {
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_a', banKeys: [], joinedAt: now(), removal: { at: T0 + 10, reason: 'elapsed' } });
    // The dead instance claimed it and never finished.
    expect(await store.meetings.claimRemoval('r1', 'p_a', { by: 'dead', now: T0 + 10, until: T0 + 10 + CLAIM_SECONDS })).toBe(true);
    timers.arm('r1', 'p_a', { at: T0 + 10, reason: 'elapsed' });
    await vi.advanceTimersByTimeAsync(10_000 + CLAIM_SECONDS * 1000 - 1000);
    expect(removed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
  });

  it('when the instance that armed a removal dies, a surviving one carries it out on time, once', async () => {
    // The survivor started before the join, so its start-up re-arm did not see this removal.
    const survivor = makeTimers();
    try {
      await survivor.start();
      await vi.advanceTimersByTimeAsync(5000);
      const at = T0 + 5 + (3 * LOOK_EVERY_MS) / 1000 + 7;
      await join('r1', 'p_a', { at, reason: 'elapsed' });
      expect(survivor.armedFor('r1', 'p_a')).toBeUndefined();
      // The instance that armed it dies: its timers stop, it never acts.
      timers.close();
      await vi.advanceTimersByTimeAsync(Math.round((at - now()) * 1000) - 1);
      expect(removed).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
      await vi.advanceTimersByTimeAsync(10 * LOOK_EVERY_MS);
      expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
    } finally {
      survivor.close();
    }
  });

  it('a surviving instance carries out a removal that was overdue when it looked, within one period', async () => {
    const survivor = makeTimers();
    try {
      await survivor.start();
      await join('r1', 'p_a', { at: T0 + 1, reason: 'token-expired' });
      timers.close();
      // The first look, and the removal it armed (overdue: at once; the fake clock puts a timer armed during a tick 1 ms on).
      await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS + 1);
      expect(removed).toEqual([['r1', 'p_a', 'token-expired']]);
    } finally {
      survivor.close();
    }
  });

  it('a failed look at the store is reported, and the next one still happens', async () => {
    const errors: unknown[] = [];
    let failNextLook = false;
    const meetings = {
      ...store.meetings,
      scheduledRemovals: async () => {
        if (failNextLook) {
          failNextLook = false;
          throw new Error('store unreachable');
        }
        return store.meetings.scheduledRemovals();
      },
    };
    const survivor = new EjectionTimers({
      meetings,
      now,
      async remove(roomId, identity, reason) {
        removed.push([roomId, identity, reason]);
        await store.meetings.forgetJoin(roomId, identity);
        return true;
      },
      onLookFailed: (err) => errors.push(err),
    });
    try {
      await survivor.start();
      failNextLook = true;
      await join('r1', 'p_a', { at: T0 + 1, reason: 'elapsed' });
      timers.close();
      await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS);
      expect(errors).toHaveLength(1);
      expect(removed).toEqual([]);
      await vi.advanceTimersByTimeAsync(LOOK_EVERY_MS + 1);
      expect(removed).toEqual([['r1', 'p_a', 'elapsed']]);
    } finally {
      survivor.close();
    }
  });
});
