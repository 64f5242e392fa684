import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_SPREAD_MS, QUICK_FAILURE_MS, foyerReconnectPolicy } from './reconnect-policy.ts';

const fallback = { nextRetryDelayInMs: (c: { retryCount: number }) => 1000 + c.retryCount };
const policy = () => foyerReconnectPolicy(fallback, () => 0.5);

describe('foyerReconnectPolicy', () => {
  it('retries the first time almost at once (a small spread, not livekit-client\'s 500 ms)', () => {
    expect(policy().nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 })).toBe(FIRST_RETRY_SPREAD_MS / 2);
  });

  it('gives up when that retry was refused at once: the node is gone, Foyer rejoins through the control plane', () => {
    expect(policy().nextRetryDelayInMs({ retryCount: 1, elapsedMs: 40 })).toBeNull();
    expect(policy().nextRetryDelayInMs({ retryCount: 1, elapsedMs: QUICK_FAILURE_MS - 1 })).toBeNull();
  });

  it('says it gave up the moment it does, once', () => {
    const given: number[] = [];
    const p = policy();
    p.onGiveUp = () => given.push(1);
    p.nextRetryDelayInMs({ retryCount: 0, elapsedMs: 0 });
    expect(given).toEqual([]);
    p.nextRetryDelayInMs({ retryCount: 1, elapsedMs: 40 });
    expect(given).toEqual([1]);
  });

  it('keeps livekit-client\'s schedule for a slow node (the retry took its time)', () => {
    expect(policy().nextRetryDelayInMs({ retryCount: 1, elapsedMs: QUICK_FAILURE_MS })).toBe(1001);
    expect(policy().nextRetryDelayInMs({ retryCount: 4, elapsedMs: 20_000 })).toBe(1004);
  });
});
