/**
 * Messages between owners and a waiting guest: an owner writes ("One moment, finishing a call"), the
 * guest may answer once written to. The thread lives with the lobby's state (threads), never in the
 * store; every owner sees it, and a guest back after a drop gets it again.
 */
import { checkLobbyMessage, type LobbyMessage } from '../../shared/lobby.ts';
import { send, type GuestConnection, type OwnerConnection } from './connections.ts';
import { ConnectionRateLimiter } from './knock-rate-limit.ts';
import type { LobbyState } from './state/lobby-state.ts';
import type { WaitingList } from './waiting-list.ts';

/** How many of a waiting guest's last messages are kept (with the waiting entry's state; never in the store). */
export const THREAD_KEPT = 20;

/** What messages need of the lobby. */
export interface MessagesContext {
  now(): number;
  limits: { messagesPerWindow: number; messageWindowSeconds: number };
  state: LobbyState;
  list(roomId: string): WaitingList;
  /** The owner's right checked again; refused, their channel closes. */
  stillOwner(owner: OwnerConnection, info: string): Promise<boolean>;
}

export class LobbyMessages {
  /** Budgets per connection (each way): a connection is on one instance, so these stay in memory. */
  private readonly ownerMessages: ConnectionRateLimiter<OwnerConnection>;
  private readonly guestReplies: ConnectionRateLimiter<GuestConnection>;

  constructor(private readonly lobby: MessagesContext) {
    const { messagesPerWindow: max, messageWindowSeconds: window } = lobby.limits;
    this.ownerMessages = new ConnectionRateLimiter(max, window);
    this.guestReplies = new ConnectionRateLimiter(max, window);
  }

  /** A line added to a waiting guest's thread, keeping only the last few. */
  private async addToThread(entryId: string, from: LobbyMessage['from'], text: string): Promise<LobbyMessage> {
    const message: LobbyMessage = { from, text, at: new Date(this.lobby.now() * 1000).toISOString() };
    await this.lobby.state.threads.add(entryId, message, THREAD_KEPT);
    return message;
  }

  private perMinute(): string {
    const { messagesPerWindow: max, messageWindowSeconds: window } = this.lobby.limits;
    return window === 60 ? `${max} messages a minute` : `${max} messages in ${window} seconds`;
  }

  /**
   * An owner writes to one waiting guest. The guest hears only the text ("The host says: …"); every
   * owner sees the thread. Cheap checks first (budget, bounds), then the owner's right as for answers,
   * then the guest. Returns false when the owner was refused.
   */
  async fromOwner(owner: OwnerConnection, id: string, rawText: unknown): Promise<boolean> {
    const refuse = (error: string, info: string) => {
      send(owner.socket, { type: 'error', error, info, about: 'message', id });
      return true;
    };
    if (!this.ownerMessages.allow(owner, this.lobby.now())) {
      return refuse('rate-limit-error', `you can send at most ${this.perMinute()} to people waiting; wait a moment and try again`);
    }
    const text = checkLobbyMessage(rawText);
    if (!text.ok) return refuse('invalid-request-error', text.reason);
    if (!(await this.lobby.stillOwner(owner, 'only owners in this call can write to people waiting; rejoin the call'))) return false;
    if (!(await this.lobby.list(owner.roomId).get(id))) {
      return refuse('not-found', 'nobody with this id is waiting to join this room (they may have been let in, turned away, or left)');
    }
    const message = await this.addToThread(id, 'host', text.text);
    const { bus } = this.lobby.state;
    // Wherever the guest's connection is; one that is down gets the thread when they take their place back.
    await bus.publish({ type: 'to-guest', roomId: owner.roomId, entryId: id, event: { type: 'host-message', text: message.text, at: message.at } });
    await bus.publish({ type: 'to-owners', roomId: owner.roomId, event: { type: 'waiting-message', id, ...message } });
    return true;
  }

  /**
   * A waiting guest answers the host. Only once an owner has written to this guest, so a guest cannot
   * start writing to owners; budgeted per connection like the owners' messages.
   */
  async fromGuest(guest: GuestConnection, rawText: unknown): Promise<void> {
    const refuse = (error: string, info: string) => send(guest.socket, { type: 'error', error, info, about: 'reply' });
    const { entryId, roomId } = guest;
    if (!entryId || !roomId || !(await this.lobby.list(roomId).get(entryId))) return refuse('invalid-request-error', 'you can answer the host only while you wait to join');
    if (!this.guestReplies.allow(guest, this.lobby.now())) {
      return refuse('rate-limit-error', `you can send at most ${this.perMinute()}; wait a moment and try again`);
    }
    const text = checkLobbyMessage(rawText);
    if (!text.ok) return refuse('invalid-request-error', text.reason);
    if (!(await this.lobby.state.threads.get(entryId)).some((m) => m.from === 'host')) {
      return refuse('forbidden-error', 'you can answer once the host has written to you');
    }
    const message = await this.addToThread(entryId, 'guest', text.text);
    send(guest.socket, { type: 'reply-sent', text: message.text, at: message.at });
    await this.lobby.state.bus.publish({ type: 'to-owners', roomId, event: { type: 'waiting-message', id: entryId, ...message } });
  }
}
