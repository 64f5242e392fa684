import { describe, expect, it } from 'vitest';
import { newWebhookSecret, signWebhook, verifyWebhookSignature } from './signature.ts';

// A fixed vector, computed independently with:
//   printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac 'secret-key-for-tests' -binary | base64
const SECRET = 'c2VjcmV0LWtleS1mb3ItdGVzdHM='; // base64 of "secret-key-for-tests"
const BODY = '{"version":"1.0.0","type":"waiting-participant.joined"}';
const SIGNATURE = 'iMAUtgjrJUocsVWtn+rdy/+4xII7uSxC++1JFp440vU=';

describe('webhook signatures (Daily: base64 HMAC-SHA256 of "<timestamp>.<body>", keyed with the decoded secret)', () => {
  it('matches the fixed vector', () => {
    expect(signWebhook(SECRET, 1700000000, BODY)).toBe(SIGNATURE);
    expect(signWebhook(SECRET, '1700000000', BODY)).toBe(SIGNATURE);
  });

  it('keys with the decoded secret, not its base64 text', () => {
    expect(signWebhook(Buffer.from(SECRET).toString('base64'), 1700000000, BODY)).not.toBe(SIGNATURE);
  });

  it('verifies a good delivery and refuses a changed body, timestamp, signature or secret', () => {
    const ok = { timestamp: '1700000000', signature: SIGNATURE };
    expect(verifyWebhookSignature(SECRET, ok, BODY)).toBe(true);
    expect(verifyWebhookSignature(SECRET, ok, `${BODY} `)).toBe(false);
    expect(verifyWebhookSignature(SECRET, { ...ok, timestamp: '1700000001' }, BODY)).toBe(false);
    expect(verifyWebhookSignature(SECRET, { ...ok, signature: SIGNATURE.replace('i', 'j') }, BODY)).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), ok, BODY)).toBe(false);
    expect(verifyWebhookSignature(SECRET, { timestamp: undefined, signature: SIGNATURE }, BODY)).toBe(false);
    expect(verifyWebhookSignature(SECRET, { timestamp: '1700000000', signature: undefined }, BODY)).toBe(false);
  });

  it('refuses an old timestamp when the receiver bounds its age (replays)', () => {
    const ok = { timestamp: '1700000000', signature: SIGNATURE };
    expect(verifyWebhookSignature(SECRET, ok, BODY, { now: 1700000000 + 299, maxAgeSeconds: 300 })).toBe(true);
    expect(verifyWebhookSignature(SECRET, ok, BODY, { now: 1700000000 + 301, maxAgeSeconds: 300 })).toBe(false);
  });

  it('generates 32-byte base64 secrets, different each time', () => {
    const a = newWebhookSecret();
    expect(Buffer.from(a, 'base64')).toHaveLength(32);
    expect(a).not.toBe(newWebhookSecret());
  });
});
