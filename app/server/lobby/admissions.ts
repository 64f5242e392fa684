/** Tickets for guests an owner let in: single-use and short-lived, redeemed by the join call. */
import { randomBytes } from 'node:crypto';

export interface Admission {
  roomId: string;
  name: string;
  /** The meeting token the guest knocked with (a token that says `knocking`); the join decides with it. */
  meetingToken?: string;
  expiresAt: number;
}

export class Admissions {
  private readonly tickets = new Map<string, Admission>();

  constructor(private readonly ttlSeconds: number) {}

  issue(admission: Omit<Admission, 'expiresAt'>, now: number): string {
    const ticket = randomBytes(24).toString('base64url');
    this.tickets.set(ticket, { ...admission, expiresAt: now + this.ttlSeconds });
    return ticket;
  }

  /** The admission, if it is for this room and not expired, without using it up. */
  peek(ticket: string, roomId: string, now: number): Admission | undefined {
    const admission = this.tickets.get(ticket);
    return admission && admission.roomId === roomId && now <= admission.expiresAt ? admission : undefined;
  }

  /** Returns the admission once, if it is for this room and not expired; a second use gets nothing. */
  redeem(ticket: string, roomId: string, now: number): Admission | undefined {
    const admission = this.tickets.get(ticket);
    if (!admission) return undefined;
    this.tickets.delete(ticket);
    if (admission.roomId !== roomId || now > admission.expiresAt) return undefined;
    return admission;
  }

  prune(now: number): void {
    for (const [ticket, a] of this.tickets) if (now > a.expiresAt) this.tickets.delete(ticket);
  }
}
