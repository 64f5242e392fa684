/** Daily's error shape, `{error, info}`, with its types and statuses. */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodError } from 'zod';
import type { AccessError } from '../../shared/access.ts';

export type ApiErrorType =
  | 'invalid-request-error'
  | 'json-parsing-error'
  | 'authorization-header-error'
  | 'authentication-error'
  | 'forbidden-error'
  | 'not-found'
  | 'conflict-error'
  | 'rate-limit-error'
  | 'server-error';

const STATUS: Record<ApiErrorType, number> = {
  'invalid-request-error': 400,
  'json-parsing-error': 400,
  'authorization-header-error': 400,
  'authentication-error': 401,
  'forbidden-error': 403,
  'not-found': 404,
  'conflict-error': 409,
  'rate-limit-error': 429,
  'server-error': 500,
};

export class ApiError extends Error {
  readonly status: number;
  /** `reason`: a finer, machine-readable cause some client APIs add (e.g. /api/team's TeamRefusal). */
  constructor(readonly type: ApiErrorType, readonly info: string, readonly access?: AccessError, readonly reason?: string) {
    super(info);
    this.status = STATUS[type];
  }
}

export const badRequest = (info: string) => new ApiError('invalid-request-error', info);
export const notFound = (info: string) => new ApiError('not-found', info);

/** Turns the first schema problem into one sentence that names the field. */
export function describeZodError(err: ZodError, root = ''): string {
  const issue = err.issues[0];
  if (!issue) return 'invalid request';
  const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (path ? `${path}.${k}` : k));
    return `unknown ${keys.length > 1 ? 'properties' : 'property'}: ${keys.join(', ')}`;
  }
  if (issue.code === 'invalid_type') return `${path || 'body'} must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}`;
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function parseOrThrow<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: ZodError } }, value: unknown, root = ''): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeZodError(result.error, root));
  return result.data;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.status(err.status).send({ error: err.type, info: err.info, ...(err.access ? { access: err.access } : {}), ...(err.reason ? { reason: err.reason } : {}) });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(400).send({ error: 'invalid-request-error', info: 'send the body as application/json' });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send({ error: 'json-parsing-error', info: 'the body is empty; send a JSON object' });
    }
    if (err.statusCode === 400 && (err instanceof SyntaxError || err.code?.startsWith('FST_ERR_CTP'))) {
      return reply.status(400).send({ error: 'json-parsing-error', info: `the body is not valid JSON: ${err.message}` });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: 'rate-limit-error', info: err.message });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: 'invalid-request-error', info: err.message });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'server-error', info: 'something went wrong on the server; try again' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not-found', info: `no such endpoint: ${request.method} ${request.url.split('?')[0]}` });
  });
  // Some plugins answer with a bare status (@fastify/websocket: a plain HTTP request to a WebSocket
  // route is an empty 404). Every error still gets Daily's `{error, info}` JSON.
  app.addHook('onSend', async (request, reply, payload) => {
    const empty = payload === undefined || payload === null || payload === '' || (Buffer.isBuffer(payload) && payload.length === 0);
    if (reply.statusCode < 400 || !empty) return payload;
    const path = request.url.split('?')[0];
    const [error, info] =
      reply.statusCode === 404 ? ['not-found', `no such endpoint for a plain HTTP ${request.method} at ${path}; WebSocket endpoints answer only a WebSocket upgrade`]
      : reply.statusCode === 429 ? ['rate-limit-error', 'too many requests; retry in a minute']
      : ['invalid-request-error', `the request to ${path} was refused (HTTP ${reply.statusCode})`];
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify({ error, info });
  });
}
