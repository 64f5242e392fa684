/**
 * Carries out removals on schedule (lifecycle/removal-time.ts): one timer per participant with a
 * removal, armed at join and re-armed from the store at start (overdue ones run at once), so a
 * control-plane restart loses none. The removal itself goes through the owner's "remove" path
 * (`remove`), and is tried again while LiveKit is briefly unreachable. Several control planes may have one
 * removal armed (each re-arms every removal at start, and every `LOOK_EVERY_MS` arms those due soon that it
 * does not hold, in case the instance that armed them died): the one that claims it in the store acts, and
 * the others look again once the claim would have run out, in case that instance died.
 */
import { randomUUID } from 'node:crypto';
import type { MeetingStore } from '../store/meeting-store.ts';
import type { ScheduledRemoval } from './removal-time.ts';

/** setTimeout's longest delay (about 24.8 days); a later removal waits in steps of this. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How often each instance looks in the store for removals due soon that no timer of its own holds: the
 * instance that armed one may have died, and then a surviving instance acts on it at most this late.
 */
export const LOOK_EVERY_MS = 30_000;

/** How a failed removal is tried again: doubling from `firstMs` up to `maxMs`, at most `attempts` times. */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
  attempts: number;
}

/** How long a claim on a removal lasts: longer than one try of it, renewed before each try. */
export const CLAIM_SECONDS = 60;

/** About eight minutes of trying: LiveKit down longer than that has ended the call anyway. */
export const DEFAULT_RETRY: RetryPolicy = { firstMs: 1000, maxMs: 30_000, attempts: 20 };

export interface EjectionTimerOptions {
  /** Where removals are kept (join records with their `removal`). */
  meetings: Pick<MeetingStore, 'scheduledRemovals' | 'callParticipant' | 'claimRemoval'>;
  /** This instance, as its claims on removals name it (random by default). */
  instanceId?: string;
  /**
   * Removes them from the call, as an owner's remove does: true when they were in it and are out now, false
   * when they were gone already; throws when it could not (LiveKit unreachable).
   */
  remove(roomId: string, identity: string, reason: ScheduledRemoval['reason']): Promise<boolean>;
  /** Unix seconds. */
  now(): number;
  /** A removal carried out: someone was in the call and is out (for the log). */
  onRemoved?(where: { roomId: string; identity: string; reason: ScheduledRemoval['reason'] }): void;
  /** A removal that failed (and will be tried again, or not: `gaveUp`). */
  onFailure?(err: unknown, where: { roomId: string; identity: string; attempt: number; gaveUp: boolean }): void;
  retry?: RetryPolicy;
  /** How often the store is looked at for removals armed elsewhere (default `LOOK_EVERY_MS`). */
  lookEveryMs?: number;
  /** A look at the store failed (the next one is tried all the same). */
  onLookFailed?(err: unknown): void;
}

interface Armed {
  roomId: string;
  identity: string;
  removal: ScheduledRemoval;
  handle: NodeJS.Timeout | undefined;
  /** LiveKit's session id of their connection, once its `participant_joined` is heard. */
  sid?: string;
  attempt: number;
}

const keyOf = (roomId: string, identity: string) => `${roomId}\n${identity}`;

export class EjectionTimers {
  private readonly armed = new Map<string, Armed>();
  private readonly retry: RetryPolicy;
  private readonly instanceId: string;
  private readonly lookEveryMs: number;
  private looking: NodeJS.Timeout | undefined;

  constructor(private readonly opts: EjectionTimerOptions) {
    this.retry = opts.retry ?? DEFAULT_RETRY;
    this.instanceId = opts.instanceId ?? randomUUID();
    this.lookEveryMs = opts.lookEveryMs ?? LOOK_EVERY_MS;
  }

  /**
   * At start: every removal in the store re-armed (`rearmAll`), then a look every `lookEveryMs` for those
   * due before the look after next that no timer here holds, so one armed by an instance that died is
   * still carried out on time (or within a period, when overdue). The claim keeps it to one actor.
   */
  async start(): Promise<number> {
    const count = await this.rearmAll();
    this.looking = setInterval(() => {
      this.armDueSoon().catch((err: unknown) => this.opts.onLookFailed?.(err));
    }, this.lookEveryMs);
    // Looking never keeps the process alive by itself (close() stops it anyway).
    this.looking.unref?.();
    return count;
  }

  /** Arms (or re-arms) the removal of this participant; one timer per participant. */
  arm(roomId: string, identity: string, removal: ScheduledRemoval): void {
    const key = keyOf(roomId, identity);
    this.clear(key);
    const entry: Armed = { roomId, identity, removal, handle: undefined, attempt: 0 };
    this.armed.set(key, entry);
    this.wait(key, entry, (removal.at - this.opts.now()) * 1000);
  }

  /** At start: every removal in the store armed again; those already due run at once. */
  async rearmAll(): Promise<number> {
    const records = await this.opts.meetings.scheduledRemovals();
    for (const r of records) if (r.removal) this.arm(r.roomId, r.identity, r.removal);
    return records.length;
  }

  /**
   * LiveKit says they connected (`participant_joined`): remembered by session id, so a late
   * `participant_left` of an older connection of theirs does not cancel the timer; armed from the
   * store if it was cancelled when they left before (a rejoin).
   */
  async participantJoined(roomId: string, identity: string, sid: string | undefined): Promise<void> {
    const key = keyOf(roomId, identity);
    if (!this.armed.has(key)) {
      const removal = (await this.opts.meetings.callParticipant(roomId, identity))?.removal;
      if (!removal) return;
      this.arm(roomId, identity, removal);
    }
    const entry = this.armed.get(key)!;
    if (sid !== undefined) entry.sid = sid;
  }

  /** They left the call (`participant_left`): no timer for them, unless that was an older connection of theirs. */
  participantLeft(roomId: string, identity: string, sid: string | undefined): void {
    const key = keyOf(roomId, identity);
    const entry = this.armed.get(key);
    if (!entry) return;
    if (entry.sid !== undefined && sid !== undefined && entry.sid !== sid) return;
    this.clear(key);
  }

  /** The meeting is over (or the room deleted): its timers go. */
  cancelRoom(roomId: string): void {
    for (const [key, entry] of this.armed) if (entry.roomId === roomId) this.clear(key);
  }

  /** When the removal of this participant is armed for, if it is. */
  armedFor(roomId: string, identity: string): ScheduledRemoval | undefined {
    return this.armed.get(keyOf(roomId, identity))?.removal;
  }

  /** How many timers are armed. */
  get size(): number {
    return this.armed.size;
  }

  /** Stops every timer and the looks at the store (the app closing). */
  close(): void {
    clearInterval(this.looking);
    this.looking = undefined;
    for (const key of [...this.armed.keys()]) this.clear(key);
  }

  /** Arms the removals due before the look after next (or overdue) that no timer here holds. */
  private async armDueSoon(): Promise<void> {
    const horizon = this.opts.now() + (2 * this.lookEveryMs) / 1000;
    for (const r of await this.opts.meetings.scheduledRemovals()) {
      if (r.removal && r.removal.at <= horizon && !this.armed.has(keyOf(r.roomId, r.identity))) this.arm(r.roomId, r.identity, r.removal);
    }
  }

  private clear(key: string): void {
    const entry = this.armed.get(key);
    if (!entry) return;
    clearTimeout(entry.handle);
    this.armed.delete(key);
  }

  private wait(key: string, entry: Armed, ms: number): void {
    // Past setTimeout's maximum Node fires at once: wait in steps instead, and look at the clock again.
    // Rounded up: timers count whole milliseconds, and firing early would only mean waiting again.
    entry.handle = setTimeout(() => void this.fire(key, entry), Math.min(Math.max(0, Math.ceil(ms)), MAX_TIMER_MS));
    // A pending removal never keeps the process alive by itself (close() clears them anyway).
    entry.handle.unref?.();
  }

  private async fire(key: string, entry: Armed): Promise<void> {
    if (this.armed.get(key) !== entry) return;
    const remaining = (entry.removal.at - this.opts.now()) * 1000;
    // Under a millisecond early is on time (unix seconds as floats are not finer than that).
    if (remaining >= 1) return this.wait(key, entry, remaining);
    // Removed by an owner meanwhile, or the meeting ended: the record is gone and so is the job.
    const record = await this.opts.meetings.callParticipant(entry.roomId, entry.identity);
    if (this.armed.get(key) !== entry) return;
    if (!record?.removal) return this.clear(key);
    const now = this.opts.now();
    const claimed = await this.opts.meetings.claimRemoval(entry.roomId, entry.identity, { by: this.instanceId, now, until: now + CLAIM_SECONDS });
    if (this.armed.get(key) !== entry) return;
    // Another instance is carrying it out: look again when its claim would have run out.
    if (!claimed) return this.wait(key, entry, CLAIM_SECONDS * 1000);
    try {
      const removed = await this.opts.remove(entry.roomId, entry.identity, entry.removal.reason);
      if (this.armed.get(key) === entry) this.armed.delete(key);
      if (removed) this.opts.onRemoved?.({ roomId: entry.roomId, identity: entry.identity, reason: entry.removal.reason });
    } catch (err) {
      if (this.armed.get(key) !== entry) return;
      entry.attempt += 1;
      const gaveUp = entry.attempt >= this.retry.attempts;
      this.opts.onFailure?.(err, { roomId: entry.roomId, identity: entry.identity, attempt: entry.attempt, gaveUp });
      if (gaveUp) return this.clear(key);
      this.wait(key, entry, Math.min(this.retry.firstMs * 2 ** (entry.attempt - 1), this.retry.maxMs));
    }
  }
}
