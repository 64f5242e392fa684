/**
 * Who is asking the dashboard: the member the team session cookie signs in, checked on every request
 * (a removed member's or a signed-out session is refused at once), and whether they are an owner.
 */
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.ts';
import type { SignedInMember } from '../team/signed-in.ts';
import type { Member } from '../team/team-store.ts';

/** Where the hook leaves the member for the handlers (a symbol: nothing else can set it). */
const MEMBER = Symbol('dashboard.member');
type WithMember = FastifyRequest & { [MEMBER]?: Member };

/** Refuses anyone not signed in with 401 `authentication-error` (run it before the body is read). */
export function requireMember(signedIn: SignedInMember) {
  return async (request: FastifyRequest): Promise<void> => {
    const member = await signedIn(request);
    if (!member) throw new ApiError('authentication-error', 'sign in to the team to use the dashboard (your session ended, or you were removed from the team)');
    (request as WithMember)[MEMBER] = member;
  };
}

/** The signed-in member of a request that passed `requireMember`. */
export function memberOf(request: FastifyRequest): Member {
  const member = (request as WithMember)[MEMBER];
  // Only reachable if a route were registered outside the hook's scope: fail closed.
  if (!member) throw new ApiError('authentication-error', 'sign in to the team to use the dashboard');
  return member;
}

/** The signed-in member, who must be a team owner (403 `forbidden-error` otherwise). `what`: the action, for the message. */
export function ownerOf(request: FastifyRequest, what: string): Member {
  const member = memberOf(request);
  if (member.role !== 'owner') throw new ApiError('forbidden-error', `only a team owner can ${what}`);
  return member;
}
