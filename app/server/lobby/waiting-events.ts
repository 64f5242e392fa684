/**
 * A waiting participant as operators see them: the payload of Daily's `waiting-participant.*` webhook
 * events, and the `user_id` a knocking token holder's meeting token carries.
 */
import { decodeJwt } from 'jose';
import type { ParticipantPayload } from '../events/operator-events.ts';
import type { WaitingRecord } from '../store/lobby-store.ts';
import type { Store } from '../store/store.ts';

/** The `user_id` (`ud`) of the meeting token a guest knocked with (verified at the knock), or null. */
export function waitingUserId(entry: WaitingRecord): string | null {
  if (!entry.meetingToken) return null;
  try {
    const ud = decodeJwt(entry.meetingToken).ud;
    return typeof ud === 'string' ? ud : null;
  } catch {
    return null;
  }
}

/**
 * Daily's participant fields for someone waiting: `session_id` is the waiting entry's id (what
 * `POST /v1/rooms/:name/waiting-participants` answers), and a waiting guest is never an owner.
 */
export async function waitingPayload(store: Pick<Store, 'roomById'>, entry: WaitingRecord): Promise<ParticipantPayload> {
  return {
    // The room may be gone already (deleted while they waited): its id then stands in for its name.
    room: (await store.roomById(entry.roomId))?.name ?? entry.roomId,
    session_id: entry.id,
    user_id: waitingUserId(entry),
    user_name: entry.name,
    owner: false,
    joined_at: entry.since,
    will_eject_at: null,
    permissions: { hasPresence: true, canSend: true, canAdmin: false },
  };
}
