/**
 * The query parameters of a Foyer frame's address that `/embed.js` adds: the frame's id, and the host
 * page's origin it talks to. Apart from the protocol so the SPA's entry can check for a frame cheaply.
 */
export const FRAME_ID_PARAM = 'embed';
export const HOST_ORIGIN_PARAM = 'embedOrigin';
