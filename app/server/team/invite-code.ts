/**
 * The team's invite code: 256 random bits, kept in the store's settings, made on first use and
 * rotated by the operator (the old code stops working at once). Codes are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/store.ts';

const SETTING = 'team_invite_code';

/** Invite codes as made here are 43 base64url characters; anything longer is not worth hashing. */
export const INVITE_CODE_MAX = 128;

const newCode = () => randomBytes(32).toString('base64url');

/** The current code (made now if the team has none yet; two first callers agree). */
export async function currentInviteCode(store: Store): Promise<string> {
  return await store.getSetting(SETTING) ?? await store.claimSetting(SETTING, newCode());
}

/** Replaces the code; the old one is refused from now on. Returns the new code. */
export async function rotateInviteCode(store: Store): Promise<string> {
  const code = newCode();
  await store.setSetting(SETTING, code);
  return code;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether `given` is the current code, in time that does not depend on how much of it matches. */
export async function isCurrentInviteCode(store: Store, given: string): Promise<boolean> {
  if (given.length === 0 || given.length > INVITE_CODE_MAX) return false;
  return timingSafeEqual(digest(given), digest(await currentInviteCode(store)));
}

/** The link a new member opens: the SPA reads `tk` and takes it out of the address bar at once. */
export const inviteLink = (publicUrl: string, code: string) => `${publicUrl}/?tk=${encodeURIComponent(code)}`;
