import { describe, expect, it } from 'vitest';
import { GENERATED_ROOM_NAME_LENGTH, ROOM_NAME_ALPHABET, ROOM_NAME_PATTERN, isValidRoomName } from './room-name.ts';

describe('room names', () => {
  it.each(['a', 'A', '0', '-', '_', 'Team-Standup_2', 'x'.repeat(128), ROOM_NAME_ALPHABET])('accepts %s', (name) => {
    expect(isValidRoomName(name)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['129 characters', 'x'.repeat(129)],
    ['a space', 'my room'],
    ['a dot', 'my.room'],
    ['a slash', 'my/room'],
    ['a question mark', 'room?t=1'],
    ['non-ASCII letters', 'café'],
    ['a trailing newline', 'room\n'],
    ['a percent escape', 'room%20x'],
  ])('refuses %s', (_label, name) => {
    expect(isValidRoomName(name)).toBe(false);
  });

  it('has a 64-letter alphabet of exactly A-Z a-z 0-9 - _', () => {
    expect(ROOM_NAME_ALPHABET).toHaveLength(64);
    expect(new Set(ROOM_NAME_ALPHABET).size).toBe(64);
    for (const c of ROOM_NAME_ALPHABET) expect(ROOM_NAME_PATTERN.test(c)).toBe(true);
  });

  it('generates 20-character names (about 119 bits)', () => {
    expect(GENERATED_ROOM_NAME_LENGTH).toBe(20);
    expect(GENERATED_ROOM_NAME_LENGTH * Math.log2(ROOM_NAME_ALPHABET.length)).toBeGreaterThanOrEqual(119);
  });
});
