/**
 * The team's client API (`/api/team`), between the SPA's sign-up and sign-in screens and the control
 * plane: team members sign up from the invite link with a passkey and sign in with it later; the server
 * keeps who is signed in in an HttpOnly session cookie. WebAuthn's own JSON shapes (options and the
 * authenticator's responses) pass through as `unknown` here: `@simplewebauthn/browser` and
 * `@simplewebauthn/server` type them on each side.
 *
 * Every state-changing request is a JSON POST from Foyer's own origin (checked on the server: the
 * `Origin` header, and `content-type: application/json`, which a cross-site form cannot send).
 */

export type MemberRole = 'owner' | 'member';

/** A team member as the SPA may see them (never credentials). */
export interface MemberView {
  email: string;
  name: string;
  role: MemberRole;
}

export const TEAM_API = {
  /** GET: is this invite code the team's current one? → InviteCheckResponse */
  invite: (code: string) => `/api/team/invite/${encodeURIComponent(code)}`,
  /** POST SignupOptionsRequest → SignupOptionsResponse */
  signupOptions: '/api/team/signup/options',
  /** POST SignupVerifyRequest → SignedInResponse (+ the session cookie) */
  signupVerify: '/api/team/signup/verify',
  /** POST {} → SigninOptionsResponse (a discoverable passkey: no email asked) */
  signinOptions: '/api/team/signin/options',
  /** POST SigninVerifyRequest → SignedInResponse (+ the session cookie) */
  signinVerify: '/api/team/signin/verify',
  /** POST {} → {} (the session ends on the server; the cookie is cleared) */
  signout: '/api/team/signout',
  /** GET → MeResponse */
  me: '/api/team/me',
} as const;

export interface InviteCheckResponse {
  valid: boolean;
  /** The team's name (the deployment's domain name). */
  team: string;
}

export interface SignupOptionsRequest {
  inviteCode: string;
  name: string;
  email: string;
}

export interface SignupOptionsResponse {
  /** Names this sign-up attempt (its challenge is kept on the server, briefly). */
  attemptId: string;
  /** PublicKeyCredentialCreationOptionsJSON, for `startRegistration({ optionsJSON })`. */
  options: unknown;
}

export interface SignupVerifyRequest {
  attemptId: string;
  /** RegistrationResponseJSON from `startRegistration`. */
  response: unknown;
}

export interface SigninOptionsResponse {
  attemptId: string;
  /** PublicKeyCredentialRequestOptionsJSON, for `startAuthentication({ optionsJSON })`. */
  options: unknown;
}

export interface SigninVerifyRequest {
  attemptId: string;
  /** AuthenticationResponseJSON from `startAuthentication`. */
  response: unknown;
}

export interface SignedInResponse {
  member: MemberView;
}

export interface MeResponse {
  member: MemberView | null;
}
