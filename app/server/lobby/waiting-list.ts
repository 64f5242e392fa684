/**
 * One room's waiting list, as a state machine with the clock passed in: knock (add), rename,
 * answer (first answer wins; a late one is a no-op), leave, drop and expire after a grace period.
 */
import { randomBytes } from 'node:crypto';
import { checkDisplayName } from '../../shared/display-name.ts';
import type { WaitingParticipant } from '../../shared/lobby.ts';

export interface WaitingEntry {
  id: string;
  /** Lets the same guest take their place back after a dropped connection. */
  resumeKey: string;
  name: string;
  /** Unix seconds. */
  since: number;
  /** A knocking token holder's meeting token, so they join with its properties once let in. */
  meetingToken?: string;
  /** Set while the guest's connection is gone; the entry expires `graceSeconds` later. */
  droppedAt?: number;
}

export type AddResult =
  | { ok: true; entry: WaitingEntry }
  | { ok: false; error: 'lobby-full' | 'invalid-name'; info: string };

export type AnswerResult =
  | { outcome: 'granted' | 'denied'; entry: WaitingEntry }
  | { outcome: 'no-op' };

export interface WaitingListLimits {
  maxWaiting: number;
  graceSeconds: number;
}

export const toWaitingParticipant = (e: WaitingEntry): WaitingParticipant => ({
  id: e.id,
  name: e.name,
  since: new Date(e.since * 1000).toISOString(),
});

export class WaitingList {
  private readonly entries = new Map<string, WaitingEntry>();

  constructor(private readonly limits: WaitingListLimits) {}

  get size(): number {
    return this.entries.size;
  }

  list(): WaitingEntry[] {
    return [...this.entries.values()].sort((a, b) => a.since - b.since);
  }

  get(id: string): WaitingEntry | undefined {
    return this.entries.get(id);
  }

  add(rawName: unknown, now: number, meetingToken?: string): AddResult {
    const name = checkDisplayName(rawName);
    if (!name.ok) return { ok: false, error: 'invalid-name', info: name.reason };
    if (this.entries.size >= this.limits.maxWaiting) {
      return { ok: false, error: 'lobby-full', info: `too many people are already waiting (at most ${this.limits.maxWaiting}); try again in a moment` };
    }
    const entry: WaitingEntry = {
      id: randomBytes(9).toString('base64url'),
      resumeKey: randomBytes(18).toString('base64url'),
      name: name.name,
      since: now,
      ...(meetingToken ? { meetingToken } : {}),
    };
    this.entries.set(entry.id, entry);
    return { ok: true, entry };
  }

  rename(id: string, rawName: unknown): AddResult {
    const entry = this.entries.get(id);
    if (!entry) return { ok: false, error: 'invalid-name', info: 'no such waiting participant' };
    const name = checkDisplayName(rawName);
    if (!name.ok) return { ok: false, error: 'invalid-name', info: name.reason };
    entry.name = name.name;
    return { ok: true, entry };
  }

  /** The first answer wins: answering someone no longer waiting changes nothing. */
  answer(id: string, grant: boolean): AnswerResult {
    const entry = this.entries.get(id);
    if (!entry) return { outcome: 'no-op' };
    this.entries.delete(id);
    return { outcome: grant ? 'granted' : 'denied', entry };
  }

  /** Cancel, or the guest went away for good. */
  leave(id: string): WaitingEntry | undefined {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return entry;
  }

  dropped(id: string, now: number): void {
    const entry = this.entries.get(id);
    if (entry) entry.droppedAt = now;
  }

  /**
   * A guest back with their key takes their place again: within the grace period after a drop, or
   * while the server still thinks the old connection is open (it may be half-open).
   */
  resume(resumeKey: string, now: number): WaitingEntry | undefined {
    for (const entry of this.entries.values()) {
      if (entry.resumeKey === resumeKey && (entry.droppedAt === undefined || now - entry.droppedAt <= this.limits.graceSeconds)) {
        delete entry.droppedAt;
        return entry;
      }
    }
    return undefined;
  }

  /** Removes and returns the entries whose connection has been gone longer than the grace period. */
  expire(now: number): WaitingEntry[] {
    const gone = [...this.entries.values()].filter((e) => e.droppedAt !== undefined && now - e.droppedAt > this.limits.graceSeconds);
    for (const e of gone) this.entries.delete(e.id);
    return gone;
  }
}
