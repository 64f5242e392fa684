/**
 * When a participant is removed on schedule, fixed once as they join (Daily's `will_eject_at`):
 * changing the room's `exp` or eject settings later does not move it. One pure function, tested row
 * by row; the join records what it says and the ejection timers carry it out.
 */
import type { EjectReason } from '../../shared/client-api.ts';
import type { RoomProperties } from '../rooms/properties.ts';
import type { VerifiedToken } from '../tokens/meeting-token.ts';

/** A participant's removal on schedule: when (unix seconds) and why. */
export interface ScheduledRemoval {
  at: number;
  reason: EjectReason;
}

export interface RemovalInput {
  room: Pick<RoomProperties, 'exp' | 'eject_at_room_exp' | 'eject_after_elapsed'>;
  /** The accepted meeting token's properties, when the person joined with one. */
  token?: Pick<VerifiedToken, 'exp' | 'eject_at_token_exp' | 'eject_after_elapsed'>;
  /** Unix seconds: the moment of the join. */
  joinedAt: number;
}

/**
 * The earliest of: the room's `exp` with `eject_at_room_exp`, the token's `exp` with
 * `eject_at_token_exp`, and `eject_after_elapsed` seconds after joining (the token's, else the
 * room's). A token that sets either eject property replaces the room's eject settings for this person
 * (Daily's rule). Null when nothing removes them. On a tie the meeting's end wins, as it is what the
 * others see too.
 */
export function removalTime({ room, token, joinedAt }: RemovalInput): ScheduledRemoval | null {
  const tokenDecides = token !== undefined && (token.eject_at_token_exp !== undefined || token.eject_after_elapsed !== undefined);
  const candidates: ScheduledRemoval[] = [];
  if (!tokenDecides && room.eject_at_room_exp === true && room.exp !== undefined) candidates.push({ at: room.exp, reason: 'room-expired' });
  if (token?.eject_at_token_exp === true && token.exp !== undefined) candidates.push({ at: token.exp, reason: 'token-expired' });
  const elapsed = tokenDecides ? token.eject_after_elapsed : room.eject_after_elapsed;
  if (elapsed !== undefined) candidates.push({ at: joinedAt + elapsed, reason: 'elapsed' });
  let earliest: ScheduledRemoval | null = null;
  for (const c of candidates) if (earliest === null || c.at < earliest.at) earliest = c;
  return earliest;
}
