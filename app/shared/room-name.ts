/** Room names: 1 to 128 of A-Z a-z 0-9 - _ (Daily's rule). */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const ROOM_NAME_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const GENERATED_ROOM_NAME_LENGTH = 20;

export function isValidRoomName(name: string): boolean {
  return ROOM_NAME_PATTERN.test(name);
}
