/**
 * What to tell the person when a sign-up, sign-in or sign-out fails: one catalogue text per cause, from
 * the server's refusal reason (`reason` of `/api/team`) or the browser's WebAuthn error. Never the server's
 * `info` or an exception's message: those are for logs and developers, in English.
 */
import type { TeamRefusal } from '../../shared/team-api.ts';
import type { VarsOf } from '../i18n/catalogue.ts';
import type { MessageKey } from '../i18n/index.ts';
import { TeamApiError } from './team-client.ts';

/** A catalogue text without variables: what a failure is told with. */
export type ProblemKey = { [K in MessageKey]: [VarsOf<K>] extends [never] ? K : never }[MessageKey];

/** The server's reason for an invite code that is not the team's current one (mistyped, or rotated). */
export const INVITE_INVALID = 'invite-invalid' satisfies TeamRefusal;

/**
 * Each refusal reason of the server (`reason` beside Daily's generic `error`, app/shared/team-api.ts) with
 * its text: a new reason without one fails the typecheck; a refusal without a reason falls back on its status.
 */
const SERVER_REASONS: Record<TeamRefusal, ProblemKey> = {
  [INVITE_INVALID]: 'team.problem.invite',
  'email-taken': 'team.problem.emailTaken',
  'name-invalid': 'team.problem.nameInvalid',
  'email-invalid': 'team.email.invalid',
  'needs-host-name': 'team.problem.hostName',
  'wrong-origin': 'team.problem.wrongAddress',
  'attempt-gone': 'team.problem.expired',
  'passkey-unknown': 'team.problem.unknownPasskey',
  'passkey-not-verified': 'team.problem.notVerified',
  'passkey-registered': 'team.problem.alreadyRegistered',
};

/** The browser's WebAuthn errors (DOMException names, kept by @simplewebauthn/browser's WebAuthnError). */
const BROWSER_ERRORS: Record<string, ProblemKey> = {
  // The person closed the passkey dialog, or it timed out (browsers do not say which, on purpose).
  NotAllowedError: 'team.problem.cancelled',
  AbortError: 'team.problem.cancelled',
  // An authenticator in `excludeCredentials` already holds a passkey for this team.
  InvalidStateError: 'team.problem.alreadyRegistered',
  // The RP ID is not valid for this page (an IP address, or a public URL that is not this page's host).
  SecurityError: 'team.problem.hostName',
  NotSupportedError: 'team.problem.unsupported',
};

/** Thrown by the flows when this browser has no WebAuthn at all (checked before asking the server). */
export class PasskeysUnsupportedError extends Error {
  constructor() {
    super('this browser has no WebAuthn');
    this.name = 'PasskeysUnsupportedError';
  }
}

/** Thrown when the server signed the person in but the browser did not keep the session cookie. */
export class CookieBlockedError extends Error {
  constructor() {
    super('the session cookie was not kept');
    this.name = 'CookieBlockedError';
  }
}

/** The catalogue text for whatever a team flow threw. */
export function teamProblemKey(err: unknown): ProblemKey {
  if (err instanceof TeamApiError) {
    const known = err.reason && (SERVER_REASONS as Record<string, ProblemKey | undefined>)[err.reason];
    if (known) return known;
    if (err.status === 0) return 'error.network';
    if (err.status === 429) return 'error.rate-limited';
    if (err.status >= 500) return 'error.server';
    return 'error.bad-request';
  }
  if (err instanceof PasskeysUnsupportedError) return 'team.problem.unsupported';
  if (err instanceof CookieBlockedError) return 'team.problem.cookies';
  if (err instanceof Error) return BROWSER_ERRORS[err.name] ?? 'error.unknown';
  return 'error.unknown';
}
