/**
 * Errors as the 2018 team API gave them: `{error: {message}}`, and HTTP 200 for anything the request
 * got wrong (bad body, unknown room or user, the 35-character rule, another team's name). Only a
 * missing or wrong API key (401), too many requests (429, with Retry-After) and the server's own
 * failures (5xx: LiveKit unavailable, a bug) keep an HTTP error status, so clients of that era, which
 * read `error` from a 200, and plain HTTP tooling both see what happened.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from '../http/errors.ts';

/** Bodies are a few short fields: 16 KB is plenty. */
export const LEGACY_BODY_LIMIT = 16 * 1024;

/** The body of every legacy error. */
export interface LegacyErrorBody {
  error: { message: string };
}

/** A request the caller got wrong: answered 200 `{error: {message}}`. */
export const legacyRefusal = (message: string) => new ApiError('invalid-request-error', message);

/** Echoes caller input in a message, clipped (a path parameter may be kilobytes long). */
export function quote(text: string, max = 64): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/** HTTP status and message for an error thrown while serving a legacy request. */
export function legacyFailure(err: FastifyError | ApiError): { status: number; message: string } | null {
  if (err instanceof ApiError) {
    if (err.type === 'authorization-header-error' || err.type === 'authentication-error') return { status: 401, message: err.info };
    if (err.type === 'rate-limit-error') return { status: 429, message: err.info };
    if (err.status >= 500) return { status: err.status, message: err.info };
    return { status: 200, message: err.info };
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 200, message: 'send the body as JSON, with Content-Type: application/json' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 200, message: `the body is too large for this API (at most ${LEGACY_BODY_LIMIT / 1024} KB); send only the fields the endpoint takes` };
  }
  if (err.statusCode === 429) return { status: 429, message: err.message };
  if (err.statusCode === 400 && (err instanceof SyntaxError || err.code?.startsWith('FST_ERR_CTP'))) {
    return { status: 200, message: `the body is not valid JSON: ${err.message}` };
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return { status: 200, message: err.message };
  return null;
}

/** Installs the legacy error shape on this scope (its routes, hooks and unknown paths). */
export function installLegacyErrors(scope: FastifyInstance): void {
  scope.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    const failure = legacyFailure(err);
    if (!failure) request.log.error({ err }, 'unhandled error in the 2018 team API');
    const { status, message } = failure ?? { status: 500, message: 'something went wrong on the server; try again' };
    const body: LegacyErrorBody = { error: { message } };
    return reply.status(status).send(body);
  });
  scope.setNotFoundHandler((request, reply) => {
    const body: LegacyErrorBody = {
      error: { message: `no such endpoint: ${request.method} ${quote(request.url.split('?')[0]!)}; the 2018 team API is under /domains/by-name/<team>` },
    };
    return reply.status(404).send(body);
  });
}
