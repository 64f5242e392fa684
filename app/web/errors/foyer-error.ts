/**
 * Typed errors for everything the SPA can fail at, after element-call's `ElementCallError`: a `code` the
 * screen turns into catalogue text (`error.<code>`), and a `category` for what kind of trouble it is.
 * Screens never show an exception's or a server's raw message; `toFoyerError` maps whatever was thrown.
 * This module imports nothing from livekit-client, so the boot chunk stays small: LiveKit errors are
 * recognised by their name.
 */
import type { AccessError } from '../../shared/access.ts';
import type { ApiErrorBody } from '../../shared/client-api.ts';
import type { MessageKey } from '../i18n/index.ts';

/** What went wrong, one catalogue text each (`error.<code>`). */
export type FoyerErrorCode =
  | 'network'
  | 'server'
  | 'rate-limited'
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'access-refused'
  | 'livekit-unreachable'
  | 'livekit-refused'
  | 'media-permission-denied'
  | 'media-not-found'
  | 'media-unavailable'
  | 'unknown';

/** The catalogue key for each code; checked against the catalogue so a code without text fails the typecheck. */
export type FoyerErrorKey = `error.${FoyerErrorCode}` & MessageKey;

/** The kind of trouble: the connection, the door (who may do what), the devices, the server, or unknown. */
export type FoyerErrorCategory = 'network' | 'access' | 'media' | 'server' | 'unknown';

const CATEGORY: Record<FoyerErrorCode, FoyerErrorCategory> = {
  network: 'network',
  server: 'server',
  'rate-limited': 'server',
  'bad-request': 'server',
  unauthorized: 'access',
  forbidden: 'access',
  'not-found': 'access',
  'access-refused': 'access',
  'livekit-unreachable': 'network',
  'livekit-refused': 'access',
  'media-permission-denied': 'media',
  'media-not-found': 'media',
  'media-unavailable': 'media',
  unknown: 'unknown',
};

export interface FoyerErrorOptions {
  cause?: unknown;
  /** HTTP status of a client-API answer (0: no answer). */
  status?: number;
  /** The client API's error body (`{error, info, access?}`), for code that needs the server's type. */
  body?: ApiErrorBody;
}

export class FoyerError extends Error {
  override readonly name = 'FoyerError';
  readonly category: FoyerErrorCategory;
  readonly status?: number;
  readonly body?: ApiErrorBody;

  /** `detail` is for logs and developers; the screen shows `messageKey`. */
  constructor(readonly code: FoyerErrorCode, detail?: string, options: FoyerErrorOptions = {}) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.category = CATEGORY[code];
    if (options.status !== undefined) this.status = options.status;
    if (options.body) this.body = options.body;
  }

  /** The catalogue key of the text to show for this error. */
  get messageKey(): FoyerErrorKey {
    return `error.${this.code}`;
  }

  /** The access refusal the server gave with this error, if any (the door's answer changed). */
  get access(): AccessError | undefined {
    return this.body?.access;
  }
}

/** Daily's error types to codes; anything else falls back to the HTTP status. */
const API_ERROR_CODES: Record<string, FoyerErrorCode> = {
  'invalid-request-error': 'bad-request',
  'authentication-error': 'unauthorized',
  'forbidden-error': 'forbidden',
  'not-found': 'not-found',
  'rate-limit-error': 'rate-limited',
};

/** The code for a client-API answer that was not OK (`status` 0: nothing answered). */
export function apiErrorCode(status: number, body: ApiErrorBody | null): FoyerErrorCode {
  if (status === 0) return 'network';
  if (body?.access) return 'access-refused';
  const known = body ? API_ERROR_CODES[body.error] : undefined;
  if (known) return known;
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status >= 500) return 'server';
  return status >= 400 ? 'bad-request' : 'unknown';
}

/** getUserMedia's DOMException names to codes (MDN: MediaDevices.getUserMedia, Exceptions). */
const MEDIA_ERRORS: Record<string, FoyerErrorCode> = {
  NotAllowedError: 'media-permission-denied',
  SecurityError: 'media-permission-denied',
  NotFoundError: 'media-not-found',
  OverconstrainedError: 'media-not-found',
  NotReadableError: 'media-unavailable',
  AbortError: 'media-unavailable',
};

/** livekit-client's `ConnectionErrorReason` names that mean LiveKit said no (the rest: it could not be reached). */
const LIVEKIT_REFUSALS = new Set(['NotAllowed', 'LeaveRequest']);

const named = (err: unknown): err is { name: string; message?: unknown } =>
  typeof err === 'object' && err !== null && typeof (err as { name?: unknown }).name === 'string';

/** Whatever was thrown, as a FoyerError (itself when it already is one). */
export function toFoyerError(err: unknown): FoyerError {
  if (err instanceof FoyerError) return err;
  const detail = err instanceof Error ? err.message : typeof err === 'string' ? err : undefined;
  if (!named(err)) return new FoyerError('unknown', detail, { cause: err });
  if (err.name === 'ConnectionError') {
    const reason = (err as { reasonName?: unknown }).reasonName;
    const refused = typeof reason === 'string' && LIVEKIT_REFUSALS.has(reason);
    return new FoyerError(refused ? 'livekit-refused' : 'livekit-unreachable', detail, { cause: err });
  }
  const media = MEDIA_ERRORS[err.name];
  if (media) return new FoyerError(media, detail, { cause: err });
  // fetch rejects with a TypeError when nothing answers (offline, DNS, connection refused, CORS).
  if (err.name === 'TypeError' && /fetch|network|load failed/i.test(detail ?? '')) return new FoyerError('network', detail, { cause: err });
  if (err.name === 'TimeoutError') return new FoyerError('network', detail, { cause: err });
  return new FoyerError('unknown', detail, { cause: err });
}
