/** REST: `/v1/meeting-tokens`, create and validate. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, parseOrThrow } from '../http/errors.ts';
import { signMeetingToken, verifyMeetingToken } from './meeting-token.ts';
import { tokenPropertiesInput } from './properties.ts';

/** The body of POST /v1/meeting-tokens (also documented in /v1/openapi.json). */
// `properties` is optional, as in Daily's own schema: `{}` or an empty body makes a token valid for every room.
export const createTokenBody = z.object({ properties: tokenPropertiesInput.optional() }).strict();
/** The query of GET /v1/meeting-tokens/:token. */
export const validateTokenQuery = z.object({
  ignoreNbf: z.enum(['true', 'false']).optional(),
  ignore_nbf: z.enum(['true', 'false']).optional(),
}).strict();

export function tokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { apiKey, domainId } = ctx.deployment;

  app.post('/v1/meeting-tokens', async (request) => {
    const { properties = {} } = parseOrThrow(createTokenBody, request.body === undefined ? {} : request.body);
    const now = ctx.now();
    if (properties.exp !== undefined && properties.exp <= now) throw badRequest('properties.exp must be in the future');
    if (properties.exp !== undefined && properties.nbf !== undefined && properties.nbf >= properties.exp) {
      throw badRequest('properties.nbf must be before properties.exp');
    }
    return { token: await signMeetingToken(properties, { apiKey, domainId, now }) };
  });

  app.get<{ Params: { token: string } }>('/v1/meeting-tokens/:token', async (request) => {
    const q = parseOrThrow(validateTokenQuery, request.query);
    const ignoreNbf = q.ignoreNbf === 'true' || q.ignore_nbf === 'true';
    const check = await verifyMeetingToken(request.params.token, { apiKey, domainId });
    if (!check.ok) throw badRequest('meeting token is not valid (malformed, or not signed by this deployment)');
    // Daily's properties only: who on the team made a dashboard link is Foyer's own business.
    const { iat: _iat, mintedBy, ...props } = check.token;
    if (mintedBy !== undefined && !await ctx.store.team.memberById(mintedBy)) throw badRequest('meeting token is not valid any more: the team member who made this link has left the team');
    const now = ctx.now();
    if (props.exp !== undefined && now >= props.exp) throw badRequest('meeting token has expired');
    if (!ignoreNbf && props.nbf !== undefined && now < props.nbf) {
      throw badRequest('meeting token is not valid yet (nbf is in the future); pass ignoreNbf=true to validate it anyway');
    }
    return props;
  });
}
