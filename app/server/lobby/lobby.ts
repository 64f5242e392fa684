/**
 * The lobby: per room, the waiting list, the guests' sockets and the owners' sockets.
 * Knocks and answers are pushed both ways at once (no polling). Owners, and only owners,
 * hear about waiting participants; guests hear only about themselves.
 */
import type { GuestEvent, OwnerEvent } from '../../shared/lobby.ts';
import { DETAIL_MESSAGES } from '../../shared/access.ts';
import { decideForRoom } from '../access/decide-for-room.ts';
import type { AppContext } from '../context.ts';
import type { ParticipantSessions } from '../sessions/participant-session.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import type { Room } from '../store/store.ts';
import { Admissions } from './admissions.ts';
import { KnockRateLimiter } from './knock-rate-limit.ts';
import { toWaitingParticipant, WaitingList, type WaitingEntry } from './waiting-list.ts';

export interface LobbySocket {
  send(data: string): void;
  close(): void;
}

export interface LobbyLimits {
  maxWaiting: number;
  graceSeconds: number;
  admissionSeconds: number;
  knocksPerWindow: number;
  knockWindowSeconds: number;
}

export const DEFAULT_LOBBY_LIMITS: LobbyLimits = {
  maxWaiting: 50,
  graceSeconds: 5,
  admissionSeconds: 30,
  knocksPerWindow: 10,
  knockWindowSeconds: 60,
};

/** What one guest connection has become, kept by the socket handler. */
export interface GuestConnection {
  socket: LobbySocket;
  clientKey: string;
  roomId?: string;
  entryId?: string;
}

interface RoomLobby {
  list: WaitingList;
  guests: Map<string, LobbySocket>;
  owners: Set<LobbySocket>;
}

const send = (socket: LobbySocket, event: GuestEvent | OwnerEvent) => socket.send(JSON.stringify(event));

export class Lobby {
  private readonly rooms = new Map<string, RoomLobby>();
  private readonly admissions: Admissions;
  private readonly knocks: KnockRateLimiter;
  private readonly sweeper: NodeJS.Timeout;
  /** Answers given while a guest was briefly disconnected, by resume key. */
  private readonly missedAnswers = new Map<string, { answer: GuestEvent; until: number }>();

  constructor(private readonly ctx: AppContext, private readonly sessions: ParticipantSessions, private readonly limits: LobbyLimits = DEFAULT_LOBBY_LIMITS) {
    this.admissions = new Admissions(limits.admissionSeconds);
    this.knocks = new KnockRateLimiter(limits.knocksPerWindow, limits.knockWindowSeconds);
    this.sweeper = setInterval(() => this.sweep(), 1000);
    this.sweeper.unref();
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private roomLobby(roomId: string): RoomLobby {
    let lobby = this.rooms.get(roomId);
    if (!lobby) {
      lobby = { list: new WaitingList(this.limits), guests: new Map(), owners: new Set() };
      this.rooms.set(roomId, lobby);
    }
    return lobby;
  }

  private toOwners(lobby: RoomLobby, event: OwnerEvent) {
    for (const owner of lobby.owners) send(owner, event);
  }

  private removed(lobby: RoomLobby, entry: WaitingEntry, reason: 'granted' | 'denied' | 'left') {
    lobby.guests.delete(entry.id);
    this.toOwners(lobby, { type: 'waiting-participant-removed', participant: toWaitingParticipant(entry), reason });
  }

  private forgetIfIdle(roomId: string) {
    const lobby = this.rooms.get(roomId);
    if (lobby && lobby.list.size === 0 && lobby.owners.size === 0 && lobby.guests.size === 0) this.rooms.delete(roomId);
  }

  ownerPresent(roomId: string): boolean {
    return (this.rooms.get(roomId)?.owners.size ?? 0) > 0;
  }

  /** A guest asks to join (or, already waiting, changes their name; or comes back after a drop). */
  async requestAccess(roomName: string, guest: GuestConnection, msg: { name: string; token?: string; resume?: string }): Promise<void> {
    const now = this.ctx.now();
    // Knocks and renames are budgeted before any work is done for them; a resume is not a knock.
    if (!msg.resume && !this.knocks.allow(guest.clientKey, now)) {
      send(guest.socket, { type: 'error', error: 'rate-limit-error', info: 'You asked to join too many times. Wait a minute and try again.' });
      return;
    }
    // Only "is this the lobby?" matters here, so no head count is asked of LiveKit.
    const { room, decision } = await decideForRoom(this.ctx, roomName, msg.token, { headCount: false });
    if (!room || decision.level !== 'lobby') {
      // The answer at the door changed since preauth: the client asks again and shows it.
      send(guest.socket, { type: 'room-changed' });
      return;
    }
    const lobby = this.roomLobby(room.id);
    if (guest.entryId && guest.roomId === room.id) {
      const renamed = lobby.list.rename(guest.entryId, msg.name);
      if (!renamed.ok) return send(guest.socket, { type: 'error', error: renamed.error, info: renamed.info });
      this.toOwners(lobby, { type: 'waiting-participant-updated', participant: toWaitingParticipant(renamed.entry) });
      return;
    }
    // Answered while the guest's connection was down: give them the answer now.
    const missed = msg.resume ? this.takeMissedAnswer(msg.resume, now) : undefined;
    if (missed) {
      send(guest.socket, missed);
      return;
    }
    const resumed = msg.resume ? lobby.list.resume(msg.resume, now) : undefined;
    if (resumed) {
      guest.roomId = room.id;
      guest.entryId = resumed.id;
      // The old connection may still look open (half-open after a network change): this one replaces it.
      const old = lobby.guests.get(resumed.id);
      lobby.guests.set(resumed.id, guest.socket);
      if (old && old !== guest.socket) old.close();
      send(guest.socket, { type: 'waiting', id: resumed.id, resumeKey: resumed.resumeKey, ownerPresent: lobby.owners.size > 0 });
      return;
    }
    const added = lobby.list.add(msg.name, now, msg.token);
    if (!added.ok) return send(guest.socket, { type: 'error', error: added.error, info: added.info });
    guest.roomId = room.id;
    guest.entryId = added.entry.id;
    lobby.guests.set(added.entry.id, guest.socket);
    send(guest.socket, { type: 'waiting', id: added.entry.id, resumeKey: added.entry.resumeKey, ownerPresent: lobby.owners.size > 0 });
    this.toOwners(lobby, { type: 'waiting-participant-added', participant: toWaitingParticipant(added.entry) });
  }

  cancel(guest: GuestConnection): void {
    if (!guest.roomId || !guest.entryId) return;
    const lobby = this.rooms.get(guest.roomId);
    const entry = lobby?.list.leave(guest.entryId);
    if (lobby && entry) this.removed(lobby, entry, 'left');
    guest.entryId = undefined;
    this.forgetIfIdle(guest.roomId);
  }

  /** The guest's connection closed: they keep their place for the grace period, then expire. */
  guestDisconnected(guest: GuestConnection): void {
    if (!guest.roomId || !guest.entryId) return;
    const lobby = this.rooms.get(guest.roomId);
    // A connection already replaced by a resumed one leaves the entry alone.
    if (!lobby || lobby.guests.get(guest.entryId) !== guest.socket) return;
    lobby.list.dropped(guest.entryId, this.ctx.now());
    lobby.guests.delete(guest.entryId);
  }

  /** An owner's lobby channel opens: they get everyone already waiting, then every change. */
  async ownerJoined(roomName: string, socket: LobbySocket, sessionToken: string): Promise<string | null> {
    const session = await this.sessions.verify(sessionToken, this.ctx.now());
    const room = this.ctx.store.getRoom(roomName);
    if (!session || !session.isOwner || !room || room.id !== session.roomId) return null;
    // Owners in the call, and only they: a session alone, kept after leaving, is not enough.
    if (!(await this.ctx.livekit.isInCall(room.id, session.identity))) return null;
    const lobby = this.roomLobby(room.id);
    const wasAlone = lobby.owners.size === 0;
    lobby.owners.add(socket);
    send(socket, { type: 'waiting-participants', participants: lobby.list.list().map(toWaitingParticipant) });
    if (wasAlone) for (const guest of lobby.guests.values()) send(guest, { type: 'owner-presence', ownerPresent: true });
    return room.id;
  }

  ownerLeft(roomId: string, socket: LobbySocket): void {
    const lobby = this.rooms.get(roomId);
    if (!lobby || !lobby.owners.delete(socket)) return;
    if (lobby.owners.size === 0) for (const guest of lobby.guests.values()) send(guest, { type: 'owner-presence', ownerPresent: false });
    this.forgetIfIdle(roomId);
  }

  /** An owner's answers, Daily-style: `{<id>|'*': {grantRequestedAccess}}`. Late answers are no-ops. */
  answer(roomId: string, updates: Record<string, { grantRequestedAccess: boolean }>): void {
    const lobby = this.rooms.get(roomId);
    if (!lobby) return;
    const now = this.ctx.now();
    const all = updates['*'];
    const targets: [string, boolean][] = all
      ? lobby.list.list().map((e) => [e.id, all.grantRequestedAccess])
      : Object.entries(updates).map(([id, u]) => [id, u.grantRequestedAccess]);
    for (const [id, grant] of targets) {
      const socket = lobby.guests.get(id);
      const result = lobby.list.answer(id, grant);
      if (result.outcome === 'no-op') continue;
      const { entry } = result;
      const answer: GuestEvent =
        result.outcome === 'granted'
          ? { type: 'granted', admission: this.admissions.issue({ roomId, name: entry.name, ...(entry.meetingToken ? { meetingToken: entry.meetingToken } : {}) }, now) }
          : { type: 'denied', error: { type: 'not-allowed', detail: 'join-request-rejected', msg: DETAIL_MESSAGES['join-request-rejected'] } };
      if (socket) send(socket, answer);
      // The guest's connection is down (within its grace period): keep the answer for their return.
      else this.missedAnswers.set(entry.resumeKey, { answer, until: now + this.limits.graceSeconds });
      this.removed(lobby, entry, result.outcome);
    }
  }

  private takeMissedAnswer(resumeKey: string, now: number): GuestEvent | undefined {
    const missed = this.missedAnswers.get(resumeKey);
    this.missedAnswers.delete(resumeKey);
    return missed && now <= missed.until ? missed.answer : undefined;
  }

  /** A granted guest's admission, for this room and fresh, not yet used up. */
  admission(ticket: string, roomName: string) {
    const room = this.ctx.store.getRoom(roomName);
    return room ? this.admissions.peek(ticket, room.id, this.ctx.now()) : undefined;
  }

  /** Uses up a granted guest's admission at join: once, for this room, while fresh. */
  redeem(ticket: string, roomName: string) {
    const room = this.ctx.store.getRoom(roomName);
    return room ? this.admissions.redeem(ticket, room.id, this.ctx.now()) : undefined;
  }

  /** A room stopped taking knocks (made public, knocking off) or is gone: everyone waiting asks the door again. */
  roomChanged(room: Room, deleted = false): void {
    const lobby = this.rooms.get(room.id);
    if (!lobby) return;
    const stillKnocking = !deleted && room.privacy === 'private' && effectiveRoomSettings(room.config).knocking;
    if (stillKnocking) return;
    for (const entry of lobby.list.list()) {
      lobby.list.leave(entry.id);
      const socket = lobby.guests.get(entry.id);
      if (socket) send(socket, { type: 'room-changed' });
      this.removed(lobby, entry, 'left');
    }
    if (deleted) this.rooms.delete(room.id);
  }

  private sweep(): void {
    const now = this.ctx.now();
    for (const [roomId, lobby] of this.rooms) {
      for (const entry of lobby.list.expire(now)) this.removed(lobby, entry, 'left');
      this.forgetIfIdle(roomId);
    }
    this.knocks.prune(now);
    for (const [key, missed] of this.missedAnswers) if (now > missed.until) this.missedAnswers.delete(key);
    this.admissions.prune(now);
  }
}
