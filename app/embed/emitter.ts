/** daily-js's `on`/`once`/`off`, for a map of event names to event objects. */

type Handler = (event: never) => void;

export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, { handler: Handler; once: boolean }[]>();

  add<E extends keyof Events>(event: E, handler: (event: Events[E]) => void, once: boolean): void {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), { handler, once }]);
  }

  remove<E extends keyof Events>(event: E, handler: (event: Events[E]) => void): void {
    this.handlers.set(event, (this.handlers.get(event) ?? []).filter((h) => h.handler !== handler));
  }

  /**
   * Calls the handlers of `event`. A handler that throws does not keep the others from running: its
   * error is thrown again on its own, where the page's error reporting sees it.
   */
  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    const handlers = this.handlers.get(event) ?? [];
    if (handlers.some((h) => h.once)) this.handlers.set(event, handlers.filter((h) => !h.once));
    for (const { handler } of handlers) {
      try {
        (handler as (event: Events[E]) => void)(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.handlers.clear();
  }
}
