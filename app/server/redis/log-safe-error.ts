/**
 * ioredis hangs the failed command on a Redis error reply (`err.command = { name, args }`, only AUTH's
 * arguments hidden), and the lobby's commands carry meeting tokens and held answers in theirs. The app
 * logger serializes errors through this, so a Redis error names its command and never its arguments.
 */
import pino from 'pino';

/** How deep nested errors (`cause`, an aggregate's `aggregateErrors`) are looked through. */
const MAX_DEPTH = 5;

/** A copy of `value` (the error's own objects are left as they are) with each `command` only named. */
function withoutCommandArgs(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, nested] of Object.entries(value)) {
    const isCommand = key === 'command' && typeof nested === 'object' && nested !== null && 'args' in nested;
    copy[key] = isCommand ? { name: (nested as { name?: unknown }).name } : withoutCommandArgs(nested, depth + 1);
  }
  return copy;
}

/** pino's error serializer, with any Redis command's arguments left out. */
export function logSafeError(err: Error): Record<string, unknown> {
  return withoutCommandArgs(pino.stdSerializers.err(err), 0) as Record<string, unknown>;
}

/** Fastify's logger options (`true`: its defaults) with errors serialized by `logSafeError`. */
export function withLogSafeErrors(logger: true | { serializers?: object }): object {
  const options = logger === true ? {} : logger;
  return { ...options, serializers: { ...options.serializers, err: logSafeError } };
}
