/**
 * The team's members, their passkeys and their sign-in sessions, as the store keeps them. SQLite
 * implements it (sqlite-team-store.ts); the rules (who may sign up, what a session is worth) live in team.ts.
 */
import type { MemberRole } from '../../shared/team-api.ts';

export interface Member {
  /** Random, base64url; also the WebAuthn user handle, so a discoverable passkey names its member. */
  id: string;
  /** Lowercased; unique in the team. */
  email: string;
  name: string;
  role: MemberRole;
  created_at: string;
}

export interface Passkey {
  /** The credential id, base64url. */
  id: string;
  memberId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

export class EmailTakenError extends Error {
  constructor() {
    super('that email is already a member of the team');
  }
}

export interface TeamStore {
  /**
   * Adds a member with their first passkey and their first session, all or nothing. The first member of
   * an empty team becomes `owner`, later ones `member` (decided inside the transaction, so two first
   * sign-ups cannot both be owner). Throws EmailTakenError when the email is a member already.
   */
  addMember(input: {
    member: Omit<Member, 'role'>;
    passkey: Omit<Passkey, 'memberId'>;
    session: { idHash: string; createdAt: number; expiresAt: number };
  }): Promise<Member>;
  memberByEmail(email: string): Promise<Member | null>;
  memberById(id: string): Promise<Member | null>;
  /** Longest-standing first. */
  members(): Promise<Member[]>;
  /**
   * Removes the member, their passkeys and their sessions; false when there was no such member. When the
   * last owner goes, the longest-standing member left becomes the owner (in the same transaction). The
   * records of which call participants they were stay: their calls are ended after the removal.
   */
  removeMember(email: string): Promise<boolean>;
  passkey(credentialId: string): Promise<Passkey | null>;
  /** Records the authenticator's new signature counter after a sign-in. */
  updateCounter(credentialId: string, counter: number): Promise<void>;
  createSession(session: { idHash: string; memberId: string; createdAt: number; expiresAt: number }): Promise<void>;
  /** The member signed in by this session, if it exists and has not expired at `now`. */
  sessionMember(idHash: string, now: number): Promise<Member | null>;
  endSession(idHash: string): Promise<void>;
  /** Drops sessions expired at `now`. */
  sweepSessions(now: number): Promise<void>;
  /**
   * Records that this call participant (LiveKit identity) was this member, with their email as it was then;
   * `ownerByMembership`: they are an owner of the call only because they are a member (an `org` room).
   * A rejoin (the same participant id) replaces the record.
   */
  recordParticipant(row: { participantId: string; memberId: string; email: string; roomId: string; ownerByMembership: boolean; joinedAt: number }): Promise<void>;
  /** The call participants this member is an owner of only by membership (room and identity), most recent first. */
  ownersByMembership(memberId: string): Promise<{ roomId: string; participantId: string }[]>;
  /** The member email of each of these participants that was a signed-in member (others are guests). */
  participantEmails(participantIds: readonly string[]): Promise<Map<string, string>>;
}
