/** The team's small parts on their own: the relying party, attempts, the cookie's flags, emails, the real ceremonies' refusals. */
import { describe, expect, it } from 'vitest';
import { Attempts, ATTEMPT_SECONDS } from './attempts.ts';
import { simpleWebAuthnPasskeys } from './passkeys.ts';
import { HOST_NAME_NEEDED, relyingParty } from './relying-party.ts';
import { hashSessionId, newSessionId, sessionCookieName, sessionCookieOptions, SESSION_SECONDS } from './session-cookie.ts';
import { checkEmail } from './team.ts';

describe('relyingParty', () => {
  it.each([
    ['http://localhost:3000', { rpID: 'localhost', origin: 'http://localhost:3000' }],
    ['https://meet.example.com', { rpID: 'meet.example.com', origin: 'https://meet.example.com' }],
    ['https://Meet.Example.com:8443', { rpID: 'meet.example.com', origin: 'https://meet.example.com:8443' }],
  ])('%s → its host name and origin', (url, rp) => {
    expect(relyingParty(url)).toEqual(rp);
  });

  it.each(['http://127.0.0.1:3000', 'http://[::1]:3000', 'https://10.0.0.5'])('%s is an IP address: no passkeys, and says what to set', (url) => {
    expect(relyingParty(url)).toEqual({ error: HOST_NAME_NEEDED });
  });
});

describe('Attempts', () => {
  const clock = { now: 1000 };
  it('gives each attempt once, of its kind, for 5 minutes', () => {
    const attempts = new Attempts(() => clock.now);
    const a = attempts.start({ kind: 'signin', challenge: 'c' })!;
    expect(attempts.take(a, 'signin')).toEqual({ kind: 'signin', challenge: 'c' });
    expect(attempts.take(a, 'signin')).toBeNull();
    const b = attempts.start({ kind: 'signin', challenge: 'c' })!;
    expect(attempts.take(b, 'signup')).toBeNull();
    expect(attempts.take(b, 'signin')).toBeNull();
    const c = attempts.start({ kind: 'signin', challenge: 'c' })!;
    clock.now += ATTEMPT_SECONDS;
    expect(attempts.take(c, 'signin')).toBeNull();
  });

  it('holds a bounded number; expired ones make room', () => {
    const attempts = new Attempts(() => clock.now, 2);
    expect(attempts.start({ kind: 'signin', challenge: '1' })).not.toBeNull();
    expect(attempts.start({ kind: 'signin', challenge: '2' })).not.toBeNull();
    expect(attempts.start({ kind: 'signin', challenge: '3' })).toBeNull();
    clock.now += ATTEMPT_SECONDS;
    expect(attempts.start({ kind: 'signin', challenge: '4' })).not.toBeNull();
    expect(attempts.size).toBe(1);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/, with a Max-Age; Secure and __Host- only over https', () => {
    expect(sessionCookieOptions('http://localhost:3000')).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false, maxAge: SESSION_SECONDS });
    expect(sessionCookieOptions('https://meet.example.com')).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true, maxAge: SESSION_SECONDS });
    expect(sessionCookieOptions('https://meet.example.com', 0).maxAge).toBe(0);
    expect(sessionCookieName(false)).toBe('foyer_team');
    expect(sessionCookieName(true)).toBe('__Host-foyer_team');
  });

  it('ids are 256 random bits; the store sees only their hash', () => {
    const id = newSessionId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionId()).not.toBe(id);
    expect(hashSessionId(id)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionId(id)).not.toContain(id);
  });
});

describe('checkEmail', () => {
  it.each([
    [' Ada@Example.COM ', { ok: true, email: 'ada@example.com' }],
    ['', { ok: false, reason: 'email is required' }],
    ['ada', { ok: false, reason: 'email must be an email address, like ada@example.com' }],
    ['ada@example', { ok: false, reason: 'email must be an email address, like ada@example.com' }],
    [`${'a'.repeat(243)}@example.com`, { ok: false, reason: 'email must be at most 254 characters' }],
  ])('%j → %j', (raw, result) => {
    expect(checkEmail(raw)).toEqual(result);
  });
});

describe('the real ceremonies (@simplewebauthn/server)', () => {
  const rp = { rpID: 'localhost', origin: 'http://localhost:3000' };

  it('asks for a discoverable passkey with user verification, for this RP and member', async () => {
    const { options, challenge } = await simpleWebAuthnPasskeys.registrationOptions(rp, { id: 'AAECAwQFBgcICQoLDA0ODw', email: 'ada@example.com', name: 'Ada', rpName: 'localhost' });
    expect(options).toMatchObject({
      challenge,
      rp: { id: 'localhost', name: 'localhost' },
      user: { id: 'AAECAwQFBgcICQoLDA0ODw', name: 'ada@example.com', displayName: 'Ada' },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      attestation: 'none',
    });
    const signin = await simpleWebAuthnPasskeys.authenticationOptions(rp);
    expect(signin.options).toMatchObject({ rpId: 'localhost', userVerification: 'required', challenge: signin.challenge });
    expect((signin.options as { allowCredentials?: unknown[] }).allowCredentials ?? []).toEqual([]);
  });

  it('refuses garbage with null, never a throw', async () => {
    const garbage = { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON: 'e30', attestationObject: 'AA' }, clientExtensionResults: {} };
    await expect(simpleWebAuthnPasskeys.verifyRegistration(rp, garbage, 'c')).resolves.toBeNull();
    await expect(simpleWebAuthnPasskeys.verifyRegistration(rp, 'nonsense', 'c')).resolves.toBeNull();
    const credential = { id: 'x', publicKey: new Uint8Array([1, 2]), counter: 0, transports: [] };
    await expect(simpleWebAuthnPasskeys.verifyAuthentication(rp, { ...garbage, response: { clientDataJSON: 'e30', authenticatorData: 'AA', signature: 'AA' } }, 'c', credential)).resolves.toBeNull();
  });
});
