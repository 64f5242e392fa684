/** JSON bodies for `/v1`: an empty body means `{}`, as it does for Daily. */
import type { FastifyBodyParser, FastifyRequest } from 'fastify';

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
    defaultJsonParser(request, body, done);
  };
}
