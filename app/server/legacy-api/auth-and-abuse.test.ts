/** The 2018 team API's key check, request budget and odd requests, over the real app. */
import { describe, expect, it } from 'vitest';
import { TEST_API_KEY } from '../testing/test-app.ts';
import { BASE, legacyError, legacyOk, send, t, TEAM, useLegacyApp } from './legacy-test-app.ts';

describe('the API key', () => {
  useLegacyApp();

  it.each([
    ['no Authorization header', null, /Authorization: Bearer <api key>/],
    ['a scheme other than Bearer', `Basic ${TEST_API_KEY}`, /Authorization: Bearer <api key>/],
    ['a wrong key', 'Bearer not-the-key', /API key is not valid/],
  ])('refuses %s on every endpoint with 401 {error: {message}}, changing nothing', async (_what, auth, message) => {
    const calls = [
      send('GET', BASE, undefined, { auth }),
      send('POST', `${BASE}/room`, { name: 'standup' }, { auth }),
      send('POST', `${BASE}/room/standup`, { privacy: 'public' }, { auth }),
      send('DELETE', `${BASE}/room/standup`, undefined, { auth }),
      send('DELETE', `${BASE}/user/ada@example.com`, undefined, { auth }),
      send('POST', `${BASE}/meetings`, { start: 0, end: 1 }, { auth }),
      // Before the team's name is checked: no answer says anything of the team without the key.
      send('GET', '/domains/by-name/acme', undefined, { auth }),
    ];
    for (const res of await Promise.all(calls)) expect(legacyError(res, 401)).toMatch(message);
    expect((await t.store.listRooms({ limit: 10, now: t.clock.now })).total_count).toBe(0);
  });

  it('throttles wrong keys per address together with /v1: 429 {error: {message}} with Retry-After, even for the right key', async () => {
    // FOYER_AUTH_FAILURES_PER_MINUTE is 10 by default: 5 wrong keys on /v1, 5 here.
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ method: 'GET', url: '/v1/rooms', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(401);
    for (let i = 0; i < 5; i++) legacyError(await send('GET', BASE, undefined, { auth: 'Bearer wrong' }), 401);
    const throttled = await send('GET', BASE);
    expect(legacyError(throttled, 429)).toMatch(/too many wrong API keys from this address/);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back, and the minute passing lets this one in again.
    legacyOk(await send('GET', BASE, undefined, { from: '10.0.0.2' }));
    t.clock.now += 61;
    legacyOk(await send('GET', BASE));
  });
});

describe('the request budget per key', () => {
  useLegacyApp({ FOYER_API_REQUESTS_PER_5S: '3' });

  it('is /v1\'s (FOYER_API_REQUESTS_PER_5S): over it, 429 {error: {message}} with Retry-After, whatever the address', async () => {
    for (let i = 0; i < 3; i++) legacyOk(await send('GET', BASE, undefined, { from: `10.0.0.${i + 1}` }));
    const over = await send('GET', BASE, undefined, { from: '10.0.0.9' });
    expect(legacyError(over, 429)).toMatch(/too many requests for this API key \(3 per 5 s/);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('odd requests', () => {
  useLegacyApp();

  it('answers an unknown path under /domains with 404 {error: {message}}', async () => {
    expect(legacyError(await send('GET', `${BASE}/rooms`), 404)).toMatch(/no such endpoint: GET ".*"; the 2018 team API is under \/domains\/by-name\/<team>/);
    expect(legacyError(await send('GET', '/domains/by-id/x'), 404)).toMatch(/no such endpoint/);
    expect(legacyError(await send('GET', '/domains/by-name/'), 404)).toMatch(/no such endpoint/);
  });

  it('answers path tricks in the team\'s name as another team, clipping what it echoes', async () => {
    // `..` and `%2E%2E` are resolved away before routing (the URL is /domains/): no endpoint.
    expect(legacyError(await send('GET', '/domains/by-name/%2E%2E'), 404)).toMatch(/no such endpoint: GET "\/domains\/"/);
    expect(legacyError(await send('GET', '/domains/by-name/...'))).toMatch(/^no team named "\.\.\." here/);
    expect(legacyError(await send('GET', `/domains/by-name/${encodeURIComponent('../../v1/rooms')}`))).toMatch(/^no team named "\.\.\/\.\.\/v1\/rooms" here/);
    const long = legacyError(await send('GET', `/domains/by-name/${'x'.repeat(8000)}`));
    expect(long.length).toBeLessThan(250);
    expect(long).toMatch(/x…" here; this deployment's team is/);
  });

  it('takes the team name in any case (a domain name)', async () => {
    expect(legacyOk(await send('GET', `/domains/by-name/${TEAM.toUpperCase()}`)).name).toBe(TEAM);
  });

  it('a URL that cannot be decoded is answered in this API\'s shape too (HTTP 200, {error: {message}}); /v1 keeps its own', async () => {
    expect(legacyError(await send('DELETE', `${BASE}/user/%ZZ`), 200)).toMatch(/the request URL is not valid/);
    const v1 = await t.app.inject({ method: 'GET', url: '/v1/rooms/%ZZ', headers: { authorization: `Bearer ${TEST_API_KEY}` } });
    expect(v1.statusCode).toBe(400);
    expect(v1.json()).toMatchObject({ error: 'invalid-request-error' });
  });

  it('never answers 500 to a flood of malformed bodies', async () => {
    const bodies = ['', '{', '[]', '"x"', '1', 'true', '{"__proto__": {"name": "x"}}', '{"constructor": {"prototype": {}}}', '\u0000', '{"name": "a", "name": "b"}'];
    for (const url of [`${BASE}/room`, `${BASE}/room/standup`, `${BASE}/meetings`]) {
      for (const body of bodies) {
        const res = await send('POST', url, body);
        expect(res.statusCode, `${url} ${JSON.stringify(body)}: ${res.body}`).toBe(200);
      }
    }
    expect((await t.store.listRooms({ limit: 10, now: t.clock.now })).total_count).toBeLessThanOrEqual(1);
  });
});
