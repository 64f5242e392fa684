/**
 * The PostgreSQL connection every part of the store shares: a pool, and transactions that the calls
 * made inside them join. A transaction holds one pooled connection for its whole function; which one is
 * kept in AsyncLocalStorage, so a sub-store called from inside `transaction(fn)` (the meetings record
 * applying a LiveKit event, say) runs on that connection without being handed it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/** A value bound to a `$n` placeholder. JSON columns take `JSON.stringify`'d text (pg would send an array as a PostgreSQL array). */
export type SqlValue = string | number | boolean | null | Buffer | readonly string[];

export interface PgDb {
  /** The rows of one statement, on the current transaction's connection when there is one. */
  rows<R>(sql: string, values?: readonly SqlValue[]): Promise<R[]>;
  /** The first row of one statement, or null. */
  row<R>(sql: string, values?: readonly SqlValue[]): Promise<R | null>;
  /** How many rows one statement changed. */
  run(sql: string, values?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs `fn` as one transaction: committed when it resolves, rolled back when it throws. Inside another
   * transaction it is a savepoint of that one, so a nested failure undoes only its own part (nested ones
   * started at once take turns, and the enclosing one's other calls wait for the one going on).
   */
  transaction<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Whether this call is made inside a transaction going on. */
  inTransaction(): boolean;
  end(): Promise<void>;
}

type Query = (sql: string, values?: readonly SqlValue[]) => Promise<pg.QueryResult>;

/** A transaction: its connection's queries, whether it is still going on, and how many savepoints it made. */
interface Transaction {
  query: Query;
  open: boolean;
  savepoints: number;
}

/** The transaction, or a savepoint in it, that calls are made in. */
interface Scope {
  transaction: Transaction;
  /** The scope it is nested in (none for the transaction itself). */
  parent: Scope | undefined;
  /** A savepoint's: false once released or rolled back, and calls still carrying it go to its parent. */
  open: boolean;
  /** Ends with the savepoint nested in this scope that is going on now, if any. */
  nested: Promise<void> | undefined;
  /** Its nested savepoints, one after the other. */
  turns: Promise<unknown>;
}

const scopeOf = (transaction: Transaction, parent?: Scope): Scope =>
  ({ transaction, parent, open: true, nested: undefined, turns: Promise.resolve() });

/**
 * A connection's queries one after the other: calls a transaction makes at once (a `Promise.all` inside
 * it) wait their turn, as pg wants (it deprecates overlapping queries on one client).
 */
function inTurn(client: pg.PoolClient): Query {
  let last: Promise<unknown> = Promise.resolve();
  return (sql, values = []) => {
    const result = last.then(() => client.query(sql, values as unknown[]));
    last = result.catch(() => {});
    return result;
  };
}

export function pgDb(pool: pg.Pool): PgDb {
  const current = new AsyncLocalStorage<Scope>();
  /**
   * The scope a call is made in. Work a transaction started without awaiting it (a timer, a delivery)
   * carries its scope along, and may run after it ended: that goes to the enclosing scope, or the pool.
   */
  const going = () => {
    let scope = current.getStore();
    while (scope && !scope.open) scope = scope.parent;
    return scope?.transaction.open ? scope : undefined;
  };
  /**
   * While a savepoint is going on, the other calls of the scope it is nested in wait for its end: made
   * inside it, a rollback to it would undo them though their callers were told they succeeded.
   */
  const query: Query = (sql, values = []) => {
    const scope = going();
    if (!scope) return pool.query(sql, values as unknown[]);
    if (scope.nested) return scope.nested.then(() => query(sql, values));
    return scope.transaction.query(sql, values);
  };

  /**
   * `fn` as a savepoint of `outer`. Savepoints are a stack (a rollback to one undoes those made after
   * it), so the ones nested in one scope take turns; each has a name of its own in the transaction.
   */
  function nested<T>(outer: Scope, fn: () => Promise<T> | T): Promise<T> {
    const run = outer.turns.then(() => savepoint(outer, fn));
    outer.turns = run.catch(() => {});
    return run;
  }

  async function savepoint<T>(outer: Scope, fn: () => Promise<T> | T): Promise<T> {
    const { transaction } = outer;
    const scope = scopeOf(transaction, outer);
    const name = `foyer_${++transaction.savepoints}`;
    let end!: () => void;
    outer.nested = new Promise((resolve) => (end = resolve));
    try {
      await transaction.query(`SAVEPOINT ${name}`);
      try {
        const result = await current.run(scope, fn);
        await transaction.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await transaction.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    } finally {
      scope.open = false;
      outer.nested = undefined;
      end();
    }
  }

  return {
    async rows<R>(sql: string, values?: readonly SqlValue[]) {
      return (await query(sql, values)).rows as R[];
    },
    async row<R>(sql: string, values?: readonly SqlValue[]) {
      return ((await query(sql, values)).rows[0] as R | undefined) ?? null;
    },
    async run(sql, values) {
      return (await query(sql, values)).rowCount ?? 0;
    },
    async transaction(fn) {
      const outer = going();
      if (outer) return nested(outer, fn);
      const client = await pool.connect();
      const transaction: Transaction = { query: inTurn(client), open: true, savepoints: 0 };
      const scope = scopeOf(transaction);
      const inTransaction = transaction.query;
      let broken = false;
      try {
        await inTransaction('BEGIN');
        const result = await current.run(scope, fn);
        await inTransaction('COMMIT');
        return result;
      } catch (err) {
        // A connection that cannot even roll back is not given back to the pool for reuse.
        await inTransaction('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      } finally {
        transaction.open = false;
        client.release(broken);
      }
    },
    inTransaction: () => going() !== undefined,
    end: () => pool.end(),
  };
}
