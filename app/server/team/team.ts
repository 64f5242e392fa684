/**
 * The team's rules: who may sign up (the current invite code, a good name and email not yet a member),
 * the passkey ceremonies around them, and sessions. Routes only parse and map; this decides.
 * Nothing is written before a ceremony is verified, and then the member, passkey and session in one go.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checkDisplayName } from '../../shared/display-name.ts';
import type { MemberView } from '../../shared/team-api.ts';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { refusal } from './refusal.ts';
import { Attempts } from './attempts.ts';
import { currentInviteCode, inviteLink, isCurrentInviteCode, rotateInviteCode } from './invite-code.ts';
import type { Passkeys } from './passkeys.ts';
import { relyingParty, type RelyingParty } from './relying-party.ts';
import { hashSessionId, newSessionId, SESSION_SECONDS } from './session-cookie.ts';
import { EmailTakenError, type Member } from './team-store.ts';

/** RFC 5321's limit on a forward path. */
export const EMAIL_MAX = 254;

const emailFormat = z.email();

/** A member's email as a path parameter (`/members/:email`): bounded here, judged by the store's lookup. */
export const emailParameter = z.string().min(1).max(EMAIL_MAX);

/** The email as stored: trimmed and lowercased, at most 254 characters, shaped like an address. */
export function checkEmail(raw: string): { ok: true; email: string } | { ok: false; reason: string } {
  const email = raw.trim().toLowerCase();
  if (email.length === 0) return { ok: false, reason: 'email is required' };
  if (email.length > EMAIL_MAX) return { ok: false, reason: `email must be at most ${EMAIL_MAX} characters` };
  if (!emailFormat.safeParse(email).success) return { ok: false, reason: 'email must be an email address, like ada@example.com' };
  return { ok: true, email };
}

/** What the ceremonies' responses must at least look like before the library reads them. */
const credentialResponse = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ userHandle: z.string().max(1024).optional() }),
});

export const view = (m: Member): MemberView => ({ email: m.email, name: m.name, role: m.role });

export interface SignedIn {
  member: Member;
  /** The new session's id, for the cookie only: never logged, stored hashed. */
  sessionId: string;
}

export class Team {
  private readonly rp: RelyingParty | { error: string };
  readonly attempts: Attempts;
  private readonly removedListeners: ((member: Member) => void)[] = [];

  constructor(private readonly ctx: AppContext, private readonly passkeys: Passkeys, attempts?: Attempts) {
    this.rp = relyingParty(ctx.config.publicUrl);
    this.attempts = attempts ?? new Attempts(ctx.now);
  }

  /** The team's name: the deployment's domain name. */
  get name(): string {
    return this.ctx.deployment.domainName;
  }

  async inviteValid(code: string): Promise<boolean> {
    return isCurrentInviteCode(this.ctx.store, code);
  }

  async inviteLink(): Promise<string> {
    return inviteLink(this.ctx.config.publicUrl, await currentInviteCode(this.ctx.store));
  }

  async rotateInvite(): Promise<string> {
    return inviteLink(this.ctx.config.publicUrl, await rotateInviteCode(this.ctx.store));
  }

  async members(): Promise<Member[]> {
    return this.ctx.store.team.members();
  }

  /** Removes a member: their passkeys and sessions go with them, so they are signed out at once. */
  async removeMember(rawEmail: string): Promise<boolean> {
    const member = await this.ctx.store.team.memberByEmail(rawEmail.trim().toLowerCase());
    if (!member || !await this.ctx.store.team.removeMember(member.email)) return false;
    for (const listener of this.removedListeners) listener(member);
    return true;
  }

  /** Calls `listener` after each removal (from any API: dashboard, /v1, the 2018 team API, the CLI). */
  onMemberRemoved(listener: (member: Member) => void): void {
    this.removedListeners.push(listener);
  }

  async signupOptions(input: { inviteCode: string; name: string; email: string }): Promise<{ attemptId: string; options: unknown }> {
    const rp = this.relyingParty();
    if (!await this.inviteValid(input.inviteCode)) {
      throw refusal('forbidden-error', 'invite-invalid', 'this invite link is not valid (any more); ask the team for the current one');
    }
    const name = checkDisplayName(input.name);
    if (!name.ok) throw refusal('invalid-request-error', 'name-invalid', name.reason);
    const email = checkEmail(input.email);
    if (!email.ok) throw refusal('invalid-request-error', 'email-invalid', email.reason);
    if (await this.ctx.store.team.memberByEmail(email.email)) throw emailTaken();
    const memberId = randomBytes(16).toString('base64url');
    const { options, challenge } = await this.passkeys.registrationOptions(rp, { id: memberId, email: email.email, name: name.name, rpName: this.name });
    const attemptId = this.start({ kind: 'signup', challenge, memberId, email: email.email, name: name.name, inviteCode: input.inviteCode });
    return { attemptId, options };
  }

  async signupVerify(input: { attemptId: string; response: unknown }): Promise<SignedIn> {
    const rp = this.relyingParty();
    const attempt = this.attempts.take(input.attemptId, 'signup');
    if (!attempt) throw attemptGone();
    // The code may have been rotated while the passkey was being made: the old link is dead.
    if (!await this.inviteValid(attempt.inviteCode)) {
      throw refusal('forbidden-error', 'invite-invalid', 'this invite link was replaced while you signed up; ask the team for the current one');
    }
    if (!credentialResponse.safeParse(input.response).success) throw refusal('invalid-request-error', 'passkey-not-verified', 'response must be the RegistrationResponseJSON of startRegistration');
    const credential = await this.passkeys.verifyRegistration(rp, input.response, attempt.challenge);
    if (!credential) throw refusal('invalid-request-error', 'passkey-not-verified', 'the new passkey could not be verified; start again');
    const now = this.ctx.now();
    const sessionId = newSessionId();
    try {
      const member = await this.ctx.store.team.addMember({
        member: { id: attempt.memberId, email: attempt.email, name: attempt.name, created_at: new Date(now * 1000).toISOString() },
        passkey: credential,
        session: { idHash: hashSessionId(sessionId), createdAt: now, expiresAt: now + SESSION_SECONDS },
      });
      return { member, sessionId };
    } catch (err) {
      if (err instanceof EmailTakenError) throw emailTaken();
      if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw refusal('invalid-request-error', 'passkey-registered', 'this passkey is already registered; sign in with it');
      throw err;
    }
  }

  async signinOptions(): Promise<{ attemptId: string; options: unknown }> {
    const rp = this.relyingParty();
    const { options, challenge } = await this.passkeys.authenticationOptions(rp);
    return { attemptId: this.start({ kind: 'signin', challenge }), options };
  }

  async signinVerify(input: { attemptId: string; response: unknown }): Promise<SignedIn> {
    const rp = this.relyingParty();
    const attempt = this.attempts.take(input.attemptId, 'signin');
    if (!attempt) throw attemptGone();
    const parsed = credentialResponse.safeParse(input.response);
    if (!parsed.success) throw refusal('invalid-request-error', 'passkey-unknown', 'response must be the AuthenticationResponseJSON of startAuthentication');
    const refused = () => refusal('authentication-error', 'passkey-unknown', 'this passkey does not sign anyone in to this team (the member may have been removed)');
    const passkey = await this.ctx.store.team.passkey(parsed.data.id);
    if (!passkey) throw refused();
    // A discoverable passkey names its user: it must be the member this credential belongs to.
    const userHandle = parsed.data.response.userHandle;
    if (userHandle !== undefined && userHandle !== passkey.memberId) throw refused();
    const verified = await this.passkeys.verifyAuthentication(rp, input.response, attempt.challenge, passkey);
    if (!verified) throw refused();
    const member = await this.ctx.store.team.memberById(passkey.memberId);
    if (!member) throw refused();
    await this.ctx.store.team.updateCounter(passkey.id, verified.newCounter);
    const now = this.ctx.now();
    const sessionId = newSessionId();
    await this.ctx.store.team.createSession({ idHash: hashSessionId(sessionId), memberId: member.id, createdAt: now, expiresAt: now + SESSION_SECONDS });
    return { member, sessionId };
  }

  /** Who this session id signs in, now; null for no, an unknown, expired or revoked session. */
  async member(sessionId: string | undefined): Promise<Member | null> {
    if (!sessionId || sessionId.length > 128) return null;
    return this.ctx.store.team.sessionMember(hashSessionId(sessionId), this.ctx.now());
  }

  async signOut(sessionId: string | undefined): Promise<void> {
    if (sessionId && sessionId.length <= 128) await this.ctx.store.team.endSession(hashSessionId(sessionId));
  }

  private relyingParty(): RelyingParty {
    if ('error' in this.rp) throw refusal('conflict-error', 'needs-host-name', this.rp.error);
    return this.rp;
  }

  private start(attempt: Parameters<Attempts['start']>[0]): string {
    const id = this.attempts.start(attempt);
    if (id === null) throw new ApiError('rate-limit-error', 'too many sign-ins in progress on this server; try again in a few minutes');
    return id;
  }
}

const emailTaken = () => refusal('conflict-error', 'email-taken', 'this email is already a member of the team; sign in with your passkey instead');
const attemptGone = () => refusal('invalid-request-error', 'attempt-gone', 'this attempt is unknown, already used or older than 5 minutes; start again');
