/**
 * The team session cookie: a random id (256 bits) the browser holds, HttpOnly (page scripts never see
 * it), SameSite=Lax (not sent on cross-site POSTs), Path=/, Secure when Foyer is served over https, and
 * a Max-Age; the store keeps only its SHA-256 hash, so a copy of the database signs no one in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';

/** How long a sign-in lasts. */
export const SESSION_SECONDS = 30 * 24 * 3600;

/**
 * The cookie's name. Over https it has the `__Host-` prefix: browsers then accept it only with Secure,
 * Path=/ and no Domain, so a sibling subdomain cannot plant one. Plain http cannot use the prefix.
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-foyer_team' : 'foyer_team');

export const isHttps = (publicUrl: string) => new URL(publicUrl).protocol === 'https:';

/** The flags of the session cookie for this public URL; `maxAge` 0 clears it. */
export function sessionCookieOptions(publicUrl: string, maxAge = SESSION_SECONDS): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: isHttps(publicUrl), maxAge };
}

export const newSessionId = () => randomBytes(32).toString('base64url');

export const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');
