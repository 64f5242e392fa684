/**
 * `/embed.js` (global `Foyer`) and `/embed.mjs` (this module): Foyer's call frame for host pages, with
 * daily-js's names and shapes (api.ts).
 *
 * ```js
 * import Foyer from 'https://foyer.example/embed.mjs';
 * const call = Foyer.createFrame(document.getElementById('call'));
 * call.on('joined-meeting', (e) => console.log(e.participants));
 * await call.join({ url: 'https://foyer.example/standup', token });
 * ```
 */
import type { FoyerCall, FoyerFactory, FoyerFrameOptions } from './api.ts';
import { CallFrame } from './call-frame.ts';
import { createIframe, FRAME_ALLOW, watchRemoval } from './iframe.ts';

export type * from './api.ts';

const isElement = (value: unknown): value is HTMLElement => typeof (value as HTMLElement | undefined)?.appendChild === 'function';

/** A new iframe filling `container`, or a floating 375×450 widget when there is none. */
export function createFrame(container?: HTMLElement | FoyerFrameOptions, options?: FoyerFrameOptions): FoyerCall {
  const parent = isElement(container) ? container : undefined;
  const opts = (parent ? options : (container as FoyerFrameOptions | undefined)) ?? {};
  const iframe = createIframe(document, parent, opts.iframeStyle);
  return new CallFrame({ page: window, iframe, ownsIframe: true, options: opts, watchRemoval });
}

/**
 * Drives an `<iframe>` already on the page. When its `src` is a room, it is loaded again at once as an
 * embedded frame (its `t=` taken out of the address and kept for join); otherwise `join({url})` loads one.
 */
export function wrap(iframe: HTMLIFrameElement, options: FoyerFrameOptions = {}): FoyerCall {
  // `src` as a property is absolute (or empty).
  const url = options.url ?? (/^https?:\/\//i.test(iframe.src) ? iframe.src : undefined);
  // Without camera and microphone allowed, the call could not use them: allowed unless the page said otherwise.
  if (iframe.getAttribute('allow') === null) iframe.setAttribute('allow', FRAME_ALLOW);
  const call = new CallFrame({ page: window, iframe, ownsIframe: false, options: { ...options, url }, watchRemoval });
  call.loadNow();
  return call;
}

const Foyer: FoyerFactory = { createFrame, wrap };
export default Foyer;
