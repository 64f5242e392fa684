/** Guards for the lobby channel: which browser origins may open it, and how many sockets a client and everyone may hold. */

export interface LobbyChannelLimits {
  /** Origins (scheme://host[:port]) whose pages may open the channel; requests without Origin are not from a browser. */
  allowedOrigins: string[];
  /** Lobby sockets one client (address) may hold open at once. */
  perClient: number;
  /** Lobby sockets open at once, everyone together. */
  total: number;
  /** A socket that sends nothing for this long is closed. */
  firstMessageSeconds: number;
}

/**
 * Browsers always send Origin on a WebSocket handshake, so a page elsewhere cannot hide it; a client
 * without one is not a browser acting for a visitor, and the lobby's own limits apply to it.
 */
export function originAllowed(origin: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  return allowed.includes(origin.toLowerCase());
}

/**
 * The origins allowed to open the channel: Foyer's public URL, plus any frame ancestors that name an
 * origin (an embedding page that may one day talk to the lobby itself). Wildcards and keywords
 * (`*`, `'self'`, `https:`) allow nothing more: they are not origins.
 */
export function lobbyOrigins(publicUrl: string, frameAncestors: readonly string[], extra: readonly string[] = []): string[] {
  const own = new URL(publicUrl);
  const origins = new Set([own.origin.toLowerCase()]);
  // On a local machine the same server answers as 127.0.0.1, localhost and [::1]: a newcomer may type any.
  if (['127.0.0.1', 'localhost', '[::1]'].includes(own.hostname)) {
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) origins.add(`${own.protocol}//${host}${own.port ? `:${own.port}` : ''}`);
  }
  for (const source of [...frameAncestors, ...extra]) {
    if (!/^https?:\/\/[^*\s/]+$/i.test(source.replace(/\/$/, ''))) continue;
    try {
      origins.add(new URL(source).origin.toLowerCase());
    } catch {
      // not an origin
    }
  }
  return [...origins];
}

/** Counts open sockets per client and in total; `open` refuses over either cap. */
export class ConnectionCounter {
  private readonly perClient = new Map<string, number>();
  private total = 0;

  constructor(private readonly limits: Pick<LobbyChannelLimits, 'perClient' | 'total'>) {}

  open(client: string): { ok: true; release(): void } | { ok: false; info: string } {
    if (this.total >= this.limits.total) return { ok: false, info: 'the server has too many people connecting right now; try again in a minute' };
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.perClient) {
      return { ok: false, info: `too many lobby connections from your address (at most ${this.limits.perClient}); close other tabs and try again` };
    }
    this.perClient.set(client, mine + 1);
    this.total++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        const left = (this.perClient.get(client) ?? 1) - 1;
        if (left > 0) this.perClient.set(client, left);
        else this.perClient.delete(client);
      },
    };
  }

  /** Open sockets of one client, or of everyone. */
  count(client?: string): number {
    return client === undefined ? this.total : (this.perClient.get(client) ?? 0);
  }
}
