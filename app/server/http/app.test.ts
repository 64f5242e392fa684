import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { TEST_API_KEY, TEST_DOMAIN_ID, makeTestApp, rawPost, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

describe('API key auth', () => {
  it('refuses a missing Authorization header with 400 authorization-header-error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/rooms' });
    expectError(res, 400, 'authorization-header-error');
  });

  it.each(['Basic x', 'Basic dGVzdC1rZXk6', 'Bearer', 'Bearer ', 'test-key', 'Bearer a b', 'Token test-key'])(
    'refuses the header %j with 400 authorization-header-error',
    async (authorization) => {
      const res = await t.app.inject({ method: 'GET', url: '/v1/rooms', headers: { authorization } });
      expectError(res, 400, 'authorization-header-error');
    },
  );

  it('refuses a wrong key with 401 authentication-error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/rooms', headers: { authorization: 'Bearer wrong-key' } });
    expectError(res, 401, 'authentication-error');
  });

  it('refuses a key that is a prefix or extension of the right one', async () => {
    for (const key of [TEST_API_KEY.slice(0, -1), `${TEST_API_KEY}x`, TEST_API_KEY.toUpperCase()]) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/', headers: { authorization: `Bearer ${key}` } });
      expectError(res, 401, 'authentication-error');
    }
  });

  it('accepts a lower-case bearer scheme', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/', headers: { authorization: `bearer ${TEST_API_KEY}` } });
    expectOk(res);
  });

  it('checks the key before anything else: no room is created without it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/rooms', payload: { name: 'sneaky' }, headers: { authorization: 'Bearer nope' } });
    expectError(res, 401, 'authentication-error');
    expect(t.store.getRoom('sneaky')).toBeNull();
  });

  it('guards every /v1 endpoint', async () => {
    const calls = [
      ['GET', '/v1/'],
      ['GET', '/v1/rooms'],
      ['POST', '/v1/rooms'],
      ['GET', '/v1/rooms/abc'],
      ['POST', '/v1/rooms/abc'],
      ['DELETE', '/v1/rooms/abc'],
      ['POST', '/v1/meeting-tokens'],
      ['GET', '/v1/meeting-tokens/abc'],
    ] as const;
    for (const [method, url] of calls) {
      expectError(await t.app.inject({ method, url }), 400, 'authorization-header-error');
    }
  });

  it('does not need the API key for the client API', async () => {
    expectOk(await t.client('/api/rooms/abc/preauth', {}));
  });
});

describe('GET /v1/', () => {
  it("returns the deployment's config", async () => {
    expect(expectOk(await t.api('GET', '/v1/'))).toEqual({ domain_name: '127.0.0.1', domain_id: TEST_DOMAIN_ID, config: {} });
  });

  it('answers without the trailing slash too', async () => {
    expect(expectOk(await t.api('GET', '/v1')).domain_id).toBe(TEST_DOMAIN_ID);
  });
});

describe('errors in general', () => {
  it('answers a badly encoded URL in Daily\'s error shape', async () => {
    expectError(await t.api('GET', '/v1/rooms/%E0%A4%A'), 400, 'invalid-request-error');
    expectError(await t.client('/api/rooms/%E0%A4%A/preauth', {}), 400, 'invalid-request-error');
  });

  it('answers an unknown endpoint with 404 not-found', async () => {
    const body = expectError(await t.api('GET', '/v1/nothing-here'), 404, 'not-found');
    expect(body.info).toContain('/v1/nothing-here');
  });

  it('does not echo the query string of an unknown endpoint (it may carry a token)', async () => {
    const body = expectError(await t.api('GET', '/v1/nothing?t=secret'), 404, 'not-found');
    expect(body.info).not.toContain('secret');
  });

  it('answers bad JSON with 400 json-parsing-error', async () => {
    expectError(await rawPost(t, '/v1/rooms', '{"name": '), 400, 'json-parsing-error');
    expectError(await rawPost(t, '/v1/meeting-tokens', '{properties:{}}'), 400, 'json-parsing-error');
  });

  it('answers an empty JSON body with 400 json-parsing-error', async () => {
    expectError(await rawPost(t, '/v1/rooms', ''), 400, 'json-parsing-error');
  });

  it('refuses a body that is too large with a 4xx, not a 500', async () => {
    const res = await t.api('POST', '/v1/rooms', { name: 'x'.repeat(300 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('invalid-request-error');
  });

  it('refuses an unsupported content type with 400/415, never 500', async () => {
    const res = await rawPost(t, '/v1/rooms', '<room/>', 'application/xml');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error).toBe('invalid-request-error');
  });

  it('rate-limits /v1 at about 100 requests per 5 seconds with 429 rate-limit-error', async () => {
    for (let i = 0; i < 100; i++) expectOk(await t.api('GET', '/v1/'));
    expectError(await t.api('GET', '/v1/'), 429, 'rate-limit-error');
  });

  it('sends no-referrer on responses', async () => {
    const res = await t.api('GET', '/v1/');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});
