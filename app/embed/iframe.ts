/** The iframe of a call frame: made by `createFrame`, styled, and watched for its removal from the page. */

/** What the frame may use; the room's own page asks for each when needed. */
export const FRAME_ALLOW = 'camera; microphone; display-capture; autoplay; fullscreen';

/** Filling the container it was given. */
const FILL = { width: '100%', height: '100%', border: '0' };
/** Without a container: a floating widget in the bottom-right corner, as daily-js's default. */
const WIDGET = { position: 'fixed', right: '1em', bottom: '1em', width: '375px', height: '450px', border: '0', borderRadius: '8px', boxShadow: '0 4px 24px rgba(0,0,0,.25)', zIndex: '2147483000' };

/** Sets `style`'s string values on `element` (`camelCase` or `kebab-case` names). */
export function applyStyle(element: HTMLElement, style: object): void {
  for (const [name, value] of Object.entries(style)) {
    if (typeof value !== 'string') continue;
    if (name.includes('-')) element.style.setProperty(name, value);
    else (element.style as unknown as Record<string, string>)[name] = value;
  }
}

/** A new iframe in `container` (else floating on `document.body`), with `style` over the default. */
export function createIframe(doc: Document, container: HTMLElement | undefined, style: object = {}): HTMLIFrameElement {
  const iframe = doc.createElement('iframe');
  iframe.setAttribute('allow', FRAME_ALLOW);
  iframe.title = 'Video call';
  applyStyle(iframe, { ...(container ? FILL : WIDGET), ...style });
  (container ?? doc.body).appendChild(iframe);
  return iframe;
}

/**
 * Calls `onRemoved` once `iframe`, having been in the page, is no longer: its call is over then, and
 * whatever waits on it must fail. Returns a function that stops watching.
 */
export function watchRemoval(iframe: HTMLIFrameElement, onRemoved: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => {};
  let seen = iframe.isConnected;
  const observer = new MutationObserver(() => {
    if (iframe.isConnected) seen = true;
    else if (seen) {
      observer.disconnect();
      onRemoved();
    }
  });
  observer.observe(iframe.ownerDocument, { childList: true, subtree: true });
  return () => observer.disconnect();
}
