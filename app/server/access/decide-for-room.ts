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
  admitted = false,
): Promise<{ room: Room | null; decision: AccessDecision }> {
  const room = isValidRoomName(roomName) ? ctx.store.getRoom(roomName) : null;
  const { apiKey, domainId } = ctx.deployment;
  const [tokenCheck, participantCount] = await Promise.all([
    token === undefined ? undefined : verifyMeetingToken(token, { apiKey, domainId }),
    room ? ctx.livekit.participantCount(room.id) : undefined,
  ]);
  return { room, decision: decideAccess({ room, token: tokenCheck, now: ctx.now(), participantCount, admitted }) };
}
