/**
 * Client API for the SPA: preauth (the access decision for this person) and join (a LiveKit token,
 * only when the decision is `full`). The SPA never decides access; it shows what this says.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { JoinResponse, PreauthResponse, RoomSummary } from '../../shared/client-api.ts';
import { decideForRoom } from '../access/decide-for-room.ts';
import { isValidRoomName } from '../../shared/room-name.ts';
import { joinCall } from './join-call.ts';
import { rejoinRight } from './rejoin.ts';
import { publishRights, uiLanguage } from '../access/publish-rights.ts';
import type { AppContext } from '../context.ts';
import { ApiError, badRequest, parseOrThrow } from '../http/errors.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import type { Room } from '../store/store.ts';
import type { Lobby } from '../lobby/lobby.ts';
import type { ParticipantSessions } from '../sessions/participant-session.ts';
import type { EjectionTimers } from '../lifecycle/ejection-timers.ts';
import type { SignedInMember } from '../team/signed-in.ts';
import type { VerifiedToken } from '../tokens/meeting-token.ts';

const preauthBody = z.object({ token: z.string().min(1).max(8192).optional() }).strict();
const joinBody = z.object({
  token: z.string().min(1).max(8192).optional(),
  name: z.string().max(1024),
  admission: z.string().min(1).max(256).optional(),
  rejoin: z.string().min(1).max(4096).optional(),
}).strict();

/** The room as this person's prejoin should present it: token properties override the room's. */
function summary(room: Room, token: VerifiedToken | undefined): RoomSummary {
  const s = effectiveRoomSettings(room.config);
  const lang = uiLanguage(room.config, token);
  return {
    name: room.name,
    privacy: room.privacy,
    knocking: s.knocking,
    prejoin: token?.enable_prejoin_ui ?? s.prejoin,
    startVideoOff: token?.start_video_off ?? s.startVideoOff,
    startAudioOff: token?.start_audio_off ?? s.startAudioOff,
    chat: publishRights(room.config, token, false).chat,
    ownerOnlyBroadcast: s.ownerOnlyBroadcast,
    ...(lang ? { lang } : {}),
  };
}

export interface ClientApiOptions {
  /** Where a join arms the participant's removal on schedule. */
  ejections?: EjectionTimers;
  /** The team member the request's session cookie signs in (none: everyone is a guest). */
  memberOf?: SignedInMember;
}

export function clientApiRoutes(app: FastifyInstance, ctx: AppContext, lobby: Lobby, sessions: ParticipantSessions, options: ClientApiOptions = {}): void {
  const { ejections } = options;
  const memberOf = options.memberOf ?? (async () => null);

  app.post<{ Params: { name: string } }>('/api/rooms/:name/preauth', async (request): Promise<PreauthResponse> => {
    const body = parseOrThrow(preauthBody, request.body ?? {});
    const member = await memberOf(request);
    // Preauths to one room share a head count already being read (what the prejoin shows; join counts again).
    const { room, decision } = await decideForRoom(ctx, request.params.name, body.token, { clientKey: request.ip, shareHeadCount: true, ...(member ? { memberId: member.id } : {}) });
    const shown = room && decision.error?.type !== 'no-room' ? room : null;
    const rights = shown ? publishRights(shown.config, decision.token, decision.isOwner) : undefined;
    return {
      room: shown ? summary(shown, decision.token) : null,
      access: { level: decision.level },
      ...(decision.error ? { error: decision.error } : {}),
      user: {
        ...(decision.token?.user_name ? { name: decision.token.user_name } : {}),
        isOwner: decision.isOwner,
        // Only when it matters here: a signed-in member entering an `org` room as its owner (not on a refusal).
        ...(member && shown?.privacy === 'org' && decision.level === 'full' && decision.isOwner ? { member: { name: member.name } } : {}),
        canPublish: rights?.canPublish ?? false,
        canScreenShare: rights?.canScreenShare ?? false,
      },
      ...(decision.guestLevel ? { guestLevel: decision.guestLevel } : {}),
      // Also for the lobby: a guest who may be let in warms the connection while waiting, to the node
      // that will host this call (in a cluster, each call has its own).
      ...(decision.level !== 'none' ? { livekitUrl: room ? ctx.livekit.joinUrl(room.id) : ctx.livekit.publicUrl } : {}),
    };
  });

  app.post<{ Params: { name: string } }>('/api/rooms/:name/join', async (request): Promise<JoinResponse> => {
    const body = parseOrThrow(joinBody, request.body ?? {});
    const roomName = request.params.name;
    // A guest let in from the lobby brings an admission: single-use, for this room, with the name they
    // knocked with. It is looked at now and used up only once the join succeeds, so a failure on the
    // way (LiveKit down, the call full) does not send the guest back to the lobby.
    const expired = () =>
      new ApiError('forbidden-error', 'This invitation to join has expired. Ask to join again.', {
        type: 'not-allowed',
        msg: 'Admission expired or already used',
      });
    const admission = body.admission !== undefined ? await lobby.admission(body.admission, roomName) : undefined;
    if (body.admission !== undefined && !admission) throw expired();
    const rejoin = body.rejoin === undefined ? undefined : await rejoinRight(
      await sessions.verify(body.rejoin, ctx.now()),
      isValidRoomName(roomName) ? await ctx.store.getRoom(roomName) : null,
      ctx.store,
    );
    if (body.rejoin !== undefined && !rejoin) {
      throw new ApiError('forbidden-error', 'This call cannot be rejoined from here any more. Open the room link again.', {
        type: 'not-allowed',
        msg: 'Rejoin session expired, removed, or the meeting is over',
      });
    }
    // Let in from the lobby: decide with the token the guest knocked with, if any, not one sent now.
    return joinCall(ctx, sessions, {
      roomName,
      meetingToken: admission ? admission.meetingToken : body.token,
      name: admission?.name ?? body.name,
      admitted: admission !== undefined,
      ...(rejoin ? { rejoin } : {}),
      clientKey: request.ip,
      member: await memberOf(request),
      ...(ejections ? { ejections } : {}),
      // The admission is used up only once everything else has succeeded.
      ...(body.admission !== undefined ? { commit: async () => { if (!(await lobby.redeem(body.admission!, roomName))) throw expired(); } } : {}),
    });
  });
}
