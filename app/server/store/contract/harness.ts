/**
 * What every contract suite shares: how it gets a fresh store per test and gives it back. The suites
 * see only the `Store` interface (async), so a PostgreSQL store (issue 17) runs them unchanged.
 */
import { afterEach, beforeEach } from 'vitest';
import type { Room, Store } from '../store.ts';

/** Opens an empty store (fresh per test: no rule may depend on what an earlier test left). */
export type MakeStore = () => Promise<Store> | Store;
/** Gives a store back; by default `store.close()`. A shared database would also empty itself here. */
export type CloseStore = (store: Store) => Promise<void> | void;

/**
 * Registers a fresh store per test in the calling `describe`; the returned getter is the current one.
 * A getter, not a variable, because the store only exists once `beforeEach` has run.
 */
export function freshStore(makeStore: MakeStore, close?: CloseStore): () => Store {
  let store: Store | undefined;
  beforeEach(async () => {
    store = await makeStore();
  });
  afterEach(async () => {
    if (store) await (close ? close(store) : await store.close());
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('the store is only open inside a test');
    return store;
  };
}

/** 2025-01-01T00:00:00Z in unix seconds: tests use fixed times, never the clock. */
export const T = 1_735_689_600;

/** A room; every field can be overridden. Ids differ from names so a suite notices one used for the other. */
export function room(name: string, over: Partial<Room> = {}): Room {
  return { id: `id-${name}`, name, api_created: true, privacy: 'private', created_at: new Date(T * 1000).toISOString(), config: {}, ...over };
}
