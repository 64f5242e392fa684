/**
 * Whether a participant's session makes them an owner now: their own flag (while the team membership it
 * came from lasts, for a member in an `org` room), or made one during this meeting.
 */
import type { MeetingStore } from '../store/meeting-store.ts';
import type { TeamStore } from '../team/team-store.ts';
import type { ParticipantSession } from './participant-session.ts';

export interface OwnerRightStore {
  meetings: Pick<MeetingStore, 'isPromoted'>;
  team: Pick<TeamStore, 'memberById'>;
}

/** The owner right the session itself carries: a removed member's ends at once. */
export const hasOwnRight = async (store: OwnerRightStore, session: ParticipantSession): Promise<boolean> =>
  session.isOwner && (session.ownerByMembership === undefined || await store.team.memberById(session.ownerByMembership) !== null);

export const hasOwnerRight = async (store: OwnerRightStore, session: ParticipantSession): Promise<boolean> =>
  await hasOwnRight(store, session) || await store.meetings.isPromoted(session.roomId, session.identity);
