/**
 * The lobby: per room, the waiting list (in the store, so it survives a restart), the guests' sockets
 * and the owners' sockets (in memory). Knocks and answers are pushed both ways at once (no polling).
 * Owners, and only owners in the call, hear about waiting participants; guests hear only about themselves.
 */
import { checkLobbyMessage, type GuestEvent, type LobbyMessage, type OwnerEvent } from '../../shared/lobby.ts';
import { DETAIL_MESSAGES } from '../../shared/access.ts';
import { isValidRoomName } from '../../shared/room-name.ts';
import { decideForRoom } from '../access/decide-for-room.ts';
import type { AppContext } from '../context.ts';
import type { OperatorEvents } from '../events/operator-events.ts';
import type { ParticipantSessions } from '../sessions/participant-session.ts';
import { hasOwnerRight } from '../sessions/owner-right.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import type { Room } from '../store/store.ts';
import { Admissions } from './admissions.ts';
import { ConnectionRateLimiter, KnockRateLimiter } from './knock-rate-limit.ts';
import { expireWaiting, secretHash, toWaitingParticipant, WaitingList, type WaitingEntry, type WaitingListLimits } from './waiting-list.ts';
import { waitingPayload } from './waiting-events.ts';

export interface LobbySocket {
  send(data: string): void;
  close(): void;
}

export interface LobbyLimits extends WaitingListLimits {
  /** After a control-plane restart, how long guests have to reconnect and keep their place. */
  restartGraceSeconds: number;
  admissionSeconds: number;
  knocksPerWindow: number;
  knockWindowSeconds: number;
  /** Lobby messages one connection may send in the window, each way (an owner's messages, a guest's replies). */
  messagesPerWindow: number;
  messageWindowSeconds: number;
}

export const DEFAULT_LOBBY_LIMITS: LobbyLimits = {
  maxWaiting: 50,
  maxWaitingPerClient: 5,
  maxWaitSeconds: 15 * 60,
  graceSeconds: 5,
  restartGraceSeconds: 60,
  admissionSeconds: 30,
  knocksPerWindow: 10,
  knockWindowSeconds: 60,
  messagesPerWindow: 10,
  messageWindowSeconds: 60,
};

/** How many of a waiting guest's last messages are kept (in memory, with the waiting entry; never in the store). */
export const THREAD_KEPT = 20;

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
  guests: Map<string, GuestConnection>;
  owners: Set<OwnerConnection>;
}

/** An owner's answer kept for a guest whose connection was down: the decision, never a usable ticket. */
interface HeldDecision {
  grant: boolean;
  name: string;
  meetingToken?: string;
}

const send = (socket: LobbySocket, event: GuestEvent | OwnerEvent) => socket.send(JSON.stringify(event));

const RATE_LIMITED: GuestEvent = { type: 'error', error: 'rate-limit-error', info: 'You asked to join too many times. Wait a minute and try again.' };

export class Lobby {
  private readonly rooms = new Map<string, RoomConnections>();
  private readonly admissions: Admissions;
  private readonly knocks: KnockRateLimiter;
  private readonly sweeper?: NodeJS.Timeout;
  /**
   * Each waiting guest's thread with the owners, by waiting entry id. In memory only: it is small talk
   * before a decision, gone with the entry (answered, left, expired) and with a restart.
   */
  private readonly threads = new Map<string, LobbyMessage[]>();
  private readonly ownerMessages: ConnectionRateLimiter<OwnerConnection>;
  private readonly guestReplies: ConnectionRateLimiter<GuestConnection>;

  /** `sweepEveryMs` 0: no timer (tests call `sweep()` after moving the clock). */
  constructor(
    private readonly ctx: AppContext,
    private readonly sessions: ParticipantSessions,
    private readonly limits: LobbyLimits = DEFAULT_LOBBY_LIMITS,
    sweepEveryMs = 1000,
    /** Where operators hear of knocks (webhooks): `waiting-participant.joined` / `.left`. */
    private readonly operatorEvents?: OperatorEvents,
  ) {
    this.admissions = new Admissions(ctx.store.lobby, limits.admissionSeconds);
    this.knocks = new KnockRateLimiter(limits.knocksPerWindow, limits.knockWindowSeconds);
    this.ownerMessages = new ConnectionRateLimiter(limits.messagesPerWindow, limits.messageWindowSeconds);
    this.guestReplies = new ConnectionRateLimiter(limits.messagesPerWindow, limits.messageWindowSeconds);
    // Nobody is connected yet: whoever was waiting before a restart gets time to come back.
    ctx.store.lobby.recover(ctx.now() + limits.restartGraceSeconds);
    if (sweepEveryMs > 0) {
      this.sweeper = setInterval(() => this.sweep(), sweepEveryMs);
      this.sweeper.unref();
    }
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private list(roomId: string): WaitingList {
    return new WaitingList(this.ctx.store.lobby, roomId, this.limits);
  }

  private connections(roomId: string): RoomConnections {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { guests: new Map(), owners: new Set() };
      this.rooms.set(roomId, room);
    }
    return room;
  }

  private toOwners(roomId: string, event: OwnerEvent) {
    for (const owner of this.rooms.get(roomId)?.owners ?? []) send(owner.socket, event);
  }

  /**
   * The entry left the list: its guest connection is done waiting, and owners' toasts update. Operators
   * hear of it unless `unkept` (a place never stored, whose joining they never heard of either).
   */
  private removed(entry: WaitingEntry, reason: 'granted' | 'denied' | 'left', unkept = false) {
    const room = this.rooms.get(entry.roomId);
    const guest = room?.guests.get(entry.id);
    if (guest) guest.entryId = undefined;
    room?.guests.delete(entry.id);
    this.threads.delete(entry.id);
    this.toOwners(entry.roomId, { type: 'waiting-participant-removed', participant: toWaitingParticipant(entry), reason });
    this.forgetIfIdle(entry.roomId);
    // Operators hear of every way a wait ends (admitted, denied, cancelled, expired); emitting only queues.
    if (unkept) return;
    const now = this.ctx.now();
    this.operatorEvents?.emit({ type: 'waiting-participant.left', payload: { ...waitingPayload(this.ctx.store, entry), duration: Math.max(0, Math.round(now - entry.since)) } });
  }

  private forgetIfIdle(roomId: string) {
    const room = this.rooms.get(roomId);
    if (room && room.owners.size === 0 && room.guests.size === 0) this.rooms.delete(roomId);
  }

  ownerPresent(roomId: string): boolean {
    return (this.rooms.get(roomId)?.owners.size ?? 0) > 0;
  }

  /** A guest asks to join (or, already waiting, changes their name; or comes back after a drop or a restart). */
  async requestAccess(roomName: string, guest: GuestConnection, msg: { name: string; token?: string; resume?: string }): Promise<void> {
    const now = this.ctx.now();
    const room = isValidRoomName(roomName) ? this.ctx.store.getRoom(roomName) : null;

    // Already waiting on this connection: a rename, budgeted like a knock (each one reaches every owner).
    if (room && guest.entryId && guest.roomId === room.id) {
      if (!this.knocks.allow(guest.clientKey, now)) return send(guest.socket, RATE_LIMITED);
      const renamed = this.list(room.id).rename(guest.entryId, msg.name);
      if (!renamed.ok) return send(guest.socket, { type: 'error', error: renamed.error, info: renamed.info });
      this.toOwners(room.id, { type: 'waiting-participant-updated', participant: toWaitingParticipant(renamed.entry) });
      return;
    }
    // A resume key is free only when it matches something: an answer held for the guest, or their place.
    if (room && msg.resume) {
      const held = this.ctx.store.lobby.takeHeldAnswer(secretHash(msg.resume), room.id, now);
      if (held) return send(guest.socket, this.answerEvent(room.id, JSON.parse(held.answer) as HeldDecision, now));
      const resumed = this.list(room.id).resume(msg.resume, now);
      if (resumed) return this.takePlace(guest, resumed, msg.resume);
    }
    // Everything else is a knock, charged before any work is done for it.
    if (!this.knocks.allow(guest.clientKey, now)) return send(guest.socket, RATE_LIMITED);
    // Only "is this the lobby?" matters here, so no head count is asked of LiveKit.
    const { decision } = await decideForRoom(this.ctx, roomName, msg.token, { headCount: false, clientKey: guest.clientKey });
    // Banned for the rest of this meeting: the knock is refused, with why.
    if (decision.error?.type === 'ejected') return send(guest.socket, { type: 'denied', error: decision.error });
    if (!room || decision.level !== 'lobby') {
      // The answer at the door changed since preauth: the client asks again and shows it.
      return send(guest.socket, { type: 'room-changed' });
    }
    const list = this.list(room.id);
    const added = list.prepare(msg.name, now, { clientKey: guest.clientKey, ...(msg.token ? { meetingToken: msg.token } : {}) });
    if (!added.ok) return send(guest.socket, { type: 'error', error: added.error, info: added.info });
    // Owners first, and before the write: the store syncs each commit to disk, which on a busy disk took
    // up to 130 ms, and the toast is what someone is waiting on. Nothing runs between here and the write
    // (no await), so no answer can reach an entry before it is stored. The guest hears `waiting` (with
    // the key to their place) only after the write: a crash in between must not lose a place they were
    // promised (owners' lists come back from the store after a restart anyway).
    this.toOwners(room.id, { type: 'waiting-participant-added', participant: toWaitingParticipant(added.entry) });
    try {
      list.save(added.entry);
    } catch (err) {
      // Not kept: take the place back where it was shown, and let the channel log why.
      this.removed(added.entry, 'left', true);
      send(guest.socket, { type: 'error', error: 'server-error', info: 'Your place in the waiting list could not be kept. Ask to join again.' });
      throw err;
    }
    // Operators (webhooks) hear of it once it is kept; the emit only queues, the knock does not wait.
    this.operatorEvents?.emit({ type: 'waiting-participant.joined', payload: waitingPayload(this.ctx.store, added.entry) });
    this.takePlace(guest, added.entry, added.resumeKey);
  }

  private takePlace(guest: GuestConnection, entry: WaitingEntry, resumeKey: string) {
    const room = this.connections(entry.roomId);
    guest.roomId = entry.roomId;
    guest.entryId = entry.id;
    // The old connection may still look open (half-open after a network change): this one replaces it.
    const old = room.guests.get(entry.id);
    room.guests.set(entry.id, guest);
    if (old && old !== guest) {
      old.entryId = undefined;
      old.socket.close();
    }
    send(guest.socket, {
      type: 'waiting',
      id: entry.id,
      resumeKey,
      ownerPresent: room.owners.size > 0,
      expiresAt: new Date(entry.expiresAt * 1000).toISOString(),
    });
    // Back after a drop: the thread so far, including what an owner wrote while the connection was down.
    const thread = this.threads.get(entry.id);
    if (thread) send(guest.socket, { type: 'thread', messages: thread });
  }

  cancel(guest: GuestConnection): void {
    if (!guest.roomId || !guest.entryId) return;
    const entry = this.list(guest.roomId).leave(guest.entryId);
    if (entry) this.removed(entry, 'left');
    guest.entryId = undefined;
  }

  /** The guest's connection closed: they keep their place for the grace period, then expire. */
  guestDisconnected(guest: GuestConnection): void {
    if (!guest.roomId || !guest.entryId) return;
    const room = this.rooms.get(guest.roomId);
    // A connection already replaced by a resumed one leaves the entry alone.
    if (!room || room.guests.get(guest.entryId) !== guest) return;
    this.list(guest.roomId).dropped(guest.entryId, this.ctx.now());
    room.guests.delete(guest.entryId);
    this.forgetIfIdle(guest.roomId);
  }

  /** Whether this session still makes its holder an owner in this room's call, right now. */
  private async isOwnerInCall(roomId: string, session: string): Promise<{ identity: string } | null> {
    const verified = await this.sessions.verify(session, this.ctx.now());
    if (!verified || !hasOwnerRight(this.ctx.store, verified) || verified.roomId !== roomId) return null;
    // Owners in the call, and only they: a session alone, kept after leaving, is not enough.
    return (await this.ctx.livekit.isInCall(roomId, verified.identity)) ? { identity: verified.identity } : null;
  }

  /** An owner's lobby channel opens: they get everyone already waiting, then every change. */
  async ownerJoined(roomName: string, socket: LobbySocket, session: string): Promise<OwnerConnection | null> {
    const room = isValidRoomName(roomName) ? this.ctx.store.getRoom(roomName) : null;
    if (!room) return null;
    const owner = await this.isOwnerInCall(room.id, session);
    if (!owner) return null;
    const connections = this.connections(room.id);
    const wasAlone = connections.owners.size === 0;
    const conn: OwnerConnection = { socket, roomId: room.id, identity: owner.identity, session };
    connections.owners.add(conn);
    const waiting = this.list(room.id).list();
    send(socket, { type: 'waiting-participants', participants: waiting.map(toWaitingParticipant) });
    for (const entry of waiting) for (const message of this.threads.get(entry.id) ?? []) send(socket, { type: 'waiting-message', id: entry.id, ...message });
    if (wasAlone) for (const guest of connections.guests.values()) send(guest.socket, { type: 'owner-presence', ownerPresent: true });
    return conn;
  }

  ownerLeft(owner: OwnerConnection): void {
    const room = this.rooms.get(owner.roomId);
    if (!room || !room.owners.delete(owner)) return;
    if (room.owners.size === 0) for (const guest of room.guests.values()) send(guest.socket, { type: 'owner-presence', ownerPresent: false });
    this.forgetIfIdle(owner.roomId);
  }

  /** This participant left the call (LiveKit said so): their lobby channels close, they answer no more knocks. */
  participantLeftCall(roomId: string, identity: string): void {
    for (const owner of [...(this.rooms.get(roomId)?.owners ?? [])]) {
      if (owner.identity !== identity) continue;
      this.ownerLeft(owner);
      owner.socket.close();
    }
  }

  /**
   * An owner's answers, Daily-style: `{<id>|'*': {grantRequestedAccess}}`. Late answers are no-ops.
   * The owner's right is checked again first (session not expired, still in the call): a channel
   * opened as an owner is not a right kept forever. Returns false when the owner was refused.
   */
  async answer(owner: OwnerConnection, updates: Record<string, { grantRequestedAccess: boolean }>): Promise<boolean> {
    if (!(await this.stillOwner(owner, 'only owners in this call can answer; rejoin the call to let people in'))) return false;
    this.applyAnswers(owner.roomId, updates);
    return true;
  }

  /**
   * Answers from outside the call (the operator's REST API), with an owner's semantics: first answer
   * wins, and the guest sees exactly what an owner's Allow or Deny shows. Null when there is no such room.
   */
  answerWaiting(roomName: string, updates: Record<string, { grantRequestedAccess: boolean }>): { granted: string[]; denied: string[] } | null {
    const room = isValidRoomName(roomName) ? this.ctx.store.getRoom(roomName) : null;
    return room ? this.applyAnswers(room.id, updates) : null;
  }

  /** Who is waiting in a room, in knock order; null when there is no such room. */
  waiting(roomName: string): WaitingEntry[] | null {
    const room = isValidRoomName(roomName) ? this.ctx.store.getRoom(roomName) : null;
    return room ? this.list(room.id).list() : null;
  }

  /**
   * Applies answers: named ids get their own, `'*'` answers everyone else waiting now. Returns who was
   * answered; an id no longer waiting (answered, left, unknown) is in neither list.
   */
  private applyAnswers(roomId: string, updates: Record<string, { grantRequestedAccess: boolean }>): { granted: string[]; denied: string[] } {
    const list = this.list(roomId);
    const now = this.ctx.now();
    const all = updates['*'];
    const named: [string, boolean][] = Object.entries(updates).filter(([id]) => id !== '*').map(([id, u]) => [id, u.grantRequestedAccess]);
    const targets: [string, boolean][] = all
      ? [...named, ...list.list().filter((e) => !Object.hasOwn(updates, e.id)).map((e): [string, boolean] => [e.id, all.grantRequestedAccess])]
      : named;
    const answered = { granted: [] as string[], denied: [] as string[] };
    for (const [id, grant] of targets) {
      const result = list.answer(id, grant);
      if (result.outcome === 'no-op') continue;
      answered[result.outcome].push(id);
      const { entry } = result;
      const decided: HeldDecision = { grant: result.outcome === 'granted', name: entry.name, ...(entry.meetingToken ? { meetingToken: entry.meetingToken } : {}) };
      const guest = this.rooms.get(roomId)?.guests.get(id);
      if (guest) send(guest.socket, this.answerEvent(roomId, decided, now));
      // The guest's connection is down (a drop, a restart): keep the decision, never a ticket, for their return.
      else this.ctx.store.lobby.holdAnswer({ resumeKeyHash: entry.resumeKeyHash, roomId, answer: JSON.stringify(decided), until: Math.max(now, entry.goneAt ?? now) + this.limits.graceSeconds });
      this.removed(entry, result.outcome);
    }
    return answered;
  }

  /** The owner's right checked again; refused, their channel closes (`info` says why). */
  private async stillOwner(owner: OwnerConnection, info: string): Promise<boolean> {
    if (await this.isOwnerInCall(owner.roomId, owner.session)) return true;
    send(owner.socket, { type: 'error', error: 'forbidden-error', info });
    this.ownerLeft(owner);
    owner.socket.close();
    return false;
  }

  /** A line added to a waiting guest's thread, keeping only the last few. */
  private addToThread(entryId: string, from: LobbyMessage['from'], text: string): LobbyMessage {
    const message: LobbyMessage = { from, text, at: new Date(this.ctx.now() * 1000).toISOString() };
    this.threads.set(entryId, [...(this.threads.get(entryId) ?? []), message].slice(-THREAD_KEPT));
    return message;
  }

  private messagesPerMinute(): string {
    const { messagesPerWindow: max, messageWindowSeconds: window } = this.limits;
    return window === 60 ? `${max} messages a minute` : `${max} messages in ${window} seconds`;
  }

  /**
   * An owner writes to one waiting guest ("One moment, finishing a call"). The guest hears only the
   * text ("The host says: …"); every owner sees the thread. Cheap checks first (budget, bounds), then
   * the owner's right as for answers, then the guest. Returns false when the owner was refused.
   */
  async messageWaiting(owner: OwnerConnection, id: string, rawText: unknown): Promise<boolean> {
    const refuse = (error: string, info: string) => {
      send(owner.socket, { type: 'error', error, info, about: 'message', id });
      return true;
    };
    if (!this.ownerMessages.allow(owner, this.ctx.now())) {
      return refuse('rate-limit-error', `you can send at most ${this.messagesPerMinute()} to people waiting; wait a moment and try again`);
    }
    const text = checkLobbyMessage(rawText);
    if (!text.ok) return refuse('invalid-request-error', text.reason);
    if (!(await this.stillOwner(owner, 'only owners in this call can write to people waiting; rejoin the call'))) return false;
    if (!this.list(owner.roomId).get(id)) {
      return refuse('not-found', 'nobody with this id is waiting to join this room (they may have been let in, turned away, or left)');
    }
    const message = this.addToThread(id, 'host', text.text);
    const guest = this.rooms.get(owner.roomId)?.guests.get(id);
    // A guest whose connection is down gets the thread when they take their place back.
    if (guest) send(guest.socket, { type: 'host-message', text: message.text, at: message.at });
    this.toOwners(owner.roomId, { type: 'waiting-message', id, ...message });
    return true;
  }

  /**
   * A waiting guest answers the host. Only once an owner has written to this guest, so a guest cannot
   * start writing to owners; budgeted per connection like the owners' messages.
   */
  reply(guest: GuestConnection, rawText: unknown): void {
    const refuse = (error: string, info: string) => send(guest.socket, { type: 'error', error, info, about: 'reply' });
    const entryId = guest.entryId;
    const roomId = guest.roomId;
    if (!entryId || !roomId || !this.list(roomId).get(entryId)) return refuse('invalid-request-error', 'you can answer the host only while you wait to join');
    if (!this.guestReplies.allow(guest, this.ctx.now())) {
      return refuse('rate-limit-error', `you can send at most ${this.messagesPerMinute()}; wait a moment and try again`);
    }
    const text = checkLobbyMessage(rawText);
    if (!text.ok) return refuse('invalid-request-error', text.reason);
    if (!this.threads.get(entryId)?.some((m) => m.from === 'host')) {
      return refuse('forbidden-error', 'you can answer once the host has written to you');
    }
    const message = this.addToThread(entryId, 'guest', text.text);
    send(guest.socket, { type: 'reply-sent', text: message.text, at: message.at });
    this.toOwners(roomId, { type: 'waiting-message', id: entryId, ...message });
  }

  /** What the guest hears: a grant comes with a fresh single-use admission (issued now, kept only hashed). */
  private answerEvent(roomId: string, decided: HeldDecision, now: number): GuestEvent {
    if (!decided.grant) return { type: 'denied', error: { type: 'not-allowed', detail: 'join-request-rejected', msg: DETAIL_MESSAGES['join-request-rejected'] } };
    const admission = this.admissions.issue({ roomId, name: decided.name, ...(decided.meetingToken ? { meetingToken: decided.meetingToken } : {}) }, now);
    return { type: 'granted', admission };
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
    const stillKnocking = !deleted && room.privacy !== 'public' && effectiveRoomSettings(room.config).knocking;
    if (stillKnocking) return;
    const list = this.list(room.id);
    for (const waiting of list.list()) {
      const entry = list.leave(waiting.id);
      if (!entry) continue;
      const guest = this.rooms.get(room.id)?.guests.get(entry.id);
      if (guest) send(guest.socket, { type: 'room-changed' });
      this.removed(entry, 'left');
    }
  }

  /** Ends waits whose connection has been gone too long or that nobody answered in time. */
  sweep(): void {
    const now = this.ctx.now();
    for (const { entry, reason } of expireWaiting(this.ctx.store.lobby, now)) {
      const guest = this.rooms.get(entry.roomId)?.guests.get(entry.id);
      if (guest && reason === 'timed-out') send(guest.socket, { type: 'expired' });
      this.removed(entry, 'left');
    }
    this.knocks.prune(now);
    this.ctx.store.lobby.prune(now);
  }
}
