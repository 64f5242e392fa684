/**
 * Webhook signatures, as Daily signs them: `X-Webhook-Signature` is the base64 HMAC-SHA256, keyed with
 * the base64-decoded `hmac` secret, of `${X-Webhook-Timestamp}.${raw body}`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Webhook-Timestamp';
export const SIGNATURE_HEADER = 'X-Webhook-Signature';

/** A new secret: 32 random bytes, base64 (what `hmac` holds when the operator gives none). */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64');

/** The signature of one delivery (`timestamp` as sent in the header: unix seconds). */
export function signWebhook(secret: string, timestamp: string | number, body: string): string {
  return createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${body}`).digest('base64');
}

/**
 * What a receiver does: recompute and compare in constant time. `maxAgeSeconds` refuses old
 * timestamps (replays); `now` in unix seconds.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  opts: { now?: number; maxAgeSeconds?: number } = {},
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^[0-9]{1,12}$/.test(timestamp)) return false;
  if (opts.maxAgeSeconds !== undefined && Math.abs((opts.now ?? Date.now() / 1000) - Number(timestamp)) > opts.maxAgeSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
