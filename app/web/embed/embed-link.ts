/**
 * Whether this page is a Foyer frame driven by `/embed.js`, and which host page it answers to. The
 * host page's origin comes from the frame's address (`embedOrigin`); where the browser can tell who
 * really embeds the frame (`location.ancestorOrigins`, Chromium and Safari), a mismatch turns the
 * bridge off: the frame then only ever talks to the page that embeds it.
 */
import { FRAME_ID_PARAM, FRAME_ID_PATTERN, HOST_ORIGIN_PARAM } from '../../shared/embed-protocol.ts';

export interface EmbedLink {
  frameId: string;
  hostOrigin: string;
}

/** The origin `raw` names exactly (`https://shop.example:8443`), or undefined for anything else. */
function exactOrigin(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin === raw ? raw : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The embedding this page was opened for, if any and if it holds: in an iframe, with a well-formed
 * frame id and host origin, and (where the browser says) embedded by that origin.
 */
export function embedLinkOf(search: string, framed: boolean, ancestorOrigins?: ArrayLike<string>): EmbedLink | undefined {
  const params = new URLSearchParams(search);
  const frameId = params.get(FRAME_ID_PARAM);
  const hostOrigin = exactOrigin(params.get(HOST_ORIGIN_PARAM) ?? '');
  if (!framed || !frameId || !FRAME_ID_PATTERN.test(frameId) || !hostOrigin) return undefined;
  if (ancestorOrigins && ancestorOrigins.length > 0 && ancestorOrigins[0] !== hostOrigin) return undefined;
  return { frameId, hostOrigin };
}
