/**
 * Joining a call: the door asked once more (with the seat count taken in the room's queue), then the
 * LiveKit room opened, a LiveKit token minted, the participant session issued and the join recorded.
 * The client API's join route only parses the request (admission, rejoin session) and calls this.
 * A LiveKit token is minted only when the decision is `full`.
 */
import { checkDisplayName } from '../../shared/display-name.ts';
import type { JoinResponse } from '../../shared/client-api.ts';
import { ACCESS_ERROR_MESSAGES } from '../../shared/access.ts';
import { banKeysFor } from '../access/ban-keys.ts';
import { decideForRoom } from '../access/decide-for-room.ts';
import { publishRights } from '../access/publish-rights.ts';
import type { AppContext } from '../context.ts';
import { ApiError, badRequest } from '../http/errors.ts';
import { newIdentity } from '../livekit/gateway.ts';
import { callSeats, livekitRoomCap } from '../livekit/seats.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import type { ParticipantSessions } from '../sessions/participant-session.ts';
import type { RejoinRight } from './rejoin.ts';
import type { Member } from '../team/team-store.ts';
import { removalTime, type ScheduledRemoval } from '../lifecycle/removal-time.ts';

/** A join record whose meeting's end was never heard of (a missed webhook) is forgotten after this long. */
const JOIN_RECORD_HOURS = 24;

export interface JoinRequest {
  roomName: string;
  /** The meeting token to decide with (for a guest let in: the one they knocked with). */
  meetingToken?: string;
  /** The name typed in the prejoin (or knocked with); a name in the meeting token wins. */
  name: string;
  /** An owner let this person in from the lobby. */
  admitted: boolean;
  /** Back after a lost connection, as the same participant. */
  rejoin?: RejoinRight;
  /** Who is asking, for ban keys and per-address decisions. */
  clientKey: string;
  /** The team member signed in on this browser, if any (an owner in `org` rooms; named in the meetings record). */
  member?: Pick<Member, 'id' | 'email'> | null;
  /** Runs once everything else succeeded, before the answer (using up an admission); may throw. */
  commit?: () => Promise<void> | void;
  /** Arms the removal on schedule of the participant just recorded (lifecycle/ejection-timers.ts). */
  ejections?: { arm(roomId: string, identity: string, removal: ScheduledRemoval): void };
}

/** Joins `request.roomName` or throws the refusal as an {@link ApiError}. */
export async function joinCall(ctx: AppContext, sessions: ParticipantSessions, request: JoinRequest): Promise<JoinResponse> {
  const { roomName, meetingToken, admitted, rejoin, clientKey } = request;
  // Joins to one room run one at a time (and DELETE waits for them): the head count then includes
  // every seat given out just before, so parallel joins cannot all pass max_participants.
  const seats = callSeats(ctx);
  const { room, decision, checked, identity, livekitToken, rights } = await seats.serialize(roomName, async () => {
    const { room, decision: decided } = await decideForRoom(ctx, roomName, meetingToken, {
      admitted: admitted || rejoin !== undefined,
      rejoin: rejoin !== undefined,
      clientKey,
      ...(request.member ? { memberId: request.member.id } : {}),
    });
    // Back after a lost connection, but their removal on schedule is due: they are not let back in.
    const due = rejoin && room ? (await ctx.store.meetings.callParticipant(room.id, rejoin.identity))?.removal : undefined;
    if (due && due.at <= ctx.now()) throw new ApiError('forbidden-error', ACCESS_ERROR_MESSAGES.ejected, { type: 'ejected', msg: ACCESS_ERROR_MESSAGES.ejected });
    // Back after a lost connection: an owner stays an owner (made one by token, or by a host mid-meeting).
    const decision = rejoin?.isOwner && decided.level === 'full' ? { ...decided, isOwner: true } : decided;
    if (decision.level !== 'full' || !room) {
      const access = decision.error ?? { type: 'not-allowed' as const, msg: 'The host lets people into this room: press Ask to join.' };
      throw new ApiError('forbidden-error', access.msg, access);
    }
    // A name set in the meeting token wins over the one typed in the prejoin (Daily's rule).
    const checked = checkDisplayName(decision.token?.user_name ?? request.name);
    if (!checked.ok) throw badRequest(checked.reason);
    const settings = effectiveRoomSettings(room.config);
    const rights = publishRights(room.config, decision.token, decision.isOwner);
    // LiveKit creates no room by itself (auto_create is off): the call exists because a join opened it,
    // with LiveKit's own cap as a backstop.
    await ctx.livekit.openRoom(room.id, { maxParticipants: livekitRoomCap(settings.maxParticipants), settings: { ownerOnlyBroadcast: settings.ownerOnlyBroadcast } });
    // The same participant again: LiveKit replaces any connection of theirs still lingering.
    const identity = rejoin?.identity ?? newIdentity();
    const livekitToken = await ctx.livekit.mintJoinToken({
      roomId: room.id,
      identity,
      name: checked.name,
      isOwner: decision.isOwner,
      userId: decision.token?.user_id,
      canPublish: rights.canPublish,
      // The source stays in the grant under owner-only broadcast, so turning it off gives screen share back.
      canScreenShare: rights.screenShareSource,
      canPublishData: rights.chat,
    });
    seats.grant(room.id, identity, ctx.now());
    return { room, decision, checked, identity, livekitToken, rights };
  });
  try {
    await request.commit?.();
    // The session (the owner's key to the lobby) never outlives the meeting token it came from.
    const now = ctx.now();
    // A member's owner right in an `org` room lasts only while they are a member (checked wherever it is used).
    const ownerByMembership = decision.byMembership ? request.member?.id : rejoin?.ownerByMembership;
    const session = await sessions.issue({ roomId: room.id, identity, isOwner: decision.isOwner, ...(ownerByMembership ? { ownerByMembership } : {}) }, now, decision.token?.exp);
    // What a ban of this person would be keyed by (their token, or their address without one).
    // The removal on schedule is fixed at the first join (Daily's will_eject_at): a rejoin keeps it.
    const removal = rejoin
      ? (await ctx.store.meetings.callParticipant(room.id, identity))?.removal ?? null
      : removalTime({ room: room.config, ...(decision.token ? { token: decision.token } : {}), joinedAt: now });
    await ctx.store.meetings.recordJoin({
      roomId: room.id,
      identity,
      banKeys: banKeysFor({ token: decision.token ? meetingToken : undefined, userId: decision.token?.user_id, clientKey, memberId: request.member?.id }),
      joinedAt: now,
      ...(removal ? { removal } : {}),
    });
    await ctx.store.meetings.prune(now - JOIN_RECORD_HOURS * 3600);
    // The team API's meetings list names members by email; everyone else is a guest there.
    if (request.member) {
      await ctx.store.team.recordParticipant({
        participantId: identity,
        memberId: request.member.id,
        email: request.member.email,
        roomId: room.id,
        ownerByMembership: ownerByMembership !== undefined,
        joinedAt: now,
      });
    }
    if (removal) request.ejections?.arm(room.id, identity, removal);
    return {
      livekitUrl: ctx.livekit.joinUrl(room.id),
      livekitToken,
      identity,
      name: checked.name,
      isOwner: decision.isOwner,
      session,
      chat: rights.chat,
      canPublish: rights.canPublish,
      canScreenShare: rights.canScreenShare,
      willEjectAt: removal?.at ?? null,
      ejectReason: removal?.reason ?? null,
      serverNow: now,
    };
  } catch (err) {
    // No answer, no seat: the token minted for it is never handed out.
    seats.release(room.id, identity);
    throw err;
  }
}
