/**
 * The host page's end of the postMessage link with one Foyer frame (app/shared/embed-protocol.ts).
 *
 * Messages go out with the frame's origin as target, never '*', so a frame navigated elsewhere does
 * not get them. A message counts only when it comes from this iframe's window, from the frame's
 * origin, and carries this frame's id: other frames, other windows and other sites are ignored.
 *
 * Calls are numbered; each waits for its reply at most `timeoutMs`, and all that wait fail together
 * when the link closes (destroy, iframe removed) or the frame loads another page.
 */
import { EMBED_PROTOCOL, isForFrame, type EmbedMethod, type EmbedMethods, type FrameMessage, type HostMessage } from '../shared/embed-protocol.ts';

/** The page's window, as far as listening goes (a fake one in tests). */
export interface MessageSource {
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** The iframe, as far as posting goes. */
export interface FrameWindowHolder {
  readonly contentWindow: { postMessage(message: unknown, targetOrigin: string): void } | null;
}

/** What the frame says on its own: ready, a new snapshot, an error event. */
export type FrameNotice = Exclude<FrameMessage, { kind: 'reply' }>;

interface Waiter {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

const NAVIGATED = 'The Foyer frame loaded another room before answering';

export class FrameChannel {
  private nextId = 1;
  private readonly calls = new Map<number, Waiter>();
  private readyWaiters: Waiter[] = [];
  private origin: string | null = null;
  private closedWith: string | null = null;
  /** Whether the page now in the frame said it listens. */
  ready = false;

  constructor(
    private readonly page: MessageSource,
    private readonly iframe: FrameWindowHolder,
    private readonly frameId: string,
    private readonly timeoutMs: number,
    private readonly onNotice: (notice: FrameNotice) => void,
  ) {
    page.addEventListener('message', this.receive);
  }

  /** The frame is loading a page of `origin`: what the previous page owed fails, and the link waits for 'ready' again. */
  expect(origin: string): void {
    this.failAll(NAVIGATED);
    this.origin = origin;
    this.ready = false;
  }

  /** Resolves once the frame's page listens; rejects after `timeoutMs`, or at once when nothing is loading. */
  whenReady(): Promise<void> {
    if (this.closedWith) return Promise.reject(new Error(this.closedWith));
    if (this.ready) return Promise.resolve();
    if (!this.origin) return Promise.reject(new Error('The Foyer frame has no room loaded: call join() or preAuth() with a url first'));
    const origin = this.origin;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => resolve(),
        reject,
        timer: setTimeout(() => {
          this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
          reject(new Error(`The Foyer frame (${origin}) did not load within ${this.timeoutMs / 1000} s`));
        }, this.timeoutMs),
      };
      this.readyWaiters.push(waiter);
    });
  }

  /** Calls `method` in the frame; resolves with its reply, rejects with the frame's message or after `timeoutMs`. */
  call<M extends EmbedMethod>(method: M, args: EmbedMethods[M]['args'], timeoutMs = this.timeoutMs): Promise<EmbedMethods[M]['result']> {
    if (this.closedWith) return Promise.reject(new Error(this.closedWith));
    const target = this.iframe.contentWindow;
    if (!target) return Promise.reject(new Error(`${method}(): the Foyer frame is not in the page`));
    if (!this.ready || !this.origin) return Promise.reject(new Error(`${method}(): the Foyer frame is not loaded`));
    const id = this.nextId++;
    const message = { protocol: EMBED_PROTOCOL, frameId: this.frameId, kind: 'call', id, method, args } as HostMessage;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new Error(`${method}(): the Foyer frame did not answer within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      target.postMessage(message, this.origin!);
    });
  }

  /** Ends the link: everything waiting fails with `reason`, and so does every later call. */
  close(reason: string): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    this.page.removeEventListener('message', this.receive);
    this.failAll(reason);
  }

  private failAll(reason: string): void {
    for (const waiter of [...this.calls.values(), ...this.readyWaiters]) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.calls.clear();
    this.readyWaiters = [];
  }

  private readonly receive = (event: MessageEvent): void => {
    const { data } = event;
    if (event.source !== this.iframe.contentWindow || event.origin !== this.origin || !isForFrame(data, this.frameId)) return;
    const message = data as FrameMessage;
    switch (message.kind) {
      case 'reply': {
        const waiter = this.calls.get(message.id);
        if (!waiter) return;
        this.calls.delete(message.id);
        clearTimeout(waiter.timer);
        if (message.ok) waiter.resolve(message.value);
        else waiter.reject(new Error(typeof message.message === 'string' ? message.message : 'The Foyer frame refused'));
        return;
      }
      case 'ready':
        if (this.ready) return;
        this.ready = true;
        for (const waiter of this.readyWaiters) {
          clearTimeout(waiter.timer);
          waiter.resolve(undefined);
        }
        this.readyWaiters = [];
        this.onNotice(message);
        return;
      case 'state':
        if (typeof message.state === 'object' && message.state !== null) this.onNotice(message);
        return;
      case 'event':
        if ((message.event === 'error' || message.event === 'nonfatal-error') && typeof message.payload === 'object' && message.payload !== null) this.onNotice(message);
    }
  };
}
