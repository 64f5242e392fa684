import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyMeetingToken } from '../tokens/meeting-token.ts';
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

  it.each(['Basic x', 'Basic dGVzdC1rZXk6', 'Bearer', 'Bearer ', TEST_API_KEY, 'Bearer a b', `Token ${TEST_API_KEY}`])(
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
    expect(await t.store.getRoom('sneaky')).toBeNull();
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

describe('empty JSON bodies on /v1 POSTs (curl sends the header with no body)', () => {
  it('creates a room with a generated 20-character name from an empty body, as Daily does', async () => {
    const room = expectOk(await rawPost(t, '/v1/rooms', ''));
    expect(room.name).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await t.store.getRoom(room.name)).not.toBeNull();
  });

  it.each([' \r\n\t ', '\r'])('refuses a whitespace-only body %j (not JSON) as json-parsing-error, creating nothing', async (payload) => {
    expectError(await rawPost(t, '/v1/rooms', payload), 400, 'json-parsing-error');
    expectError(await rawPost(t, '/v1/meeting-tokens', payload), 400, 'json-parsing-error');
    expect((await t.store.listRooms({ limit: 10, now: t.clock.now })).total_count).toBe(0);
  });

  it.each([
    '{"properties":{"sip":{"display_name":"a\\u0000b"}}}',
    '{"properties":{"sip":{"a\\u0000":1}}}',
    '{"name":"ok","properties":{"dialout_config":{"list":["\\u0000"]}}}',
  ])('refuses a NUL character anywhere in the body %s (PostgreSQL keeps none), creating nothing', async (payload) => {
    const res = await rawPost(t, '/v1/rooms', payload);
    expectError(res, 400, 'invalid-request-error');
    expect(res.json().info).toContain('NUL');
    expect((await t.store.listRooms({ limit: 10, now: t.clock.now })).total_count).toBe(0);
  });

  it('keeps a backslash-u text that is not a NUL (an escaped backslash)', async () => {
    const room = expectOk(await rawPost(t, '/v1/rooms', '{"properties":{"sip":{"display_name":"\\\\u0000"}}}'));
    expect(room.config.sip).toEqual({ display_name: '\\u0000' });
  });

  it('treats an empty body with a charset parameter as {}', async () => {
    expect(expectOk(await rawPost(t, '/v1/rooms', '', 'application/json; charset=utf-8')).name).toMatch(/^[A-Za-z0-9_-]{20}$/);
  });

  it.each(['', '{}'])('makes a meeting token valid for every room from %j, as Daily does (every property is optional)', async (payload) => {
    const { token } = expectOk(await rawPost(t, '/v1/meeting-tokens', payload));
    const check = await verifyMeetingToken(token, { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID });
    expect(check.ok && check.token.room_name).toBeUndefined();
    expect(check.ok && check.token.is_owner).not.toBe(true);
  });

  it('answers an empty body exactly as it answers {} on every /v1 POST', async () => {
    expectOk(await t.api('POST', '/v1/rooms', { name: 'standup' }));
    const shape = (res: LightMyRequestResponse) => ({ status: res.statusCode, error: res.json().error });
    // POST /v1/rooms makes a new room each time: covered above.
    for (const url of ['/v1/rooms/standup', '/v1/meeting-tokens']) {
      const fromEmpty = shape(await rawPost(t, url, ''));
      const fromObject = shape(await rawPost(t, url, '{}'));
      expect({ url, ...fromEmpty }).toEqual({ url, ...fromObject });
    }
  });

  it('still answers malformed JSON with json-parsing-error', async () => {
    expectError(await rawPost(t, '/v1/rooms', '{'), 400, 'json-parsing-error');
    expectError(await rawPost(t, '/v1/rooms', ' x '), 400, 'json-parsing-error');
  });

  it('still refuses a prototype-poisoning body', async () => {
    const res = await rawPost(t, '/v1/rooms', '{"__proto__": {"privacy": "private"}}');
    expect(res.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).privacy).toBeUndefined();
  });
});

/** A request to the client API from `remoteAddress`, with an optional X-Forwarded-For. */
function clientFrom(app: TestApp, remoteAddress: string, forwardedFor?: string) {
  return app.app.inject({
    method: 'POST',
    url: '/api/rooms/abc/preauth',
    payload: {},
    remoteAddress,
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  });
}

let spoofCount = 0;
/** A made-up address, different every call. */
const spoofed = () => `198.18.${Math.floor(++spoofCount / 250) % 250}.${(spoofCount % 250) + 1}`;

describe('the /api rate limit per client address (FOYER_CLIENT_REQUESTS_PER_10S)', () => {
  let limited: TestApp;
  afterEach(async () => {
    await limited.close();
  });

  it('refuses the request over the budget with 429 rate-limit-error', async () => {
    limited = await makeTestApp({ env: { FOYER_CLIENT_REQUESTS_PER_10S: '3' } });
    for (let i = 0; i < 3; i++) expectOk(await clientFrom(limited, '203.0.113.7'));
    expectError(await clientFrom(limited, '203.0.113.7'), 429, 'rate-limit-error');
    // Per address: someone else is not affected.
    expectOk(await clientFrom(limited, '203.0.113.8'));
  });

  it('cannot be escaped by sending made-up X-Forwarded-For values (no proxy trusted by default)', async () => {
    limited = await makeTestApp({ env: { FOYER_CLIENT_REQUESTS_PER_10S: '3' } });
    for (let i = 0; i < 3; i++) expectOk(await clientFrom(limited, '203.0.113.7', spoofed()));
    expectError(await clientFrom(limited, '203.0.113.7', spoofed()), 429, 'rate-limit-error');
    expectError(await clientFrom(limited, '203.0.113.7', `${spoofed()}, ${spoofed()}`), 429, 'rate-limit-error');
  });

  it('with FOYER_TRUST_PROXY=1, keys on the address the proxy added, not on entries the client made up', async () => {
    limited = await makeTestApp({ env: { FOYER_CLIENT_REQUESTS_PER_10S: '3', FOYER_TRUST_PROXY: '1' } });
    const proxy = '10.0.0.5';
    for (let i = 0; i < 3; i++) expectOk(await clientFrom(limited, proxy, `${spoofed()}, 203.0.113.7`));
    expectError(await clientFrom(limited, proxy, `${spoofed()}, 203.0.113.7`), 429, 'rate-limit-error');
    expectError(await clientFrom(limited, proxy, '203.0.113.7'), 429, 'rate-limit-error');
    // Another real client behind the same proxy has its own budget.
    expectOk(await clientFrom(limited, proxy, `203.0.113.7, 198.51.100.9`));
  });

  it('with a proxy address list, believes X-Forwarded-For only from that proxy', async () => {
    limited = await makeTestApp({ env: { FOYER_CLIENT_REQUESTS_PER_10S: '3', FOYER_TRUST_PROXY: '10.0.0.0/24' } });
    for (let i = 0; i < 3; i++) expectOk(await clientFrom(limited, '10.0.0.5', `${spoofed()}, 203.0.113.7`));
    expectError(await clientFrom(limited, '10.0.0.6', '203.0.113.7'), 429, 'rate-limit-error');
    // A client reaching Foyer directly cannot pick its address by header.
    for (let i = 0; i < 3; i++) expectOk(await clientFrom(limited, '192.0.2.1', spoofed()));
    expectError(await clientFrom(limited, '192.0.2.1', spoofed()), 429, 'rate-limit-error');
  });
});

describe('failed API key attempts are throttled per client address (FOYER_AUTH_FAILURES_PER_MINUTE)', () => {
  const from = (remoteAddress: string, key: string, url = '/v1/') =>
    t.app.inject({ method: 'GET', url, remoteAddress, headers: { authorization: `Bearer ${key}` } });

  it('answers 429 after 10 wrong keys in a minute, even to the right key, until the minute has passed', async () => {
    for (let i = 0; i < 10; i++) expectError(await from('203.0.113.7', `wrong-${i}`), 401, 'authentication-error');
    const body = expectError(await from('203.0.113.7', 'wrong-10'), 429, 'rate-limit-error');
    expect(body.info).toMatch(/60 s/);
    expectError(await from('203.0.113.7', TEST_API_KEY), 429, 'rate-limit-error');
    // No room is made while refused.
    const create = await t.app.inject({ method: 'POST', url: '/v1/rooms', payload: { name: 'late' }, remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expectError(create, 429, 'rate-limit-error');
    expect(await t.store.getRoom('late')).toBeNull();
    // Another address is not affected.
    expectOk(await from('203.0.113.8', TEST_API_KEY));
    t.clock.now += 59;
    expectError(await from('203.0.113.7', TEST_API_KEY), 429, 'rate-limit-error');
    t.clock.now += 1;
    expectOk(await from('203.0.113.7', TEST_API_KEY));
  });

  it('slides: failures older than a minute stop counting', async () => {
    for (let i = 0; i < 5; i++) expectError(await from('203.0.113.7', 'wrong'), 401, 'authentication-error');
    t.clock.now += 40;
    for (let i = 0; i < 5; i++) expectError(await from('203.0.113.7', 'wrong'), 401, 'authentication-error');
    expectError(await from('203.0.113.7', 'wrong'), 429, 'rate-limit-error');
    t.clock.now += 20; // the first five are now a minute old
    for (let i = 0; i < 5; i++) expectError(await from('203.0.113.7', 'wrong'), 401, 'authentication-error');
    expectError(await from('203.0.113.7', TEST_API_KEY), 429, 'rate-limit-error');
  });

  it('refusals while throttled do not prolong the wait', async () => {
    for (let i = 0; i < 10; i++) await from('203.0.113.7', 'wrong');
    t.clock.now += 30;
    for (let i = 0; i < 20; i++) expectError(await from('203.0.113.7', 'wrong'), 429, 'rate-limit-error');
    t.clock.now += 30;
    expectOk(await from('203.0.113.7', TEST_API_KEY));
  });

  it('does not count requests that sent no key at all', async () => {
    for (let i = 0; i < 20; i++) {
      expectError(await t.app.inject({ method: 'GET', url: '/v1/', remoteAddress: '203.0.113.7' }), 400, 'authorization-header-error');
    }
    expectOk(await from('203.0.113.7', TEST_API_KEY));
  });

  it('follows FOYER_AUTH_FAILURES_PER_MINUTE', async () => {
    const strict = await makeTestApp({ env: { FOYER_AUTH_FAILURES_PER_MINUTE: '2' } });
    try {
      const fromStrict = (key: string) => strict.app.inject({ method: 'GET', url: '/v1/', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${key}` } });
      expectError(await fromStrict('wrong'), 401, 'authentication-error');
      expectError(await fromStrict('wrong'), 401, 'authentication-error');
      expectError(await fromStrict(TEST_API_KEY), 429, 'rate-limit-error');
    } finally {
      await strict.close();
    }
  });

  it('cannot be escaped by made-up X-Forwarded-For values', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/', remoteAddress: '203.0.113.7', headers: { authorization: 'Bearer wrong', 'x-forwarded-for': spoofed() } });
      expectError(res, 401, 'authentication-error');
    }
    const res = await t.app.inject({ method: 'GET', url: '/v1/', remoteAddress: '203.0.113.7', headers: { authorization: `Bearer ${TEST_API_KEY}`, 'x-forwarded-for': spoofed() } });
    expectError(res, 429, 'rate-limit-error');
  });
});
