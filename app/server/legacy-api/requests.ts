/**
 * What the 2018 team API's requests may hold, and its own rules: the team in the path must be this
 * deployment's, and a new room's name and the team's name together are at most 35 characters (that
 * era's `<team>.daily.co/<room>` limit). Room rules themselves are the room service's, not copied here.
 */
import { z } from 'zod';
import { parseOrThrow } from '../http/errors.ts';
import { roomPrivacy } from '../rooms/rooms.ts';
import type { Privacy } from '../store/store.ts';
import { EMAIL_MAX } from '../team/team.ts';
import { legacyRefusal, quote } from './errors.ts';
import { parseTime } from './times.ts';

/** Team name + room name, at most. */
export const TEAM_AND_ROOM_MAX = 35;

/** `POST …/room`: strict, as every Foyer body (an unknown property is a mistake worth saying). */
export const createRoomBody = z.object({ name: z.string(), privacy: roomPrivacy.optional() }).strict();
/** `POST …/room/<room>`: only the privacy; room properties are `/v1`'s. */
export const updateRoomBody = z.object({ privacy: roomPrivacy }).strict();
/** `POST …/meetings`: the times are read by parseTime. */
export const meetingsBody = z.object({
  // Optional here so a missing one gets parseTime's message, which says what a time looks like.
  start: z.unknown().optional(),
  end: z.unknown().optional(),
  room: z.string().min(1).max(128).optional(),
}).strict();

// An absent body (a POST with no Content-Type) is read as `{}`, so the message names the missing field.
const body = (value: unknown) => (value === undefined ? {} : value);

/** The path's team must be this deployment's (team names are domain names: case does not matter). */
export function checkTeam(pathTeam: string, teamName: string): void {
  if (pathTeam.toLowerCase() !== teamName.toLowerCase()) {
    throw legacyRefusal(`no team named ${quote(pathTeam)} here; this deployment's team is ${quote(teamName)}: use /domains/by-name/${teamName}`);
  }
}

/** `{name, privacy?}` with privacy `org` by default, as that API had it; refuses names over the 35-character rule. */
export function parseCreateRoom(value: unknown, teamName: string): { name: string; privacy: Privacy } {
  const input = parseOrThrow(createRoomBody, body(value));
  const room = TEAM_AND_ROOM_MAX - teamName.length;
  if (teamName.length + input.name.length > TEAM_AND_ROOM_MAX) {
    throw legacyRefusal(
      `the team name and the room name together must be at most ${TEAM_AND_ROOM_MAX} characters: ${quote(teamName)} has ${teamName.length}, `
      + (room > 0 ? `so choose a room name of at most ${room} characters (this one has ${input.name.length})` : 'so no room name fits; use POST /v1/rooms instead'),
    );
  }
  return { name: input.name, privacy: input.privacy ?? 'org' };
}

/** `{privacy}`, required. */
export function parseUpdateRoom(value: unknown): { privacy: Privacy } {
  return parseOrThrow(updateRoomBody, body(value));
}

/** `{start, end, room?}`: the meetings that started from `start` (included) to `end` (excluded). */
export function parseMeetingsQuery(value: unknown): { start: number; end: number; room?: string } {
  const input = parseOrThrow(meetingsBody, body(value));
  const start = parseTime('start', input.start);
  if (!start.ok) throw legacyRefusal(start.reason);
  const end = parseTime('end', input.end);
  if (!end.ok) throw legacyRefusal(end.reason);
  if (end.seconds <= start.seconds) throw legacyRefusal('end must be after start');
  return { start: start.seconds, end: end.seconds, ...(input.room !== undefined ? { room: input.room } : {}) };
}

/** A user's email from the path, as the team stores it (trimmed, lowercased). */
export function parseEmail(value: string): string {
  const email = value.trim().toLowerCase();
  if (email.length === 0 || email.length > EMAIL_MAX) throw legacyRefusal(`the user's email must be 1 to ${EMAIL_MAX} characters`);
  return email;
}
