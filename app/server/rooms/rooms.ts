/** Room rules: names, create and update, and the room object the REST API returns. */
import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { GENERATED_ROOM_NAME_LENGTH, ROOM_NAME_ALPHABET } from '../../shared/room-name.ts';
import { badRequest, describeZodError } from '../http/errors.ts';
import type { Privacy, Room } from '../store/store.ts';
import { mergeProperties, roomPropertiesInput, type RoomProperties } from './properties.ts';

const NAME_CHARS = /^[A-Za-z0-9_-]*$/;

/** Paths of the control plane's own pages, which a room's link would never reach. */
const RESERVED_NAMES = new Set(['embed-demo', 'dashboard']);

/** Checks a requested room name, with Daily's wording. */
export function roomNameProblem(name: string): string | null {
  if (name.length === 0) return 'name must not be empty';
  if (name.length > 128) return 'name must be at most 128 characters';
  if (!NAME_CHARS.test(name)) return `${name} contains invalid characters (room names can contain A-Z, a-z, 0-9, '-', and '_')`;
  if (RESERVED_NAMES.has(name)) return `${name} is reserved: /${name} is a page of Foyer's own; choose another name`;
  return null;
}

/** 20 characters of a 64-letter alphabet: about 119 bits, so a generated name is unguessable. */
export function generateRoomName(): string {
  let name = '';
  for (let i = 0; i < GENERATED_ROOM_NAME_LENGTH; i++) name += ROOM_NAME_ALPHABET[randomInt(ROOM_NAME_ALPHABET.length)];
  return name;
}

/** A room's privacy, as documented in /v1/openapi.json. */
export const roomPrivacy = z.enum(['public', 'private', 'org']).describe(
  'public: anyone with the link joins. private: a meeting token, or knocking when enable_knocking is on. ' +
    "org: the team's signed-in members join as owners; everyone else as in a private room (Daily's value, kept for compatibility).",
);
export const createRoomBody = z.object({
  name: z.string().optional(),
  privacy: roomPrivacy.nullable().optional(),
  properties: roomPropertiesInput.optional(),
}).strict();
export const updateRoomBody = z.object({
  privacy: roomPrivacy.nullable().optional(),
  properties: roomPropertiesInput.optional(),
}).strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  // No body means `{}`; a JSON `null` (or any non-object) is refused like any other wrong body.
  const result = schema.safeParse(body === undefined ? {} : body);
  if (!result.success) throw badRequest(describeZodError(result.error));
  return result.data;
}

function checkTimes(config: RoomProperties, now: number, expChanged: boolean): void {
  if (expChanged && config.exp !== undefined && config.exp <= now) throw badRequest('properties.exp must be in the future');
  if (config.exp !== undefined && config.nbf !== undefined && config.nbf >= config.exp) {
    throw badRequest('properties.nbf must be before properties.exp');
  }
}

export function newRoom(body: unknown, now: number): Room {
  const input = parse(createRoomBody, body);
  const name = input.name ?? generateRoomName();
  const problem = roomNameProblem(name);
  if (problem) throw badRequest(problem);
  const config = mergeProperties({}, input.properties ?? {});
  checkTimes(config, now, true);
  return {
    id: randomUUID(),
    name,
    api_created: true,
    privacy: input.privacy ?? 'public',
    created_at: new Date(now * 1000).toISOString(),
    config,
  };
}

export function updatedRoom(room: Room, body: unknown, now: number): { privacy: Privacy; config: RoomProperties } {
  const input = parse(updateRoomBody, body);
  const config = mergeProperties(room.config, input.properties ?? {});
  checkTimes(config, now, input.properties?.exp !== undefined && input.properties.exp !== null);
  return { privacy: input.privacy === undefined ? room.privacy : (input.privacy ?? 'public'), config };
}

export function roomJson(room: Room, publicUrl: string) {
  return {
    id: room.id,
    name: room.name,
    api_created: room.api_created,
    privacy: room.privacy,
    url: `${publicUrl}/${room.name}`,
    created_at: room.created_at,
    config: room.config,
  };
}
