/**
 * A store seen as the async interface issue 17 brings: every method of the store and of its sub-stores
 * answers with a promise (a throw becomes a rejection). Running the contract through it proves the
 * suite awaits every call, so it runs unchanged against a store that really is asynchronous (PostgreSQL).
 */
import type { Store } from '../store.ts';

/** `target`, with each method's result (or throw) turned into a promise; object properties viewed the same way. */
function promised<T extends object>(target: T): T {
  return new Proxy(target, {
    get(obj, key, receiver) {
      const value: unknown = Reflect.get(obj, key, receiver);
      if (typeof value === 'function') {
        return (...args: unknown[]) => {
          try {
            // Called on the real object, so an implementation's `this` stays its own.
            return Promise.resolve(value.apply(obj, args));
          } catch (err) {
            return Promise.reject(err);
          }
        };
      }
      return value !== null && typeof value === 'object' ? promised(value) : value;
    },
  });
}

/**
 * The async view of `store`. Typed as `Store` by a cast only because `Store` is still synchronous; once
 * it is async the cast goes, and so may this view.
 */
export function asyncView(store: Store): Store {
  return promised(store);
}
