/**
 * Deleting a room ends its call: LiveKit disconnects everyone, and their screens say the meeting ended.
 * A failure to end it propagates (DELETE then keeps the room); only "no such LiveKit room" is fine.
 */
import type { LivekitGateway } from '../livekit/gateway.ts';
import type { RoomEvents } from './room-events.ts';

export function callEndingRoomEvents(livekit: LivekitGateway): RoomEvents {
  return {
    async roomUpdated() {
      // Privacy changes govern joins from now on; nobody already inside is removed.
    },
    async roomDeleted(room) {
      await livekit.endRoom(room.id);
    },
  };
}
