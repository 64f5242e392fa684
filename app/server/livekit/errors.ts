/**
 * How LiveKit failures reach the people calling Foyer: a clear error that names LiveKit and the next
 * step, never a hang and never a silent "nothing there".
 */
import { ServerError } from 'livekit-server-sdk';
import { ApiError } from '../http/errors.ts';

/**
 * LiveKit could not be asked (down, restarting, not answering in time, refusing Foyer's keys).
 * Not bad input, so Daily's `server-error`, with 503: trying again later is the right move.
 */
export class LivekitUnavailableError extends ApiError {
  override readonly status = 503;
  constructor(info: string, opts?: { cause?: unknown }) {
    super('server-error', info);
    if (opts?.cause !== undefined) this.cause = opts.cause;
  }
}

/** LiveKit's answer for a room or participant that does not exist (Twirp `not_found`, HTTP 404). */
export function isNotFound(err: unknown): boolean {
  return err instanceof ServerError && (err.code === 'not_found' || err.status === 404);
}

/**
 * One sentence on what went wrong talking to LiveKit at `url`, without echoing LiveKit's own message
 * (it can carry the signed request token).
 */
export function describeLivekitFailure(err: unknown, url: string, timeoutSeconds: number): string {
  if (err instanceof ServerError) {
    if (err.status === 401 || err.status === 403) {
      return `LiveKit at ${url} refused Foyer's API key: check LIVEKIT_API_KEY and LIVEKIT_API_SECRET (or restart Foyer so it starts its own LiveKit)`;
    }
    return `LiveKit at ${url} answered with an error (HTTP ${err.status}${err.code ? `, ${err.code}` : ''}); try again in a moment, and see LiveKit's log if it keeps happening`;
  }
  if (isTimeout(err)) {
    return `LiveKit at ${url} did not answer within ${timeoutSeconds} s; it may be overloaded or restarting. Try again in a moment`;
  }
  const cause = err instanceof Error ? ((err.cause as { code?: string } | undefined)?.code ?? err.message) : String(err);
  return `Could not reach LiveKit at ${url} (${cause}); it may be down or restarting. Try again in a moment, and check that LiveKit is running if it keeps happening`;
}

function isTimeout(err: unknown): boolean {
  return err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
}
