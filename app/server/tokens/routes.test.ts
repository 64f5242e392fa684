import { decodeJwt, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { TEST_API_KEY, TEST_DOMAIN_ID, T0, makeTestApp, rawPost, type TestApp } from '../testing/test-app.ts';
import { verifyMeetingToken } from './meeting-token.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const verify = (token: string) => verifyMeetingToken(token, { apiKey: TEST_API_KEY, domainId: TEST_DOMAIN_ID });

/** An operator-signed token (operators may sign tokens themselves, as with Daily). */
async function shortToken(claims: Record<string, unknown>, secret = TEST_API_KEY): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}

describe('POST /v1/meeting-tokens', () => {
  it('returns {token}, an HS256 JWT with Daily short claims, d and iat', async () => {
    const body = expectOk(
      await t.api('POST', '/v1/meeting-tokens', {
        properties: { room_name: 'standup', is_owner: true, user_name: 'Ada', user_id: 'u-1', knocking: false, exp: T0 + 3600 },
      }),
    );
    expect(Object.keys(body)).toEqual(['token']);
    expect(decodeJwt(body.token)).toEqual({ r: 'standup', o: true, u: 'Ada', ud: 'u-1', k: false, exp: T0 + 3600, d: TEST_DOMAIN_ID, iat: T0 });
    expect(await verify(body.token)).toMatchObject({ ok: true, token: { room_name: 'standup', is_owner: true } });
  });

  it('makes a token valid for every room from empty properties', async () => {
    const body = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: {} }));
    expect(await verify(body.token)).toEqual({ ok: true, token: { iat: T0 } });
  });

  it("keeps Daily's other token properties", async () => {
    const body = expectOk(
      await t.api('POST', '/v1/meeting-tokens', { properties: { enable_recording: 'cloud', start_cloud_recording: true, enable_prejoin_ui: false } }),
    );
    expect(await verify(body.token)).toMatchObject({
      ok: true,
      token: { enable_recording: 'cloud', start_cloud_recording: true, enable_prejoin_ui: false },
    });
  });

  it('accepts fractional exp', async () => {
    const body = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { exp: T0 + 60.5 } }));
    expect(decodeJwt(body.token).exp).toBe(T0 + 60.5);
  });

  it('refuses an exp that is not in the future', async () => {
    expectError(await t.api('POST', '/v1/meeting-tokens', { properties: { exp: T0 } }), 400, 'invalid-request-error');
    expectError(await t.api('POST', '/v1/meeting-tokens', { properties: { exp: T0 - 10 } }), 400, 'invalid-request-error');
  });

  it('refuses nbf at or after exp', async () => {
    expectError(await t.api('POST', '/v1/meeting-tokens', { properties: { exp: T0 + 60, nbf: T0 + 60 } }), 400, 'invalid-request-error');
  });

  it('refuses an unknown token property by name', async () => {
    const body = expectError(await t.api('POST', '/v1/meeting-tokens', { properties: { room_name: 'a', superpowers: true } }), 400, 'invalid-request-error');
    expect(body.info).toContain('superpowers');
  });

  it('refuses an unknown top-level property by name', async () => {
    const body = expectError(await t.api('POST', '/v1/meeting-tokens', { properties: {}, room_name: 'a' }), 400, 'invalid-request-error');
    expect(body.info).toContain('room_name');
  });

  it('accepts a 36-character user_id and refuses 37', async () => {
    expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { user_id: 'u'.repeat(36) } }));
    const body = expectError(await t.api('POST', '/v1/meeting-tokens', { properties: { user_id: 'u'.repeat(37) } }), 400, 'invalid-request-error');
    expect(body.info).toContain('user_id');
  });

  it.each([
    [{ is_owner: 'yes' }, 'is_owner'],
    [{ room_name: 'bad name!' }, 'room_name'],
    [{ exp: 'soon' }, 'exp'],
    [{ eject_after_elapsed: -5 }, 'eject_after_elapsed'],
    [{ lang: 'xx' }, 'lang'],
    [{ redirect_on_meeting_exit: 'not a url' }, 'redirect_on_meeting_exit'],
    [{ permissions: { canAdmin: ['everything'] } }, 'permissions'],
    [{ permissions: { rule: 'all' } }, 'permissions'],
  ])('refuses a wrong type (%j) naming the field', async (properties, field) => {
    const body = expectError(await t.api('POST', '/v1/meeting-tokens', { properties }), 400, 'invalid-request-error');
    expect(body.info).toContain(field);
  });

  // No body and `{}` make a token valid for every room, as in Daily (tested in http/app.test.ts).
  it.each([
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"token please"'],
    ['properties: null', '{"properties": null}'],
    ['properties as an array', '{"properties": []}'],
  ])('refuses %s with 400, not 500', async (_label, payload) => {
    const res = payload === undefined ? await t.api('POST', '/v1/meeting-tokens') : await rawPost(t, '/v1/meeting-tokens', payload);
    expectError(res, 400, 'invalid-request-error');
  });

  it('answers bad JSON with json-parsing-error', async () => {
    expectError(await rawPost(t, '/v1/meeting-tokens', '{"properties": {'), 400, 'json-parsing-error');
  });
});

describe('GET /v1/meeting-tokens/:token (validate)', () => {
  it('validates a long token minted by POST /v1/meeting-tokens', async () => {
    const props = { room_name: 'standup', is_owner: true, user_name: 'Ada Lovelace', user_id: 'u-123', exp: T0 + 3600, knocking: false };
    const { token } = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: props }));
    expect(token.length).toBeGreaterThan(100);
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}`))).toEqual(props);
  });

  it('refuses a user_name longer than 64 characters when the token is made', async () => {
    const res = await t.api('POST', '/v1/meeting-tokens', { properties: { user_name: 'x'.repeat(65) } });
    expect(expectError(res, 400, 'invalid-request-error').info).toContain('user_name');
  });

  it('returns the properties under their long names', async () => {
    const a = await shortToken({ r: 'standup', o: true });
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${a}`))).toEqual({ room_name: 'standup', is_owner: true });
    const b = await shortToken({ u: 'Ada', k: true });
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${b}`))).toEqual({ user_name: 'Ada', knocking: true });
  });

  it('leaves iat and d out of the answer', async () => {
    const token = await shortToken({ u: 'A', iat: T0 });
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}`))).toEqual({ user_name: 'A' });
  });

  it('works with a trailing slash', async () => {
    const token = await shortToken({ ud: 'u-1' });
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}/`))).toEqual({ user_id: 'u-1' });
  });

  it('refuses an expired token with 400', async () => {
    const token = await shortToken({ exp: T0 - 1 });
    expect(expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error').info).toMatch(/expired/);
  });

  it('refuses a token at exactly its exp', async () => {
    const token = await shortToken({ exp: T0 });
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
  });

  it('accepts a token until its exp, then refuses it as time moves on', async () => {
    const token = await shortToken({ exp: T0 + 30 });
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}`))).toEqual({ exp: T0 + 30 });
    t.clock.now = T0 + 30;
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
  });

  it('refuses a token whose nbf is in the future unless ignoreNbf=true', async () => {
    const token = await shortToken({ nbf: T0 + 60 });
    expect(expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error').info).toMatch(/nbf/);
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}?ignoreNbf=false`), 400, 'invalid-request-error');
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}?ignoreNbf=true`))).toEqual({ nbf: T0 + 60 });
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}?ignore_nbf=true`))).toEqual({ nbf: T0 + 60 });
  });

  it('accepts a token once its nbf has passed', async () => {
    const token = await shortToken({ nbf: T0 + 60 });
    t.clock.now = T0 + 60;
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}`))).toEqual({ nbf: T0 + 60 });
  });

  it('still refuses an expired token with ignoreNbf=true', async () => {
    const token = await shortToken({ exp: T0 - 1 });
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}?ignoreNbf=true`), 400, 'invalid-request-error');
  });

  it('refuses unknown query parameters and bad ignoreNbf values', async () => {
    const token = await shortToken({ u: 'A' });
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}?verbose=1`), 400, 'invalid-request-error');
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}?ignoreNbf=yes`), 400, 'invalid-request-error');
  });

  it.each(['abc', 'a.b', 'a.b.c', 'not-a-token-at-all', 'eyJhbGciOiJub25lIn0.eyJvIjp0cnVlfQ.'])('refuses the garbage token %j with 400', async (token) => {
    expectError(await t.api('GET', `/v1/meeting-tokens/${encodeURIComponent(token)}`), 400, 'invalid-request-error');
  });

  it('refuses a token signed with another key', async () => {
    const token = await shortToken({ o: true }, 'another-secret');
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
  });

  it('refuses a token with a tampered payload', async () => {
    const token = await shortToken({ o: false });
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from('{"o":true}').toString('base64url')}.${s}`;
    expectError(await t.api('GET', `/v1/meeting-tokens/${forged}`), 400, 'invalid-request-error');
  });

  it('refuses a signed token with claims of the wrong type', async () => {
    const token = await shortToken({ o: 'yes' });
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
  });

  it('refuses a token for another domain', async () => {
    const token = await shortToken({ d: 'other' });
    expectError(await t.api('GET', `/v1/meeting-tokens/${token}`), 400, 'invalid-request-error');
  });
});

describe('POST /v1/meeting-tokens: user_name is a display name', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses control characters in user_name, and trims it', async () => {
    const res = await t.api('POST', '/v1/meeting-tokens', { properties: { user_name: 'Ada\u0007' } });
    expect(expectError(res, 400, 'invalid-request-error').info).toContain('control characters');
    const { token } = expectOk(await t.api('POST', '/v1/meeting-tokens', { properties: { user_name: '  Ada  ' } }));
    expect(expectOk(await t.api('GET', `/v1/meeting-tokens/${token}`)).user_name).toBe('Ada');
  });
});
