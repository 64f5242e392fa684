/**
 * LiveKit's room for a call is named by the Foyer room's id, so one name gets a new LiveKit room (a new
 * sid) for each meeting. A `room_finished` that LiveKit delivers late (its webhook retries), after the next
 * meeting's room opened, names the old sid: it must not end the new meeting (its join records, bans,
 * removals on schedule and meetings record).
 */
export class RoomInstances {
  /** Per room name, the sid of the LiveKit room last seen starting or being joined. */
  private readonly current = new Map<string, string>();

  /** False for an event about a room instance that is over (a late `room_finished` of an earlier meeting). */
  accept(event: { event: string; room?: { name: string; sid: string } }): boolean {
    const name = event.room?.name;
    const sid = event.room?.sid;
    // Without both there is nothing to compare; after a restart nothing is known yet: accepted.
    if (!name || !sid) return true;
    if (event.event === 'room_started' || event.event === 'participant_joined') this.current.set(name, sid);
    if (event.event !== 'room_finished') return true;
    const current = this.current.get(name);
    if (current !== undefined && current !== sid) return false;
    this.current.delete(name);
    return true;
  }
}
