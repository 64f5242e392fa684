/** A tiny typed event emitter (Daily-style `on`/`off`), for the call session and the lobby clients. */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(e: never) => void>>();

  on<K extends keyof Events>(type: K, fn: (e: Events[K]) => void): this {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn as (e: never) => void);
    return this;
  }

  off<K extends keyof Events>(type: K, fn: (e: Events[K]) => void): this {
    this.listeners.get(type)?.delete(fn as (e: never) => void);
    return this;
  }

  protected emit<K extends keyof Events>(type: K, event: Events[K]): void {
    for (const fn of this.listeners.get(type) ?? []) (fn as (e: Events[K]) => void)(event);
  }
}
