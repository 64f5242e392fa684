/** Access levels and refusal types, named as Daily names them so embed code reads them unchanged. */
export type AccessLevel = 'full' | 'lobby' | 'none';

export type AccessErrorType =
  | 'no-room'
  | 'exp-room'
  | 'nbf-room'
  | 'not-allowed'
  | 'exp-token'
  | 'nbf-token'
  | 'meeting-full'
  | 'ejected';

/** Finer reason under `not-allowed`, so the screen can say exactly what is wrong. */
export type AccessErrorDetail = 'token-invalid' | 'token-wrong-room' | 'room-private' | 'join-request-rejected';

export interface AccessError {
  type: AccessErrorType;
  detail?: AccessErrorDetail;
  msg: string;
}

/**
 * The API's `msg` for each refusal (for embedders and API callers, in English). The SPA never shows it:
 * its screens read title and body from the catalogue (`app/web/i18n`, `access.<type|detail>.*`).
 */
export const ACCESS_ERROR_MESSAGES: Record<AccessErrorType, string> = {
  'no-room': "This room doesn't exist",
  'exp-room': 'This call is no longer available',
  'nbf-room': "This call hasn't started yet",
  'not-allowed': 'You are not allowed to join this call',
  'exp-token': 'This meeting link has expired',
  'nbf-token': "This meeting link isn't valid yet",
  'meeting-full': 'This call is full',
  ejected: 'You were removed from the call',
};

/** The API's `msg` for each detail under `not-allowed`; see ACCESS_ERROR_MESSAGES. */
export const DETAIL_MESSAGES: Record<AccessErrorDetail, string> = {
  'token-invalid': 'This meeting link is not valid',
  'token-wrong-room': 'This meeting link is for a different room',
  'room-private': 'This room is private',
  'join-request-rejected': 'Join request rejected',
};
