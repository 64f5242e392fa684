/**
 * A participant's session, handed out at join: proof, for later calls such as the owner's lobby
 * channel, of who joined which room and whether as an owner. Its key is derived from the
 * deployment's API key, so sessions survive a restart and hold across several control planes.
 */
import { jwtVerify, SignJWT } from 'jose';
import { createHmac } from 'node:crypto';

/** A key for sessions only: knowing a session never helps forge a meeting token, and vice versa. */
export const sessionKeyFrom = (apiKey: string): Uint8Array => createHmac('sha256', apiKey).update('foyer participant sessions').digest();

export interface ParticipantSession {
  roomId: string;
  identity: string;
  isOwner: boolean;
  /** The owner right came from team membership alone (an `org` room): this member's id; it lasts while they are one. */
  ownerByMembership?: string;
}

const SESSION_HOURS = 12;

export function participantSessions(secret: Uint8Array) {
  return {
    /** `notAfter`: unix seconds the session must not outlive (the meeting token's `exp`). */
    async issue(s: ParticipantSession, now: number, notAfter?: number): Promise<string> {
      const exp = Math.min(Math.floor(now) + SESSION_HOURS * 3600, notAfter ?? Infinity);
      return new SignJWT({ rid: s.roomId, own: s.isOwner, ...(s.ownerByMembership !== undefined ? { mbr: s.ownerByMembership } : {}) })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(s.identity)
        .setIssuedAt(Math.floor(now))
        .setExpirationTime(Math.floor(exp))
        .sign(secret);
    },
    async verify(token: string, now: number): Promise<ParticipantSession | null> {
      try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], currentDate: new Date(now * 1000) });
        if (typeof payload.rid !== 'string' || typeof payload.sub !== 'string') return null;
        return {
          roomId: payload.rid,
          identity: payload.sub,
          isOwner: payload.own === true,
          ...(typeof payload.mbr === 'string' ? { ownerByMembership: payload.mbr } : {}),
        };
      } catch {
        return null;
      }
    },
  };
}
export type ParticipantSessions = ReturnType<typeof participantSessions>;
