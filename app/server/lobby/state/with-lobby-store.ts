/** A store whose lobby records live elsewhere (Redis, shared by several control planes). */
import type { LobbyStore } from '../../store/lobby-store.ts';
import type { Store } from '../../store/store.ts';

/**
 * `store`, with `lobby` answered by `lobby`: everything that reads the lobby through the store (the
 * dashboard's room view, say) sees the shared waiting list. Methods stay bound to the real store.
 */
export function withLobbyStore(store: Store, lobby: LobbyStore): Store {
  return new Proxy(store, {
    get(target, key) {
      if (key === 'lobby') return lobby;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
