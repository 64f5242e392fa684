/**
 * What a delivery does after a failed attempt, as a pure function of the webhook's retry type and how
 * many attempts in a row have failed. Daily's two types:
 * - `circuit-breaker` (the default): retry soon; after 3 failures in a row the webhook is FAILED.
 * - `exponential`: retry with doubling delays; after 10 failures in a row the webhook is FAILED.
 * A FAILED webhook gets nothing more until the operator updates it, so a dead receiver is never retried forever.
 */
import type { WebhookRetryType } from '../store/webhook-store.ts';

export type AfterFailure = { kind: 'retry'; delayMs: number } | { kind: 'fail' };

export interface RetryTiming {
  /** The first retry's delay; later ones grow from it. */
  baseDelayMs: number;
  /** No delay exceeds this. */
  maxDelayMs: number;
}

/** Failures in a row after which a webhook is FAILED. */
export const FAILURES_BEFORE_FAILED: Record<WebhookRetryType, number> = { 'circuit-breaker': 3, exponential: 10 };

export const DEFAULT_RETRY_TIMING: RetryTiming = { baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };

/**
 * `failedInARow`: consecutive failed attempts, counting the one that just failed (1 or more).
 * circuit-breaker waits base, 2×base; exponential waits base, 2×base, 4×base, … (capped).
 */
export function afterFailure(retryType: WebhookRetryType, failedInARow: number, timing: RetryTiming = DEFAULT_RETRY_TIMING): AfterFailure {
  if (failedInARow >= FAILURES_BEFORE_FAILED[retryType]) return { kind: 'fail' };
  const step = Math.max(0, failedInARow - 1);
  return { kind: 'retry', delayMs: Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** step) };
}
