/**
 * Sign-up and sign-in attempts in progress: each holds its WebAuthn challenge (and for a sign-up, who
 * is signing up) under a random attemptId, for 5 minutes, and is used once: taking it removes it,
 * whether the ceremony then succeeds or not. Memory only: a restart just asks people to try again.
 */
import { randomBytes } from 'node:crypto';

export const ATTEMPT_SECONDS = 5 * 60;
/** Attempts held at once, everyone together: bounded memory whatever a flood does. */
export const MAX_ATTEMPTS = 10_000;

export interface SignupAttempt {
  kind: 'signup';
  challenge: string;
  memberId: string;
  email: string;
  name: string;
  inviteCode: string;
}

export interface SigninAttempt {
  kind: 'signin';
  challenge: string;
}

export type Attempt = SignupAttempt | SigninAttempt;

export class Attempts {
  private readonly held = new Map<string, Attempt & { expiresAt: number }>();

  constructor(private readonly now: () => number, private readonly max = MAX_ATTEMPTS) {}

  /** Holds an attempt; returns its id, or null when too many are open (the caller answers 429). */
  start(attempt: Attempt): string | null {
    if (this.held.size >= this.max) this.sweep();
    if (this.held.size >= this.max) return null;
    const id = randomBytes(18).toString('base64url');
    this.held.set(id, { ...attempt, expiresAt: this.now() + ATTEMPT_SECONDS });
    return id;
  }

  /** The attempt of that id and kind, once: it is gone afterwards. Null if unknown, expired or of the other kind. */
  take<K extends Attempt['kind']>(id: string, kind: K): Extract<Attempt, { kind: K }> | null {
    const attempt = this.held.get(id);
    if (!attempt) return null;
    this.held.delete(id);
    if (attempt.kind !== kind || attempt.expiresAt <= this.now()) return null;
    const { expiresAt: _expiresAt, ...rest } = attempt;
    return rest as Extract<Attempt, { kind: K }>;
  }

  get size(): number {
    return this.held.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, attempt] of this.held) if (attempt.expiresAt <= now) this.held.delete(id);
  }
}
