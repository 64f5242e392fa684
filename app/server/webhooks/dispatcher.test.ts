import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorEvent } from '../events/operator-events.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import type { WebhookRecord } from '../store/webhook-store.ts';
import { WebhookDispatcher, type DispatcherOptions, type WebhookEnvelope } from './dispatcher.ts';
import { verifyWebhookSignature } from './signature.ts';
import { newWebhook } from './webhooks.ts';

const NOW = 1_735_689_600;
const knock = (name: string): OperatorEvent => ({
  type: 'waiting-participant.joined',
  payload: { room: 'r', session_id: name, user_id: null, user_name: name, owner: false, joined_at: NOW, will_eject_at: null, permissions: { hasPresence: true, canSend: true, canAdmin: false } },
});
const started: OperatorEvent = { type: 'meeting.started', payload: { room: 'r', meeting_id: 'm', start_ts: NOW } };

interface Call {
  url: string;
  init: RequestInit;
  /** Settles the attempt: a status, or a network failure. */
  answer(status: number | 'network'): void;
}

/** A fetch whose attempts stay open until the test answers them (or their signal aborts: a timeout). */
function fakeFetch() {
  const calls: Call[] = [];
  let auto: number | undefined;
  const fn = vi.fn((url: string | URL | Request, init?: RequestInit) => new Promise<Response>((resolve, reject) => {
    const signal = init!.signal!;
    const call: Call = {
      url: String(url),
      init: init!,
      answer: (status) => (status === 'network' ? reject(new TypeError('fetch failed')) : resolve(new Response('{}', { status }))),
    };
    signal.addEventListener('abort', () => reject(signal.reason));
    calls.push(call);
    if (auto !== undefined) call.answer(auto);
  }));
  return { fn: fn as unknown as typeof fetch, calls, answerAll: (status: number) => (auto = status) };
}

let store: Store;
let dispatcher: WebhookDispatcher;
const warnings: string[] = [];

function start(opts: DispatcherOptions) {
  dispatcher = new WebhookDispatcher(store.webhooks, { now: () => NOW, retry: { baseDelayMs: 5, maxDelayMs: 20 }, log: { warn: (_o, msg) => warnings.push(msg) }, ...opts });
  return dispatcher;
}

async function addWebhook(input: Partial<Parameters<typeof newWebhook>[0]> = {}): Promise<WebhookRecord> {
  const w = newWebhook({ url: 'http://127.0.0.1:9/hooks', ...input }, NOW);
  expect(await store.webhooks.add(w, 5)).toBe(true);
  return w;
}

beforeEach(() => {
  store = openSqliteStore(':memory:');
  warnings.length = 0;
});
afterEach(async () => {
  dispatcher?.close();
  await store.close();
});

describe('WebhookDispatcher', () => {
  it('posts a signed Daily envelope to each webhook that asked for the event, and to no other', async () => {
    const f = fakeFetch();
    f.answerAll(200);
    start({ fetch: f.fn });
    const all = await addWebhook();
    await addWebhook({ eventTypes: ['meeting.started'], basicAuth: 'bot:pw' });
    dispatcher.emit(knock('Gus'));
    await dispatcher.whenIdle();
    expect(f.calls).toHaveLength(1);
    const [call] = f.calls;
    const headers = call!.init.headers as Record<string, string>;
    const body = String(call!.init.body);
    const envelope = JSON.parse(body) as WebhookEnvelope;
    expect(envelope).toEqual({ version: '1.0.0', type: 'waiting-participant.joined', id: expect.any(String), payload: knock('Gus').payload, event_ts: NOW });
    expect(call!.url).toBe(all.url);
    expect(headers['content-type']).toBe('application/json');
    expect(verifyWebhookSignature(all.hmac, { timestamp: headers['X-Webhook-Timestamp'], signature: headers['X-Webhook-Signature'] }, body)).toBe(true);
    expect(headers.authorization).toBeUndefined();

    dispatcher.emit(started);
    await dispatcher.whenIdle();
    expect(f.calls).toHaveLength(3);
    const basic = f.calls.map((c) => (c.init.headers as Record<string, string>).authorization).filter(Boolean);
    expect(basic).toEqual([`Basic ${Buffer.from('bot:pw').toString('base64')}`]);
    expect(await store.webhooks.get(all.uuid)).toMatchObject({ state: 'ACTIVE', failedCount: 0, lastMomentPushed: new Date(NOW * 1000).toISOString() });
  });

  it('never blocks emit: while the receiver hangs, emit returns at once and later events wait in order', async () => {
    const f = fakeFetch();
    start({ fetch: f.fn, timeoutMs: 60_000 });
    await addWebhook();
    dispatcher.emit(knock('a'));
    dispatcher.emit(knock('b'));
    expect(f.calls).toHaveLength(0); // not even routed yet: that happens after the emitter's turn
    await vi.waitFor(() => expect(f.calls).toHaveLength(1));
    // The receiver still has not answered (it would for a minute); emitting more returns at once.
    const before = performance.now();
    for (let i = 0; i < 20; i++) expect(dispatcher.emit(knock(`c${i}`))).toBeUndefined();
    expect(performance.now() - before).toBeLessThan(1000);
    expect(f.calls).toHaveLength(1);
    f.answerAll(200);
    f.calls[0]!.answer(200);
    await dispatcher.whenIdle();
    const names = f.calls.map((c) => (JSON.parse(String(c.init.body)) as WebhookEnvelope).payload).map((p) => (p as { user_name: string }).user_name);
    expect(names.slice(0, 3)).toEqual(['a', 'b', 'c0']);
    expect(names).toHaveLength(22);
  });

  it('an attempt that gets no answer in time fails; circuit-breaker marks the webhook FAILED after 3 and stops', async () => {
    const f = fakeFetch();
    start({ fetch: f.fn, timeoutMs: 20 });
    const w = await addWebhook();
    dispatcher.emit(knock('a'));
    dispatcher.emit(knock('b'));
    await dispatcher.whenIdle();
    expect(f.calls).toHaveLength(3); // the same event, tried 3 times; the one behind it dropped
    expect(await store.webhooks.get(w.uuid)).toMatchObject({ state: 'FAILED', failedCount: 3, lastMomentPushed: null });
    expect(warnings.some((m) => m.includes('FAILED'))).toBe(true);
    // Nothing more is sent to a FAILED webhook.
    dispatcher.emit(knock('c'));
    await dispatcher.whenIdle();
    expect(f.calls).toHaveLength(3);
  });

  it('exponential retries with growing delays up to 10 attempts, then FAILED (500s and network errors alike)', async () => {
    const f = fakeFetch();
    const times: number[] = [];
    const fetchNoted = ((url: string, init: RequestInit) => {
      times.push(performance.now());
      const p = f.fn(url, init);
      const call = f.calls.at(-1)!;
      call.answer(times.length % 2 ? 500 : 'network');
      return p;
    }) as unknown as typeof fetch;
    start({ fetch: fetchNoted, retry: { baseDelayMs: 2, maxDelayMs: 40 } });
    const w = await addWebhook({ retryType: 'exponential' });
    dispatcher.emit(knock('a'));
    await dispatcher.whenIdle();
    expect(times).toHaveLength(10);
    expect(await store.webhooks.get(w.uuid)).toMatchObject({ state: 'FAILED', failedCount: 10 });
    // The waits grow: the last gap is longer than the first.
    expect(times[9]! - times[8]!).toBeGreaterThan(times[1]! - times[0]!);
  });

  it('a success after failures resets the count: a flaky receiver is not marked FAILED', async () => {
    const f = fakeFetch();
    let n = 0;
    const flaky = ((url: string, init: RequestInit) => {
      const p = f.fn(url, init);
      f.calls.at(-1)!.answer(++n % 3 === 0 ? 200 : 503);
      return p;
    }) as unknown as typeof fetch;
    start({ fetch: flaky });
    const w = await addWebhook();
    for (const name of ['a', 'b', 'c']) dispatcher.emit(knock(name));
    await dispatcher.whenIdle();
    expect(n).toBe(9); // each event: fail, fail, succeed
    expect(await store.webhooks.get(w.uuid)).toMatchObject({ state: 'ACTIVE', failedCount: 0 });
  });

  it('bounds each webhook\'s queue: past it the oldest waiting event is dropped, with a log line', async () => {
    const f = fakeFetch();
    start({ fetch: f.fn, maxQueue: 3, timeoutMs: 60_000 });
    await addWebhook();
    dispatcher.emit(knock('first'));
    await vi.waitFor(() => expect(f.calls).toHaveLength(1));
    for (const name of ['b', 'c', 'd', 'e']) dispatcher.emit(knock(name));
    await vi.waitFor(() => expect(warnings.filter((m) => m.includes('dropped the oldest'))).toHaveLength(2));
    f.answerAll(200);
    f.calls[0]!.answer(200);
    await dispatcher.whenIdle();
    const names = f.calls.map((c) => ((JSON.parse(String(c.init.body)) as WebhookEnvelope).payload as { user_name: string }).user_name);
    expect(names).toEqual(['first', 'd', 'e']);
  });

  it('a deleted webhook gets nothing more, even mid-retry', async () => {
    const f = fakeFetch();
    f.answerAll(500);
    start({ fetch: f.fn, retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const w = await addWebhook({ retryType: 'exponential' });
    dispatcher.emit(knock('a'));
    await vi.waitFor(() => expect(f.calls).toHaveLength(1));
    await store.webhooks.remove(w.uuid);
    dispatcher.forget(w.uuid);
    await dispatcher.whenIdle();
    expect(f.calls).toHaveLength(1);
  });
});
