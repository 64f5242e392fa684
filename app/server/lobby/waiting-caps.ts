/** How many may wait at once: the caps a knock is checked against. */

export interface WaitingCaps {
  /** People waiting in one room at once. */
  maxWaiting: number;
  /** Entries one client (address) may hold at once, across rooms. */
  maxWaitingPerClient: number;
}

/**
 * A store that checks the caps in one step with the add (shared state: knocks on several instances at
 * once) refuses an entry with this; the knock is answered as if the count had been full beforehand.
 */
export class WaitingCapReached extends Error {
  constructor(readonly error: 'lobby-full' | 'too-many-waiting') {
    super(`the waiting list is full (${error})`);
    this.name = 'WaitingCapReached';
  }
}
