/**
 * `Authorization: Bearer <api key>` for the operator API, with Daily's two failure types, and a
 * throttle on wrong keys per client address (the key also signs meeting tokens: no online guessing).
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { RateLimitPluginOptions } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Clients tracked at once; past this the longest-quiet one is forgotten (bounds memory under a spread attack). */
const MAX_TRACKED_CLIENTS = 100_000;

/** Where wrong-key attempts are counted: in this process (`AuthFailureThrottle`), or shared in Redis. */
export interface AuthFailureLog {
  /** Seconds until `client` may try again, or 0 when it is not throttled now. */
  retryAfter(client: string, now: number): number | Promise<number>;
  /** Records one wrong key from `client`. */
  recordFailure(client: string, now: number): void | Promise<void>;
}

/** Wrong-key attempts per client address in a sliding window, on an injected clock (unix seconds). */
export class AuthFailureThrottle implements AuthFailureLog {
  // Insertion order is "least recently failed first", so eviction takes the quietest client.
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowSeconds = 60,
    private readonly maxClients = MAX_TRACKED_CLIENTS,
  ) {}

  /** Seconds until `client` may try again, or 0 when it is not throttled now. */
  retryAfter(client: string, now: number): number {
    const recent = this.recent(client, now);
    if (recent.length < this.maxFailures) return 0;
    // The window slides: the client is let in once enough of its failures are a window old.
    const freeing = recent[recent.length - this.maxFailures]!;
    return Math.max(1, Math.ceil(freeing + this.windowSeconds - now));
  }

  /** Records one wrong key from `client`. */
  recordFailure(client: string, now: number): void {
    const recent = this.recent(client, now);
    recent.push(now);
    // Older entries than the last `maxFailures` never decide anything: keep memory per client bounded.
    if (recent.length > this.maxFailures) recent.splice(0, recent.length - this.maxFailures);
    this.failures.delete(client);
    this.failures.set(client, recent);
    if (this.failures.size > this.maxClients) this.failures.delete(this.failures.keys().next().value!);
  }

  /** How many clients are tracked (for tests of the memory bound). */
  get trackedClients(): number {
    return this.failures.size;
  }

  private recent(client: string, now: number): number[] {
    const times = this.failures.get(client);
    if (!times) return [];
    const recent = times.filter((t) => now - t < this.windowSeconds);
    if (recent.length === 0) this.failures.delete(client);
    return recent;
  }
}

export interface ApiKeyAuthOptions {
  /** Wrong keys one client address may send per minute before every `/v1` request from it gets 429. */
  failuresPerMinute: number;
  /** Unix seconds; the app's clock. */
  now(): number;
  /** Where failures are counted; by default in this process (several instances share one in Redis). */
  failures?: AuthFailureLog;
}

/**
 * The `/v1` onRequest check. A client address that sent `failuresPerMinute` wrong keys within the
 * last minute is refused with `429 rate-limit-error`, right key or not, until the minute has passed.
 * Requests with no usable header are not counted: they guess nothing.
 */
export function requireApiKey(apiKey: string, opts: ApiKeyAuthOptions) {
  const expected = digest(apiKey);
  const throttle = opts.failures ?? new AuthFailureThrottle(opts.failuresPerMinute);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const now = opts.now();
    const wait = await throttle.retryAfter(request.ip, now);
    if (wait > 0) {
      // Like every 429 of /v1: a client library can back off without reading the message.
      reply.header('retry-after', String(wait));
      throw new ApiError('rate-limit-error', `too many wrong API keys from this address; retry in ${wait} s with the right key`);
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw new ApiError('authorization-header-error', 'send the API key as "Authorization: Bearer <api key>"');
    }
    if (!timingSafeEqual(digest(match[1]!), expected)) {
      await throttle.recordFailure(request.ip, now);
      throw new ApiError('authentication-error', 'the API key is not valid; use the key from FOYER_API_KEY, or the one Foyer printed on its first start');
    }
  };
}

/**
 * The `/v1` request budget's bucket for a request that passed `requireApiKey`: a hash of the key it
 * sent, so the budget is per API key (whatever address it comes from) and no limiter map or log ever
 * holds the key itself.
 */
export function apiKeyBucket(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const key = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] ?? '';
  return `api-key:${digest(key).toString('base64url').slice(0, 22)}`;
}

/**
 * The per-key request budget of the APIs the key opens (`/v1`, the 2018 team API): `max` requests per
 * 5 seconds (FOYER_API_REQUESTS_PER_5S). Over it: 429 rate-limit-error with Retry-After (seconds).
 */
export function perKeyRateLimit(max: number): RateLimitPluginOptions {
  return {
    max,
    timeWindow: 5000,
    keyGenerator: apiKeyBucket,
    errorResponseBuilder: (_req, context) => new ApiError(
      'rate-limit-error',
      `too many requests for this API key (${context.max} per 5 s, FOYER_API_REQUESTS_PER_5S); retry in ${Math.max(1, Math.ceil(context.ttl / 1000))} s (see Retry-After)`,
    ),
  };
}
