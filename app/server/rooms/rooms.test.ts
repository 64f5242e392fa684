import { describe, expect, it } from 'vitest';
import { ROOM_NAME_ALPHABET } from '../../shared/room-name.ts';
import { ApiError } from '../http/errors.ts';
import type { Room } from '../store/store.ts';
import { ROOM_DEFAULTS, effectiveRoomSettings, mergeProperties } from './properties.ts';
import { generateRoomName, newRoom, roomJson, roomNameProblem, updatedRoom } from './rooms.ts';

const NOW = 1_800_000_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Runs `fn`, expecting a 400 invalid-request-error; returns its info. */
function badRequestInfo(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).type).toBe('invalid-request-error');
    expect((err as ApiError).status).toBe(400);
    return (err as ApiError).info;
  }
  throw new Error('expected a bad request');
}

describe('roomNameProblem', () => {
  it('accepts valid names', () => {
    for (const name of ['a', 'Team-Standup_2', 'x'.repeat(128)]) expect(roomNameProblem(name)).toBeNull();
  });

  it('refuses an empty name', () => {
    expect(roomNameProblem('')).toBe('name must not be empty');
  });

  it("refuses the name of Foyer's own page (/embed-demo), whose link would never reach the room", () => {
    expect(roomNameProblem('embed-demo')).toBe("embed-demo is reserved: /embed-demo is a page of Foyer's own; choose another name");
    expect(roomNameProblem('embed-demo-2')).toBeNull();
  });

  it("refuses the name of the team dashboard's page (/dashboard); other cases and longer names are rooms", () => {
    expect(roomNameProblem('dashboard')).toBe("dashboard is reserved: /dashboard is a page of Foyer's own; choose another name");
    for (const name of ['Dashboard', 'dashboard-2', 'my-dashboard']) expect(roomNameProblem(name)).toBeNull();
  });

  it('refuses 129 characters', () => {
    expect(roomNameProblem('x'.repeat(129))).toBe('name must be at most 128 characters');
  });

  it("refuses bad characters with Daily's wording", () => {
    expect(roomNameProblem('my room!')).toBe(
      "my room! contains invalid characters (room names can contain A-Z, a-z, 0-9, '-', and '_')",
    );
  });

  it.each(['a.b', 'a/b', 'é', 'a\nb', 'a%20b'])('refuses %j', (name) => {
    expect(roomNameProblem(name)).toMatch(/contains invalid characters/);
  });
});

describe('generateRoomName', () => {
  it('makes 20 characters from the room-name alphabet', () => {
    for (let i = 0; i < 50; i++) {
      const name = generateRoomName();
      expect(name).toHaveLength(20);
      for (const c of name) expect(ROOM_NAME_ALPHABET).toContain(c);
      expect(roomNameProblem(name)).toBeNull();
    }
  });

  it('makes distinct names across many calls', () => {
    const names = new Set(Array.from({ length: 5000 }, generateRoomName));
    expect(names.size).toBe(5000);
  });

  it('uses the whole alphabet', () => {
    const seen = new Set(Array.from({ length: 500 }, generateRoomName).join(''));
    expect(seen.size).toBe(64);
  });
});

describe('newRoom', () => {
  it('creates a public room with a generated name from an empty body', () => {
    for (const body of [undefined, {}]) {
      const room = newRoom(body, NOW);
      expect(room.name).toHaveLength(20);
      expect(room.id).toMatch(UUID);
      expect(room).toMatchObject({ api_created: true, privacy: 'public', config: {} });
      expect(room.created_at).toBe(new Date(NOW * 1000).toISOString());
    }
  });

  it('refuses a JSON null or any other non-object body (only a missing body means {})', () => {
    for (const body of [null, [], 'room', 5]) expect(() => newRoom(body, NOW)).toThrow(/body must be an object/);
  });

  it('uses the given name, privacy and properties', () => {
    const room = newRoom({ name: 'standup', privacy: 'private', properties: { enable_knocking: true, max_participants: 10 } }, NOW);
    expect(room).toMatchObject({ name: 'standup', privacy: 'private', config: { enable_knocking: true, max_participants: 10 } });
  });

  it('gives each room a new id', () => {
    expect(newRoom({ name: 'a' }, NOW).id).not.toBe(newRoom({ name: 'a' }, NOW).id);
  });

  it('keeps only the properties that were set; null on create means unset', () => {
    const room = newRoom({ properties: { enable_chat: true, lang: null } }, NOW);
    expect(room.config).toEqual({ enable_chat: true });
  });

  it('treats privacy null as public', () => {
    expect(newRoom({ privacy: null }, NOW).privacy).toBe('public');
  });

  it('refuses a bad name', () => {
    expect(badRequestInfo(() => newRoom({ name: 'bad name' }, NOW))).toContain('contains invalid characters');
    expect(badRequestInfo(() => newRoom({ name: '' }, NOW))).toBe('name must not be empty');
    expect(badRequestInfo(() => newRoom({ name: 'x'.repeat(129) }, NOW))).toBe('name must be at most 128 characters');
  });

  it('refuses unknown properties by name', () => {
    expect(badRequestInfo(() => newRoom({ colour: 'red' }, NOW))).toContain('colour');
    expect(badRequestInfo(() => newRoom({ properties: { enable_teleport: true } }, NOW))).toContain('properties.enable_teleport');
  });

  it('accepts fractional exp', () => {
    const room = newRoom({ properties: { exp: NOW + 60.5, nbf: NOW + 0.25 } }, NOW);
    expect(room.config).toEqual({ exp: NOW + 60.5, nbf: NOW + 0.25 });
  });

  it('refuses exp in the past or now', () => {
    expect(badRequestInfo(() => newRoom({ properties: { exp: NOW - 1 } }, NOW))).toBe('properties.exp must be in the future');
    expect(badRequestInfo(() => newRoom({ properties: { exp: NOW } }, NOW))).toBe('properties.exp must be in the future');
  });

  it('refuses nbf at or after exp', () => {
    expect(badRequestInfo(() => newRoom({ properties: { exp: NOW + 60, nbf: NOW + 60 } }, NOW))).toBe(
      'properties.nbf must be before properties.exp',
    );
  });

  it('accepts Daily properties Foyer does not act on', () => {
    const properties = { enable_recording: 'cloud', geo: 'eu-central-1', enable_hand_raising: true, sfu_switchover: 0.5 };
    expect(newRoom({ properties }, NOW).config).toEqual(properties);
  });

  it.each([
    [{ privacy: 'secret' }, 'privacy'],
    [{ properties: { max_participants: 'ten' } }, 'properties.max_participants'],
    [{ properties: { max_participants: 0 } }, 'properties.max_participants'],
    [{ properties: { max_participants: 2.5 } }, 'properties.max_participants'],
    [{ properties: { enable_knocking: 'yes' } }, 'properties.enable_knocking'],
    [{ properties: { exp: -1 } }, 'properties.exp'],
    [{ properties: { geo: 'mars-1' } }, 'properties.geo'],
    [{ properties: { lang: 'klingon' } }, 'properties.lang'],
    [{ properties: { permissions: { canSend: ['smell'] } } }, 'properties.permissions'],
    [{ name: 42 }, 'name'],
    [{ properties: 'all' }, 'properties'],
  ])('refuses wrong types %j, naming %s', (body, field) => {
    expect(badRequestInfo(() => newRoom(body, NOW))).toContain(field);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [[], 'room', 42, true]) badRequestInfo(() => newRoom(body, NOW));
  });
});

describe('updatedRoom', () => {
  const base: Room = {
    id: '11111111-2222-4333-8444-555555555555',
    name: 'standup',
    api_created: true,
    privacy: 'private',
    created_at: new Date(NOW * 1000).toISOString(),
    config: { enable_knocking: true, max_participants: 10, exp: NOW + 3600 },
  };

  it('keeps everything for an empty update', () => {
    expect(updatedRoom(base, {}, NOW)).toEqual({ privacy: 'private', config: base.config });
    expect(updatedRoom(base, undefined, NOW)).toEqual({ privacy: 'private', config: base.config });
  });

  it('changes privacy and merges properties', () => {
    expect(updatedRoom(base, { privacy: 'public', properties: { enable_chat: true, max_participants: 20 } }, NOW)).toEqual({
      privacy: 'public',
      config: { enable_knocking: true, max_participants: 20, exp: NOW + 3600, enable_chat: true },
    });
  });

  it('restores a default with null (removes it from config)', () => {
    const { config } = updatedRoom(base, { properties: { max_participants: null, enable_knocking: null } }, NOW);
    expect(config).toEqual({ exp: NOW + 3600 });
    expect(effectiveRoomSettings(config).maxParticipants).toBe(200);
  });

  it('restores privacy to public with null', () => {
    expect(updatedRoom(base, { privacy: null }, NOW).privacy).toBe('public');
  });

  it('does not change the room it was given', () => {
    updatedRoom(base, { properties: { max_participants: null } }, NOW);
    expect(base.config.max_participants).toBe(10);
  });

  it('accepts a fractional exp in the future', () => {
    expect(updatedRoom(base, { properties: { exp: NOW + 0.5 } }, NOW).config.exp).toBe(NOW + 0.5);
  });

  it('refuses a new exp in the past', () => {
    expect(badRequestInfo(() => updatedRoom(base, { properties: { exp: NOW - 100 } }, NOW))).toBe('properties.exp must be in the future');
  });

  it('removes exp with null', () => {
    expect(updatedRoom(base, { properties: { exp: null } }, NOW).config).not.toHaveProperty('exp');
  });

  it('refuses name changes and unknown properties', () => {
    expect(badRequestInfo(() => updatedRoom(base, { name: 'other' }, NOW))).toContain('name');
    expect(badRequestInfo(() => updatedRoom(base, { properties: { bogus: 1 } }, NOW))).toContain('properties.bogus');
  });
});

describe('mergeProperties', () => {
  it('null removes, values replace, undefined keeps', () => {
    expect(mergeProperties({ lang: 'fr', enable_chat: true, max_participants: 5 }, { lang: null, enable_chat: undefined, max_participants: 7 })).toEqual({
      enable_chat: true,
      max_participants: 7,
    });
  });

  it('effective settings fall back to the defaults', () => {
    expect(effectiveRoomSettings({})).toEqual({
      maxParticipants: ROOM_DEFAULTS.max_participants,
      knocking: false,
      prejoin: true,
      screenshare: true,
      startVideoOff: false,
      startAudioOff: false,
      ownerOnlyBroadcast: false,
    });
  });
});

describe('roomJson', () => {
  it('has the url as <public base>/<name> and the Daily fields', () => {
    const room = newRoom({ name: 'standup', properties: { enable_chat: true } }, NOW);
    expect(roomJson(room, 'https://calls.example.com')).toEqual({
      id: room.id,
      name: 'standup',
      api_created: true,
      privacy: 'public',
      url: 'https://calls.example.com/standup',
      created_at: room.created_at,
      config: { enable_chat: true },
    });
  });
});
