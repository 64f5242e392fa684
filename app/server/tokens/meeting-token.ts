/**
 * Meeting tokens: HS256 JWTs signed with the deployment's API key, as Daily's are.
 * Verification checks the signature and shape only; time (exp/nbf) is judged by the access
 * decision, which is given `now`, so it stays a pure function.
 */
import { compactVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { claimsToProperties, propertiesToClaims, tokenPropertiesInput, type MeetingTokenProperties } from './properties.ts';

/** `mintedBy`: the team member who made the link (dashboard links), Foyer's own claim `fmb`. */
export type VerifiedToken = MeetingTokenProperties & { iat?: number; mintedBy?: string };

export type TokenCheck =
  | { ok: true; token: VerifiedToken }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-domain' | 'bad-claims' | 'minted-by-former-member' };

/** Foyer's claim naming the team member a dashboard link was made by: the link dies with their membership. */
const MINTED_BY_CLAIM = 'fmb';

const keyBytes = (apiKey: string) => new TextEncoder().encode(apiKey);

export async function signMeetingToken(
  props: MeetingTokenProperties,
  opts: { apiKey: string; domainId: string; now: number; mintedBy?: string },
): Promise<string> {
  const mintedBy = opts.mintedBy !== undefined ? { [MINTED_BY_CLAIM]: opts.mintedBy } : {};
  return new SignJWT({ ...propertiesToClaims(props), d: opts.domainId, iat: Math.floor(opts.now), ...mintedBy })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(keyBytes(opts.apiKey));
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The API key imported once as an HMAC verification key: importing it for every token was a twentieth
 * of a token preauth's time (issue 13). One entry: a deployment has one key; another key replaces it.
 */
let verifyKey: { apiKey: string; key: Promise<CryptoKey> } | undefined;
function hmacVerifyKey(apiKey: string): Promise<CryptoKey> {
  if (verifyKey?.apiKey !== apiKey) {
    verifyKey = { apiKey, key: crypto.subtle.importKey('raw', keyBytes(apiKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']) };
  }
  return verifyKey.key;
}


export async function verifyMeetingToken(token: string, opts: { apiKey: string; domainId: string }): Promise<TokenCheck> {
  if (token.length > 8192 || !JWT_SHAPE.test(token)) return { ok: false, reason: 'malformed' };
  let payload: unknown;
  try {
    // Only HS256 is accepted: `alg: none` or any other algorithm fails here.
    const result = await compactVerify(token, await hmacVerifyKey(opts.apiKey), { algorithms: ['HS256'] });
    payload = JSON.parse(new TextDecoder().decode(result.payload));
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { ok: false, reason: code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' ? 'bad-signature' : 'malformed' };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return { ok: false, reason: 'malformed' };
  const claims = payload as Record<string, unknown>;
  if (claims.d !== undefined && claims.d !== opts.domainId) return { ok: false, reason: 'wrong-domain' };
  const props = tokenPropertiesInput.safeParse(claimsToProperties(claims));
  if (!props.success) return { ok: false, reason: 'bad-claims' };
  const iat = z.number().optional().safeParse(claims.iat);
  const mintedBy = claims[MINTED_BY_CLAIM];
  return {
    ok: true,
    token: {
      ...(props.data as MeetingTokenProperties),
      ...(iat.success && iat.data !== undefined ? { iat: iat.data } : {}),
      ...(typeof mintedBy === 'string' ? { mintedBy } : {}),
    },
  };
}
