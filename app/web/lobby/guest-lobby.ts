/**
 * The guest's side of knocking, shaped like Daily's call object: `accessState()`, `requestAccess()`,
 * and `access-state-updated` events. The guest hears only about themselves: no participant list,
 * no media, no LiveKit token until an owner lets them in.
 *
 * A dropped channel while waiting (a control-plane restart, a network blip) is reconnected with
 * backoff for up to a minute, sending the resume key each time: the server keeps the place (and its
 * `since`) across a restart, so the guest stays where they were in the queue.
 */
import type { AccessError, AccessLevel } from '../../shared/access.ts';
import { checkLobbyMessage, type GuestEvent, type GuestMessage, type LobbyMessage } from '../../shared/lobby.ts';
import { Emitter } from '../util/emitter.ts';
import { problemFromError, type MessageProblem, type SendResult } from './message-problem.ts';
import { openLobbySocket, reconnectDelayMs, SOCKET_CONNECTING, SOCKET_OPEN, type LobbySocketLike, type OpenLobbySocket } from './lobby-socket.ts';

export interface AccessState {
  access: { level: AccessLevel };
  awaitingAccess?: { level: 'full' };
}

export type AccessRequestResult =
  | { granted: true; admission: string }
  | { granted: false; error: AccessError }
  /** The room changed (knocking off, made public, deleted): ask the door again. */
  | { granted: false; roomChanged: true }
  | { granted: false; cancelled: true }
  /** Nobody answered within the lobby's maximum wait; `waitedMs` as this page measured it. The guest may knock again. */
  | { granted: false; expired: true; waitedMs: number }
  /**
   * The knock itself was refused (bad name, too many knocks, lobby full) or the connection could not be
   * brought back: say why (`problem`, the server's words), let them try again. `error`: the server's type.
   */
  | { granted: false; problem: string; error?: string };

interface GuestLobbyEvents extends Record<string, unknown> {
  'access-state-updated': { action: 'access-state-updated' } & AccessState;
  'owner-presence': { ownerPresent: boolean };
  /** While knocking: the channel dropped and is being brought back (`true`), or is back (`false`). */
  connection: { reconnecting: boolean };
  /** The thread with the host changed (a host message, the guest's reply confirmed, the thread after a resume). */
  messages: { messages: LobbyMessage[] };
  /** A reply was refused by the server (too many, before the host wrote): the wait goes on. */
  'reply-refused': { problem: MessageProblem };
}

/** How long a dropped channel is retried while waiting before giving up (a restart takes a few seconds). */
export const RECONNECT_FOR_MS = 60_000;
/** How long a channel opened early may wait for the knock: well inside the server's 10 s for a first message. */
export const WARM_CHANNEL_MS = 7_000;

export const CONNECTION_LOST = 'Lost the connection to the server while waiting. Ask to join again.';

export interface GuestLobbyOptions {
  openSocket?: OpenLobbySocket;
  /** Where `pagehide` is heard (the window). */
  pageEvents?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

export class GuestLobby extends Emitter<GuestLobbyEvents> {
  private socket?: LobbySocketLike;
  private state: AccessState = { access: { level: 'lobby' } };
  private resumeKey?: string;
  private settle?: (r: AccessRequestResult) => void;
  private pending?: Promise<AccessRequestResult>;
  private request?: { name: string; token?: string };
  /** Set while the channel is down during a knock: when it dropped, and how many attempts since. */
  private outage?: { since: number; attempts: number };
  private retryTimer?: ReturnType<typeof setTimeout>;
  /** Lets go of a channel opened early and never used (see {@link preconnect}). */
  private warmTimer?: ReturnType<typeof setTimeout>;
  /** When the server first said `waiting` for this knock (local clock), for "nobody let you in for ...". */
  private waitingSince?: number;
  /** The short thread with the host while waiting; what the server confirmed, never the guest's unsent text. */
  private thread: LobbyMessage[] = [];
  private readonly openSocket: OpenLobbySocket;
  private readonly pageEvents: Pick<Window, 'addEventListener' | 'removeEventListener'>;

  constructor(private readonly roomName: string, opts: GuestLobbyOptions = {}) {
    super();
    this.openSocket = opts.openSocket ?? openLobbySocket;
    this.pageEvents = opts.pageEvents ?? window;
    // Closing the tab leaves the waiting list at once rather than after the grace period.
    this.pageEvents.addEventListener('pagehide', this.onPageHide);
  }

  accessState(): AccessState {
    return this.state;
  }

  /**
   * Opens the channel before the knock (while the prejoin shows), so Ask to join reaches owners at once.
   * Unused, it is let go after {@link WARM_CHANNEL_MS}: the server closes a silent channel at 10 s with an
   * error, which a knock sent just then would read as refused. A later knock opens a fresh one.
   */
  preconnect(): void {
    if (this.socket) return;
    const warm = this.connect();
    clearTimeout(this.warmTimer);
    this.warmTimer = setTimeout(() => {
      if (this.settle || this.socket !== warm) return;
      this.socket = undefined;
      warm.close();
    }, WARM_CHANNEL_MS);
  }

  /** Knocks, and resolves once an owner answers (or the room changes, or the guest cancels). Again while waiting: renames. */
  requestAccess(opts: { name: string; token?: string }): Promise<AccessRequestResult> {
    this.request = opts;
    if (this.pending) {
      this.sendMessage({ type: 'request-access', ...opts });
      return this.pending;
    }
    this.pending = new Promise((resolve) => {
      this.settle = resolve;
    });
    this.outage = undefined;
    this.waitingSince = undefined;
    this.setThread([]);
    if (this.socket?.readyState === SOCKET_OPEN) this.sendRequest();
    else if (!this.socket || this.socket.readyState !== SOCKET_CONNECTING) this.connect();
    return this.pending;
  }

  /** The thread with the host so far ("The host says: …", and the guest's answers). */
  messages(): LobbyMessage[] {
    return this.thread;
  }

  /**
   * Answers the host. Checked here as the server will (the server decides): only while waiting, once
   * the host has written. The reply shows once the server confirms it (`messages`).
   */
  reply(text: string): SendResult {
    const check = checkLobbyMessage(text);
    if (!check.ok) return { ok: false, problem: check.problem };
    if (!this.thread.some((m) => m.from === 'host')) return { ok: false, problem: 'host-first' };
    if (!this.settle || this.socket?.readyState !== SOCKET_OPEN) return { ok: false, problem: 'offline' };
    this.sendMessage({ type: 'reply', text: check.text });
    return { ok: true };
  }

  private setThread(messages: LobbyMessage[]) {
    this.thread = messages;
    this.emit('messages', { messages });
  }

  cancel(): void {
    this.sendMessage({ type: 'cancel' });
    this.finish({ granted: false, cancelled: true });
  }

  private onPageHide = () => {
    if (this.settle) this.sendMessage({ type: 'cancel' });
  };

  private sendMessage(msg: GuestMessage) {
    if (this.socket?.readyState === SOCKET_OPEN) this.socket.send(JSON.stringify(msg));
  }

  private sendRequest() {
    this.sendMessage({ type: 'request-access', ...this.request!, ...(this.resumeKey ? { resume: this.resumeKey } : {}) });
  }

  private connect(): LobbySocketLike {
    const socket = this.openSocket(this.roomName);
    this.socket = socket;
    socket.onopen = () => {
      if (this.settle) this.sendRequest();
    };
    socket.onmessage = (e) => this.handle(JSON.parse(String(e.data)) as GuestEvent);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.settle) this.reconnectLater(); // not knocking yet: the knock will open a new channel
    };
    return socket;
  }

  private reconnectLater() {
    const now = Date.now();
    if (!this.outage) {
      this.outage = { since: now, attempts: 0 };
      this.emit('connection', { reconnecting: true });
    }
    const left = this.outage.since + RECONNECT_FOR_MS - now;
    if (left <= 0) return this.finish({ granted: false, problem: CONNECTION_LOST });
    // The last attempt lands on the deadline rather than after it.
    const delay = Math.min(reconnectDelayMs(this.outage.attempts++), left);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.settle) this.connect();
    }, delay);
  }

  private setState(state: AccessState) {
    this.state = state;
    this.emit('access-state-updated', { action: 'access-state-updated', ...state });
  }

  private handle(event: GuestEvent) {
    switch (event.type) {
      case 'waiting':
        this.resumeKey = event.resumeKey;
        this.waitingSince ??= Date.now();
        // Only the server's `waiting` proves the place is back, not the socket opening.
        if (this.outage) {
          this.outage = undefined;
          this.emit('connection', { reconnecting: false });
        }
        this.setState({ access: { level: 'lobby' }, awaitingAccess: { level: 'full' } });
        this.emit('owner-presence', { ownerPresent: event.ownerPresent });
        return;
      case 'owner-presence':
        this.emit('owner-presence', { ownerPresent: event.ownerPresent });
        return;
      case 'granted':
        this.setState({ access: { level: 'full' } });
        this.finish({ granted: true, admission: event.admission });
        return;
      case 'denied':
        this.setState({ access: { level: 'none' } });
        this.finish({ granted: false, error: event.error });
        return;
      case 'room-changed':
        this.finish({ granted: false, roomChanged: true });
        return;
      case 'expired':
        this.setState({ access: { level: 'lobby' } });
        this.finish({ granted: false, expired: true, waitedMs: Date.now() - (this.waitingSince ?? Date.now()) });
        return;
      case 'host-message':
        this.setThread([...this.thread, { from: 'host', text: event.text, at: event.at }]);
        return;
      case 'reply-sent':
        this.setThread([...this.thread, { from: 'guest', text: event.text, at: event.at }]);
        return;
      case 'thread':
        this.setThread(event.messages);
        return;
      case 'error':
        if (event.about === 'reply') return this.emit('reply-refused', { problem: problemFromError(event.error) });
        this.finish({ granted: false, problem: event.info, error: event.error });
        return;
    }
  }

  private finish(result: AccessRequestResult) {
    const settle = this.settle;
    this.settle = undefined;
    this.pending = undefined;
    this.resumeKey = undefined;
    this.outage = undefined;
    clearTimeout(this.retryTimer);
    this.pageEvents.removeEventListener('pagehide', this.onPageHide);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    settle?.(result);
  }
}
