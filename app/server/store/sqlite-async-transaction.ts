/**
 * A SQLite transaction around an async function. better-sqlite3's `db.transaction` cannot span an await,
 * so BEGIN IMMEDIATE / COMMIT / ROLLBACK are run here, and a promise queue per connection runs one such
 * transaction at a time (a second BEGIN on the connection would fail).
 *
 * SQLite has one connection per process: other writes made on it while `fn` awaits join this transaction,
 * and a rollback drops them too. Keep `fn`s short, awaiting only the store.
 */
import type Database from 'better-sqlite3';

const queues = new WeakMap<Database.Database, Promise<unknown>>();

/**
 * Runs `fn` as one immediate transaction (the write lock is taken first, so another process's transaction
 * waits instead of failing on a stale snapshot). `relaxed`: committed without its own disk flush, as
 * without-flush.ts explains.
 */
export function asyncTransaction<T>(db: Database.Database, fn: () => Promise<T>, relaxed = false): Promise<T> {
  const before = queues.get(db) ?? Promise.resolve();
  const run = before.then(() => runAlone(db, fn, relaxed));
  // The next transaction waits for this one to end, however it ends.
  queues.set(db, run.catch(() => undefined));
  return run;
}

async function runAlone<T>(db: Database.Database, fn: () => Promise<T>, relaxed: boolean): Promise<T> {
  if (relaxed) db.pragma('synchronous = NORMAL');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      db.exec('COMMIT');
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    if (relaxed) db.pragma('synchronous = FULL');
  }
}
