/**
 * A SQLite transaction around an async function. better-sqlite3's `db.transaction` cannot span an await,
 * so BEGIN IMMEDIATE / COMMIT / ROLLBACK are run here, and a promise queue per connection runs one such
 * transaction at a time (a second BEGIN on the connection would fail).
 *
 * SQLite has one connection per process, so a write made on it while `fn` awaits would join the open
 * transaction, and its rollback would undo a write whose caller was already told it succeeded. So every
 * store call goes through {@link waitingForTransactions}: a call made inside the transaction (known by
 * AsyncLocalStorage, as the PostgreSQL store knows its own) runs at once; any other waits for it to end.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

/** One transaction's time on the connection. */
interface Turn {
  ended: Promise<void>;
}

/** A connection's transactions: the queue of those waiting, and the one open now. */
interface Connection {
  queue: Promise<unknown>;
  open: Turn | undefined;
}

const connections = new WeakMap<Database.Database, Connection>();
/** The transaction a call is made in (carried along the async calls its function makes). */
const inside = new AsyncLocalStorage<Turn>();

function connection(db: Database.Database): Connection {
  let found = connections.get(db);
  if (!found) {
    found = { queue: Promise.resolve(), open: undefined };
    connections.set(db, found);
  }
  return found;
}

/**
 * Runs `fn` as one immediate transaction (the write lock is taken first, so another process's transaction
 * waits instead of failing on a stale snapshot). `relaxed`: committed without its own disk flush, as
 * without-flush.ts explains. Not to be called from inside `fn` (it would wait for itself).
 */
export function asyncTransaction<T>(db: Database.Database, fn: () => Promise<T>, relaxed = false): Promise<T> {
  const c = connection(db);
  const run = c.queue.then(() => runAlone(db, c, fn, relaxed));
  // The next transaction waits for this one to end, however it ends.
  c.queue = run.catch(() => undefined);
  return run;
}

async function runAlone<T>(db: Database.Database, c: Connection, fn: () => Promise<T>, relaxed: boolean): Promise<T> {
  let end!: () => void;
  const turn: Turn = { ended: new Promise((resolve) => (end = resolve)) };
  c.open = turn;
  if (relaxed) db.pragma('synchronous = NORMAL');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await inside.run(turn, fn);
      db.exec('COMMIT');
      return result;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw err;
    }
  } finally {
    if (relaxed) db.pragma('synchronous = FULL');
    c.open = undefined;
    // The calls that waited run now, before the next transaction in the queue begins (it starts a few
    // promise steps later), so a stream of transactions does not hold them back.
    end();
  }
}

/** Runs `call` at once when no transaction is open on `c` or the call is part of it; else once it has ended. */
function whenFree<T>(c: Connection, call: () => Promise<T>): Promise<T> {
  const open = c.open;
  if (open === undefined || inside.getStore() === open) return call();
  return open.ended.then(() => whenFree(c, call));
}

/**
 * `store` with every method (its sub-stores' too) going through the transaction open on `db`, if any:
 * run at once when made inside it or when none is open, else once it has ended. Each method of the SQLite
 * stores is one synchronous step, so it runs whole on one side of a transaction.
 */
export function waitingForTransactions<S extends object>(db: Database.Database, store: S): S {
  const c = connection(db);
  const gate = (target: object): Record<string, unknown> =>
    Object.fromEntries(Object.entries(target).map(([name, value]: [string, unknown]) => {
      if (typeof value === 'function') {
        return [name, (...args: unknown[]) => whenFree(c, () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args))];
      }
      return [name, typeof value === 'object' && value !== null ? gate(value) : value];
    }));
  return gate(store) as S;
}
