/**
 * Foyer's rooms, members and meetings record in the 2018 team API's shapes (camelCase, users keyed
 * by email, participants named by a member's email or "guest"). Times are whole unix seconds; a
 * meeting or participant still in the call has `null` for its end.
 */
import type { MemberRole } from '../../shared/team-api.ts';
import { sessionsByParticipant } from '../meetings/record.ts';
import type { MeetingRow, SessionRow } from '../store/meeting-record-store.ts';
import type { Privacy, Room } from '../store/store.ts';
import type { Member } from '../team/team-store.ts';

/** `GET /domains/by-name/<team>`. No dial-in in Foyer, so no `dialInPIN`; no avatars, so no `avatarSrc`. */
export interface LegacyTeam {
  name: string;
  teamInviteLink: string;
  rooms: Array<{ name: string }>;
  users: Record<string, { email: string; name: string; role: MemberRole }>;
}

/** A room as `POST /domains/by-name/<team>/room` answers: its name, privacy and link. */
export interface LegacyRoom {
  name: string;
  privacy: Privacy;
  url: string;
}

export interface LegacyParticipant {
  /** The member's email when they were signed in, else "guest". */
  email: string;
  /** Unix seconds: their first join in this meeting. */
  mtgJoin: number;
  /** Unix seconds: their last leave; null while they are in the call. */
  mtgLeave: number | null;
}

export interface LegacyMeeting {
  /** The team's name. */
  domain: string;
  room: string;
  mtgStart: number;
  /** Null while the meeting goes on. */
  mtgEnd: number | null;
  participants: LegacyParticipant[];
}

export interface LegacyMeetings {
  meetings: LegacyMeeting[];
  moreResults: boolean;
}

const seconds = (t: number) => Math.floor(t);

/** The team with every room and member. */
export function legacyTeam(name: string, inviteLink: string, rooms: readonly Room[], members: readonly Member[]): LegacyTeam {
  return {
    name,
    teamInviteLink: inviteLink,
    rooms: rooms.map((r) => ({ name: r.name })),
    // Own properties from entries: an email is never an inherited key, whatever it spells.
    users: Object.fromEntries(members.map((m) => [m.email, { email: m.email, name: m.name, role: m.role }])),
  };
}

/** A room's name, privacy and link (the link as `/v1` gives it). */
export const legacyRoom = (room: Room, publicUrl: string): LegacyRoom => ({ name: room.name, privacy: room.privacy, url: `${publicUrl}/${room.name}` });

/**
 * A participant's sessions in one meeting as one entry: from their first join to their last leave
 * (a rejoin is the same participant). `emails`: participant id → member email (others are guests).
 */
export function legacyParticipants(sessions: readonly SessionRow[], emails: ReadonlyMap<string, string>): LegacyParticipant[] {
  return sessionsByParticipant(sessions)
    .map((theirs) => ({
      email: emails.get(theirs[0]!.participantId) ?? 'guest',
      mtgJoin: seconds(theirs[0]!.joinTime),
      mtgLeave: theirs.some((s) => s.leaveTime === null) ? null : seconds(Math.max(...theirs.map((s) => s.leaveTime!))),
    }))
    .sort((a, b) => a.mtgJoin - b.mtgJoin);
}

/** Meetings (newest first, as listed) with their participants; `sessions`: every session of them. */
export function legacyMeetings(
  domain: string,
  meetings: readonly MeetingRow[],
  sessions: readonly SessionRow[],
  emails: ReadonlyMap<string, string>,
  moreResults: boolean,
): LegacyMeetings {
  return {
    meetings: meetings.map((m) => ({
      domain,
      room: m.roomName,
      mtgStart: seconds(m.startTime),
      mtgEnd: m.endTime === null ? null : seconds(m.endTime),
      participants: legacyParticipants(sessions.filter((s) => s.meetingId === m.id), emails),
    })),
    moreResults,
  };
}
