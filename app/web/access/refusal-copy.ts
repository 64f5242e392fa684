/**
 * What each refusal says and offers. The words live in the catalogue (`access.<type|detail>.title|body`),
 * keyed by the server's error detail when it gives one, else by its type; the server's own `msg` is for
 * API callers and is never shown.
 */
import type { AccessError, AccessErrorDetail, AccessErrorType } from '../../shared/access.ts';
import type { MessageKey } from '../i18n/index.ts';

type Reason = AccessErrorType | AccessErrorDetail;

export interface RefusalCopy {
  title: `access.${Reason}.title` & MessageKey;
  body: `access.${Reason}.body` & MessageKey;
  /** Asking again can change the answer (time-gated, full). */
  canRetry: boolean;
}

/** Refusals that may turn into a yes if asked again later. */
const RETRYABLE: ReadonlySet<AccessErrorType> = new Set(['nbf-room', 'nbf-token', 'meeting-full']);

/** Every type and detail, so a new one added to `shared/access.ts` fails the typecheck until it has copy here and in the catalogues. */
export const REFUSAL_KEYS: Record<Reason, true> = {
  'no-room': true,
  'exp-room': true,
  'nbf-room': true,
  'not-allowed': true,
  'exp-token': true,
  'nbf-token': true,
  'meeting-full': true,
  ejected: true,
  'token-invalid': true,
  'token-wrong-room': true,
  'room-private': true,
  'join-request-rejected': true,
};

export function refusalCopy(error: AccessError): RefusalCopy {
  const reason = error.detail ?? error.type;
  return {
    title: `access.${reason}.title`,
    body: `access.${reason}.body`,
    canRetry: !error.detail && RETRYABLE.has(error.type),
  };
}
