/** Knocks per client (by address) in a sliding window, with the clock passed in. */
export class KnockRateLimiter {
  private readonly knocks = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowSeconds: number) {}

  /** Records a knock and says whether it is allowed. */
  allow(client: string, now: number): boolean {
    const recent = (this.knocks.get(client) ?? []).filter((t) => now - t < this.windowSeconds);
    if (recent.length >= this.max) {
      this.knocks.set(client, recent);
      return false;
    }
    recent.push(now);
    this.knocks.set(client, recent);
    return true;
  }

  /** Forgets clients with no knock in the window (called periodically, bounds memory). */
  prune(now: number): void {
    for (const [client, times] of this.knocks) {
      if (times.every((t) => now - t >= this.windowSeconds)) this.knocks.delete(client);
    }
  }
}
