/**
 * The owner's side of knocking, shaped like Daily's: `waitingParticipants()`,
 * `updateWaitingParticipants({<id>|'*': {grantRequestedAccess}})`, and
 * `waiting-participant-added/updated/removed` events.
 */
import type { OwnerEvent, OwnerMessage, WaitingParticipant } from '../../shared/lobby.ts';
import { Emitter } from './emitter.ts';
import { openLobbySocket } from './lobby-socket.ts';

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
}

const daily = (p: WaitingParticipant): DailyWaitingParticipant => ({ ...p, awaitingAccess: { level: 'full' } });

export class OwnerLobby extends Emitter<OwnerLobbyEvents> {
  private socket!: WebSocket;
  private readonly waiting = new Map<string, DailyWaitingParticipant>();
  private closed = false;

  constructor(private readonly roomName: string, private readonly session: string) {
    super();
    this.connect();
  }

  /** On a dropped channel (a server restart, a network blip) reconnect; hello brings the whole list again. */
  private connect() {
    const socket = openLobbySocket(this.roomName);
    this.socket = socket;
    socket.onopen = () => this.sendMessage({ type: 'hello', session: this.session });
    socket.onmessage = (e) => this.handle(JSON.parse(String(e.data)) as OwnerEvent);
    socket.onclose = () => {
      if (!this.closed) setTimeout(() => !this.closed && this.connect(), 1000);
    };
  }

  waitingParticipants(): Record<string, DailyWaitingParticipant> {
    return Object.fromEntries(this.waiting);
  }

  /** The first answer wins; answering someone already let in or turned away does nothing. */
  updateWaitingParticipants(updates: Record<string, { grantRequestedAccess: boolean }>): { ids: string[] } {
    this.sendMessage({ type: 'update-waiting-participants', updates });
    return { ids: updates['*'] ? [...this.waiting.keys()] : Object.keys(updates) };
  }

  updateWaitingParticipant(id: string, update: { grantRequestedAccess: boolean }): { id: string } {
    this.updateWaitingParticipants({ [id]: update });
    return { id };
  }

  close(): void {
    this.closed = true;
    this.socket.close();
  }

  private sendMessage(msg: OwnerMessage) {
    if (!this.closed && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }

  private handle(event: OwnerEvent) {
    switch (event.type) {
      case 'waiting-participants': {
        this.waiting.clear();
        for (const p of event.participants) this.waiting.set(p.id, daily(p));
        this.emit('waiting-participants-loaded', { participants: [...this.waiting.values()] });
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
        this.emit('waiting-participant-removed', { action: 'waiting-participant-removed', participant });
        return;
      }
      case 'error':
        // Refused (not an owner of this room): retrying cannot help.
        if (event.error === 'forbidden-error') this.close();
        return;
    }
  }
}
