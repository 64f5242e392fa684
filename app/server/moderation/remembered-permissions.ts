/**
 * What `update-permissions` changed, per participant, for the rest of the meeting: someone whose
 * connection drops comes back (same identity, a fresh LiveKit token from the room's settings) and would
 * otherwise get back what was taken away. Replayed when LiveKit says they joined; forgotten when the
 * meeting ends. In memory: a control-plane restart forgets it (bans, by contrast, are in the store).
 */
import type { PermissionChange } from '../livekit/gateway.ts';

export class RememberedPermissions {
  private readonly rooms = new Map<string, Map<string, PermissionChange>>();

  /** Adds a change (field by field: a later value of a field replaces the earlier one). */
  remember(roomId: string, identity: string, change: PermissionChange): void {
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map()));
    room.set(identity, { ...room.get(identity), ...change });
  }

  /** What was changed for this participant during this meeting, if anything. */
  get(roomId: string, identity: string): PermissionChange | undefined {
    return this.rooms.get(roomId)?.get(identity);
  }

  meetingEnded(roomId: string): void {
    this.rooms.delete(roomId);
  }
}
