/**
 * The team's client API (`/api/team`, paths and shapes in app/shared/team-api.ts): invite check,
 * passkey sign-up and sign-in, who is signed in, sign-out. The HTTP layer parses (strict, bounded),
 * calls Team and sets or clears the session cookie; every POST passes the CSRF guard first, and every
 * route has its own small per-client budget on top of the client API's.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TEAM_API, type InviteCheckResponse, type MeResponse, type SignedInResponse, type SigninOptionsResponse, type SignupOptionsResponse } from '../../shared/team-api.ts';
import { parseOrThrow } from '../http/errors.ts';
import { emptyBodyAsObject } from '../http/json-body.ts';
import { INVITE_CODE_MAX } from './invite-code.ts';
import { guardPosts } from './request-guard.ts';
import { isHttps, SESSION_SECONDS, sessionCookieName, sessionCookieOptions } from './session-cookie.ts';
import { EMAIL_MAX, view, type SignedIn, type Team } from './team.ts';

/** Ceremony requests per client per minute: a person needs two or three; a script gets nowhere. */
export const TEAM_CEREMONIES_PER_MINUTE = 30;
/** Invite checks per client per minute (a code has 256 bits: guessing is hopeless anyway). */
export const INVITE_CHECKS_PER_MINUTE = 30;
/** An authenticator's response is a few KB at most (attestation 'none'). */
export const TEAM_BODY_LIMIT = 64 * 1024;

const attemptId = z.string().min(1).max(64);
// Lengths bounded loosely here; the precise name and email rules are Team's (with their own messages).
const signupOptionsBody = z.object({ inviteCode: z.string().min(1).max(INVITE_CODE_MAX), name: z.string().max(1024), email: z.string().max(EMAIL_MAX + 64) }).strict();
const verifyBody = z.object({ attemptId, response: z.unknown() }).strict();
const emptyBody = z.object({}).strict();

/** The /api/team routes; register inside the client API's scope (its rate limiter and @fastify/cookie apply). */
export function teamRoutes(team: Team, publicUrl: string) {
  const secure = isHttps(publicUrl);
  const name = sessionCookieName(secure);
  const ownOrigin = new URL(publicUrl).origin;

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', guardPosts(ownOrigin));
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: TEAM_BODY_LIMIT }, emptyBodyAsObject(app.getDefaultJsonParser('error', 'error')));
    // Answers about who is signed in must never be cached (a shared computer, a proxy).
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    const ceremony = { bodyLimit: TEAM_BODY_LIMIT, config: { rateLimit: { max: TEAM_CEREMONIES_PER_MINUTE, timeWindow: 60_000 } } };
    const sessionOf = (request: FastifyRequest) => request.cookies[name];
    const signIn = async (request: FastifyRequest, reply: FastifyReply, signedIn: SignedIn): Promise<SignedInResponse> => {
      // The session this browser held before (another member, or an older sign-in) ends: one browser, one session.
      await team.signOut(sessionOf(request));
      reply.setCookie(name, signedIn.sessionId, sessionCookieOptions(publicUrl, SESSION_SECONDS));
      return { member: view(signedIn.member) };
    };
    const clear = (reply: FastifyReply) => reply.setCookie(name, '', sessionCookieOptions(publicUrl, 0));

    app.get<{ Params: { code: string } }>('/api/team/invite/:code', { config: { rateLimit: { max: INVITE_CHECKS_PER_MINUTE, timeWindow: 60_000 } } }, async (request): Promise<InviteCheckResponse> => {
      return { valid: await team.inviteValid(request.params.code), team: team.name };
    });

    app.post(TEAM_API.signupOptions, ceremony, async (request): Promise<SignupOptionsResponse> => {
      return team.signupOptions(parseOrThrow(signupOptionsBody, request.body ?? {}));
    });

    app.post(TEAM_API.signupVerify, ceremony, async (request, reply): Promise<SignedInResponse> => {
      const body = parseOrThrow(verifyBody, request.body ?? {});
      return signIn(request, reply, await team.signupVerify(body));
    });

    app.post(TEAM_API.signinOptions, ceremony, async (request): Promise<SigninOptionsResponse> => {
      parseOrThrow(emptyBody, request.body ?? {});
      return team.signinOptions();
    });

    app.post(TEAM_API.signinVerify, ceremony, async (request, reply): Promise<SignedInResponse> => {
      const body = parseOrThrow(verifyBody, request.body ?? {});
      return signIn(request, reply, await team.signinVerify(body));
    });

    app.post(TEAM_API.signout, ceremony, async (request, reply): Promise<Record<string, never>> => {
      parseOrThrow(emptyBody, request.body ?? {});
      await team.signOut(sessionOf(request));
      clear(reply);
      return {};
    });

    app.get(TEAM_API.me, async (request, reply): Promise<MeResponse> => {
      const sessionId = sessionOf(request);
      const member = await team.member(sessionId);
      // A cookie that signs no one in any more (signed out elsewhere, removed, expired) is dropped.
      if (sessionId !== undefined && !member) clear(reply);
      return { member: member ? view(member) : null };
    });
  };
}
