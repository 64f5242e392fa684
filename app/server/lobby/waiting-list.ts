/**
 * One room's waiting list, as a state machine over the store with the clock passed in: knock (add),
 * rename, answer (first answer wins; a late one is a no-op), leave, drop and come back within a grace
 * period, and expire (connection gone too long, or nobody answered within the maximum wait).
 */
import { createHash, randomBytes } from 'node:crypto';
import { checkDisplayName } from '../../shared/display-name.ts';
import type { WaitingParticipant } from '../../shared/lobby.ts';
import type { LobbyStore, WaitingRecord } from '../store/lobby-store.ts';

export type WaitingEntry = WaitingRecord;

/** A new entry, with the resume key the guest gets (the store keeps only its hash). */
export type AddResult =
  | { ok: true; entry: WaitingEntry; resumeKey: string }
  | { ok: false; error: 'lobby-full' | 'invalid-name' | 'too-many-waiting'; info: string };

export type RenameResult = { ok: true; entry: WaitingEntry } | { ok: false; error: 'invalid-name'; info: string };

export type AnswerResult =
  | { outcome: 'granted' | 'denied'; entry: WaitingEntry }
  | { outcome: 'no-op' };

export interface WaitingListLimits {
  /** People waiting in one room at once. */
  maxWaiting: number;
  /** Entries one client (address) may hold at once, across rooms. */
  maxWaitingPerClient: number;
  /** How long a knock waits unanswered before it ends (the guest may knock again). */
  maxWaitSeconds: number;
  /** How long a guest whose connection dropped keeps their place. */
  graceSeconds: number;
}

/** Resume keys and admission tickets are stored only as hashes. */
export const secretHash = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export const toWaitingParticipant = (e: WaitingEntry): WaitingParticipant => ({
  id: e.id,
  name: e.name,
  since: new Date(e.since * 1000).toISOString(),
});

export class WaitingList {
  constructor(
    private readonly store: LobbyStore,
    readonly roomId: string,
    private readonly limits: WaitingListLimits,
  ) {}

  get size(): number {
    return this.store.countWaitingInRoom(this.roomId);
  }

  /** Everyone waiting, in knock order. */
  list(): WaitingEntry[] {
    return this.store.waitingInRoom(this.roomId);
  }

  get(id: string): WaitingEntry | undefined {
    const entry = this.store.getWaiting(id);
    return entry?.roomId === this.roomId ? entry : undefined;
  }

  /** Knocks: checks the knock and stores its entry. */
  add(rawName: unknown, now: number, from: { clientKey: string; meetingToken?: string }): AddResult {
    const added = this.prepare(rawName, now, from);
    if (added.ok) this.save(added.entry);
    return added;
  }

  /**
   * Checks a knock and makes its entry without storing it, so owners can hear of it before the store's
   * write (a synced commit, slow on a busy disk). `save` it in the same turn of the event loop, before
   * anything else can read the list.
   */
  prepare(rawName: unknown, now: number, from: { clientKey: string; meetingToken?: string }): AddResult {
    const name = checkDisplayName(rawName);
    if (!name.ok) return { ok: false, error: 'invalid-name', info: name.reason };
    if (this.size >= this.limits.maxWaiting) {
      return { ok: false, error: 'lobby-full', info: `too many people are already waiting (at most ${this.limits.maxWaiting}); try again in a moment` };
    }
    if (this.store.countWaitingFrom(from.clientKey) >= this.limits.maxWaitingPerClient) {
      return {
        ok: false,
        error: 'too-many-waiting',
        info: `you are already waiting to join ${this.limits.maxWaitingPerClient} times from this address; cancel one or wait for an answer`,
      };
    }
    const resumeKey = randomBytes(18).toString('base64url');
    const entry: WaitingEntry = {
      id: randomBytes(9).toString('base64url'),
      roomId: this.roomId,
      resumeKeyHash: secretHash(resumeKey),
      name: name.name,
      since: now,
      ...(from.meetingToken ? { meetingToken: from.meetingToken } : {}),
      clientKey: from.clientKey,
      expiresAt: now + this.limits.maxWaitSeconds,
    };
    return { ok: true, entry, resumeKey };
  }

  /** Stores an entry from `prepare`; throws as the store does. */
  save(entry: WaitingEntry): void {
    this.store.addWaiting(entry);
  }

  rename(id: string, rawName: unknown): RenameResult {
    const entry = this.get(id);
    if (!entry) return { ok: false, error: 'invalid-name', info: 'no such waiting participant' };
    const name = checkDisplayName(rawName);
    if (!name.ok) return { ok: false, error: 'invalid-name', info: name.reason };
    this.store.renameWaiting(id, name.name);
    return { ok: true, entry: { ...entry, name: name.name } };
  }

  /** The first answer wins: answering someone no longer waiting changes nothing. */
  answer(id: string, grant: boolean): AnswerResult {
    if (!this.get(id)) return { outcome: 'no-op' };
    const entry = this.store.takeWaiting(id);
    if (!entry) return { outcome: 'no-op' };
    return { outcome: grant ? 'granted' : 'denied', entry };
  }

  /** Cancel, or the guest went away for good. */
  leave(id: string): WaitingEntry | undefined {
    if (!this.get(id)) return undefined;
    return this.store.takeWaiting(id) ?? undefined;
  }

  /** The guest's connection is gone: they keep their place for the grace period. */
  dropped(id: string, now: number): void {
    if (this.get(id)) this.store.setGoneAt(id, now + this.limits.graceSeconds);
  }

  /**
   * A guest back with their key takes their place again: within the grace period after a drop, or
   * while the server still thinks the old connection is open (it may be half-open).
   */
  resume(resumeKey: string, now: number): WaitingEntry | undefined {
    const entry = this.store.waitingByResumeKey(secretHash(resumeKey));
    if (!entry || entry.roomId !== this.roomId) return undefined;
    if (entry.goneAt !== undefined && now > entry.goneAt) return undefined;
    if (now >= entry.expiresAt) return undefined;
    this.store.setGoneAt(entry.id, null);
    const { goneAt: _goneAt, ...back } = entry;
    return back;
  }
}

/**
 * Removes and returns every entry, in any room, whose connection has been gone longer than its grace
 * period (`gone`) or whose wait ran out unanswered (`timedOut`).
 */
export function expireWaiting(store: LobbyStore, now: number): { entry: WaitingEntry; reason: 'gone' | 'timed-out' }[] {
  const out: { entry: WaitingEntry; reason: 'gone' | 'timed-out' }[] = [];
  for (const candidate of store.expiredWaiting(now)) {
    const entry = store.takeWaiting(candidate.id);
    if (entry) out.push({ entry, reason: now >= entry.expiresAt ? 'timed-out' : 'gone' });
  }
  return out;
}
