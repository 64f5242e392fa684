import { describe, expect, it } from 'vitest';
import { KnockRateLimiter } from './knock-rate-limit.ts';

const T = 1_735_689_600;

describe('KnockRateLimiter', () => {
  it('allows up to max knocks in the window and refuses the next', () => {
    const limiter = new KnockRateLimiter(3, 60);
    expect([T, T + 1, T + 2].map((now) => limiter.allow('1.2.3.4', now))).toEqual([true, true, true]);
    expect(limiter.allow('1.2.3.4', T + 3)).toBe(false);
    expect(limiter.allow('1.2.3.4', T + 59)).toBe(false);
  });

  it('keeps clients independent', () => {
    const limiter = new KnockRateLimiter(2, 60);
    expect(limiter.allow('a', T)).toBe(true);
    expect(limiter.allow('a', T)).toBe(true);
    expect(limiter.allow('a', T)).toBe(false);
    expect(limiter.allow('b', T)).toBe(true);
    expect(limiter.allow('b', T)).toBe(true);
    expect(limiter.allow('b', T)).toBe(false);
    expect(limiter.allow('c', T)).toBe(true);
  });

  it('slides: a knock is allowed again as soon as the oldest one leaves the window', () => {
    const limiter = new KnockRateLimiter(2, 60);
    expect(limiter.allow('a', T)).toBe(true);
    expect(limiter.allow('a', T + 30)).toBe(true);
    expect(limiter.allow('a', T + 59)).toBe(false);
    // The knock at T is now exactly one window old: out.
    expect(limiter.allow('a', T + 60)).toBe(true);
    // The knocks at T + 30 and T + 60 are both in the window.
    expect(limiter.allow('a', T + 61)).toBe(false);
    expect(limiter.allow('a', T + 90)).toBe(true);
  });

  it('does not count refused knocks against the client', () => {
    const limiter = new KnockRateLimiter(1, 10);
    expect(limiter.allow('a', T)).toBe(true);
    for (let i = 1; i < 10; i++) expect(limiter.allow('a', T + i)).toBe(false);
    // Only the allowed knock at T counted, so at T + 10 the window is clear.
    expect(limiter.allow('a', T + 10)).toBe(true);
  });

  it('refuses everything with max 0', () => {
    const limiter = new KnockRateLimiter(0, 60);
    expect(limiter.allow('a', T)).toBe(false);
  });

  // What prune forgets (memory) is not visible through the limiter; what it must keep is: a prune
  // never lets a client that is still over its budget knock again, nor takes budget from one that is not.
  it('prune keeps clients with knocks in the window limited, and idle ones get their full budget', () => {
    const limiter = new KnockRateLimiter(2, 60);
    limiter.allow('idle', T);
    limiter.allow('idle', T);
    limiter.allow('busy', T + 30);
    limiter.allow('busy', T + 30);
    limiter.prune(T + 60);
    expect(limiter.allow('busy', T + 61)).toBe(false);
    expect([limiter.allow('idle', T + 61), limiter.allow('idle', T + 61), limiter.allow('idle', T + 61)]).toEqual([true, true, false]);
    limiter.prune(T + 1000);
    expect([limiter.allow('busy', T + 1000), limiter.allow('busy', T + 1000), limiter.allow('busy', T + 1000)]).toEqual([true, true, false]);
  });

  it('prune before the window ends keeps the client limited', () => {
    const limiter = new KnockRateLimiter(1, 60);
    limiter.allow('a', T);
    limiter.prune(T + 59);
    expect(limiter.allow('a', T + 59)).toBe(false);
  });

  it('a client with some knocks left keeps exactly what is left through a prune', () => {
    const limiter = new KnockRateLimiter(3, 60);
    limiter.allow('a', T);
    limiter.prune(T + 10);
    expect([limiter.allow('a', T + 10), limiter.allow('a', T + 10), limiter.allow('a', T + 10)]).toEqual([true, true, false]);
  });
});
