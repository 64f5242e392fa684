/**
 * The sign-up form's own checks, so the person hears what to fix before a passkey dialog opens. The
 * server checks again (it decides); these only mirror it: a display name as everywhere in Foyer, and an
 * email address of the ordinary `local@domain.tld` shape.
 */
import { checkDisplayName } from '../../shared/display-name.ts';
import { nameProblem } from '../prejoin/prejoin-copy.ts';

/** Longest email address (RFC 5321's path limit); longer is refused here as on the server. */
export const EMAIL_MAX = 254;

const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Whether `raw` (trimmed) looks like an email address one can type. */
export const emailLooksValid = (raw: string): boolean => {
  const email = raw.trim();
  return email.length <= EMAIL_MAX && EMAIL_SHAPE.test(email);
};

/** The name's problem as the prejoin words it, or null when the name is fine. */
export function signupNameProblem(raw: string): ReturnType<typeof nameProblem> | null {
  return checkDisplayName(raw).ok ? null : nameProblem(raw);
}
