/** JSON bodies for `/v1` and the operator's other APIs: an empty body means `{}`, as it does for Daily. */
import type { FastifyBodyParser, FastifyRequest } from 'fastify';
import { badRequest } from './errors.ts';

type StringParser = FastifyBodyParser<string>;

/**
 * Wraps Fastify's JSON parser (which keeps its prototype-poisoning checks and its errors, answered
 * as `json-parsing-error`) so that an empty body parses as `{}`: curl lines with
 * `-H "Content-Type: application/json"` and no `-d` create a room with a generated name on Daily.
 * Only an empty one: whitespace alone is not JSON, and is refused like any other bad body (schemathesis
 * sent `\r` and got a meeting token).
 */
export function emptyBodyAsObject(defaultJsonParser: (req: FastifyRequest, body: string, done: (err: Error | null, body?: unknown) => void) => void): StringParser {
  return (request, body, done) => {
    if (body === '') {
      done(null, {});
      return;
    }
    // PostgreSQL keeps no NUL character in text or jsonb: refused here, for every store alike, with why.
    if (!body.includes('\\u0000') && !body.includes('\0')) return defaultJsonParser(request, body, done);
    defaultJsonParser(request, body, (err, parsed) => {
      if (err) return done(err);
      if (holdsNul(parsed)) return done(badRequest('text may not contain the NUL character (\\u0000)'));
      done(null, parsed);
    });
  };
}

/** Whether any string or key in a parsed JSON value holds U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\0') || holdsNul(v));
  return false;
}
