import { CompactSign, decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signMeetingToken, verifyMeetingToken } from './meeting-token.ts';
import { claimsToProperties, propertiesToClaims, tokenPropertiesInput, type MeetingTokenProperties } from './properties.ts';

const API_KEY = '039f8228982b91dfbed6710eeaf8b156133a49cff894522ca4c9c65455e5e178';
const DOMAIN_ID = '6f1c1d2e-3a4b-4c5d-8e9f-0a1b2c3d4e5f';
const NOW = 1_800_000_000;
const opts = { apiKey: API_KEY, domainId: DOMAIN_ID };
const key = (s: string) => new TextEncoder().encode(s);
const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/** Every property that has a Daily short claim, with a valid value. */
const ALL_SHORT: MeetingTokenProperties = {
  room_name: 'standup',
  is_owner: true,
  user_name: 'Ada Lovelace',
  user_id: 'user-42',
  knocking: false,
  enable_screenshare: false,
  start_video_off: true,
  start_audio_off: true,
  eject_at_token_exp: true,
  eject_after_elapsed: 600,
  lang: 'fr',
  permissions: { hasPresence: true, canSend: ['audio', 'video'], canAdmin: ['participants'] },
  close_tab_on_exit: true,
  redirect_on_meeting_exit: 'https://example.com/bye',
};

const SHORT_CLAIMS = {
  r: 'standup',
  o: true,
  u: 'Ada Lovelace',
  ud: 'user-42',
  k: false,
  ss: false,
  vo: true,
  ao: true,
  ejt: true,
  eje: 600,
  uil: 'fr',
  p: { hasPresence: true, canSend: ['audio', 'video'], canAdmin: ['participants'] },
  ctoe: true,
  rome: 'https://example.com/bye',
};

describe('signMeetingToken', () => {
  it('writes Daily short claim names plus d and iat', async () => {
    const token = await signMeetingToken({ ...ALL_SHORT, exp: NOW + 3600, nbf: NOW - 60 }, { ...opts, now: NOW + 0.75 });
    const payload = decodeJwt(token);
    expect(payload).toEqual({ ...SHORT_CLAIMS, exp: NOW + 3600, nbf: NOW - 60, d: DOMAIN_ID, iat: NOW });
    for (const long of ['room_name', 'is_owner', 'user_name', 'user_id', 'knocking', 'permissions', 'lang']) {
      expect(payload).not.toHaveProperty(long);
    }
  });

  it('uses an HS256 JWT header', async () => {
    const token = await signMeetingToken({}, { ...opts, now: NOW });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
  });

  it('keeps Daily properties without a short name under their own name', async () => {
    const token = await signMeetingToken({ enable_prejoin_ui: false }, { ...opts, now: NOW });
    expect(decodeJwt(token)).toMatchObject({ enable_prejoin_ui: false });
  });
});

describe('verifyMeetingToken', () => {
  it('round-trips every property', async () => {
    const props: MeetingTokenProperties = {
      ...ALL_SHORT,
      exp: NOW + 3600,
      nbf: NOW - 60,
      enable_prejoin_ui: false,
      enable_recording: 'cloud',
      start_cloud_recording: true,
      meeting_join_hook: 'https://example.com/hook',
    };
    const token = await signMeetingToken(props, { ...opts, now: NOW });
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: true, token: { ...props, iat: NOW } });
  });

  it('round-trips an empty token (valid for every room)', async () => {
    const token = await signMeetingToken({}, { ...opts, now: NOW });
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: true, token: { iat: NOW } });
  });

  it('does not judge time: an expired token still verifies (the access decision judges exp)', async () => {
    const token = await signMeetingToken({ exp: 1000 }, { ...opts, now: NOW });
    const check = await verifyMeetingToken(token, opts);
    expect(check).toEqual({ ok: true, token: { exp: 1000, iat: NOW } });
  });

  it('accepts a token self-signed by an operator with jose and Daily claim names', async () => {
    const token = await new SignJWT({ r: 'standup', o: true, u: 'Grace', ud: 'g-1', k: true, exp: NOW + 60 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(key(API_KEY));
    expect(await verifyMeetingToken(token, opts)).toEqual({
      ok: true,
      token: { room_name: 'standup', is_owner: true, user_name: 'Grace', user_id: 'g-1', knocking: true, exp: NOW + 60 },
    });
  });

  it('accepts a self-signed token carrying the right domain id', async () => {
    const token = await new SignJWT({ r: 'standup', d: DOMAIN_ID }).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect(await verifyMeetingToken(token, opts)).toMatchObject({ ok: true, token: { room_name: 'standup' } });
  });

  it('ignores unknown claims (e.g. iss, jti)', async () => {
    const token = await new SignJWT({ r: 'standup', iss: 'me', jti: 'x' }).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: true, token: { room_name: 'standup' } });
  });

  it('rejects alg none', async () => {
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ r: 'standup', o: true })}.`;
    expect((await verifyMeetingToken(token, opts)).ok).toBe(false);
  });

  it('rejects alg none even with a non-empty signature part', async () => {
    const token = `${b64url({ alg: 'none' })}.${b64url({ o: true })}.${b64url('x')}`;
    expect((await verifyMeetingToken(token, opts)).ok).toBe(false);
  });

  it('rejects a token signed with another key', async () => {
    const token = await new SignJWT({ r: 'standup', o: true }).setProtectedHeader({ alg: 'HS256' }).sign(key('some-other-secret'));
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a tampered payload that keeps the original signature', async () => {
    const token = await signMeetingToken({ room_name: 'standup', is_owner: false }, { ...opts, now: NOW });
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    expect(claims.o).toBe(false);
    const forged = `${h}.${b64url({ ...claims, o: true })}.${s}`;
    expect(forged).not.toBe(token);
    expect(await verifyMeetingToken(forged, opts)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('rejects a tampered signature', async () => {
    const token = await signMeetingToken({ room_name: 'standup' }, { ...opts, now: NOW });
    const [h, p, s] = token.split('.');
    const flipped = (s![0] === 'A' ? 'B' : 'A') + s!.slice(1);
    expect((await verifyMeetingToken(`${h}.${p}.${flipped}`, opts)).ok).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['one part', 'abc'],
    ['two parts', 'a.b'],
    ['three junk parts', 'a.b.c'],
    ['four parts', 'a.b.c.d'],
    ['spaces', 'a b.c d.e f'],
    ['too long', `${'a'.repeat(5000)}.${'b'.repeat(5000)}.c`],
  ])('rejects a malformed string (%s)', async (_label, token) => {
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a token that is too long even when otherwise well signed', async () => {
    const token = await new SignJWT({ r: 'standup', pad: 'x'.repeat(9000) }).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect(token.length).toBeGreaterThan(8192);
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a token for another domain id', async () => {
    const token = await signMeetingToken({ room_name: 'standup' }, { apiKey: API_KEY, domainId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee', now: NOW });
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'wrong-domain' });
  });

  it('rejects an HS512 token even with the right key', async () => {
    const token = await new SignJWT({ r: 'standup' }).setProtectedHeader({ alg: 'HS512' }).sign(key(API_KEY));
    expect((await verifyMeetingToken(token, opts)).ok).toBe(false);
  });

  it('rejects an HS384 token even with the right key', async () => {
    const token = await new SignJWT({ r: 'standup' }).setProtectedHeader({ alg: 'HS384' }).sign(key(API_KEY));
    expect((await verifyMeetingToken(token, opts)).ok).toBe(false);
  });

  it('rejects a validly signed token whose claims have wrong types', async () => {
    const token = await new SignJWT({ o: 'yes' }).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'bad-claims' });
  });

  it('rejects a validly signed token whose user_id is over 36 characters', async () => {
    const token = await new SignJWT({ ud: 'x'.repeat(37) }).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'bad-claims' });
  });

  it('rejects a validly signed token whose room name is invalid', async () => {
    const token = await new SignJWT({ r: 'no spaces allowed' }).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect(await verifyMeetingToken(token, opts)).toEqual({ ok: false, reason: 'bad-claims' });
  });

  it('rejects a signed payload that is not a JSON object', async () => {
    const token = await new CompactSign(new TextEncoder().encode('[1,2,3]')).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect((await verifyMeetingToken(token, opts)).ok).toBe(false);
  });

  it('rejects a signed payload that is not JSON at all', async () => {
    const token = await new CompactSign(new TextEncoder().encode('not json')).setProtectedHeader({ alg: 'HS256' }).sign(key(API_KEY));
    expect((await verifyMeetingToken(token, opts)).ok).toBe(false);
  });
});

describe('token properties', () => {
  it('maps every Daily short name both ways', () => {
    expect(propertiesToClaims(ALL_SHORT)).toEqual(SHORT_CLAIMS);
    expect(claimsToProperties(SHORT_CLAIMS)).toEqual(ALL_SHORT);
  });

  it('leaves out undefined properties and unknown claims', () => {
    expect(propertiesToClaims({ is_owner: true, user_name: undefined })).toEqual({ o: true });
    expect(claimsToProperties({ o: true, iat: 1, d: 'x', zzz: 1 })).toEqual({ is_owner: true });
  });

  it('refuses unknown properties by name', () => {
    const r = tokenPropertiesInput.safeParse({ room_name: 'a', favourite_colour: 'blue' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('favourite_colour');
  });

  it('accepts user_id of 36 characters and refuses 37', () => {
    expect(tokenPropertiesInput.safeParse({ user_id: 'x'.repeat(36) }).success).toBe(true);
    expect(tokenPropertiesInput.safeParse({ user_id: 'x'.repeat(37) }).success).toBe(false);
  });

  it('accepts fractional exp and nbf', () => {
    expect(tokenPropertiesInput.safeParse({ exp: NOW + 0.25, nbf: NOW + 0.125 }).success).toBe(true);
  });
});
