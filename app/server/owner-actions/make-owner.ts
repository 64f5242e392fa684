/**
 * Making someone an owner for the rest of the meeting: the owner's in-call "make owner" and the
 * operator's `update-permissions` with `canAdmin` both come here.
 */
import type { AppContext } from '../context.ts';
import type { Room } from '../store/store.ts';

/**
 * LiveKit first (the owner attribute everyone sees, publishing allowed), then the server's own record
 * (their session then carries the owner right). False when they are not in the call.
 */
export async function makeOwner(ctx: AppContext, room: Room, identity: string): Promise<boolean> {
  if (!(await ctx.livekit.makeOwner(room.id, identity))) return false;
  await ctx.store.meetings.promote(room.id, identity);
  return true;
}
