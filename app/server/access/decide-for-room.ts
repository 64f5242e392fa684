/** Gathers what the access decision needs (room, verified token, head count) and asks it. */
import { isValidRoomName } from '../../shared/room-name.ts';
import type { AppContext } from '../context.ts';
import type { Room } from '../store/store.ts';
import { verifyMeetingToken } from '../tokens/meeting-token.ts';
import { decideAccess, type AccessDecision } from './decide.ts';

export async function decideForRoom(
  ctx: AppContext,
  roomName: string,
  token: string | undefined,
  opts: { admitted?: boolean; headCount?: boolean } = {},
): Promise<{ room: Room | null; decision: AccessDecision }> {
  const admitted = opts.admitted ?? false;
  const room = isValidRoomName(roomName) ? ctx.store.getRoom(roomName) : null;
  const { apiKey, domainId } = ctx.deployment;
  const tokenCheck = token === undefined ? undefined : await verifyMeetingToken(token, { apiKey, domainId });
  const input = { room, token: tokenCheck, now: ctx.now(), admitted };
  const decision = decideAccess(input);
  // Only someone about to enter the call, and not an owner, can be turned away for a full room:
  // ask LiveKit for the head count then, and spare refusals (and callers who say so) that round trip.
  if (!room || decision.level !== 'full' || decision.isOwner || opts.headCount === false) return { room, decision };
  const participantCount = await ctx.livekit.participantCount(room.id);
  return { room, decision: decideAccess({ ...input, participantCount }) };
}
