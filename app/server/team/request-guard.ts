/**
 * The CSRF guard of the team's client API and dashboard: a state-changing request (any method but GET
 * and HEAD: POST, DELETE, ...) must come from a page of Foyer's own origin (the `Origin` header, which
 * browsers set on every such request and pages cannot forge) and carry `content-type: application/json`
 * (a cross-site HTML form can send only urlencoded, multipart or text/plain; any other cross-site
 * request with JSON needs a CORS preflight, which Foyer never grants). The session cookie is
 * SameSite=Lax on top of this.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../http/errors.ts';
import { refusal } from './refusal.ts';

/** Why this state-changing request is refused, or null when it may go on. `ownOrigin`: Foyer's public origin. */
export function postRefusal(headers: { origin?: string | string[]; 'content-type'?: string }, ownOrigin: string): ApiError | null {
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin.toLowerCase() !== ownOrigin.toLowerCase()) {
    return refusal('forbidden-error', 'wrong-origin', `this request must come from a page of ${ownOrigin} (its Origin header is ${typeof origin === 'string' ? origin.slice(0, 100) : 'missing'})`);
  }
  const type = headers['content-type'];
  if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type)) {
    return new ApiError('invalid-request-error', 'send the body as application/json');
  }
  return null;
}

/** Methods that only read: everything else changes state and is guarded. */
const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** An onRequest hook refusing cross-site and non-JSON state-changing requests (POST, DELETE, ...) before their body is read. */
export function guardPosts(ownOrigin: string) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const refusal = postRefusal(request.headers, ownOrigin);
    if (refusal) throw refusal;
  };
}
