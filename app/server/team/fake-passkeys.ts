/**
 * A stand-in for the WebAuthn ceremonies in unit tests (the real ones run in e2e/team.spec.ts with
 * Chromium's virtual authenticator). A fake "authenticator response" proves itself by echoing the
 * challenge and the origin it was made for, as clientDataJSON does; anything else fails verification.
 */
import { randomBytes } from 'node:crypto';
import type { Passkeys } from './passkeys.ts';

/** A fake RegistrationResponseJSON for `credentialId`, answering `challenge` from `origin`. */
export function fakeRegistration(credentialId: string, challenge: string, origin: string) {
  return { id: credentialId, rawId: credentialId, type: 'public-key', response: { fakeChallenge: challenge, fakeOrigin: origin }, clientExtensionResults: {} };
}

/** A fake AuthenticationResponseJSON from the passkey `credentialId` of the member `memberId`. */
export function fakeAssertion(credentialId: string, memberId: string, challenge: string, origin: string) {
  return { id: credentialId, rawId: credentialId, type: 'public-key', response: { fakeChallenge: challenge, fakeOrigin: origin, userHandle: memberId }, clientExtensionResults: {} };
}

type FakeResponse = { id: string; response: { fakeChallenge?: string; fakeOrigin?: string } };

export function fakePasskeys(): Passkeys & { challenges: string[] } {
  const challenges: string[] = [];
  const issue = () => {
    const challenge = randomBytes(16).toString('base64url');
    challenges.push(challenge);
    return challenge;
  };
  const proves = (response: unknown, challenge: string, origin: string) => {
    const r = response as FakeResponse;
    return r.response.fakeChallenge === challenge && r.response.fakeOrigin === origin;
  };
  return {
    challenges,
    async registrationOptions(rp, user) {
      const challenge = issue();
      return { challenge, options: { challenge, rp: { id: rp.rpID, name: user.rpName }, user: { id: user.id, name: user.email, displayName: user.name } } };
    },
    async verifyRegistration(rp, response, challenge) {
      if (!proves(response, challenge, rp.origin)) return null;
      return { id: (response as FakeResponse).id, publicKey: new Uint8Array([1, 2, 3]), counter: 0, transports: ['internal'] };
    },
    async authenticationOptions(rp) {
      const challenge = issue();
      return { challenge, options: { challenge, rpId: rp.rpID } };
    },
    async verifyAuthentication(rp, response, challenge, credential) {
      return proves(response, challenge, rp.origin) ? { newCounter: credential.counter + 1 } : null;
    },
  };
}
