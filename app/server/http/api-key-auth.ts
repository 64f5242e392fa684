/** `Authorization: Bearer <api key>` for the operator API, with Daily's two failure types. */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

export function requireApiKey(apiKey: string) {
  const expected = digest(apiKey);
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new ApiError('authorization-header-error', 'send the API key as "Authorization: Bearer <api key>"');
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      throw new ApiError('authentication-error', 'the API key is not valid');
    }
  };
}
