import { describe, expect, it } from 'vitest';
import { ROOM_NAME_ALPHABET, isValidRoomName } from './room-name.ts';

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

  // Generated names (20 letters of this alphabet) are checked for length, spread and uniqueness in
  // app/server/rooms/rooms.test.ts; here: the alphabet and the rule agree, character by character.
  it('accepts as a one-character name exactly the letters of the generating alphabet, all distinct', () => {
    for (let code = 0; code < 0x250; code++) {
      const c = String.fromCodePoint(code);
      expect(isValidRoomName(c), `U+${code.toString(16).padStart(4, '0')}`).toBe(ROOM_NAME_ALPHABET.includes(c));
    }
    // A repeated letter would make some names likelier than others.
    expect(new Set(ROOM_NAME_ALPHABET).size).toBe(ROOM_NAME_ALPHABET.length);
  });
});
