/**
 * The meetings record as Daily's REST API shows it: meeting objects (`/meetings`), participant lists,
 * and presence (`/presence`, `/rooms/:name/presence`). The zod schemas describe the responses in the
 * OpenAPI document.
 */
import { z } from 'zod';
import type { MeetingRow, SessionRow } from '../store/meeting-record-store.ts';
import { participantsOf, type MeetingParticipant } from './record.ts';

export const meetingParticipantObject = z.object({
  user_id: z.string().nullable(),
  participant_id: z.string(),
  user_name: z.string().nullable(),
  join_time: z.int().min(0),
  duration: z.int().min(0),
}).strict();

export const meetingObject = z.object({
  id: z.string(),
  room: z.string(),
  start_time: z.int().min(0),
  duration: z.int().min(0),
  ongoing: z.boolean(),
  max_participants: z.int().min(0),
  // Left out with `no_participants=true`.
  participants: z.array(meetingParticipantObject).optional(),
}).strict();

export const presenceObject = z.object({
  room: z.string(),
  id: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  mtgSessionId: z.string(),
  joinTime: z.iso.datetime(),
  duration: z.int().min(0),
}).strict();

export type MeetingJson = z.infer<typeof meetingObject>;
export type MeetingParticipantJson = z.infer<typeof meetingParticipantObject>;
export type PresenceJson = z.infer<typeof presenceObject>;

export const participantJson = (p: MeetingParticipant): MeetingParticipantJson => ({
  user_id: p.user_id,
  participant_id: p.participant_id,
  user_name: p.user_name,
  join_time: p.join_time,
  duration: p.duration,
});

/** A meeting with its participants (`sessions`: this meeting's, in join order). */
export function meetingJson(meeting: MeetingRow, sessions: readonly SessionRow[], now: number, withParticipants = true): MeetingJson {
  const end = meeting.endTime ?? now;
  return {
    id: meeting.id,
    room: meeting.roomName,
    start_time: Math.floor(meeting.startTime),
    duration: Math.max(0, Math.round(end - meeting.startTime)),
    ongoing: meeting.endTime === null,
    max_participants: meeting.maxParticipants,
    ...(withParticipants ? { participants: participantsOf(sessions, now).map(participantJson) } : {}),
  };
}

/** Who is in the meeting's call now, in join order. */
export function presenceOf(meeting: MeetingRow, sessions: readonly SessionRow[], now: number): PresenceJson[] {
  return participantsOf(sessions, now)
    .filter((p) => p.present)
    .map((p) => ({
      room: meeting.roomName,
      id: p.participant_id,
      userId: p.user_id,
      userName: p.user_name,
      mtgSessionId: meeting.id,
      joinTime: new Date(p.join_time * 1000).toISOString(),
      duration: p.duration,
    }));
}
