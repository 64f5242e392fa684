/**
 * One room's waiting list, as a state machine over the store with the clock passed in: knock (add),
 * rename, answer (first answer wins; a late one is a no-op), leave, drop and come back within a grace
 * period, and expire (connection gone too long, or nobody answered within the maximum wait).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { checkDisplayName } from '../../shared/display-name.ts';
import type { WaitingParticipant } from '../../shared/lobby.ts';
import type { LobbyStore, WaitingRecord } from '../store/lobby-store.ts';
import { WaitingCapReached, type WaitingCaps } from './waiting-caps.ts';

export type WaitingEntry = WaitingRecord;

/** A new entry, with the resume key the guest gets (the store keeps only its hash). */
export type AddResult = { ok: true; entry: WaitingEntry; resumeKey: string } | AddRefused;

export type AddRefused = { ok: false; error: 'lobby-full' | 'invalid-name' | 'too-many-waiting'; info: string };

export type RenameResult = { ok: true; entry: WaitingEntry } | { ok: false; error: 'invalid-name'; info: string };

export type AnswerResult =
  | { outcome: 'granted' | 'denied'; entry: WaitingEntry }
  | { outcome: 'no-op' };

export interface WaitingListLimits extends WaitingCaps {
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

  size(): Promise<number> {
    return this.store.countWaitingInRoom(this.roomId);
  }

  /** Everyone waiting, in knock order. */
  list(): Promise<WaitingEntry[]> {
    return this.store.waitingInRoom(this.roomId);
  }

  async get(id: string): Promise<WaitingEntry | undefined> {
    const entry = await this.store.getWaiting(id);
    return entry?.roomId === this.roomId ? entry : undefined;
  }

  /**
   * Knocks: checks the knock and stores its entry (throws as the store does). The caller tells owners
   * and the guest only once it is stored, so no answer can reach an entry not yet kept.
   */
  async add(rawName: unknown, now: number, from: { clientKey: string; meetingToken?: string }): Promise<AddResult> {
    const added = await this.prepare(rawName, now, from);
    if (!added.ok) return added;
    const saved = await this.save(added.entry);
    return saved.ok ? added : saved;
  }

  /** Checks a knock and makes its entry, not yet stored. */
  private async prepare(rawName: unknown, now: number, from: { clientKey: string; meetingToken?: string }): Promise<AddResult> {
    const name = checkDisplayName(rawName);
    if (!name.ok) return { ok: false, error: 'invalid-name', info: name.reason };
    // Shared state checks again as it adds (knocks on other instances); alone, the Lobby runs knocks one at a time.
    if ((await this.size()) >= this.limits.maxWaiting) return this.capReached('lobby-full');
    if ((await this.store.countWaitingFrom(from.clientKey)) >= this.limits.maxWaitingPerClient) return this.capReached('too-many-waiting');
    const resumeKey = randomBytes(18).toString('base64url');
    const entry: WaitingEntry = {
      // A UUID, as Daily's participant ids: never starts with '-', which a command line would read as an option.
      id: randomUUID(),
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

  private capReached(error: WaitingCapReached['error']): AddRefused {
    if (error === 'lobby-full') return { ok: false, error, info: `too many people are already waiting (at most ${this.limits.maxWaiting}); try again in a moment` };
    return { ok: false, error, info: `you are already waiting to join ${this.limits.maxWaitingPerClient} times from this address; cancel one or wait for an answer` };
  }

  /** Stores an entry from `prepare`: refused if a cap was reached meanwhile (another instance's knock). */
  private async save(entry: WaitingEntry): Promise<{ ok: true } | AddRefused> {
    try {
      await this.store.addWaiting(entry);
      return { ok: true };
    } catch (err) {
      if (err instanceof WaitingCapReached) return this.capReached(err.error);
      throw err;
    }
  }

  async rename(id: string, rawName: unknown): Promise<RenameResult> {
    const entry = await this.get(id);
    if (!entry) return { ok: false, error: 'invalid-name', info: 'no such waiting participant' };
    const name = checkDisplayName(rawName);
    if (!name.ok) return { ok: false, error: 'invalid-name', info: name.reason };
    await this.store.renameWaiting(id, name.name);
    return { ok: true, entry: { ...entry, name: name.name } };
  }

  /** The first answer wins: answering someone no longer waiting changes nothing. */
  async answer(id: string, grant: boolean): Promise<AnswerResult> {
    if (!(await this.get(id))) return { outcome: 'no-op' };
    const entry = await this.store.takeWaiting(id);
    if (!entry) return { outcome: 'no-op' };
    return { outcome: grant ? 'granted' : 'denied', entry };
  }

  /** Cancel, or the guest went away for good. */
  async leave(id: string): Promise<WaitingEntry | undefined> {
    if (!(await this.get(id))) return undefined;
    return (await this.store.takeWaiting(id)) ?? undefined;
  }

  /**
   * The guest's connection is gone: they keep their place for the grace period. `mark` writes it (by
   * default straight to the store; shared state writes it only if no other instance holds the guest).
   */
  async dropped(id: string, now: number, mark = (entryId: string, goneAt: number) => this.store.setGoneAt(entryId, goneAt)): Promise<void> {
    if (await this.get(id)) await mark(id, now + this.limits.graceSeconds);
  }

  /**
   * A guest back with their key takes their place again: within the grace period after a drop, or
   * while the server still thinks the old connection is open (it may be half-open).
   */
  async resume(resumeKey: string, now: number): Promise<WaitingEntry | undefined> {
    const entry = await this.store.waitingByResumeKey(secretHash(resumeKey));
    if (!entry || entry.roomId !== this.roomId) return undefined;
    if (entry.goneAt !== undefined && now > entry.goneAt) return undefined;
    if (now >= entry.expiresAt) return undefined;
    await this.store.setGoneAt(entry.id, null);
    const { goneAt: _goneAt, ...back } = entry;
    return back;
  }
}

/**
 * Removes and returns every entry, in any room, whose connection has been gone longer than its grace
 * period (`gone`) or whose wait ran out unanswered (`timedOut`).
 */
export async function expireWaiting(store: LobbyStore, now: number): Promise<{ entry: WaitingEntry; reason: 'gone' | 'timed-out' }[]> {
  const out: { entry: WaitingEntry; reason: 'gone' | 'timed-out' }[] = [];
  for (const candidate of await store.expiredWaiting(now)) {
    // The take decides: with several control planes sweeping, each entry ends once.
    const entry = await store.takeWaiting(candidate.id);
    if (entry) out.push({ entry, reason: now >= entry.expiresAt ? 'timed-out' : 'gone' });
  }
  return out;
}
