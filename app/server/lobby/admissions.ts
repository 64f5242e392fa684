/**
 * Admissions for guests an owner let in: single-use and short-lived, redeemed by the join call. Kept in
 * the store (a restart between Allow and join loses nobody); the ticket itself is kept only as a hash.
 */
import { randomBytes } from 'node:crypto';
import type { AdmissionRecord, LobbyStore } from '../store/lobby-store.ts';
import { secretHash } from './waiting-list.ts';

export interface Admission {
  roomId: string;
  name: string;
  /** The meeting token the guest knocked with (a token that says `knocking`); the join decides with it. */
  meetingToken?: string;
  expiresAt: number;
}

const toAdmission = ({ ticketHash: _hash, ...a }: AdmissionRecord): Admission => a;

export class Admissions {
  constructor(private readonly store: LobbyStore, private readonly ttlSeconds: number) {}

  async issue(admission: Omit<Admission, 'expiresAt'>, now: number): Promise<string> {
    const ticket = randomBytes(24).toString('base64url');
    await this.store.addAdmission({ ticketHash: secretHash(ticket), ...admission, expiresAt: now + this.ttlSeconds });
    return ticket;
  }

  /** The admission, if it is for this room and not expired, without using it up. */
  async peek(ticket: string, roomId: string, now: number): Promise<Admission | undefined> {
    const record = await this.store.getAdmission(secretHash(ticket));
    return record && record.roomId === roomId && now <= record.expiresAt ? toAdmission(record) : undefined;
  }

  /** Returns the admission once, if it is for this room and not expired; a second use gets nothing. */
  async redeem(ticket: string, roomId: string, now: number): Promise<Admission | undefined> {
    const record = await this.store.takeAdmission(secretHash(ticket));
    if (!record || record.roomId !== roomId || now > record.expiresAt) return undefined;
    return toAdmission(record);
  }
}
