import { describe, expect, it } from 'vitest';
import { afterFailure, type AfterFailure } from './retry-policy.ts';

const timing = { baseDelayMs: 1000, maxDelayMs: 60_000 };
const retry = (delayMs: number): AfterFailure => ({ kind: 'retry', delayMs });
const fail: AfterFailure = { kind: 'fail' };

describe('afterFailure: what a delivery does after a failed attempt', () => {
  it.each([
    // retry type, failures in a row (counting this one), then
    ['circuit-breaker', 1, retry(1000)],
    ['circuit-breaker', 2, retry(2000)],
    ['circuit-breaker', 3, fail],
    ['circuit-breaker', 4, fail],
    ['exponential', 1, retry(1000)],
    ['exponential', 2, retry(2000)],
    ['exponential', 3, retry(4000)],
    ['exponential', 6, retry(32_000)],
    ['exponential', 7, retry(60_000)], // 64 s, capped
    ['exponential', 9, retry(60_000)],
    ['exponential', 10, fail],
    ['exponential', 11, fail],
  ] as const)('%s, %i failed in a row → %j', (type, failed, expected) => {
    expect(afterFailure(type, failed, timing)).toEqual(expected);
  });

  it('a circuit-breaker webhook gives up after far fewer failures than an exponential one', () => {
    const attemptsUntilFail = (type: 'circuit-breaker' | 'exponential') => {
      let n = 1;
      while (afterFailure(type, n, timing).kind === 'retry') n++;
      return n;
    };
    expect(attemptsUntilFail('circuit-breaker')).toBe(3);
    expect(attemptsUntilFail('exponential')).toBe(10);
  });
});
