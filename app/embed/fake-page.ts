/**
 * A host page and an iframe for the embed tests, without a DOM library: the page's message listeners,
 * the frame's window (which records what it was posted) and a way to send as the frame would.
 */
import { EMBED_PROTOCOL } from '../shared/embed-protocol.ts';

export const HOST_ORIGIN = 'https://host.example';
export const FOYER_ORIGIN = 'https://foyer.example';

export class FakeFrameWindow {
  readonly posted: { message: any; targetOrigin: string }[] = [];
  postMessage(message: unknown, targetOrigin: string): void {
    this.posted.push({ message, targetOrigin });
  }
  /** The calls posted so far. */
  calls(): { id: number; method: string; args: any }[] {
    return this.posted.map((p) => p.message).filter((m) => m.kind === 'call');
  }
}

export class FakePage {
  readonly location = { origin: HOST_ORIGIN, href: `${HOST_ORIGIN}/app/page.html` };
  private listeners = new Set<(event: MessageEvent) => void>();
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }
  listening(): number {
    return this.listeners.size;
  }
  /** Delivers a message event to the page, as the browser would. */
  deliver(data: unknown, source: unknown, origin: string): void {
    for (const listener of [...this.listeners]) listener({ data, source, origin } as MessageEvent);
  }
}

/** An iframe: its window, its src, whether it is still in the page. */
export class FakeIframe {
  src = '';
  contentWindow: FakeFrameWindow | null = new FakeFrameWindow();
  removed = false;
  private attributes = new Map<string, string>();
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  remove(): void {
    this.removed = true;
    this.contentWindow = null;
  }
}

/** The frame's side: messages with the protocol's envelope, from the frame's window and origin. */
export function frameSays(page: FakePage, iframe: FakeIframe, frameId: string, message: Record<string, unknown>, origin = FOYER_ORIGIN): void {
  page.deliver({ protocol: EMBED_PROTOCOL, frameId, ...message }, iframe.contentWindow, origin);
}
