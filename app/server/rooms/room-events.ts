/** What else must happen when an operator changes or deletes a room (end its call, tell its lobby). */
import type { Room } from '../store/store.ts';

export interface RoomEvents {
  roomUpdated(before: Room, after: Room): Promise<void>;
  roomDeleted(room: Room): Promise<void>;
}
