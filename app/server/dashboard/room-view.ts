/**
 * Rooms as the dashboard shows them: privacy, knocking, the plain link, who is in the call now (the
 * meetings record's presence, as `/v1/presence` reads it) and who waits in the lobby (its waiting
 * list). Names and times only: no participant ids, waiting ids or tokens, which could grant something.
 */
import type { DashboardRoom, InCallPerson, WaitingPerson } from '../../shared/dashboard-api.ts';
import type { AppContext } from '../context.ts';
import { participantsOf } from '../meetings/record.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import { roomJson } from '../rooms/rooms.ts';
import type { SessionRow } from '../store/meeting-record-store.ts';
import type { Room } from '../store/store.ts';

/** Who is in each of these rooms' calls now, by room id, in join order (one read of the record for all rooms). */
async function inCallByRoom(ctx: AppContext, rooms: readonly Room[]): Promise<Map<string, InCallPerson[]>> {
  const records = ctx.store.meetingRecords;
  const ids = new Set(rooms.map((r) => r.id));
  const meetings = (await records.openMeetings()).filter((m) => ids.has(m.roomId));
  const sessions = await records.sessionsOf(meetings.map((m) => m.id));
  const now = ctx.now();
  const result = new Map<string, InCallPerson[]>();
  for (const meeting of meetings) {
    const own = sessions.filter((s) => s.meetingId === meeting.id);
    const people = participantsOf(own, now)
      .filter((p) => p.present)
      .map((p): InCallPerson => ({ name: p.user_name, owner: isOwnerNow(own, p.participant_id), joinedAt: p.join_time }));
    result.set(meeting.roomId, [...(result.get(meeting.roomId) ?? []), ...people]);
  }
  return result;
}

/** Owner in the session they are in now (a rejoin may have come with another token). */
function isOwnerNow(sessions: readonly SessionRow[], participantId: string): boolean {
  const open = sessions.filter((s) => s.participantId === participantId && s.leaveTime === null);
  return open.some((s) => s.owner);
}

async function waitingIn(ctx: AppContext, room: Room): Promise<WaitingPerson[]> {
  return (await ctx.store.lobby.waitingInRoom(room.id)).map((e) => ({ name: e.name, since: Math.floor(e.since) }));
}

/** These rooms, in the order given, with their calls and lobbies now. */
export async function dashboardRooms(ctx: AppContext, rooms: readonly Room[]): Promise<DashboardRoom[]> {
  const inCall = await inCallByRoom(ctx, rooms);
  const waiting = await Promise.all(rooms.map((room) => waitingIn(ctx, room)));
  return rooms.map((room, i) => ({
    name: room.name,
    privacy: room.privacy,
    knocking: effectiveRoomSettings(room.config).knocking,
    url: roomJson(room, ctx.config.publicUrl).url,
    created_at: room.created_at,
    inCall: inCall.get(room.id) ?? [],
    waiting: waiting[i]!,
  }));
}

export const dashboardRoom = async (ctx: AppContext, room: Room): Promise<DashboardRoom> => (await dashboardRooms(ctx, [room]))[0]!;
