/**
 * The WebAuthn ceremonies behind one small interface: @simplewebauthn/server does the real work;
 * unit tests put a fake in its place (the real ceremony runs in the e2e test, with Chromium's virtual
 * authenticator). Every verification failure is `null` here, never a throw, so a bad response is a 400.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type WebAuthnCredential,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { RelyingParty } from './relying-party.ts';

export interface NewCredential {
  id: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export interface Passkeys {
  /** Options for `startRegistration`: a discoverable (resident) key, user verification required. */
  registrationOptions(rp: RelyingParty, user: { id: string; email: string; name: string; rpName: string }): Promise<{ options: unknown; challenge: string }>;
  /** The new credential, or null when the response does not prove it (wrong challenge, origin, RP, no UV, garbage). */
  verifyRegistration(rp: RelyingParty, response: unknown, challenge: string): Promise<NewCredential | null>;
  /** Options for `startAuthentication` with no allowCredentials: the authenticator offers its passkey for this RP. */
  authenticationOptions(rp: RelyingParty): Promise<{ options: unknown; challenge: string }>;
  /** The credential's new counter, or null when the response does not prove it. */
  verifyAuthentication(
    rp: RelyingParty,
    response: unknown,
    challenge: string,
    credential: { id: string; publicKey: Uint8Array; counter: number; transports: string[] },
  ): Promise<{ newCounter: number } | null>;
}

/** What both verifications expect of a response: this RP, its origin, this challenge, the user verified. */
const expected = (rp: RelyingParty, challenge: string) => ({ expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.rpID, requireUserVerification: true });

/** The library throws on a response it cannot use; here that is a failed verification, like any other. */
async function nullOnThrow<T>(verify: () => Promise<T | null>): Promise<T | null> {
  try {
    return await verify();
  } catch {
    return null;
  }
}

/** The real ceremonies. */
export const simpleWebAuthnPasskeys: Passkeys = {
  async registrationOptions(rp, user) {
    const options = await generateRegistrationOptions({
      rpName: user.rpName,
      rpID: rp.rpID,
      userID: Buffer.from(user.id, 'base64url'),
      userName: user.email,
      userDisplayName: user.name,
      attestationType: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      timeout: 5 * 60_000,
    });
    return { options, challenge: options.challenge };
  },
  verifyRegistration(rp, response, challenge) {
    return nullOnThrow(async () => {
      const result = await verifyRegistrationResponse({ response: response as RegistrationResponseJSON, ...expected(rp, challenge) });
      if (!result.verified) return null;
      const { credential } = result.registrationInfo;
      return { id: credential.id, publicKey: credential.publicKey, counter: credential.counter, transports: credential.transports ?? [] };
    });
  },
  async authenticationOptions(rp) {
    const options = await generateAuthenticationOptions({ rpID: rp.rpID, userVerification: 'required', timeout: 5 * 60_000 });
    return { options, challenge: options.challenge };
  },
  verifyAuthentication(rp, response, challenge, credential) {
    return nullOnThrow(async () => {
      const result = await verifyAuthenticationResponse({
        response: response as AuthenticationResponseJSON,
        ...expected(rp, challenge),
        credential: {
          id: credential.id,
          publicKey: new Uint8Array(credential.publicKey),
          counter: credential.counter,
          transports: credential.transports as WebAuthnCredential['transports'],
        },
      });
      return result.verified ? { newCounter: result.authenticationInfo.newCounter } : null;
    });
  },
};
