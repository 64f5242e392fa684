/**
 * Delivers operator events to the webhooks that asked for them, in the background. `emit` only queues
 * (a knock or a join never waits on a receiver); each webhook has its own bounded queue, delivered in
 * order, one attempt at a time, each attempt signed and limited to a few seconds. Failures are retried
 * as the webhook's retry policy says, and a receiver that keeps failing is marked FAILED and gets
 * nothing more until the operator updates the webhook. Queues live in memory: a restart drops what
 * was not delivered yet.
 */
import { randomUUID } from 'node:crypto';
import type { OperatorEvent } from '../events/operator-events.ts';
import type { WebhookRecord, WebhookStore } from '../store/webhook-store.ts';
import { afterFailure, DEFAULT_RETRY_TIMING, type RetryTiming } from './retry-policy.ts';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature.ts';

/** Daily's envelope version for every event. */
export const EVENT_VERSION = '1.0.0';

/** Daily's webhook body: `{version, type, id, payload, event_ts}` (`event_ts`: unix seconds). */
export interface WebhookEnvelope {
  version: string;
  type: OperatorEvent['type'];
  id: string;
  payload: OperatorEvent['payload'];
  event_ts: number;
}

export interface DispatcherLog {
  warn(obj: object, msg: string): void;
}

export interface DispatcherOptions {
  fetch?: typeof fetch;
  /** Unix seconds (fractional). */
  now?: () => number;
  /** Per attempt: a receiver that has not answered by then has failed this attempt. */
  timeoutMs?: number;
  retry?: RetryTiming;
  /** Events waiting per webhook; past it the oldest not being sent is dropped. */
  maxQueue?: number;
  /** Events emitted but not yet routed to webhooks (drained on the next turn of the event loop). */
  maxPending?: number;
  log?: DispatcherLog;
}

interface Delivery {
  id: string;
  type: string;
  body: string;
}

interface Queue {
  items: Delivery[];
  running: boolean;
  wake?: () => void;
  timer?: NodeJS.Timeout;
}

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_QUEUE = 100;

/** Where a delivery goes, for logs: the host only (a URL's path or query may hold a receiver's own secret). */
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
};

export class WebhookDispatcher {
  private readonly fetch: typeof fetch;
  private readonly now: () => number;
  private readonly timeoutMs: number;
  private readonly retry: RetryTiming;
  private readonly maxQueue: number;
  private readonly maxPending: number;
  private readonly log: DispatcherLog;
  private readonly queues = new Map<string, Queue>();
  private pending: OperatorEvent[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly closing = new AbortController();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly store: WebhookStore, opts: DispatcherOptions = {}) {
    this.fetch = opts.fetch ?? globalThis.fetch;
    this.now = opts.now ?? (() => Date.now() / 1000);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = opts.retry ?? DEFAULT_RETRY_TIMING;
    this.maxQueue = opts.maxQueue ?? DEFAULT_MAX_QUEUE;
    this.maxPending = opts.maxPending ?? 1000;
    this.log = opts.log ?? { warn: () => {} };
  }

  /** Queues an event for every webhook that wants it; returns at once. */
  emit(event: OperatorEvent): void {
    if (this.closed) return;
    this.pending.push(event);
    if (this.pending.length > this.maxPending) {
      const dropped = this.pending.shift()!;
      this.log.warn({ event: dropped.type }, 'operator webhooks: too many events at once; dropped the oldest');
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // Routing reads the store: done after the emitter's turn, never inside it.
      setImmediate(() => { void this.flush(); }); // flush logs its own failures
    }
  }

  /** A webhook was deleted or changed: what was queued for it is dropped (deleted) or kept (changed). */
  forget(uuid: string): void {
    const queue = this.queues.get(uuid);
    if (!queue) return;
    queue.items = [];
    queue.wake?.();
  }

  /** Resolves once nothing is queued, pending or being sent (for tests and a clean shutdown). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.pending = [];
    this.closing.abort();
    for (const queue of this.queues.values()) {
      queue.items = [];
      clearTimeout(queue.timer);
      queue.wake?.();
    }
    this.notifyIfIdle();
  }

  private isIdle(): boolean {
    if (this.pending.length > 0 || this.flushScheduled) return false;
    for (const q of this.queues.values()) if (q.running || q.items.length > 0) return false;
    return true;
  }

  private notifyIfIdle() {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async flush(): Promise<void> {
    this.flushScheduled = false;
    const events = this.pending;
    this.pending = [];
    if (this.closed || events.length === 0) return this.notifyIfIdle();
    let webhooks: WebhookRecord[];
    try {
      webhooks = (await this.store.list()).filter((w) => w.state === 'ACTIVE');
    } catch (err) {
      this.log.warn({ err }, 'operator webhooks: could not read the webhooks; events dropped');
      return this.notifyIfIdle();
    }
    for (const event of events) {
      const wanting = webhooks.filter((w) => w.eventTypes.includes(event.type));
      if (wanting.length === 0) continue;
      const envelope: WebhookEnvelope = { version: EVENT_VERSION, type: event.type, id: randomUUID(), payload: event.payload, event_ts: Math.round(this.now() * 1000) / 1000 };
      const delivery: Delivery = { id: envelope.id, type: event.type, body: JSON.stringify(envelope) };
      for (const webhook of wanting) this.enqueue(webhook.uuid, delivery);
    }
    this.notifyIfIdle();
  }

  private enqueue(uuid: string, delivery: Delivery) {
    let queue = this.queues.get(uuid);
    if (!queue) {
      queue = { items: [], running: false };
      this.queues.set(uuid, queue);
    }
    queue.items.push(delivery);
    if (queue.items.length > this.maxQueue) {
      // The head may be in flight: drop the oldest behind it.
      const [dropped] = queue.items.splice(queue.running ? 1 : 0, 1);
      this.log.warn({ webhook: uuid, event: dropped?.type }, `operator webhooks: more than ${this.maxQueue} events waiting for one receiver; dropped the oldest`);
    }
    if (!queue.running) void this.run(uuid, queue);
  }

  /** Delivers one webhook's queue in order until it is empty, the webhook is gone or FAILED, or we close. */
  private async run(uuid: string, queue: Queue): Promise<void> {
    queue.running = true;
    try {
      while (!this.closed && queue.items.length > 0) {
        const webhook = await this.store.get(uuid);
        if (!webhook || webhook.state !== 'ACTIVE') {
          queue.items = [];
          break;
        }
        const delivery = queue.items[0]!;
        const outcome = await this.attempt(webhook, delivery);
        if (this.closed) break;
        if (outcome.ok) {
          if (queue.items[0] === delivery) queue.items.shift();
          await this.store.setDeliveryStatus(uuid, { state: 'ACTIVE', failedCount: 0, lastMomentPushed: new Date(this.now() * 1000).toISOString() });
          continue;
        }
        const failedInARow = webhook.failedCount + 1;
        const next = afterFailure(webhook.retryType, failedInARow, this.retry);
        const where = { webhook: uuid, host: hostOf(webhook.url), event: delivery.type, failedInARow, why: outcome.why };
        if (next.kind === 'fail') {
          await this.store.setDeliveryStatus(uuid, { state: 'FAILED', failedCount: failedInARow, lastMomentPushed: webhook.lastMomentPushed });
          this.log.warn({ ...where, dropped: queue.items.length }, 'operator webhook FAILED: its receiver kept failing; nothing more is sent until the webhook is updated');
          queue.items = [];
          break;
        }
        await this.store.setDeliveryStatus(uuid, { state: 'ACTIVE', failedCount: failedInARow, lastMomentPushed: webhook.lastMomentPushed });
        this.log.warn({ ...where, retryInMs: next.delayMs }, 'operator webhook delivery failed; retrying');
        await this.pause(queue, next.delayMs);
      }
    } catch (err) {
      this.log.warn({ err, webhook: uuid }, 'operator webhooks: delivery stopped on an error; queued events dropped');
      queue.items = [];
    } finally {
      queue.running = false;
      if (queue.items.length === 0) this.queues.delete(uuid);
      this.notifyIfIdle();
    }
  }

  private pause(queue: Queue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(queue.timer);
        queue.timer = undefined;
        queue.wake = undefined;
        resolve();
      };
      queue.wake = done;
      queue.timer = setTimeout(done, ms);
      queue.timer.unref();
    });
  }

  /** One signed POST; success is any 2xx within the timeout. */
  private async attempt(webhook: WebhookRecord, delivery: Delivery): Promise<{ ok: true } | { ok: false; why: string }> {
    const timestamp = String(Math.floor(this.now()));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: signWebhook(webhook.hmac, timestamp, delivery.body),
    };
    if (webhook.basicAuth) headers.authorization = `Basic ${Buffer.from(webhook.basicAuth).toString('base64')}`;
    try {
      const res = await this.fetch(webhook.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        // A redirect could take the signed body somewhere the operator did not name.
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.closing.signal]),
      });
      // The answer's body is not read: free the connection.
      await res.body?.cancel().catch(() => {});
      return res.status >= 200 && res.status < 300 ? { ok: true } : { ok: false, why: `HTTP ${res.status}` };
    } catch (err) {
      const name = (err as { name?: string }).name;
      return { ok: false, why: name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : `could not reach the receiver (${name ?? 'error'})` };
    }
  }
}
