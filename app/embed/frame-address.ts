/**
 * A room's address as given to `createFrame`/`wrap`/`join({url})`, and the frame's address made of it.
 * A `t=` (meeting token) in the given address is taken out: the token reaches the frame by message,
 * never in its address (which ends up in history, logs and Referer headers).
 */
import { FRAME_ID_PARAM, HOST_ORIGIN_PARAM } from '../shared/embed-address.ts';

export interface RoomAddress {
  /** The room's address without `t=` (nor our own parameters, nor a fragment). */
  url: string;
  /** The `t=` it had, if any. */
  token?: string;
}

/** Splits `url` (absolute, or relative to the page `base`) into the room's address and its token. */
export function roomAddress(url: string, base: string): RoomAddress {
  const parsed = new URL(url, base);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`Not a Foyer room address: ${url}`);
  const token = parsed.searchParams.get('t') || undefined;
  for (const name of ['t', FRAME_ID_PARAM, HOST_ORIGIN_PARAM]) parsed.searchParams.delete(name);
  parsed.hash = '';
  return token ? { url: parsed.href, token } : { url: parsed.href };
}

/** The iframe's address: the room's, plus the frame's id and the host page's origin for the frame to talk to. */
export function frameSrc(roomUrl: string, frameId: string, hostOrigin: string): string {
  const parsed = new URL(roomUrl);
  parsed.searchParams.set(FRAME_ID_PARAM, frameId);
  parsed.searchParams.set(HOST_ORIGIN_PARAM, hostOrigin);
  return parsed.href;
}
