/**
 * Loaded only when the page's address says it is a frame of `/embed.js` (see main.tsx): checks the
 * embedding holds and starts the bridge to the host page.
 */
import { embedLinkOf } from './embed-link.ts';
import { startFrameBridge } from './frame-bridge.ts';
import { frameCommands } from './frame-commands.ts';
import { readFrameInputs, subscribeFrameInputs } from './frame-world.ts';

export function startEmbedding(): void {
  const framed = window.parent !== window;
  const link = embedLinkOf(window.location.search, framed, window.location.ancestorOrigins);
  if (!link) {
    if (framed) console.warn('Foyer: this frame was not opened by /embed.js on the page that embeds it; the host page API is off.');
    return;
  }
  startFrameBridge(
    link,
    {
      post: (message) => window.parent.postMessage(message, link.hostOrigin),
      listen(onMessage) {
        const handler = (event: MessageEvent) => onMessage(event);
        window.addEventListener('message', handler);
        return () => window.removeEventListener('message', handler);
      },
      host: window.parent,
      now: () => Date.now(),
    },
    { read: readFrameInputs, subscribe: subscribeFrameInputs },
    frameCommands,
  );
}
