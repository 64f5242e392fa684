/**
 * A member leaves the team (removed by an owner or the operator): the calls they are an owner of only
 * because they were a member (`org` rooms) lose them at once. Their sessions already stop giving owner
 * powers (sessions/owner-right.ts); this takes them out of the call itself, as a host's "remove" would
 * (no ban: they may come back the way anyone else does, with a link or by knocking).
 */
import type { AppContext } from '../context.ts';
import { ejectFromCall } from '../owner-actions/eject.ts';
import type { Member } from './team-store.ts';

export async function endMembershipInCalls(ctx: AppContext, member: Pick<Member, 'id'>): Promise<number> {
  let removed = 0;
  for (const { roomId, participantId } of await ctx.store.team.ownersByMembership(member.id)) {
    // Only the meeting going on: the record of older ones stays as it is.
    const room = await ctx.store.roomById(roomId);
    if (!room || !await ctx.store.meetings.callParticipant(roomId, participantId)) continue;
    if ((await ejectFromCall(ctx, room, participantId, { ban: false })) === 'removed') removed += 1;
  }
  return removed;
}
