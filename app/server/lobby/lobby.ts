/**
 * The lobby: per room, the waiting list (in the store, so it survives a restart), the guests' sockets
 * and the owners' sockets (held by this instance, connections.ts). Knocks and answers are pushed both
 * ways at once (no polling). Owners, and only owners in the call, hear about waiting participants;
 * guests hear only about themselves. The rest of its state sits behind seams (state/): in memory, or
 * shared by several control planes through Redis, with events to sockets fanned out on a bus.
 */
import type { GuestEvent, OwnerEvent } from '../../shared/lobby.ts';
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
import { LobbyMessages } from './messages.ts';
import { LocalConnections, send, type GuestConnection, type LobbySocket, type OwnerConnection } from './connections.ts';
import type { LobbyBusMessage, LobbyState } from './state/lobby-state.ts';
import { memoryLobbyState } from './state/memory-state.ts';
import { expireWaiting, secretHash, toWaitingParticipant, WaitingList, type AddResult, type WaitingEntry, type WaitingListLimits } from './waiting-list.ts';
import { waitingPayload } from './waiting-events.ts';

export type { GuestConnection, LobbySocket, OwnerConnection } from './connections.ts';

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

/** An owner's answer kept for a guest whose connection was down: the decision, never a usable ticket. */
interface HeldDecision {
  grant: boolean;
  name: string;
  meetingToken?: string;
}

const RATE_LIMITED: GuestEvent = { type: 'error', error: 'rate-limit-error', info: 'You asked to join too many times. Wait a minute and try again.' };

/** What else a lobby is built with. */
export interface LobbyOptions {
  /** Where operators hear of knocks (webhooks): `waiting-participant.joined` / `.left`. */
  operatorEvents?: OperatorEvents;
  /** The lobby's state; by default in this process, over the store's records (one control plane). */
  state?: LobbyState;
  /** Where a failure with no caller to answer goes (the sweep, bus deliveries). */
  onError?: (err: unknown, what: string) => void;
}

export class Lobby {
  private readonly local = new LocalConnections();
  private readonly state: LobbyState;
  private readonly admissions: Admissions;
  private readonly sweeper?: NodeJS.Timeout;
  private sweeping = false;
  /** The last knock being counted and added, alone (see `oneKnockAtATime`). */
  private knocksAdding: Promise<void> = Promise.resolve();
  /** Guests here whose wait the last sweep found ended, with no word of it on the bus yet. */
  private endedUnheard = new Set<string>();
  private readonly messages: LobbyMessages;
  private readonly operatorEvents?: OperatorEvents;
  private readonly onError: (err: unknown, what: string) => void;
  /** Subscribed to the bus and, alone, recovered from a restart: every entry point waits for it. */
  private readonly ready: Promise<void>;

  /** `sweepEveryMs` 0: no timer (tests call `sweep()` after moving the clock). */
  constructor(
    private readonly ctx: AppContext,
    private readonly sessions: ParticipantSessions,
    private readonly limits: LobbyLimits = DEFAULT_LOBBY_LIMITS,
    sweepEveryMs = 1000,
    options: LobbyOptions = {},
  ) {
    this.state = options.state ?? memoryLobbyState(ctx.store.lobby, { max: limits.knocksPerWindow, windowSeconds: limits.knockWindowSeconds });
    this.operatorEvents = options.operatorEvents;
    this.onError = options.onError ?? (() => {});
    this.admissions = new Admissions(this.state.store, limits.admissionSeconds);
    this.messages = new LobbyMessages({
      now: ctx.now,
      limits,
      state: this.state,
      list: (roomId) => this.list(roomId),
      stillOwner: (owner, info) => this.stillOwner(owner, info),
    });
    // Nobody is connected yet: the restart is now, whenever the recovery's write gets its turn.
    this.ready = this.start(ctx.now());
    // Awaited by every entry point (and by `started`); this only keeps a failed start from crashing the process unheard.
    this.ready.catch((err: unknown) => this.onError(err, 'the lobby could not start'));
    if (sweepEveryMs > 0) {
      this.sweeper = setInterval(() => void this.sweepOnce(), sweepEveryMs);
      this.sweeper.unref();
    }
  }

  /**
   * Hears the bus, then, for a lone control plane, recovers from a restart: nobody is connected yet, so
   * whoever was waiting gets time to come back. With shared state this recovery is skipped: other
   * instances hold some of those guests' connections, and marking them gone would end their waits
   * while they are connected. Instead each wait records which instance holds its guest
   * (`GuestHolders`), and the sweep gives the waits of an instance that stopped the same time to come
   * back (to any instance, with their resume key).
   */
  private async start(restartedAt: number): Promise<void> {
    await this.state.bus.subscribe((message) => this.deliver(message));
    if (!this.state.shared) await this.state.store.recover(restartedAt + this.limits.restartGraceSeconds);
  }

  /** Resolves once the lobby hears the bus and has recovered (rejects if it could not). */
  started(): Promise<void> {
    return this.ready;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.state.close();
  }

  private list(roomId: string): WaitingList {
    return new WaitingList(this.state.store, roomId, this.limits);
  }

  private toOwners(roomId: string, event: OwnerEvent): Promise<void> {
    return this.state.bus.publish({ type: 'to-owners', roomId, event });
  }

  /** Does, with the sockets this instance holds, what the bus says (sent by this instance or another). */
  private async deliver(message: LobbyBusMessage): Promise<void> {
    switch (message.type) {
      case 'to-owners':
        return this.local.toOwners(message.roomId, message.event);
      case 'to-guests':
        return this.local.toGuests(message.roomId, message.event);
      case 'to-guest': {
        const guest = this.local.guest(message.roomId, message.entryId);
        if (guest) send(guest.socket, message.event);
        return;
      }
      case 'wait-ended': {
        const guest = this.local.endWait(message.roomId, message.entryId);
        if (!guest || !message.tell) return;
        if (message.tell !== 'held-answer') return send(guest.socket, message.tell);
        // Taken, not read: of the instances that might deliver it (this one, a resume elsewhere), one does.
        const now = this.ctx.now();
        const held = await this.state.store.takeHeldAnswer(message.resumeKeyHash, message.roomId, now);
        if (held) send(guest.socket, await this.answerEvent(message.roomId, JSON.parse(held.answer) as HeldDecision, now));
        return;
      }
      case 'replaced':
        if (message.by !== this.state.instanceId) this.local.endWait(message.roomId, message.entryId)?.socket.close();
        return;
      case 'left-call':
        for (const owner of this.local.owners(message.roomId)) {
          if (owner.identity !== message.identity) continue;
          await this.ownerLeft(owner);
          owner.socket.close();
        }
    }
  }

  /**
   * The entry left the list: the guest's connection, wherever it is, is done waiting (told `tell`), and
   * owners' toasts update. Operators hear of every way a wait ends (admitted, denied, cancelled, expired).
   */
  private async removed(entry: WaitingEntry, reason: 'granted' | 'denied' | 'left', tell?: GuestEvent | 'held-answer'): Promise<void> {
    const here = this.local.endWait(entry.roomId, entry.id);
    if (here && tell && tell !== 'held-answer') send(here.socket, tell);
    await this.state.threads.delete(entry.id);
    await this.toOwners(entry.roomId, { type: 'waiting-participant-removed', participant: toWaitingParticipant(entry), reason });
    await this.state.bus.publish({ type: 'wait-ended', roomId: entry.roomId, entryId: entry.id, resumeKeyHash: entry.resumeKeyHash, ...(tell ? { tell } : {}) });
    const now = this.ctx.now();
    // Emitting only queues.
    this.operatorEvents?.emit({ type: 'waiting-participant.left', payload: { ...(await waitingPayload(this.ctx.store, entry)), duration: Math.max(0, Math.round(now - entry.since)) } });
  }

  /** Whether an owner is on this room's lobby channel, on any instance. */
  async ownerPresent(roomId: string): Promise<boolean> {
    await this.ready;
    return this.state.presence.present(roomId);
  }

  /** A guest asks to join (or, already waiting, changes their name; or comes back after a drop or a restart). */
  async requestAccess(roomName: string, guest: GuestConnection, msg: { name: string; token?: string; resume?: string }): Promise<void> {
    await this.ready;
    const now = this.ctx.now();
    const room = isValidRoomName(roomName) ? await this.ctx.store.getRoom(roomName) : null;

    // Already waiting on this connection: a rename, budgeted like a knock (each one reaches every owner).
    if (room && guest.entryId && guest.roomId === room.id) {
      if (!(await this.state.knocks.allow(guest.clientKey, now))) return send(guest.socket, RATE_LIMITED);
      const renamed = await this.list(room.id).rename(guest.entryId, msg.name);
      if (!renamed.ok) return send(guest.socket, { type: 'error', error: renamed.error, info: renamed.info });
      return this.toOwners(room.id, { type: 'waiting-participant-updated', participant: toWaitingParticipant(renamed.entry) });
    }
    // A resume key is free only when it matches something: an answer held for the guest, or their place.
    if (room && msg.resume) {
      const held = await this.state.store.takeHeldAnswer(secretHash(msg.resume), room.id, now);
      if (held) return send(guest.socket, await this.answerEvent(room.id, JSON.parse(held.answer) as HeldDecision, now));
      const resumed = await this.list(room.id).resume(msg.resume, now);
      if (resumed) return this.takePlace(guest, resumed, msg.resume, true);
    }
    // Everything else is a knock, charged before any work is done for it.
    if (!(await this.state.knocks.allow(guest.clientKey, now))) return send(guest.socket, RATE_LIMITED);
    // Only "is this the lobby?" matters here, so no head count is asked of LiveKit.
    const { decision } = await decideForRoom(this.ctx, roomName, msg.token, { headCount: false, clientKey: guest.clientKey });
    // Banned for the rest of this meeting: the knock is refused, with why.
    if (decision.error?.type === 'ejected') return send(guest.socket, { type: 'denied', error: decision.error });
    if (!room || decision.level !== 'lobby') {
      // The answer at the door changed since preauth: the client asks again and shows it.
      return send(guest.socket, { type: 'room-changed' });
    }
    const list = this.list(room.id);
    // Kept first, then told: with an asynchronous store (or another instance answering) an owner told
    // before the write could answer an entry not yet stored, and the guest is promised only a kept place.
    // Shared state checks the caps as it adds; alone, knocks count and add one at a time (a store over
    // the network lets other knocks run between a count and its add).
    const add = () => list.add(msg.name, now, { clientKey: guest.clientKey, ...(msg.token ? { meetingToken: msg.token } : {}) });
    let added: AddResult;
    try {
      added = this.state.shared ? await add() : await this.oneKnockAtATime(add);
    } catch (err) {
      send(guest.socket, { type: 'error', error: 'server-error', info: 'Your place in the waiting list could not be kept. Ask to join again.' });
      throw err;
    }
    if (!added.ok) return send(guest.socket, { type: 'error', error: added.error, info: added.info });
    // The guest's connection is known before any owner hears of them, so no answer misses it.
    await this.takePlace(guest, added.entry, added.resumeKey);
    await this.toOwners(room.id, { type: 'waiting-participant-added', participant: toWaitingParticipant(added.entry) });
    // Operators (webhooks) hear of it once it is kept; the emit only queues, the knock does not wait.
    this.operatorEvents?.emit({ type: 'waiting-participant.joined', payload: await waitingPayload(this.ctx.store, added.entry) });
  }

  /** Runs a knock's count-then-add after the knocks before it (one control plane). */
  private oneKnockAtATime<T>(step: () => Promise<T>): Promise<T> {
    const turn = this.knocksAdding.then(step);
    this.knocksAdding = turn.then(
      () => {},
      () => {},
    );
    return turn;
  }

  private async takePlace(guest: GuestConnection, entry: WaitingEntry, resumeKey: string, resumed = false): Promise<void> {
    // The old connection may still look open (half-open after a network change): this one replaces it,
    // here or on whichever instance holds it.
    this.local.takePlace(guest, entry.roomId, entry.id, entry.resumeKeyHash)?.socket.close();
    await this.state.holders.hold(entry.id);
    if (resumed) {
      await this.state.bus.publish({ type: 'replaced', roomId: entry.roomId, entryId: entry.id, by: this.state.instanceId });
      // Between the resume and the hold, the wait may have been marked gone by the instance that held it
      // (its old connection's close) or by a sweep (that instance stopped). Held here now, neither can
      // mark it again; this undoes what they did.
      if (this.state.shared) await this.state.store.setGoneAt(entry.id, null);
    }
    const ownerPresent = await this.state.presence.present(entry.roomId);
    this.local.noteToldPresence(entry.roomId, ownerPresent);
    send(guest.socket, { type: 'waiting', id: entry.id, resumeKey, ownerPresent, expiresAt: new Date(entry.expiresAt * 1000).toISOString() });
    // Back after a drop: the thread so far, including what an owner wrote while the connection was down.
    const thread = await this.state.threads.get(entry.id);
    if (thread.length > 0) send(guest.socket, { type: 'thread', messages: thread });
  }

  async cancel(guest: GuestConnection): Promise<void> {
    await this.ready;
    const { roomId, entryId } = guest;
    if (!roomId || !entryId) return;
    guest.entryId = undefined;
    const entry = await this.list(roomId).leave(entryId);
    if (entry) await this.removed(entry, 'left');
  }

  /** The guest's connection closed: they keep their place for the grace period, then expire. */
  async guestDisconnected(guest: GuestConnection): Promise<void> {
    await this.ready;
    const { roomId, entryId } = guest;
    // A connection already replaced by a resumed one leaves the entry alone.
    if (!roomId || !entryId || !this.local.holds(guest)) return;
    await this.list(roomId).dropped(entryId, this.ctx.now(), (id, goneAt) => this.state.holders.drop(id, goneAt));
    // Resumed here while the drop was being written: the place is held again.
    if (!this.local.holds(guest)) return void (await this.state.store.setGoneAt(entryId, null));
    this.local.endWait(roomId, entryId);
  }

  /** Whether this session still makes its holder an owner in this room's call, right now. */
  private async isOwnerInCall(roomId: string, session: string): Promise<{ identity: string } | null> {
    const verified = await this.sessions.verify(session, this.ctx.now());
    if (!verified || !(await hasOwnerRight(this.ctx.store, verified)) || verified.roomId !== roomId) return null;
    // Owners in the call, and only they: a session alone, kept after leaving, is not enough.
    return (await this.ctx.livekit.isInCall(roomId, verified.identity)) ? { identity: verified.identity } : null;
  }

  /** An owner's lobby channel opens: they get everyone already waiting, then every change. */
  async ownerJoined(roomName: string, socket: LobbySocket, session: string): Promise<OwnerConnection | null> {
    await this.ready;
    const room = isValidRoomName(roomName) ? await this.ctx.store.getRoom(roomName) : null;
    if (!room) return null;
    const owner = await this.isOwnerInCall(room.id, session);
    if (!owner) return null;
    const conn: OwnerConnection = { socket, roomId: room.id, identity: owner.identity, session };
    this.local.addOwner(conn);
    const first = await this.state.presence.join(room.id);
    const waiting = await this.list(room.id).list();
    const threads = await this.state.threads.getMany(waiting.map((e) => e.id));
    send(socket, { type: 'waiting-participants', participants: waiting.map(toWaitingParticipant) });
    for (const entry of waiting) for (const message of threads.get(entry.id) ?? []) send(socket, { type: 'waiting-message', id: entry.id, ...message });
    this.local.caughtUp(conn);
    if (first) await this.state.bus.publish({ type: 'to-guests', roomId: room.id, event: { type: 'owner-presence', ownerPresent: true } });
    return conn;
  }

  async ownerLeft(owner: OwnerConnection): Promise<void> {
    await this.ready;
    if (!this.local.removeOwner(owner)) return;
    if (await this.state.presence.leave(owner.roomId)) {
      await this.state.bus.publish({ type: 'to-guests', roomId: owner.roomId, event: { type: 'owner-presence', ownerPresent: false } });
    }
  }

  /** This participant left the call (LiveKit said so, to one instance): their lobby channels close, everywhere. */
  async participantLeftCall(roomId: string, identity: string): Promise<void> {
    await this.ready;
    await this.state.bus.publish({ type: 'left-call', roomId, identity });
  }

  /**
   * An owner's answers, Daily-style: `{<id>|'*': {grantRequestedAccess}}`. Late answers are no-ops.
   * The owner's right is checked again first (session not expired, still in the call): a channel
   * opened as an owner is not a right kept forever. Returns false when the owner was refused.
   */
  async answer(owner: OwnerConnection, updates: Record<string, { grantRequestedAccess: boolean }>): Promise<boolean> {
    await this.ready;
    if (!(await this.stillOwner(owner, 'only owners in this call can answer; rejoin the call to let people in'))) return false;
    await this.applyAnswers(owner.roomId, updates);
    return true;
  }

  /**
   * Answers from outside the call (the operator's REST API), with an owner's semantics: first answer
   * wins, and the guest sees exactly what an owner's Allow or Deny shows. Null when there is no such room.
   */
  async answerWaiting(roomName: string, updates: Record<string, { grantRequestedAccess: boolean }>): Promise<{ granted: string[]; denied: string[] } | null> {
    await this.ready;
    const room = isValidRoomName(roomName) ? await this.ctx.store.getRoom(roomName) : null;
    return room ? this.applyAnswers(room.id, updates) : null;
  }

  /** Who is waiting in a room, in knock order; null when there is no such room. */
  async waiting(roomName: string): Promise<WaitingEntry[] | null> {
    await this.ready;
    const room = isValidRoomName(roomName) ? await this.ctx.store.getRoom(roomName) : null;
    return room ? this.list(room.id).list() : null;
  }

  /**
   * Applies answers: named ids get their own, `'*'` answers everyone else waiting now. Returns who was
   * answered; an id no longer waiting (answered, left, unknown) is in neither list. First answer wins
   * because the store's take is atomic, across instances too.
   */
  private async applyAnswers(roomId: string, updates: Record<string, { grantRequestedAccess: boolean }>): Promise<{ granted: string[]; denied: string[] }> {
    const list = this.list(roomId);
    const now = this.ctx.now();
    const all = updates['*'];
    const named: [string, boolean][] = Object.entries(updates).filter(([id]) => id !== '*').map(([id, u]) => [id, u.grantRequestedAccess]);
    const targets: [string, boolean][] = all
      ? [...named, ...(await list.list()).filter((e) => !Object.hasOwn(updates, e.id)).map((e): [string, boolean] => [e.id, all.grantRequestedAccess])]
      : named;
    const answered = { granted: [] as string[], denied: [] as string[] };
    for (const [id, grant] of targets) {
      const result = await list.answer(id, grant);
      if (result.outcome === 'no-op') continue;
      answered[result.outcome].push(id);
      const { entry } = result;
      const decided: HeldDecision = { grant: result.outcome === 'granted', name: entry.name, ...(entry.meetingToken ? { meetingToken: entry.meetingToken } : {}) };
      const guest = this.local.guest(roomId, id);
      if (guest) {
        send(guest.socket, await this.answerEvent(roomId, decided, now));
        await this.removed(entry, result.outcome);
        continue;
      }
      // The guest's connection is elsewhere (another instance) or down (a drop, a restart): the decision
      // is kept, never a ticket, for whichever instance holds the guest now or when they are back.
      // Dropped: until their grace ends; connected elsewhere: long enough for that instance to hear.
      const until = entry.goneAt !== undefined ? Math.max(now, entry.goneAt) + this.limits.graceSeconds : now + this.limits.restartGraceSeconds;
      await this.state.store.holdAnswer({ resumeKeyHash: entry.resumeKeyHash, roomId, answer: JSON.stringify(decided), until });
      await this.removed(entry, result.outcome, 'held-answer');
    }
    return answered;
  }

  /** The owner's right checked again; refused, their channel closes (`info` says why). */
  private async stillOwner(owner: OwnerConnection, info: string): Promise<boolean> {
    if (await this.isOwnerInCall(owner.roomId, owner.session)) return true;
    send(owner.socket, { type: 'error', error: 'forbidden-error', info });
    await this.ownerLeft(owner);
    owner.socket.close();
    return false;
  }

  /**
   * An owner writes to one waiting guest ("One moment, finishing a call"): see messages.ts. Returns
   * false when the owner was refused.
   */
  async messageWaiting(owner: OwnerConnection, id: string, rawText: unknown): Promise<boolean> {
    await this.ready;
    return this.messages.fromOwner(owner, id, rawText);
  }

  /** A waiting guest answers the host: see messages.ts. */
  async reply(guest: GuestConnection, rawText: unknown): Promise<void> {
    await this.ready;
    return this.messages.fromGuest(guest, rawText);
  }

  /** What the guest hears: a grant comes with a fresh single-use admission (issued now, kept only hashed). */
  private async answerEvent(roomId: string, decided: HeldDecision, now: number): Promise<GuestEvent> {
    if (!decided.grant) return { type: 'denied', error: { type: 'not-allowed', detail: 'join-request-rejected', msg: DETAIL_MESSAGES['join-request-rejected'] } };
    const admission = await this.admissions.issue({ roomId, name: decided.name, ...(decided.meetingToken ? { meetingToken: decided.meetingToken } : {}) }, now);
    return { type: 'granted', admission };
  }

  /** A granted guest's admission, for this room and fresh, not yet used up. */
  async admission(ticket: string, roomName: string) {
    await this.ready;
    const room = await this.ctx.store.getRoom(roomName);
    return room ? this.admissions.peek(ticket, room.id, this.ctx.now()) : undefined;
  }

  /** Uses up a granted guest's admission at join: once, for this room, while fresh. */
  async redeem(ticket: string, roomName: string) {
    await this.ready;
    const room = await this.ctx.store.getRoom(roomName);
    return room ? this.admissions.redeem(ticket, room.id, this.ctx.now()) : undefined;
  }

  /** A room stopped taking knocks (made public, knocking off) or is gone: everyone waiting asks the door again. */
  async roomChanged(room: Room, deleted = false): Promise<void> {
    await this.ready;
    const stillKnocking = !deleted && room.privacy !== 'public' && effectiveRoomSettings(room.config).knocking;
    if (stillKnocking) return;
    const list = this.list(room.id);
    for (const waiting of await list.list()) {
      const entry = await list.leave(waiting.id);
      if (entry) await this.removed(entry, 'left', { type: 'room-changed' });
    }
  }

  /**
   * Ends waits whose connection has been gone too long or that nobody answered in time. Every instance
   * sweeps; the store's atomic take ends each wait once.
   */
  async sweep(): Promise<void> {
    await this.ready;
    const now = this.ctx.now();
    // Guests of an instance that stopped get what a restart gives them: time to come back.
    if (this.state.shared) await this.state.holders.markOrphans(now + this.limits.restartGraceSeconds);
    for (const { entry, reason } of await expireWaiting(this.state.store, now)) {
      await this.removed(entry, 'left', reason === 'timed-out' ? { type: 'expired' } : undefined);
    }
    await this.state.knocks.prune(now);
    await this.state.store.prune(now);
    if (this.state.shared) await this.presenceCaughtUp();
    if (this.state.shared) await this.endsCaughtUp(now);
  }

  /**
   * Redis pub/sub delivers at most once: a guest here whose `wait-ended` this instance missed would wait
   * on while their entry is gone. Found so at two sweeps running (the message had a sweep's time to
   * arrive, and an owner's answer to be held), they get the answer held for them, or, if none (the wait
   * ran out or was ended elsewhere), are told to ask the door again.
   */
  private async endsCaughtUp(now: number): Promise<void> {
    const here = this.local.waitingHere();
    const ended = await this.state.holders.ended(here.map((w) => w.entryId));
    const unheard = new Set<string>();
    for (const { roomId, entryId, resumeKeyHash } of here) {
      if (!ended.has(entryId)) continue;
      if (!this.endedUnheard.has(entryId)) {
        unheard.add(entryId);
        continue;
      }
      // Let go first: a `wait-ended` arriving meanwhile then finds no guest here, so only one of the two delivers.
      const guest = this.local.endWait(roomId, entryId);
      if (!guest) continue;
      const held = await this.state.store.takeHeldAnswer(resumeKeyHash, roomId, now);
      send(guest.socket, held ? await this.answerEvent(roomId, JSON.parse(held.answer) as HeldDecision, now) : { type: 'room-changed' });
    }
    this.endedUnheard = unheard;
  }

  /**
   * An instance that dies cannot say its owners left: their presence runs out, and each instance tells
   * its own guests what they were not told.
   */
  private async presenceCaughtUp(): Promise<void> {
    for (const roomId of this.local.roomsWithGuests()) {
      const present = await this.state.presence.present(roomId);
      if (this.local.toldPresence(roomId) !== present) this.local.toGuests(roomId, { type: 'owner-presence', ownerPresent: present });
    }
  }

  /** The timer's sweep: one at a time (a slow store must not pile them up), failures reported. */
  private async sweepOnce(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.sweep();
    } catch (err) {
      this.onError(err, 'the lobby sweep failed');
    } finally {
      this.sweeping = false;
    }
  }
}
