import type { FastifyRequest, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, TEST_API_KEY, type TestApp } from '../testing/test-app.ts';
import { apiKeyBucket } from './api-key-auth.ts';
import { openApiDocument } from './openapi.ts';

/** A `/v1` request with `key` from `remoteAddress` (another client, as far as the server can tell). */
const fromClient = (t: TestApp, remoteAddress: string, key = TEST_API_KEY, url = '/v1/') =>
  t.app.inject({ method: 'GET', url, remoteAddress, headers: { authorization: `Bearer ${key}` } });

/** The Retry-After of a response, as whole seconds (fails on anything else). */
function retryAfter(res: LightMyRequestResponse): number {
  const raw = res.headers['retry-after'];
  expect(raw, 'a 429 says when to retry').toMatch(/^[1-9][0-9]*$/);
  return Number(raw);
}

describe('the /v1 request budget', () => {
  it('is Daily\'s 100 requests per 5 s by default: the 101st answers 429 rate-limit-error', async () => {
    const t = await makeTestApp();
    try {
      for (let i = 0; i < 100; i++) expectOk(await t.api('GET', '/v1/'));
      expectError(await t.api('GET', '/v1/'), 429, 'rate-limit-error');
    } finally {
      await t.close();
    }
  });

  it('follows FOYER_API_REQUESTS_PER_5S, and a refused request changes nothing', async () => {
    const t = await makeTestApp({ env: { FOYER_API_REQUESTS_PER_5S: '3' } });
    try {
      for (let i = 0; i < 3; i++) expectOk(await t.api('GET', '/v1/rooms'));
      expectError(await t.api('POST', '/v1/rooms', { name: 'over-budget' }), 429, 'rate-limit-error');
      expect(await t.store.getRoom('over-budget')).toBeNull();
    } finally {
      await t.close();
    }
  });
});

describe('the /v1 budget is per API key, and every 429 says when to retry', () => {
  it('answers {error: rate-limit-error, info} with Retry-After in whole seconds within the 5 s window', async () => {
    const t = await makeTestApp({ env: { FOYER_API_REQUESTS_PER_5S: '2' } });
    try {
      for (let i = 0; i < 2; i++) expectOk(await t.api('GET', '/v1/'));
      const res = await t.api('GET', '/v1/rooms');
      const body = expectError(res, 429, 'rate-limit-error');
      expect(Object.keys(body).sort()).toEqual(['error', 'info']);
      expect(body.info).toMatch(/API key.*retry in [1-5] s/);
      expect(retryAfter(res)).toBeLessThanOrEqual(5);
    } finally {
      await t.close();
    }
  });

  it('limits the key, not the address: another client with the same key is refused too', async () => {
    const t = await makeTestApp({ env: { FOYER_API_REQUESTS_PER_5S: '3' } });
    try {
      for (let i = 0; i < 3; i++) expectOk(await fromClient(t, `203.0.113.${i + 1}`));
      const other = await fromClient(t, '198.51.100.9');
      expectError(other, 429, 'rate-limit-error');
      retryAfter(other);
    } finally {
      await t.close();
    }
  });

  it('keys its bucket on a hash of the API key, never the key itself', () => {
    const bucket = apiKeyBucket({ headers: { authorization: `Bearer ${TEST_API_KEY}` } } as FastifyRequest);
    expect(bucket).not.toContain(TEST_API_KEY);
    expect(bucket).not.toContain(TEST_API_KEY.slice(0, 12));
    // One key, one bucket, wherever the header's spacing puts it; another key, another bucket.
    expect(apiKeyBucket({ headers: { authorization: `bearer   ${TEST_API_KEY} ` } } as FastifyRequest)).toBe(bucket);
    expect(apiKeyBucket({ headers: { authorization: 'Bearer another-key' } } as FastifyRequest)).not.toBe(bucket);
  });

  it('sends Retry-After with the wrong-key throttle\'s 429 too, counting down on the app\'s clock', async () => {
    const t = await makeTestApp({ env: { FOYER_AUTH_FAILURES_PER_MINUTE: '2' } });
    try {
      for (let i = 0; i < 2; i++) expectError(await fromClient(t, '203.0.113.7', 'wrong'), 401, 'authentication-error');
      const refused = await fromClient(t, '203.0.113.7');
      expectError(refused, 429, 'rate-limit-error');
      expect(retryAfter(refused)).toBe(60);
      t.clock.now += 45;
      expect(retryAfter(await fromClient(t, '203.0.113.7'))).toBe(15);
    } finally {
      await t.close();
    }
  });

  it('is documented: every /v1 operation lists 429 with a Retry-After header (schemathesis checks responses against it)', () => {
    const doc = openApiDocument('http://127.0.0.1:3000');
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ at: `${method} ${path}`, op })));
    expect(operations.length).toBeGreaterThan(5);
    for (const { at, op } of operations) {
      const tooMany = op.responses['429'];
      expect(tooMany, at).toBeDefined();
      expect(tooMany!.headers?.['Retry-After'], at).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1 } });
    }
  });
});
