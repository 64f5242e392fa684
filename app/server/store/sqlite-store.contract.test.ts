/**
 * The shared store contract (contract/), run against the SQLite store: a fresh in-memory database per
 * test. A PostgreSQL store runs the same definers with its own `makeStore`.
 */
import { describe } from 'vitest';
import { asyncView } from './contract/async-view.ts';
import { describeStoreContract } from './contract/index.ts';
import { openSqliteStore } from './sqlite-store.ts';

describe('the SQLite store', () => {
  describeStoreContract(() => openSqliteStore(':memory:'));
});

// The same suite with every answer a promise: a call the suite forgot to await fails here, not first
// against PostgreSQL.
describe('the SQLite store seen as async', () => {
  describeStoreContract(() => asyncView(openSqliteStore(':memory:')));
});
