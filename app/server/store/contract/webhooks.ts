/**
 * The contract of `store.webhooks` (webhook-store.ts): operator webhooks added up to a maximum,
 * listed oldest first, replaced, removed, and their delivery bookkeeping.
 */
import { describe, expect, it } from 'vitest';
import type { WebhookRecord } from '../webhook-store.ts';
import { freshStore, T, type CloseStore, type MakeStore } from './harness.ts';

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const webhook = (uuid: string, over: Partial<WebhookRecord> = {}): WebhookRecord => ({
  uuid,
  url: `https://hooks.example/${uuid}`,
  hmac: 'c2VjcmV0',
  basicAuth: null,
  retryType: 'circuit-breaker',
  eventTypes: ['meeting.started', 'meeting.ended'],
  state: 'ACTIVE',
  failedCount: 0,
  lastMomentPushed: null,
  createdAt: iso(T),
  updatedAt: iso(T),
  ...over,
});

/** Webhooks, as `webhook-store.ts` promises them. */
export function describeWebhooksContract(makeStore: MakeStore, close?: CloseStore): void {
  describe('store contract: webhooks', () => {
    const store = freshStore(makeStore, close);
    const webhooks = () => store().webhooks;

    it('gives a webhook back whole; list is oldest first', async () => {
      const full = webhook('w1', { basicAuth: 'user:pass', retryType: 'exponential', eventTypes: [], lastMomentPushed: iso(T + 1) });
      expect(await webhooks().add(full, 5)).toBe(true);
      expect(await webhooks().add(webhook('w2'), 5)).toBe(true);
      expect(await webhooks().get('w1')).toStrictEqual(full);
      expect(await webhooks().get('nope')).toBeNull();
      expect((await webhooks().list()).map((w) => w.uuid)).toEqual(['w1', 'w2']);
    });

    it('add refuses past `max` webhooks (false, nothing stored), and takes one again after a removal', async () => {
      expect(await webhooks().add(webhook('w1'), 2)).toBe(true);
      expect(await webhooks().add(webhook('w2'), 2)).toBe(true);
      expect(await webhooks().add(webhook('w3'), 2)).toBe(false);
      expect(await webhooks().get('w3')).toBeNull();
      expect(await webhooks().remove('w1')).toBe(true);
      expect(await webhooks().add(webhook('w3'), 2)).toBe(true);
    });

    it('add: of adds made at once, no more than `max` are kept', async () => {
      const added = await Promise.all(['a', 'b', 'c', 'd'].map((uuid) => webhooks().add(webhook(uuid), 2)));
      expect(added.filter(Boolean)).toHaveLength(2);
      expect(await webhooks().list()).toHaveLength(2);
    });

    it('replace updates the record; false when it is gone', async () => {
      await webhooks().add(webhook('w1'), 5);
      const after = webhook('w1', { url: 'https://elsewhere.example/', hmac: 'bmV3', basicAuth: 'a:b', retryType: 'exponential', eventTypes: ['recording.ready-to-download'], state: 'FAILED', failedCount: 3, lastMomentPushed: iso(T + 5), updatedAt: iso(T + 60) });
      expect(await webhooks().replace(after)).toBe(true);
      expect(await webhooks().get('w1')).toStrictEqual(after);
      expect(await webhooks().replace(webhook('gone'))).toBe(false);
      expect(await webhooks().get('gone')).toBeNull();
    });

    it('remove is true once, then false', async () => {
      await webhooks().add(webhook('w1'), 5);
      expect(await webhooks().remove('w1')).toBe(true);
      expect(await webhooks().remove('w1')).toBe(false);
      expect(await webhooks().list()).toEqual([]);
    });

    it('setDeliveryStatus changes state, failure count and last success only', async () => {
      const w = webhook('w1');
      await webhooks().add(w, 5);
      await webhooks().setDeliveryStatus('w1', { state: 'FAILED', failedCount: 7, lastMomentPushed: iso(T + 9) });
      expect(await webhooks().get('w1')).toStrictEqual({ ...w, state: 'FAILED', failedCount: 7, lastMomentPushed: iso(T + 9) });
      // A delivery finishing after its webhook was removed changes nothing.
      await webhooks().setDeliveryStatus('gone', { state: 'ACTIVE', failedCount: 0, lastMomentPushed: null });
      expect(await webhooks().get('gone')).toBeNull();
    });
  });
}
