/**
 * Forged and malformed JWTs for the adversarial suite: tokens an attacker can build without the API
 * key (or with the right key but the wrong shape), to show none of them opens the door.
 */
import { createHmac } from 'node:crypto';

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A compact JWS with any header and payload (objects are JSON-encoded, strings used as they are). */
export function jws(header: object | string, payload: unknown, sign: { key: string; hash?: 'sha256' | 'sha384' | 'sha512' } | 'none' | string): string {
  const h = b64url(typeof header === 'string' ? header : JSON.stringify(header));
  const p = b64url(typeof payload === 'string' ? payload : JSON.stringify(payload));
  let signature: string;
  if (sign === 'none') signature = '';
  else if (typeof sign === 'string') signature = sign;
  else signature = createHmac(sign.hash ?? 'sha256', sign.key).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${signature}`;
}

/** An HS256 JWT signed with `key`, as Foyer's meeting tokens are. */
export const hs256 = (key: string, payload: unknown) => jws({ alg: 'HS256', typ: 'JWT' }, payload, { key });

/** Replaces a signed token's payload, keeping its header and signature (a tampered token). */
export function tamper(token: string, payload: unknown): string {
  const [h, , s] = token.split('.');
  return `${h}.${b64url(JSON.stringify(payload))}.${s}`;
}
