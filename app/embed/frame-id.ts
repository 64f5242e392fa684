/** A frame's id (also its `callClientId`): random, so that another frame's messages cannot be taken for its own. */
import { ROOM_NAME_ALPHABET } from '../shared/room-name.ts';

const LENGTH = 22;

/** 22 url-safe characters (132 random bits; the alphabet has 64 letters, so `byte & 63` is unbiased). */
export function randomFrameId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(LENGTH)), (byte) => ROOM_NAME_ALPHABET[byte & 63]).join('');
}
