/**
 * Seats in a call, so `max_participants` holds under parallel joins.
 *
 * LiveKit only lists someone once their browser has connected, which happens after the join that
 * gave them a token. Counting LiveKit's list alone lets ten joins that arrive together all see the
 * same empty room. So joins to one room run one at a time, and a seat given out counts as taken
 * until LiveKit lists that identity or the join token it came with has expired.
 *
 * This lives in one control-plane process; LiveKit's own `maxParticipants` on the room
 * ({@link livekitRoomCap}) is the backstop that also holds across several instances.
 */
import { JOIN_TOKEN_TTL_SECONDS } from './gateway.ts';

/**
 * Owners are let in past `max_participants` (Daily's rule). LiveKit's cap cannot tell owners
 * apart, so it gets this many places more than the room's setting, for owners joining a full call.
 */
export const OWNER_HEADROOM = 5;

/** The `maxParticipants` LiveKit enforces for a room whose `max_participants` is `max`. */
export const livekitRoomCap = (max: number): number => max + OWNER_HEADROOM;

export class CallSeats {
  /** The tail of each key's queue of joins (and deletes): the next one starts when it settles. */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** How many calls are running or waiting, per key. */
  private readonly depth = new Map<string, number>();
  /** Seats given out that LiveKit may not list yet: room id → identity → when (unix seconds). */
  private readonly granted = new Map<string, Map<string, number>>();

  /** @param holdSeconds how long a given seat counts without LiveKit listing it: the join token's life. */
  constructor(private readonly holdSeconds = JOIN_TOKEN_TTL_SECONDS) {}

  /** Runs `fn` once every earlier `serialize` for this key has settled (whether it worked or not). */
  serialize<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const tail = run.then(() => undefined, () => undefined);
    this.queues.set(key, tail);
    this.depth.set(key, (this.depth.get(key) ?? 0) + 1);
    // The last one out removes the key, so the maps only hold rooms with joins in flight.
    void tail.then(() => {
      const left = (this.depth.get(key) ?? 1) - 1;
      if (left > 0) this.depth.set(key, left);
      else this.depth.delete(key);
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  /** Calls for this key running or waiting their turn. */
  queued(key: string): number {
    return this.depth.get(key) ?? 0;
  }

  /** Seats taken: everyone LiveKit lists, plus seats given out recently that it does not list yet. */
  occupied(roomId: string, listed: readonly string[], now: number): number {
    const inCall = new Set(listed);
    const pending = this.granted.get(roomId);
    let waiting = 0;
    for (const [identity, at] of pending ?? []) {
      // Listed now: LiveKit counts them. Expired: their token can no longer connect.
      if (inCall.has(identity) || now - at >= this.holdSeconds) pending!.delete(identity);
      else waiting++;
    }
    if (pending?.size === 0) this.granted.delete(roomId);
    return inCall.size + waiting;
  }

  /** A join token was given to `identity`: their seat counts from now on. */
  grant(roomId: string, identity: string, now: number): void {
    this.prune(now);
    let seats = this.granted.get(roomId);
    if (!seats) this.granted.set(roomId, (seats = new Map()));
    seats.set(identity, now);
  }

  /** The join failed after the seat was given: free it at once. */
  release(roomId: string, identity: string): void {
    const seats = this.granted.get(roomId);
    seats?.delete(identity);
    if (seats?.size === 0) this.granted.delete(roomId);
  }

  /** The call ended (room deleted): nobody holds a seat in it any more. */
  forgetRoom(roomId: string): void {
    this.granted.delete(roomId);
  }

  /** Seats given out and still counted, over all rooms (for tests and bounds). */
  pendingCount(): number {
    let n = 0;
    for (const seats of this.granted.values()) n += seats.size;
    return n;
  }

  /** Drops expired seats everywhere, so rooms nobody joins again do not keep them. */
  private prune(now: number): void {
    for (const [roomId, seats] of this.granted) {
      for (const [identity, at] of seats) if (now - at >= this.holdSeconds) seats.delete(identity);
      if (seats.size === 0) this.granted.delete(roomId);
    }
  }
}

const perApp = new WeakMap<object, CallSeats>();

/**
 * The seats of one running app, keyed by its context object: the join handler and DELETE share it
 * (so a delete waits for joins in flight and a join never reopens a room being deleted).
 */
export function callSeats(ctx: object): CallSeats {
  let seats = perApp.get(ctx);
  if (!seats) perApp.set(ctx, (seats = new CallSeats()));
  return seats;
}
