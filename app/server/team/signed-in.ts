/**
 * Who the team session cookie of a request signs in. The cookie is SameSite=Lax, so inside a frame on
 * another site's page browsers do not send it: there everyone is a guest (meeting tokens still work).
 * SameSite does not tell apart origins of one site (another app on a sibling subdomain): a request that
 * names another origin signs no one in either.
 */
import type { FastifyRequest } from 'fastify';
import { isHttps, sessionCookieName } from './session-cookie.ts';
import type { Team } from './team.ts';
import type { Member } from './team-store.ts';

/** Reads the request's team session (needs @fastify/cookie in scope); null: nobody, or a dead session. */
export type SignedInMember = (request: FastifyRequest) => Promise<Member | null>;

export function signedInMember(team: Team, publicUrl: string): SignedInMember {
  const name = sessionCookieName(isHttps(publicUrl));
  const ownOrigin = new URL(publicUrl).origin;
  return async (request) => {
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== ownOrigin) return null;
    return team.member(request.cookies?.[name]);
  };
}
