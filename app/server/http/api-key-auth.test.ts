import { describe, expect, it } from 'vitest';
import { AuthFailureThrottle } from './api-key-auth.ts';

const T0 = 1_735_689_600;

describe('AuthFailureThrottle', () => {
  it('lets a client in until it has failed the maximum within the window', () => {
    const throttle = new AuthFailureThrottle(3, 60);
    for (let i = 0; i < 3; i++) {
      expect(throttle.retryAfter('a', T0)).toBe(0);
      throttle.recordFailure('a', T0);
    }
    expect(throttle.retryAfter('a', T0)).toBe(60);
    expect(throttle.retryAfter('b', T0)).toBe(0);
  });

  it('says when the client may try again, as the window slides', () => {
    const throttle = new AuthFailureThrottle(2, 60);
    throttle.recordFailure('a', T0);
    throttle.recordFailure('a', T0 + 30);
    expect(throttle.retryAfter('a', T0 + 30)).toBe(30);
    expect(throttle.retryAfter('a', T0 + 59.5)).toBe(1);
    expect(throttle.retryAfter('a', T0 + 60)).toBe(0);
  });

  it('keeps at most the last maxFailures times per client', () => {
    const throttle = new AuthFailureThrottle(2, 60);
    for (let i = 0; i < 1000; i++) throttle.recordFailure('a', T0 + i / 1000);
    // Only the last two count: they free the client a minute after the older of them.
    expect(throttle.retryAfter('a', T0 + 60.9975)).toBe(1);
    expect(throttle.retryAfter('a', T0 + 60.999)).toBe(0);
  });

  it('bounds memory: forgets the quietest client past the cap, and clients whose failures are a window old', () => {
    const throttle = new AuthFailureThrottle(1, 60, 100);
    for (let i = 0; i < 1000; i++) throttle.recordFailure(`client-${i}`, T0);
    expect(throttle.trackedClients).toBe(100);
    expect(throttle.retryAfter('client-999', T0)).toBe(60);
    expect(throttle.retryAfter('client-0', T0)).toBe(0);
    expect(throttle.retryAfter('client-999', T0 + 60)).toBe(0);
    expect(throttle.trackedClients).toBe(99);
  });
});
