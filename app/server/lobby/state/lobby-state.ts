/**
 * The lobby's state, each piece behind a seam: in memory for one control plane (the default), or in
 * Redis so several control planes share one lobby (FOYER_REDIS_URL). Sockets never live here: each
 * instance holds its own and hears, on the bus, what to deliver to them.
 */
import type { GuestEvent, LobbyMessage, OwnerEvent } from '../../../shared/lobby.ts';
import type { LobbyStore } from '../../store/lobby-store.ts';

/** Knocks per client (by address) in a sliding window, counted wherever the knock arrived. */
export interface KnockBudget {
  /** Records a knock and says whether it is allowed. */
  allow(client: string, now: number): Promise<boolean>;
  /** Forgets clients with no knock in the window (bounds memory where nothing expires by itself). */
  prune(now: number): Promise<void>;
}

/** Which rooms have an owner on the lobby channel, on any instance. */
export interface OwnerPresence {
  /** An owner's channel opened here; true when the room had no owner anywhere before. */
  join(roomId: string): Promise<boolean>;
  /** An owner's channel closed here; true when the room now has no owner anywhere. */
  leave(roomId: string): Promise<boolean>;
  present(roomId: string): Promise<boolean>;
}

/** Each waiting guest's thread with the owners, by waiting entry id: small talk, never in the store. */
export interface Threads {
  get(entryId: string): Promise<LobbyMessage[]>;
  /** The threads of these entries (empty ones left out), in one round trip. */
  getMany(entryIds: string[]): Promise<Map<string, LobbyMessage[]>>;
  /** Adds a line, keeping only the last `keep`; returns the thread as it now is. */
  add(entryId: string, message: LobbyMessage, keep: number): Promise<LobbyMessage[]>;
  delete(entryId: string): Promise<void>;
}

/**
 * Which instance holds each waiting guest's connection, so that the waits held by an instance that died
 * can be found (and given a grace period to come back, as after a lone control plane's restart).
 */
export interface GuestHolders {
  /** This instance holds the guest's connection now. */
  hold(entryId: string): Promise<void>;
  /**
   * The guest's connection here closed: their wait is kept until `goneAt`, unless another instance
   * holds them now (they resumed there while this close was on its way), in one step with that check.
   */
  drop(entryId: string, goneAt: number): Promise<void>;
  /** Waits held by instances that stopped get `goneAt` (if still unset); says how many. Holds of ended waits go. */
  markOrphans(goneAt: number): Promise<number>;
  /** Of these waits, those that ended (their entry is gone from the store), in one round trip. */
  ended(entryIds: string[]): Promise<Set<string>>;
}

/** What an instance is told to do with the sockets it holds. */
export type LobbyBusMessage =
  /** To every owner on the room's lobby channel. */
  | { type: 'to-owners'; roomId: string; event: OwnerEvent }
  /** To every guest waiting in the room. */
  | { type: 'to-guests'; roomId: string; event: GuestEvent }
  /** To one waiting guest, whose wait goes on (a host's message). */
  | { type: 'to-guest'; roomId: string; entryId: string; event: GuestEvent }
  /**
   * A wait ended (answered, left, expired): whoever holds the guest's socket lets it go, telling the
   * guest `tell`, or (`held-answer`) taking the owner's answer held in the store and delivering it.
   */
  | { type: 'wait-ended'; roomId: string; entryId: string; resumeKeyHash: string; tell?: GuestEvent | 'held-answer' }
  /** The guest took their place back on instance `by`: any other instance closes its old socket. */
  | { type: 'replaced'; roomId: string; entryId: string; by: string }
  /** This participant left the call: their owner channels close, wherever they are. */
  | { type: 'left-call'; roomId: string; identity: string };

/** Events to sockets, fanned out to every instance (this one included). */
export interface LobbyBus {
  publish(message: LobbyBusMessage): Promise<void>;
  /** One handler per instance; resolves once messages are being received. */
  subscribe(handler: (message: LobbyBusMessage) => Promise<void> | void): Promise<void>;
}

export interface LobbyState {
  /** This control plane, among those sharing the state. */
  readonly instanceId: string;
  /**
   * Whether other instances share this state. A restart then does not mark everyone waiting as
   * disconnected (other instances hold some of them): see `Lobby.start` and `GuestHolders`.
   */
  readonly shared: boolean;
  readonly store: LobbyStore;
  readonly knocks: KnockBudget;
  readonly presence: OwnerPresence;
  readonly threads: Threads;
  readonly holders: GuestHolders;
  readonly bus: LobbyBus;
  close(): Promise<void>;
}
