/** Rate limits for the lobby channel: sliding windows with the clock passed in. */

/** Drops the times that left the window, then records `now` if fewer than `max` remain. Says whether it was recorded. */
function takeFromWindow(times: number[], now: number, max: number, windowSeconds: number): boolean {
  const recent = times.filter((t) => now - t < windowSeconds);
  times.splice(0, times.length, ...recent);
  if (times.length >= max) return false;
  times.push(now);
  return true;
}

/** Knocks per client (by address) in a sliding window. */
export class KnockRateLimiter {
  private readonly knocks = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowSeconds: number) {}

  /** Records a knock and says whether it is allowed. */
  allow(client: string, now: number): boolean {
    const times = this.knocks.get(client) ?? [];
    this.knocks.set(client, times);
    return takeFromWindow(times, now, this.max, this.windowSeconds);
  }

  /** Forgets clients with no knock in the window (called periodically, bounds memory). */
  prune(now: number): void {
    for (const [client, times] of this.knocks) {
      if (times.every((t) => now - t >= this.windowSeconds)) this.knocks.delete(client);
    }
  }
}

/**
 * Messages per connection (an owner's or a guest's lobby channel) in a sliding window. Keyed weakly by
 * the connection object, so a closed connection's count goes with it.
 */
export class ConnectionRateLimiter<Connection extends object> {
  private readonly sent = new WeakMap<Connection, number[]>();

  constructor(readonly max: number, readonly windowSeconds: number) {}

  /** Records a message and says whether it is allowed. */
  allow(connection: Connection, now: number): boolean {
    const times = this.sent.get(connection) ?? [];
    this.sent.set(connection, times);
    return takeFromWindow(times, now, this.max, this.windowSeconds);
  }
}
