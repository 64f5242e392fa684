import { describe, expect, it } from 'vitest';
import { CallSeats, OWNER_HEADROOM, callSeats, livekitRoomCap } from './seats.ts';

const T = 1_000_000;

describe('CallSeats.serialize', () => {
  it('runs calls for one key one at a time, in arrival order', async () => {
    const seats = new CallSeats();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = seats.serialize('room', async () => {
      log.push('first starts');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('first ends');
      return 1;
    });
    const second = seats.serialize('room', async () => {
      log.push('second starts');
      return 2;
    });
    await Promise.resolve();
    expect(seats.queued('room')).toBe(2);
    // The second has not started while the first holds the room.
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['first starts']);
    releaseFirst();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
    expect(seats.queued('room')).toBe(0);
  });

  it('does not hold other keys up', async () => {
    const seats = new CallSeats();
    let release!: () => void;
    const held = seats.serialize('a', () => new Promise<void>((resolve) => (release = resolve)));
    expect(await seats.serialize('b', async () => 'b ran')).toBe('b ran');
    release();
    await held;
  });

  it('goes on after a call that failed, and hands the failure to its caller only', async () => {
    const seats = new CallSeats();
    const failed = seats.serialize('room', async () => {
      throw new Error('LiveKit said no');
    });
    const next = seats.serialize('room', async () => 'next ran');
    await expect(failed).rejects.toThrow('LiveKit said no');
    expect(await next).toBe('next ran');
  });
});

describe('CallSeats seats', () => {
  it('counts everyone listed plus seats given out that are not listed yet', () => {
    const seats = new CallSeats(120);
    seats.grant('r', 'p_new', T);
    expect(seats.occupied('r', ['p_a', 'p_b'], T)).toBe(3);
    expect(seats.occupied('other', [], T)).toBe(0);
  });

  it('stops counting a given seat once LiveKit lists its holder (no double count)', () => {
    const seats = new CallSeats(120);
    seats.grant('r', 'p_new', T);
    expect(seats.occupied('r', ['p_new'], T + 1)).toBe(1);
    // Listed once: if they leave, the seat is free at once, not held until the token expires.
    expect(seats.occupied('r', [], T + 2)).toBe(0);
  });

  it('frees a seat whose join token has expired unused', () => {
    const seats = new CallSeats(120);
    seats.grant('r', 'p_new', T);
    expect(seats.occupied('r', [], T + 119)).toBe(1);
    expect(seats.occupied('r', [], T + 120)).toBe(0);
  });

  it('release and forgetRoom free seats at once', () => {
    const seats = new CallSeats(120);
    seats.grant('r', 'p_1', T);
    seats.grant('r', 'p_2', T);
    seats.release('r', 'p_1');
    expect(seats.occupied('r', [], T)).toBe(1);
    seats.forgetRoom('r');
    expect(seats.occupied('r', [], T)).toBe(0);
  });

  it('stays bounded: expired seats of rooms nobody joins again are dropped', () => {
    const seats = new CallSeats(120);
    for (let i = 0; i < 1000; i++) seats.grant(`room-${i}`, 'p', T);
    expect(seats.pendingCount()).toBe(1000);
    seats.grant('late', 'p', T + 120);
    expect(seats.pendingCount()).toBe(1);
  });
});

describe('callSeats and the LiveKit cap', () => {
  it('gives one CallSeats per app context', () => {
    const a = {};
    expect(callSeats(a)).toBe(callSeats(a));
    expect(callSeats(a)).not.toBe(callSeats({}));
  });

  it('gives LiveKit the room setting plus the owners headroom', () => {
    expect(OWNER_HEADROOM).toBeGreaterThan(0);
    expect(livekitRoomCap(3)).toBe(3 + OWNER_HEADROOM);
    expect(livekitRoomCap(200)).toBe(200 + OWNER_HEADROOM);
  });
});
