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

/**
 * Why /api/team refused, beside Daily's generic `error` type (several refusals share a type and a
 * status): the SPA words each one in the visitor's language; `info` stays the English sentence.
 * - invite-invalid: the invite code is not the team's current one (never was, or was rotated)
 * - email-taken: that email is already a member (at options, or when two sign-ups race)
 * - name-invalid / email-invalid: the name or email was refused (`info` says why)
 * - needs-host-name: Foyer's public URL is an IP address, where browsers refuse passkeys
 * - wrong-origin: the POST did not come from a page of Foyer's public origin (the CSRF guard)
 * - attempt-gone: the attemptId is unknown, already used or older than 5 minutes: start again
 * - passkey-unknown: sign-in with a passkey that signs no one in (member removed, or not this team's)
 * - passkey-not-verified: the new passkey's response did not verify
 * - passkey-registered: that passkey is already registered (sign in with it)
 */
export type TeamRefusal =
  | 'invite-invalid' | 'email-taken' | 'name-invalid' | 'email-invalid' | 'needs-host-name' | 'wrong-origin'
  | 'attempt-gone' | 'passkey-unknown' | 'passkey-not-verified' | 'passkey-registered';

/** A refusal of /api/team: Daily's `{error, info}`, plus `reason` when it is one of the above. */
export interface TeamErrorBody {
  error: string;
  info: string;
  reason?: TeamRefusal;
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
