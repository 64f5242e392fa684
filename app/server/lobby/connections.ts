/**
 * The lobby sockets this control plane holds, per room: waiting guests' (by waiting entry id) and
 * owners'. Only this instance can write to them; other instances reach them through the bus.
 */
import type { GuestEvent, OwnerEvent } from '../../shared/lobby.ts';

export interface LobbySocket {
  send(data: string): void;
  close(): void;
}

/** What one guest connection has become, kept by the socket handler. */
export interface GuestConnection {
  socket: LobbySocket;
  clientKey: string;
  roomId?: string;
  /** Set while this connection's guest is waiting; cleared once they are answered, leave or expire. */
  entryId?: string;
}

/** An owner's lobby channel, with the session it opened with (checked again on every answer). */
export interface OwnerConnection {
  socket: LobbySocket;
  roomId: string;
  identity: string;
  session: string;
}

interface RoomConnections {
  /** By waiting entry id, with the hash of the resume key that names the answer held for the guest. */
  guests: Map<string, { guest: GuestConnection; resumeKeyHash: string }>;
  owners: Set<OwnerConnection>;
}

export const send = (socket: LobbySocket, event: GuestEvent | OwnerEvent): void => socket.send(JSON.stringify(event));

export class LocalConnections {
  private readonly rooms = new Map<string, RoomConnections>();
  /** Owners whose channel just opened, with the changes they are yet to be sent. */
  private readonly catchingUp = new Map<OwnerConnection, OwnerEvent[]>();
  /** Whether the guests here in each room were last told an owner is present. */
  private readonly presenceTold = new Map<string, boolean>();

  private room(roomId: string): RoomConnections {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { guests: new Map(), owners: new Set() };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private forgetIfIdle(roomId: string) {
    const room = this.rooms.get(roomId);
    if (room && room.owners.size === 0 && room.guests.size === 0) this.rooms.delete(roomId);
    if (!this.rooms.get(roomId)?.guests.size) this.presenceTold.delete(roomId);
  }

  guest(roomId: string, entryId: string): GuestConnection | undefined {
    return this.rooms.get(roomId)?.guests.get(entryId)?.guest;
  }

  /** Every guest waiting on a connection here. */
  waitingHere(): { roomId: string; entryId: string; resumeKeyHash: string }[] {
    return [...this.rooms].flatMap(([roomId, room]) => [...room.guests].map(([entryId, { resumeKeyHash }]) => ({ roomId, entryId, resumeKeyHash })));
  }

  owners(roomId: string): OwnerConnection[] {
    return [...(this.rooms.get(roomId)?.owners ?? [])];
  }

  toOwners(roomId: string, event: OwnerEvent): void {
    for (const owner of this.rooms.get(roomId)?.owners ?? []) {
      const held = this.catchingUp.get(owner);
      if (held) held.push(event);
      else send(owner.socket, event);
    }
  }

  toGuests(roomId: string, event: GuestEvent): void {
    if (event.type === 'owner-presence') this.presenceTold.set(roomId, event.ownerPresent);
    for (const { guest } of this.rooms.get(roomId)?.guests.values() ?? []) send(guest.socket, event);
  }

  /** Rooms with a guest connected here. */
  roomsWithGuests(): string[] {
    return [...this.rooms].filter(([, room]) => room.guests.size > 0).map(([roomId]) => roomId);
  }

  /** What the guests here in this room were last told of owner presence (a guest taking their place is told too). */
  toldPresence(roomId: string): boolean | undefined {
    return this.presenceTold.get(roomId);
  }

  noteToldPresence(roomId: string, present: boolean): void {
    this.presenceTold.set(roomId, present);
  }

  /** This connection now holds the guest's place; returns the one it replaces here, if any. */
  takePlace(guest: GuestConnection, roomId: string, entryId: string, resumeKeyHash: string): GuestConnection | undefined {
    const room = this.room(roomId);
    guest.roomId = roomId;
    guest.entryId = entryId;
    const old = room.guests.get(entryId)?.guest;
    room.guests.set(entryId, { guest, resumeKeyHash });
    return old && old !== guest ? this.release(old) : undefined;
  }

  /** The wait is over for the guest connected here (if any): their connection waits no more. */
  endWait(roomId: string, entryId: string): GuestConnection | undefined {
    const guest = this.guest(roomId, entryId);
    if (!guest) return undefined;
    this.rooms.get(roomId)?.guests.delete(entryId);
    this.forgetIfIdle(roomId);
    return this.release(guest);
  }

  /** Whether this very connection still holds its place (not replaced by a resumed one). */
  holds(guest: GuestConnection): boolean {
    return guest.roomId !== undefined && guest.entryId !== undefined && this.guest(guest.roomId, guest.entryId) === guest;
  }

  /**
   * The owner's channel opens. Changes are held back until `caughtUp`: the owner first gets the list as
   * it is, then every change since (reading the list takes a round trip, during which others answer).
   */
  addOwner(owner: OwnerConnection): void {
    this.catchingUp.set(owner, []);
    this.room(owner.roomId).owners.add(owner);
  }

  /** The owner has the list: the changes held back meanwhile follow it, in order. */
  caughtUp(owner: OwnerConnection): void {
    const held = this.catchingUp.get(owner) ?? [];
    this.catchingUp.delete(owner);
    for (const event of held) send(owner.socket, event);
  }

  /** False when this owner connection was already gone. */
  removeOwner(owner: OwnerConnection): boolean {
    this.catchingUp.delete(owner);
    const removed = this.rooms.get(owner.roomId)?.owners.delete(owner) ?? false;
    this.forgetIfIdle(owner.roomId);
    return removed;
  }

  private release(guest: GuestConnection): GuestConnection {
    guest.entryId = undefined;
    return guest;
  }
}
