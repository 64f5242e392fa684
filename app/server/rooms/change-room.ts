/**
 * A room change computed from the room as it is (an update body merged into its config): read, compute,
 * then write only if nobody changed the room meanwhile, else again. Several control planes share one
 * database, so a plain read-then-write could undo another instance's change made between the two.
 */
import type { Room, RoomSettings, Store } from '../store/store.ts';

/** Tries before giving up; each lost try means another change landed, so a few always suffice in practice. */
const TRIES = 8;

/**
 * Applies `compute(room)` to the room named `name`; null when there is no such room. `compute` may throw
 * (a bad update body): nothing is written then.
 */
export async function changeRoom(
  store: Pick<Store, 'getRoom' | 'updateRoom'>,
  name: string,
  compute: (room: Room) => RoomSettings,
): Promise<{ before: Room; after: Room } | null> {
  for (let i = 0; i < TRIES; i++) {
    const before = await store.getRoom(name);
    if (!before) return null;
    const after = await store.updateRoom(name, compute(before), { privacy: before.privacy, config: before.config });
    if (after) return { before, after };
  }
  throw new Error(`room ${name} kept changing under this update (${TRIES} tries); try again`);
}
