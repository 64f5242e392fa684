/**
 * The receiver-side verification snippet the README gives operators, run as written against Foyer's
 * signer: if the docs and the server drift apart, this fails.
 */
import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook } from './signature.ts';

// --- README snippet (keep identical) ---
import { createHmac, timingSafeEqual } from 'node:crypto';

function verifyFoyerWebhook(secret: string, timestamp: string, signature: string, rawBody: string): boolean {
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // refuse replays
  const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${rawBody}`).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
// --- end of snippet ---

describe('the README\'s verification snippet', () => {
  it('accepts what Foyer signs and refuses a changed body, another secret, or an old timestamp', () => {
    const secret = newWebhookSecret();
    const body = JSON.stringify({ version: '1.0.0', type: 'waiting-participant.joined', id: 'x', payload: {}, event_ts: 1 });
    const now = String(Math.floor(Date.now() / 1000));
    const signature = signWebhook(secret, now, body);
    expect(verifyFoyerWebhook(secret, now, signature, body)).toBe(true);
    expect(verifyFoyerWebhook(secret, now, signature, body.replace('joined', 'left'))).toBe(false);
    expect(verifyFoyerWebhook(newWebhookSecret(), now, signature, body)).toBe(false);
    const old = String(Number(now) - 301);
    expect(verifyFoyerWebhook(secret, old, signWebhook(secret, old, body), body)).toBe(false);
  });
});
