/** What each refusal says and offers, in one table the screen reads. */
import type { AccessError } from '../../shared/access.ts';

export interface RefusalCopy {
  title: string;
  body: string;
  /** Asking again can change the answer (time-gated, full). */
  canRetry: boolean;
}

export function refusalCopy(error: AccessError): RefusalCopy {
  switch (error.detail) {
    case 'token-invalid':
      return { title: 'This meeting link is not valid', body: 'The link is damaged or was not made for this server. Ask the person who invited you for a new link.', canRetry: false };
    case 'token-wrong-room':
      return { title: 'This meeting link is for a different room', body: 'Open the link exactly as you received it, or ask for a link to this room.', canRetry: false };
    case 'room-private':
      return { title: 'This room is private', body: 'You need an invitation link from the host to join this call.', canRetry: false };
    case 'join-request-rejected':
      return { title: 'Your request to join was denied', body: 'The host did not let you in. Reload the page to ask again.', canRetry: false };
    default:
      break;
  }
  switch (error.type) {
    case 'no-room':
      return { title: "This room doesn't exist", body: 'Check the link, or ask the person who sent it for a new one.', canRetry: false };
    case 'exp-room':
      return { title: 'This call is no longer available', body: 'The room has expired. Ask the host for a new link.', canRetry: false };
    case 'nbf-room':
      return { title: "This call hasn't started yet", body: 'Come back at the scheduled time and try again.', canRetry: true };
    case 'exp-token':
      return { title: 'This meeting link has expired', body: 'Ask the person who invited you for a new link.', canRetry: false };
    case 'nbf-token':
      return { title: "This meeting link isn't valid yet", body: 'It opens at the scheduled time. Try again then.', canRetry: true };
    case 'meeting-full':
      return { title: 'This call is full', body: 'Wait for someone to leave and try again.', canRetry: true };
    case 'ejected':
      return { title: 'You were removed from the call', body: 'A host removed you from this call.', canRetry: false };
    default:
      return { title: 'You are not allowed to join this call', body: error.msg, canRetry: false };
  }
}
