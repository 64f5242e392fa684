/**
 * Owner powers, carried out through LiveKit's RoomService once {@link authorizeCaller} and
 * {@link authorizeInCall} agree: mute someone's mic, camera or screen, remove them (with `ban`: for the
 * rest of the meeting), make them an owner, and owner-only broadcast switched live. What they leave
 * behind (bans, promotions) is in the store and ends with the meeting.
 */
import type { UpdateParticipantRequest } from '../../shared/owner-actions.ts';
import type { AppContext } from '../context.ts';
import { isValidRoomName } from '../../shared/room-name.ts';
import { notFound } from '../http/errors.ts';
import { toCallParticipant, type CallParticipant, type MediaSource } from '../livekit/gateway.ts';
import { changeRoom } from '../rooms/change-room.ts';
import { effectiveRoomSettings, mergeProperties } from '../rooms/properties.ts';
import type { ParticipantSessions } from '../sessions/participant-session.ts';
import type { Room } from '../store/store.ts';
import { authorizeCaller, authorizeInCall } from './authorize.ts';
import { hasOwnRight } from '../sessions/owner-right.ts';
import { ejectFromCall } from './eject.ts';
import { makeOwner } from './make-owner.ts';

/** What an owner asks for one participant (the request body without the session). */
export type ParticipantUpdate = Omit<UpdateParticipantRequest, 'session'>;

/** Sources a mute request names: the screen share's audio goes with the screen. */
export function sourcesToMute(update: ParticipantUpdate): MediaSource[] {
  return [
    ...(update.setAudio === false ? ['microphone' as const] : []),
    ...(update.setVideo === false ? ['camera' as const] : []),
    ...(update.setScreenShare === false ? ['screen_share' as const, 'screen_share_audio' as const] : []),
  ];
}

/** LiveKit's participant as it arrives in a webhook (only what is read here). */
type WebhookParticipant = Parameters<typeof toCallParticipant>[0];

export class OwnerActions {
  /** Per room, the tail of its broadcast updates: they run one at a time, each with the latest setting. */
  private readonly applying = new Map<string, Promise<void>>();

  /** `roomChanged`: what a REST update of the room sets off (its lobby, the call's other listeners). */
  constructor(
    private readonly ctx: AppContext,
    private readonly sessions: ParticipantSessions,
    private readonly roomChanged: (before: Room, after: Room) => Promise<void>,
    /** What the operator's update-permissions took away this meeting: the broadcast switch never gives it back. */
    private readonly operatorPermissions?: { get(roomId: string, identity: string): { canPublish?: boolean } | undefined },
  ) {}

  /** The caller is an owner of this room, in its call now, and so is `target` (when given); else an ApiError. */
  private async authorized(roomName: string, session: string, target?: string): Promise<{ room: Room; call: CallParticipant[] }> {
    const { store } = this.ctx;
    const room = isValidRoomName(roomName) ? await store.getRoom(roomName) : null;
    const verified = await this.sessions.verify(session, this.ctx.now());
    // A team member's owner right in an `org` room ends when they leave the team: judged now, not at join.
    const caller = verified && { ...verified, isOwner: await hasOwnRight(store, verified) };
    const promoted = caller !== null && await store.meetings.isPromoted(caller.roomId, caller.identity);
    const refused = authorizeCaller({ room, caller, promoted });
    if (refused) throw refused;
    const call = await this.ctx.livekit.callParticipants(room!.id);
    const notHere = authorizeInCall({ caller: caller!.identity, inCall: new Set(call.map((p) => p.identity)), ...(target !== undefined ? { target } : {}) });
    if (notHere) throw notHere;
    return { room: room!, call };
  }

  /** `POST /api/rooms/:name/participants/:identity`. */
  async updateParticipant(roomName: string, identity: string, session: string, update: ParticipantUpdate): Promise<void> {
    const { room } = await this.authorized(roomName, session, identity);
    const gone = () => notFound('this participant is not in the call');
    if (update.eject) return this.eject(room, identity, update.ban === true);
    if (update.makeOwner) {
      if (!(await makeOwner(this.ctx, room, identity))) throw gone();
    }
    const sources = sourcesToMute(update);
    if (sources.length > 0) await this.ctx.livekit.muteTracks(room.id, identity, sources);
  }

  /**
   * `POST /api/rooms/:name/end`: ends the call for everyone (LiveKit deletes the room; each person sees
   * "This meeting has ended"). The room stays; the meeting's bans and promotions end with it.
   */
  async endCall(roomName: string, session: string): Promise<void> {
    const { room } = await this.authorized(roomName, session);
    await this.ctx.livekit.endRoom(room.id);
    await this.meetingEnded(room.id);
  }

  /** Removes them (see {@link ejectFromCall}); a ban needs a record of how they joined. */
  private async eject(room: Room, identity: string, ban: boolean): Promise<void> {
    const outcome = await ejectFromCall(this.ctx, room, identity, { ban });
    if (outcome === 'cannot-ban') throw notFound('there is no record of how this participant joined, so they cannot be banned; remove them without ban');
  }

  /**
   * `POST /api/rooms/:name/broadcast`: stores `owner_only_broadcast` as a REST update would (new joiners,
   * `GET /v1/rooms/:name` and the lobby follow), then changes the publish permission of everyone in the call
   * who is not an owner. A LiveKit failure on the way answers 503; asking again finishes the job.
   */
  async setBroadcast(roomName: string, session: string, ownerOnly: boolean): Promise<boolean> {
    const { room } = await this.authorized(roomName, session);
    const changed = await changeRoom(this.ctx.store, room.name, (now) => ({ privacy: now.privacy, config: mergeProperties(now.config, { owner_only_broadcast: ownerOnly }) }));
    if (!changed) throw notFound('this room does not exist');
    const { after } = changed;
    await this.roomChanged(changed.before, after);
    await this.applyBroadcastMode(after.name);
    return effectiveRoomSettings(after.config).ownerOnlyBroadcast;
  }

  /** A room changed through REST: when owner-only broadcast changed, the call follows (as for the live switch). */
  async roomUpdated(before: Room, after: Room): Promise<void> {
    if (effectiveRoomSettings(before.config).ownerOnlyBroadcast === effectiveRoomSettings(after.config).ownerOnlyBroadcast) return;
    await this.applyBroadcastMode(after.name);
  }

  /**
   * Brings every non-owner's publish permission in line with the room's setting as stored when this
   * runs. Runs one at a time per room, so two quick switches end with what the store says last.
   */
  applyBroadcastMode(roomName: string): Promise<void> {
    const run = (this.applying.get(roomName) ?? Promise.resolve()).then(async () => {
      const room = await this.ctx.store.getRoom(roomName);
      if (!room) return;
      const call = await this.ctx.livekit.callParticipants(room.id);
      await Promise.all(call.map((p) => this.alignPublishing(room, p)));
      // Every owner's switch follows, whoever changed it (another owner, REST).
      if (call.length > 0) await this.ctx.livekit.setRoomSettings(room.id, { ownerOnlyBroadcast: effectiveRoomSettings(room.config).ownerOnlyBroadcast });
    });
    const tail = run.catch(() => undefined);
    this.applying.set(roomName, tail);
    void tail.then(() => {
      if (this.applying.get(roomName) === tail) this.applying.delete(roomName);
    });
    return run;
  }

  /**
   * One participant's publish permission made to match the room's setting (owners always publish); someone
   * the operator stopped from sending (update-permissions `canSend: false`) stays stopped whatever the switch says.
   */
  private async alignPublishing(room: Room, p: CallParticipant): Promise<void> {
    if (p.isOwner || await this.ctx.store.meetings.isPromoted(room.id, p.identity)) return;
    const stoppedByOperator = this.operatorPermissions?.get(room.id, p.identity)?.canPublish === false;
    const canPublish = !effectiveRoomSettings(room.config).ownerOnlyBroadcast && !stoppedByOperator;
    if (p.canPublish !== canPublish) await this.ctx.livekit.setCanPublish(room.id, p.identity, canPublish);
  }

  /**
   * Someone connected (LiveKit's `participant_joined`): a join token minted just before owner-only
   * broadcast was switched on still says they may publish, so their permission is checked once more.
   */
  async participantJoined(livekitRoom: string, participant: WebhookParticipant): Promise<void> {
    const room = await this.ctx.store.roomById(livekitRoom);
    if (room) await this.alignPublishing(room, toCallParticipant(participant));
  }

  /** The meeting is over (LiveKit's `room_finished`, or the room deleted): bans and promotions end with it. */
  async meetingEnded(roomId: string): Promise<void> {
    await this.ctx.store.meetings.endMeeting(roomId);
  }
}
