/**
 * The shared store contract (contract/), run against the SQLite store: a fresh in-memory database per
 * test. A PostgreSQL store runs the same definers with its own `makeStore`.
 */
import { describe } from 'vitest';
import { describeStoreContract } from './contract/index.ts';
import { openSqliteStore } from './sqlite-store.ts';

describe('the SQLite store', () => {
  describeStoreContract(() => openSqliteStore(':memory:'));
});
