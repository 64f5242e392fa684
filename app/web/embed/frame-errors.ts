/**
 * The fatal `error` event a host page gets when the frame's call cannot start or is over for a reason
 * other than leaving: daily-js's types (the spec's access table) and English messages, as the API gives them.
 */
import { ACCESS_ERROR_MESSAGES, DETAIL_MESSAGES } from '../../shared/access.ts';
import type { FrameEventPayload } from '../../shared/embed-protocol.ts';
import type { CallPhase } from '../flow/call-store.ts';

type FatalError = FrameEventPayload<'error'>;

const fatal = (type: FatalError['error']['type'], msg: string): FatalError => ({ errorMsg: msg, error: { type, msg } });

/** The error to tell the host page when the frame enters `phase`, if any. */
export function fatalErrorOf(phase: CallPhase): FatalError | undefined {
  switch (phase.name) {
    case 'refused': {
      // A denied knock: daily-js's sample checks exactly this message.
      const msg = phase.error.detail ? DETAIL_MESSAGES[phase.error.detail] : ACCESS_ERROR_MESSAGES[phase.error.type];
      return fatal(phase.error.type, msg);
    }
    case 'failed':
      return fatal('connection-error', 'Could not reach the Foyer server');
    case 'ended':
      switch (phase.reason) {
        case 'left':
          return undefined;
        case 'removed':
          return fatal('ejected', ACCESS_ERROR_MESSAGES.ejected);
        case 'meeting-ended':
          return fatal('ejected', 'The call was ended for everyone');
        case 'room-expired':
          return fatal('exp-room', ACCESS_ERROR_MESSAGES['exp-room']);
        case 'time-up':
          return fatal('exp-token', 'Your time in this call is up');
        case 'connection-lost':
          return fatal('connection-error', 'The connection to the call was lost');
      }
      return undefined;
    default:
      return undefined;
  }
}
