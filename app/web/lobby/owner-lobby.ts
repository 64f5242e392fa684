/**
 * The owner's side of knocking, shaped like Daily's: `waitingParticipants()`,
 * `updateWaitingParticipants({<id>|'*': {grantRequestedAccess}})`, and
 * `waiting-participant-added/updated/removed` events.
 */
import { checkLobbyMessage, type LobbyMessage, type OwnerEvent, type OwnerMessage, type WaitingParticipant } from '../../shared/lobby.ts';
import { Emitter } from '../util/emitter.ts';
import { problemFromError, type MessageProblem, type SendResult } from './message-problem.ts';
import { openLobbySocket, reconnectDelayMs, SOCKET_OPEN, type LobbySocketLike, type OpenLobbySocket } from './lobby-socket.ts';

export interface DailyWaitingParticipant {
  id: string;
  name: string;
  since: string;
  awaitingAccess: { level: 'full' };
}

type WaitingEvent<A extends string> = { action: A; participant: DailyWaitingParticipant };

interface OwnerLobbyEvents extends Record<string, unknown> {
  'waiting-participant-added': WaitingEvent<'waiting-participant-added'>;
  'waiting-participant-updated': WaitingEvent<'waiting-participant-updated'>;
  'waiting-participant-removed': WaitingEvent<'waiting-participant-removed'>;
  /** The whole list was (re)loaded, e.g. on joining with people already waiting. */
  'waiting-participants-loaded': { participants: DailyWaitingParticipant[] };
  /** A line of a waiting guest's thread (from any owner, or the guest's answer). */
  'waiting-message': { id: string; message: LobbyMessage };
  /** The server refused this owner's message to a waiting guest. */
  'waiting-message-refused': { id?: string; problem: MessageProblem };
}

const daily = (p: WaitingParticipant): DailyWaitingParticipant => ({ ...p, awaitingAccess: { level: 'full' } });

export class OwnerLobby extends Emitter<OwnerLobbyEvents> {
  private socket!: LobbySocketLike;
  private readonly waiting = new Map<string, DailyWaitingParticipant>();
  private closed = false;
  /** Reconnect attempts since the channel last worked (the server sent the list). */
  private attempts = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  private readonly openSocket: OpenLobbySocket;
  /** True once the server accepted this owner on the current channel (it sent the list). */
  private ready = false;
  /** Answers clicked while the channel was down (a server restart): sent once it is back, never lost. */
  private pending: Record<string, { grantRequestedAccess: boolean }> = {};
  /** Each waiting guest's thread with the owners, by waiting id (as the server replays it on every hello). */
  private readonly threads = new Map<string, LobbyMessage[]>();

  constructor(private readonly roomName: string, private readonly session: string, opts: { openSocket?: OpenLobbySocket } = {}) {
    super();
    this.openSocket = opts.openSocket ?? openLobbySocket;
    this.connect();
  }

  /**
   * On a dropped channel (a server restart, a network blip) reconnect, 0.5 s at first and backing off
   * to every 4 s while the server stays down; hello brings the whole list again. No deadline: the
   * owner is in the call, and the toast must come back whenever the server does.
   */
  private connect() {
    const socket = this.openSocket(this.roomName);
    this.socket = socket;
    this.ready = false;
    socket.onopen = () => this.sendMessage({ type: 'hello', session: this.session });
    socket.onmessage = (e) => this.handle(JSON.parse(String(e.data)) as OwnerEvent);
    socket.onclose = () => {
      if (this.closed || this.socket !== socket) return;
      this.ready = false;
      this.retryTimer = setTimeout(() => !this.closed && this.connect(), reconnectDelayMs(this.attempts++));
    };
  }

  waitingParticipants(): Record<string, DailyWaitingParticipant> {
    return Object.fromEntries(this.waiting);
  }

  /** The first answer wins; answering someone already let in or turned away does nothing. */
  updateWaitingParticipants(updates: Record<string, { grantRequestedAccess: boolean }>): { ids: string[] } {
    if (this.ready) this.sendMessage({ type: 'update-waiting-participants', updates });
    else this.pending = { ...this.pending, ...updates };
    return { ids: updates['*'] ? [...this.waiting.keys()] : Object.keys(updates) };
  }

  updateWaitingParticipant(id: string, update: { grantRequestedAccess: boolean }): { id: string } {
    this.updateWaitingParticipants({ [id]: update });
    return { id };
  }

  /** A waiting guest's thread with the owners so far. */
  waitingMessages(id: string): LobbyMessage[] {
    return this.threads.get(id) ?? [];
  }

  /**
   * Writes a short message to a waiting guest ("One moment, finishing a call"). Checked here as the
   * server will; the line shows once the server sends it to every owner (`waiting-message`).
   * Not queued while the channel is down: a stale "one moment" is worse than none.
   */
  sendWaitingMessage(id: string, text: string): SendResult {
    const check = checkLobbyMessage(text);
    if (!check.ok) return { ok: false, problem: check.problem };
    if (!this.ready || this.socket.readyState !== SOCKET_OPEN) return { ok: false, problem: 'offline' };
    this.sendMessage({ type: 'message-waiting', id, text: check.text });
    return { ok: true };
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.socket.close();
  }

  private sendMessage(msg: OwnerMessage) {
    if (!this.closed && this.socket.readyState === SOCKET_OPEN) this.socket.send(JSON.stringify(msg));
  }

  private handle(event: OwnerEvent) {
    switch (event.type) {
      case 'waiting-participants': {
        this.attempts = 0;
        this.ready = true;
        this.waiting.clear();
        // The server replays each thread right after the list.
        this.threads.clear();
        for (const p of event.participants) this.waiting.set(p.id, daily(p));
        this.emit('waiting-participants-loaded', { participants: [...this.waiting.values()] });
        // The server answers a stale id with a no-op, so a queued answer can only reach someone still waiting.
        if (Object.keys(this.pending).length > 0) {
          this.sendMessage({ type: 'update-waiting-participants', updates: this.pending });
          this.pending = {};
        }
        return;
      }
      case 'waiting-participant-added':
      case 'waiting-participant-updated': {
        const participant = daily(event.participant);
        this.waiting.set(participant.id, participant);
        this.emit(event.type, { action: event.type, participant });
        return;
      }
      case 'waiting-participant-removed': {
        const participant = daily(event.participant);
        this.waiting.delete(participant.id);
        this.threads.delete(participant.id);
        this.emit('waiting-participant-removed', { action: 'waiting-participant-removed', participant });
        return;
      }
      case 'waiting-message': {
        const { type: _type, id, ...message } = event;
        this.threads.set(id, [...(this.threads.get(id) ?? []), message]);
        this.emit('waiting-message', { id, message });
        return;
      }
      case 'error':
        if (event.about === 'message') return this.emit('waiting-message-refused', { ...(event.id ? { id: event.id } : {}), problem: problemFromError(event.error) });
        // Refused: the server could not see this owner in the call (just after a restart, before LiveKit
        // reports them) or their session ended. Drop the list, so no toast offers buttons that cannot
        // work, and ask again with backoff: this page is still in the call, and the server re-checks.
        if (event.error === 'forbidden-error') {
          this.ready = false;
          this.waiting.clear();
          this.emit('waiting-participants-loaded', { participants: [] });
          this.socket.close();
        }
        return;
    }
  }
}
