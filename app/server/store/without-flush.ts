/**
 * A write committed without its own disk flush (SQLite `synchronous = NORMAL` in WAL mode), for records
 * written on every join, webhook or delivery: a synced commit blocks the event loop for the disk's flush
 * (1-190 ms measured on a busy machine, issue 13). Such a commit survives a crash of the process and reaches
 * the disk with the next synced commit or checkpoint; only a power cut can lose it. Everything else keeps
 * the store's `synchronous = FULL`.
 */
import type Database from 'better-sqlite3';

/**
 * Runs `write` as one transaction committed without its own flush, then puts full syncing back. Inside a
 * transaction already open (an async one, sqlite-async-transaction.ts) it joins it: SQLite refuses to
 * change the sync level mid-transaction, and that transaction's commit decides the flush anyway.
 */
export function withoutFlush<T>(db: Database.Database, write: () => T): T {
  if (db.inTransaction) return db.transaction(write)();
  db.pragma('synchronous = NORMAL');
  try {
    return db.transaction(write)();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
