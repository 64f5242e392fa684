/**
 * The two ceremonies, end to end: ask the server for options, let the browser's authenticator create or
 * use a passkey, hand its answer back to the server, then check that the browser kept the session cookie
 * (inside a third-party iframe it may not). The server decides everything; this only carries messages.
 */
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/browser';
import type { MemberView, SignupOptionsRequest } from '../../shared/team-api.ts';
import { teamApi, type TeamApi } from './team-client.ts';
import { CookieBlockedError, PasskeysUnsupportedError } from './team-problem.ts';

/** The browser's passkey calls, as the flows use them (a fake in tests). */
export interface Authenticator {
  supported(): boolean;
  /** Creates a passkey from the server's creation options; resolves to the RegistrationResponseJSON. */
  register(options: unknown): Promise<unknown>;
  /** Uses a passkey with the server's request options; resolves to the AuthenticationResponseJSON. */
  authenticate(options: unknown): Promise<unknown>;
}

/** This browser's WebAuthn, through @simplewebauthn/browser (which turns its binary fields into JSON and back). */
export const browserAuthenticator: Authenticator = {
  supported: browserSupportsWebAuthn,
  // The options come from @simplewebauthn/server on the other side, in exactly these JSON shapes.
  register: (options) => startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON }),
  authenticate: (options) => startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON }),
};

/** Signed in on the server; now the session must be in this browser too, or the next page is signed out. */
async function confirmSession(api: TeamApi, member: MemberView): Promise<MemberView> {
  const me = await api.me();
  if (!me.member) throw new CookieBlockedError();
  return member;
}

/** Joins the team with the invite code: creates a passkey for `name`/`email`, and signs in. */
export async function signUp(request: SignupOptionsRequest, api: TeamApi = teamApi, auth: Authenticator = browserAuthenticator): Promise<MemberView> {
  if (!auth.supported()) throw new PasskeysUnsupportedError();
  const { attemptId, options } = await api.signupOptions(request);
  const response = await auth.register(options);
  const { member } = await api.signupVerify({ attemptId, response });
  return confirmSession(api, member);
}

/** Signs a member in with a passkey this device holds for the team (discoverable: no email asked). */
export async function signIn(api: TeamApi = teamApi, auth: Authenticator = browserAuthenticator): Promise<MemberView> {
  if (!auth.supported()) throw new PasskeysUnsupportedError();
  const { attemptId, options } = await api.signinOptions();
  const response = await auth.authenticate(options);
  const { member } = await api.signinVerify({ attemptId, response });
  return confirmSession(api, member);
}
