/**
 * Who gets in: one pure function from (room, meeting token, team membership, now) to an access decision.
 * Every row of the spec's access table is here and nowhere else; the HTTP layer only maps it.
 */
import { ACCESS_ERROR_MESSAGES, DETAIL_MESSAGES, type AccessError, type AccessErrorDetail, type AccessErrorType, type AccessLevel } from '../../shared/access.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import type { Room } from '../store/store.ts';
import type { TokenCheck, VerifiedToken } from '../tokens/meeting-token.ts';

export interface AccessInput {
  room: Room | null;
  /** The verified meeting token, if the link carried one. */
  token?: TokenCheck;
  /** Unix seconds. */
  now: number;
  /** People in the call now, when known; only used for `max_participants`. */
  participantCount?: number;
  /** An owner let this person in from the lobby (a redeemed admission). */
  admitted?: boolean;
  /** An owner removed this person with `ban` during the meeting going on now. */
  banned?: boolean;
  /** Coming back after a lost connection, as the same participant of the meeting going on now. */
  rejoin?: boolean;
  /**
   * A signed-in member of the team (their session cookie). In an `org` room they enter as owners; in
   * every other room being a member changes nothing.
   */
  member?: boolean;
}

export interface AccessDecision {
  level: AccessLevel;
  isOwner: boolean;
  error?: AccessError;
  /** When a token was refused: what the same person would get without it (offer "continue as a guest"). */
  guestLevel?: AccessLevel;
  /** The token's properties when it was accepted. */
  token?: VerifiedToken;
  /** The owner right comes from team membership alone (an `org` room): it ends when the member is removed. */
  byMembership?: true;
}

function refuse(type: AccessErrorType, detail?: AccessErrorDetail, guestLevel?: AccessLevel): AccessDecision {
  const msg = detail ? DETAIL_MESSAGES[detail] : ACCESS_ERROR_MESSAGES[type];
  return {
    level: 'none',
    isOwner: false,
    error: detail ? { type, detail, msg } : { type, msg },
    ...(guestLevel && guestLevel !== 'none' ? { guestLevel } : {}),
  };
}

function isFull(room: Room, participantCount: number | undefined): boolean {
  return participantCount !== undefined && participantCount >= effectiveRoomSettings(room.config).maxParticipants;
}

/** The decision for someone without a meeting token. */
function decideGuest(room: Room, participantCount: number | undefined): AccessDecision {
  if (room.privacy === 'public') {
    return isFull(room, participantCount) ? refuse('meeting-full') : { level: 'full', isOwner: false };
  }
  if (effectiveRoomSettings(room.config).knocking) return { level: 'lobby', isOwner: false };
  return refuse('not-allowed', 'room-private');
}

export function decideAccess(input: AccessInput): AccessDecision {
  const decision = decideAtDoor(input);
  // Being let in turns the lobby into the call, and nothing else: a refusal stays a refusal.
  if (input.admitted && decision.level === 'lobby') {
    if (!decision.isOwner && isFull(input.room!, input.participantCount)) return refuse('meeting-full');
    return { ...decision, level: 'full' };
  }
  return decision;
}

function decideAtDoor({ room, token, now, participantCount, banned, rejoin, member }: AccessInput): AccessDecision {
  if (!room) return refuse('no-room');
  // Past `exp` nobody new gets in, but those in the call stay (Daily's rule, unless eject_at_room_exp),
  // and coming back after a lost connection is staying.
  const stays = rejoin === true && room.config.eject_at_room_exp !== true;
  if (room.config.exp !== undefined && now >= room.config.exp && !stays) return refuse('exp-room');
  if (room.config.nbf !== undefined && now < room.config.nbf) return refuse('nbf-room');
  // Banned for the rest of this meeting: no token, owner's or not, and no lobby gets them back in.
  if (banned) return refuse('ejected');

  // In an `org` room the team's signed-in members are its owners: no token, no lobby, no head count.
  const teamOwner = member === true && room.privacy === 'org';
  if (!token) return teamOwner ? { level: 'full', isOwner: true, byMembership: true } : decideGuest(room, participantCount);

  // A bad token never falls back silently to guest access; the screen may offer it explicitly.
  const guestLevel = teamOwner ? 'full' : decideGuest(room, participantCount).level;
  if (!token.ok) return refuse('not-allowed', 'token-invalid', guestLevel);
  const t = token.token;
  if (t.room_name !== undefined && t.room_name !== room.name) return refuse('not-allowed', 'token-wrong-room', guestLevel);
  if (t.exp !== undefined && now >= t.exp) return refuse('exp-token', undefined, guestLevel);
  if (t.nbf !== undefined && now < t.nbf) return refuse('nbf-token', undefined, guestLevel);

  if (teamOwner) return { level: 'full', isOwner: true, token: t, ...(t.is_owner === true ? {} : { byMembership: true as const }) };
  const isOwner = t.is_owner === true;
  if (t.knocking === true && room.privacy !== 'public' && effectiveRoomSettings(room.config).knocking) {
    return { level: 'lobby', isOwner, token: t };
  }
  if (!isOwner && isFull(room, participantCount)) return refuse('meeting-full');
  return { level: 'full', isOwner, token: t };
}
