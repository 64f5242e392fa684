/**
 * Coming back after a lost connection. A participant whose connection to the call dropped (a network
 * change, LiveKit restarted) presents the session they were given at join, and gets back in as the
 * same participant without knocking again, as long as it is the same meeting: the session is valid,
 * for this room as it is now (not a deleted and recreated name), and the meeting still remembers
 * their join (it forgets it when the meeting ends or a host removes them). Everything else at the door
 * (bans, a full call, an expired room or token) is decided as for any join.
 */
import type { MeetingStore } from '../store/meeting-store.ts';
import type { Room } from '../store/store.ts';
import { hasOwnerRight, type OwnerRightStore } from '../sessions/owner-right.ts';
import type { ParticipantSession } from '../sessions/participant-session.ts';

export interface RejoinRight {
  identity: string;
  /** An owner at join, or made one during the meeting. */
  isOwner: boolean;
  /** The owner right is a team member's in an `org` room (kept in the new session, so it still ends with the membership). */
  ownerByMembership?: string;
}

/** Whether this (already verified, or null) session lets its holder back into this room's call. Pure, tested row by row. */
export async function rejoinRight(session: ParticipantSession | null, room: Room | null, store: OwnerRightStore & { meetings: Pick<MeetingStore, 'callParticipant'> }): Promise<RejoinRight | null> {
  if (!session || !room || session.roomId !== room.id) return null;
  if (!await store.meetings.callParticipant(room.id, session.identity)) return null;
  const isOwner = await hasOwnerRight(store, session);
  const byMembership = isOwner && session.ownerByMembership !== undefined && !await store.meetings.isPromoted(room.id, session.identity);
  return { identity: session.identity, isOwner, ...(byMembership ? { ownerByMembership: session.ownerByMembership } : {}) };
}
