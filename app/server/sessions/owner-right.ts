/** Whether a participant's session makes them an owner now: their own flag, or made one during this meeting. */
import type { MeetingStore } from '../store/meeting-store.ts';
import type { ParticipantSession } from './participant-session.ts';

export const hasOwnerRight = (store: { meetings: Pick<MeetingStore, 'isPromoted'> }, session: ParticipantSession): boolean =>
  session.isOwner || store.meetings.isPromoted(session.roomId, session.identity);
