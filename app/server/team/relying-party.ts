/**
 * Who the passkeys belong to (the WebAuthn relying party): Foyer's public URL. The rpID is its host
 * name and the expected origin its origin, so a passkey made for Foyer works nowhere else.
 */
import { isIP } from 'node:net';

export interface RelyingParty {
  rpID: string;
  origin: string;
}

export const HOST_NAME_NEEDED =
  'Passkeys need Foyer at a host name, e.g. http://localhost:3000; set FOYER_PUBLIC_URL';

/**
 * The relying party of this public URL, or why there is none: browsers refuse an IP address as a
 * WebAuthn RP ID (Chromium: "This is an invalid domain." for 127.0.0.1, checked), so Foyer reached at
 * http://127.0.0.1:3000 cannot offer passkeys; http://localhost:3000 can (a secure context too).
 */
export function relyingParty(publicUrl: string): RelyingParty | { error: string } {
  const url = new URL(publicUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0) return { error: HOST_NAME_NEEDED };
  return { rpID: url.hostname, origin: url.origin };
}
