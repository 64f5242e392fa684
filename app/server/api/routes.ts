/**
 * Client API for the SPA: preauth (the access decision for this person) and join (a LiveKit token,
 * only when the decision is `full`). The SPA never decides access; it shows what this says.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { checkDisplayName } from '../../shared/display-name.ts';
import type { JoinResponse, PreauthResponse, RoomSummary } from '../../shared/client-api.ts';
import { isValidRoomName } from '../../shared/room-name.ts';
import { decideAccess, type AccessDecision } from '../access/decide.ts';
import type { AppContext } from '../context.ts';
import { ApiError, badRequest, parseOrThrow } from '../http/errors.ts';
import { newIdentity } from '../livekit/gateway.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import type { Room } from '../store/store.ts';
import { verifyMeetingToken } from '../tokens/meeting-token.ts';

const preauthBody = z.object({ token: z.string().min(1).max(8192).optional() }).strict();
const joinBody = z.object({ token: z.string().min(1).max(8192).optional(), name: z.string().max(1024) }).strict();

function summary(room: Room): RoomSummary {
  const s = effectiveRoomSettings(room.config);
  return {
    name: room.name,
    privacy: room.privacy,
    knocking: s.knocking,
    prejoin: s.prejoin,
    startVideoOff: s.startVideoOff,
    startAudioOff: s.startAudioOff,
  };
}

export function clientApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { apiKey, domainId } = ctx.deployment;

  /** The whole decision for this room and token, now. */
  async function decide(roomName: string, token: string | undefined): Promise<{ room: Room | null; decision: AccessDecision }> {
    const room = isValidRoomName(roomName) ? ctx.store.getRoom(roomName) : null;
    const [tokenCheck, participantCount] = await Promise.all([
      token === undefined ? undefined : verifyMeetingToken(token, { apiKey, domainId }),
      room ? ctx.livekit.participantCount(room.id) : undefined,
    ]);
    return { room, decision: decideAccess({ room, token: tokenCheck, now: ctx.now(), participantCount }) };
  }

  app.post<{ Params: { name: string } }>('/api/rooms/:name/preauth', async (request): Promise<PreauthResponse> => {
    const body = parseOrThrow(preauthBody, request.body ?? {});
    const { room, decision } = await decide(request.params.name, body.token);
    return {
      room: room && decision.error?.type !== 'no-room' ? summary(room) : null,
      access: { level: decision.level },
      ...(decision.error ? { error: decision.error } : {}),
      user: { ...(decision.token?.user_name ? { name: decision.token.user_name } : {}), isOwner: decision.isOwner },
      ...(decision.guestLevel ? { guestLevel: decision.guestLevel } : {}),
      ...(decision.level === 'full' ? { livekitUrl: ctx.livekit.publicUrl } : {}),
    };
  });

  app.post<{ Params: { name: string } }>('/api/rooms/:name/join', async (request): Promise<JoinResponse> => {
    const body = parseOrThrow(joinBody, request.body ?? {});
    const { room, decision } = await decide(request.params.name, body.token);
    if (decision.level !== 'full' || !room) {
      const access = decision.error ?? { type: 'not-allowed' as const, msg: 'Ask to join first' };
      throw new ApiError('forbidden-error', access.msg, access);
    }
    // A name set in the meeting token wins over the one typed in the prejoin (Daily's rule).
    const checked = checkDisplayName(decision.token?.user_name ?? body.name);
    if (!checked.ok) throw badRequest(checked.reason);
    const settings = effectiveRoomSettings(room.config);
    const identity = newIdentity();
    const livekitToken = await ctx.livekit.mintJoinToken({
      roomId: room.id,
      identity,
      name: checked.name,
      isOwner: decision.isOwner,
      userId: decision.token?.user_id,
      canPublish: decision.isOwner || !settings.ownerOnlyBroadcast,
      canScreenShare: decision.token?.enable_screenshare ?? settings.screenshare,
    });
    return { livekitUrl: ctx.livekit.publicUrl, livekitToken, identity, name: checked.name, isOwner: decision.isOwner };
  });
}
