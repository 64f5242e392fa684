/**
 * The guest's side of knocking, shaped like Daily's call object: `accessState()`, `requestAccess()`,
 * and `access-state-updated` events. The guest hears only about themselves: no participant list,
 * no media, no LiveKit token until an owner lets them in.
 */
import type { AccessError, AccessLevel } from '../../shared/access.ts';
import type { GuestEvent, GuestMessage } from '../../shared/lobby.ts';
import { Emitter } from './emitter.ts';
import { openLobbySocket } from './lobby-socket.ts';

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
  /** The knock itself was refused (bad name, too many knocks, lobby full): say why, let them try again. */
  | { granted: false; problem: string };

interface GuestLobbyEvents extends Record<string, unknown> {
  'access-state-updated': { action: 'access-state-updated' } & AccessState;
  'owner-presence': { ownerPresent: boolean };
}

/** A dropped connection is retried this many times in a row, keeping the guest's place (server grace period). */
const RECONNECT_TRIES = 3;

export class GuestLobby extends Emitter<GuestLobbyEvents> {
  private socket?: WebSocket;
  private state: AccessState = { access: { level: 'lobby' } };
  private resumeKey?: string;
  private settle?: (r: AccessRequestResult) => void;
  private pending?: Promise<AccessRequestResult>;
  private request?: { name: string; token?: string };
  private triesLeft = RECONNECT_TRIES;

  constructor(private readonly roomName: string) {
    super();
    // Closing the tab leaves the waiting list at once rather than after the grace period.
    window.addEventListener('pagehide', this.onPageHide);
  }

  accessState(): AccessState {
    return this.state;
  }

  /** Opens the channel before the knock (while the prejoin shows), so Ask to join reaches owners at once. */
  preconnect(): void {
    if (!this.socket) this.connect();
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
    this.triesLeft = RECONNECT_TRIES;
    if (this.socket?.readyState === WebSocket.OPEN) this.sendRequest();
    else if (!this.socket || this.socket.readyState !== WebSocket.CONNECTING) this.connect();
    return this.pending;
  }

  cancel(): void {
    this.sendMessage({ type: 'cancel' });
    this.finish({ granted: false, cancelled: true });
  }

  private onPageHide = () => {
    if (this.settle) this.sendMessage({ type: 'cancel' });
  };

  private sendMessage(msg: GuestMessage) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private sendRequest() {
    this.sendMessage({ type: 'request-access', ...this.request!, ...(this.resumeKey ? { resume: this.resumeKey } : {}) });
  }

  private connect() {
    const socket = openLobbySocket(this.roomName);
    this.socket = socket;
    socket.onopen = () => {
      if (this.settle) this.sendRequest();
    };
    socket.onmessage = (e) => this.handle(JSON.parse(String(e.data)) as GuestEvent);
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (!this.settle) return; // not knocking yet: the knock will open a new channel
      if (this.triesLeft-- > 0) setTimeout(() => this.settle && this.connect(), 500);
      else this.finish({ granted: false, problem: 'Lost the connection to the server while waiting. Ask to join again.' });
    };
  }

  private setState(state: AccessState) {
    this.state = state;
    this.emit('access-state-updated', { action: 'access-state-updated', ...state });
  }

  private handle(event: GuestEvent) {
    switch (event.type) {
      case 'waiting':
        this.resumeKey = event.resumeKey;
        this.triesLeft = RECONNECT_TRIES;
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
      case 'error':
        this.finish({ granted: false, problem: event.info });
        return;
    }
  }

  private finish(result: AccessRequestResult) {
    const settle = this.settle;
    this.settle = undefined;
    this.pending = undefined;
    window.removeEventListener('pagehide', this.onPageHide);
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
    settle?.(result);
  }
}
