/**
 * What the control plane does when LiveKit says something happened in a call (its verified webhooks):
 * the meetings record, the lobby, owner powers, the operator's permissions and removals on schedule each
 * hear what concerns them, in one place. A failure in one part is logged and never keeps the others from hearing.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { WebhookEvent } from 'livekit-server-sdk';
import type { AppContext } from '../context.ts';
import type { EjectionTimers } from '../lifecycle/ejection-timers.ts';
import type { Lobby } from '../lobby/lobby.ts';
import type { Meetings } from '../meetings/meetings.ts';
import { reapplyPermissions } from '../moderation/moderation.ts';
import type { RememberedPermissions } from '../moderation/remembered-permissions.ts';
import { ejectUnrecordedJoiner } from '../owner-actions/eject.ts';
import type { OwnerActions } from '../owner-actions/owner-actions.ts';
import { RoomInstances } from './room-instances.ts';

export interface CallEventParts {
  ctx: AppContext;
  log: FastifyBaseLogger;
  meetings: Meetings;
  lobby: Lobby;
  owners: OwnerActions;
  permissions: RememberedPermissions;
  ejections: EjectionTimers;
}

/** The handler for LiveKit's webhooks (see livekit/webhooks.ts). */
export function callEventHandler({ ctx, log, meetings, lobby, owners, permissions, ejections }: CallEventParts): (event: WebhookEvent) => Promise<void> {
  const roomInstances = new RoomInstances();
  return async (event) => {
    if (!roomInstances.accept(event)) {
      log.info({ room: event.room?.name, event: event.event }, 'ignored a late LiveKit event about the room of an earlier meeting');
      return;
    }
    // The meetings record first: a failure there must not keep the lobby and owner powers from hearing.
    try {
      await meetings.webhook(event);
    } catch (err) {
      log.warn({ err, event: event.event }, 'could not apply a LiveKit webhook to the meetings record');
    }
    const roomId = event.room?.name;
    if (!roomId) return;
    const participant = event.participant;
    switch (event.event) {
      case 'participant_joined':
        if (participant) void participantJoined(roomId, participant);
        break;
      case 'participant_left':
        if (!participant?.identity) break;
        // An owner who leaves the call stops hearing knocks at once (answers are checked again anyway).
        await lobby.participantLeftCall(roomId, participant.identity);
        // A removal on schedule follows the participant's connection: cancelled when they leave, back if they rejoin.
        ejections.participantLeft(roomId, participant.identity, participant.sid);
        break;
      case 'room_finished':
        // The meeting is over: its bans, promotions, permission changes and removals end with it.
        await owners.meetingEnded(roomId);
        permissions.meetingEnded(roomId);
        ejections.cancelRoom(roomId);
        break;
    }
  };

  async function participantJoined(roomId: string, participant: NonNullable<WebhookEvent['participant']>): Promise<void> {
    const { identity } = participant;
    try {
      // Someone no join of this meeting let in (removed, back with a LiveKit token still valid): out again, nothing more.
      if (await ejectUnrecordedJoiner(ctx, roomId, identity)) {
        log.warn({ room: roomId, participant: identity }, 'removed a participant who came back with the LiveKit token of a join already ended');
        return;
      }
    } catch (err) {
      log.warn({ err }, 'could not check a new participant against the joins of this meeting');
    }
    await ejections.participantJoined(roomId, identity, participant.sid);
    try {
      // A join token minted just before owner-only broadcast went on must not let its holder publish.
      await owners.participantJoined(roomId, participant);
    } catch (err) {
      log.warn({ err }, 'could not check a new participant against owner_only_broadcast');
    }
    try {
      // Then what the operator's update-permissions changed for them (back after a lost connection).
      await reapplyPermissions(ctx, permissions, roomId, identity);
    } catch (err) {
      log.warn({ err }, "could not put back a participant's permissions changed through update-permissions");
    }
  }
}
