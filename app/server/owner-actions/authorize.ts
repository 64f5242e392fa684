/**
 * Who may use an owner power: pure functions from what is known about the caller and the call to an
 * answer, tested row by row. The caller's participant session (from their join, verified and unexpired;
 * it never outlives their meeting token) must be for this room, carry the owner right (their own, or
 * given during this meeting), and they must be in the call right now; the person acted on must be in
 * this room's call too. In two steps, so LiveKit is only asked once the caller's session holds.
 */
import { ApiError, notFound } from '../http/errors.ts';
import type { ParticipantSession } from '../sessions/participant-session.ts';

export interface CallerFacts {
  /** The room named in the URL, if it exists. */
  room: { id: string; name: string } | null;
  /** The caller's session, verified now; null when forged, malformed or expired. */
  caller: ParticipantSession | null;
  /** Whether the caller was made an owner during this meeting. */
  promoted: boolean;
}

export interface CallFacts {
  /** The caller's identity (from their session). */
  caller: string;
  /** Everyone LiveKit lists in this room's call now. */
  inCall: ReadonlySet<string>;
  /** The participant acted on, when there is one. */
  target?: string;
}

/** Step one, before LiveKit is asked: the room exists and the session makes its holder an owner of it. */
export function authorizeCaller({ room, caller, promoted }: CallerFacts): ApiError | undefined {
  if (!room) return notFound('this room does not exist');
  if (!caller) return new ApiError('authentication-error', 'your session is not valid or has expired; rejoin the call');
  if (caller.roomId !== room.id) return new ApiError('forbidden-error', 'this session is for another room');
  if (!caller.isOwner && !promoted) return new ApiError('forbidden-error', 'only an owner of this call can do this');
  return undefined;
}

/** Step two, with LiveKit's list: the caller is still in the call, and so is the person acted on. */
export function authorizeInCall({ caller, inCall, target }: CallFacts): ApiError | undefined {
  if (!inCall.has(caller)) return new ApiError('forbidden-error', 'you are no longer in this call; rejoin it to do this');
  if (target !== undefined && !inCall.has(target)) return notFound('this participant is not in the call');
  return undefined;
}

/** Both steps, for callers (and tests) that have every fact at hand. */
export function authorize(facts: CallerFacts & { inCall: ReadonlySet<string>; target?: string }): ApiError | undefined {
  return authorizeCaller(facts) ?? authorizeInCall({ caller: facts.caller!.identity, inCall: facts.inCall, ...(facts.target !== undefined ? { target: facts.target } : {}) });
}
