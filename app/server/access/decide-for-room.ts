/** Gathers what the access decision needs (room, verified token, membership, head count) and asks it. */
import { isValidRoomName } from '../../shared/room-name.ts';
import type { AppContext } from '../context.ts';
import { LivekitUnavailableError } from '../livekit/errors.ts';
import { callSeats } from '../livekit/seats.ts';
import type { Room } from '../store/store.ts';
import { verifyMeetingToken, type TokenCheck } from '../tokens/meeting-token.ts';
import { banKeysFor } from './ban-keys.ts';
import { decideAccess, type AccessDecision } from './decide.ts';

/**
 * The access decision for this person now. The head count (when asked) is everyone LiveKit lists
 * plus seats just given out that LiveKit does not list yet; when it cannot be read the answer is a
 * {@link LivekitUnavailableError}, never "nobody there" (fail closed).
 */
export async function decideForRoom(
  ctx: AppContext,
  roomName: string,
  token: string | undefined,
  opts: { admitted?: boolean; rejoin?: boolean; headCount?: boolean; clientKey?: string; shareHeadCount?: boolean; memberId?: string } = {},
): Promise<{ room: Room | null; decision: AccessDecision }> {
  const admitted = opts.admitted ?? false;
  const room = isValidRoomName(roomName) ? await ctx.store.getRoom(roomName) : null;
  const { apiKey, domainId } = ctx.deployment;
  const verified = token === undefined ? undefined : await verifyMeetingToken(token, { apiKey, domainId });
  // A link a team member made on the dashboard stops working when they leave the team.
  const tokenCheck: TokenCheck | undefined = verified?.ok && verified.token.mintedBy !== undefined && !await ctx.store.team.memberById(verified.token.mintedBy)
    ? { ok: false, reason: 'minted-by-former-member' }
    : verified;
  const accepted = tokenCheck?.ok ? tokenCheck.token : undefined;
  const keys = banKeysFor({ token: accepted ? token : undefined, userId: accepted?.user_id, clientKey: opts.clientKey, memberId: opts.memberId });
  const banned = room !== null && await ctx.store.meetings.isBanned(room.id, keys);
  const input = { room, token: tokenCheck, now: ctx.now(), admitted, banned, rejoin: opts.rejoin ?? false, member: opts.memberId !== undefined };
  const decision = decideAccess(input);
  // Only someone about to enter the call, and not an owner, can be turned away for a full room:
  // ask LiveKit for the head count then, and spare refusals (and callers who say so) that round trip.
  if (!room || decision.level !== 'full' || decision.isOwner || opts.headCount === false) return { room, decision };
  const participantCount = await headCount(ctx, room.id, opts.shareHeadCount ?? false);
  return { room, decision: decideAccess({ ...input, participantCount }) };
}

/** LiveKit's participant lists being read, per app (keyed by its context) and room id. */
const listsInFlight = new WeakMap<object, Map<string, Promise<string[]>>>();

/**
 * LiveKit's list of the room, from a read already on its way if `share` and there is one. A crowd
 * opening one room link at once then costs LiveKit one call, not one each (issue 13: preauth
 * throughput). A shared answer is never older than that one round trip, and is used for preauth only:
 * what the prejoin shows. A join reads afresh in its room's queue, where seats just given also count.
 */
function participantsOf(ctx: AppContext, roomId: string, share: boolean): Promise<string[]> {
  if (!share) return ctx.livekit.participants(roomId);
  let reads = listsInFlight.get(ctx);
  if (!reads) listsInFlight.set(ctx, (reads = new Map()));
  const inFlight = reads.get(roomId);
  if (inFlight) return inFlight;
  const read = ctx.livekit.participants(roomId).finally(() => reads.delete(roomId));
  reads.set(roomId, read);
  return read;
}

async function headCount(ctx: AppContext, roomId: string, share: boolean): Promise<number> {
  let listed: string[];
  try {
    listed = await participantsOf(ctx, roomId, share);
  } catch (err) {
    if (!(err instanceof LivekitUnavailableError)) throw err;
    throw new LivekitUnavailableError(
      'Could not check how many people are in the call (the call service did not answer), so nobody can join it right now. Try again in a moment.',
      { cause: err },
    );
  }
  return callSeats(ctx).occupied(roomId, listed, ctx.now());
}
