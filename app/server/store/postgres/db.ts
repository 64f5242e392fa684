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
   * transaction it is a savepoint of that one, so a nested failure undoes only its own part.
   */
  transaction<T>(fn: () => Promise<T> | T): Promise<T>;
  /** Whether this call is made inside a transaction going on. */
  inTransaction(): boolean;
  end(): Promise<void>;
}

type Query = (sql: string, values?: readonly SqlValue[]) => Promise<pg.QueryResult>;

/** A transaction: its connection's queries, and whether it is still going on. */
interface Transaction {
  query: Query;
  open: boolean;
}

/** The transaction being run, and how deep its savepoints go. */
interface Current {
  transaction: Transaction;
  depth: number;
}

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
  const current = new AsyncLocalStorage<Current>();
  /**
   * The transaction a call is made in. Work a transaction started without awaiting it (a timer, a delivery)
   * carries its context along, and may run after it ended: that goes to the pool.
   */
  const going = () => {
    const inside = current.getStore();
    return inside?.transaction.open ? inside : undefined;
  };
  const query: Query = (sql, values = []) => {
    const inside = going();
    return inside ? inside.transaction.query(sql, values) : pool.query(sql, values as unknown[]);
  };

  async function nested<T>(outer: Current, fn: () => Promise<T> | T): Promise<T> {
    const { query: inTransaction } = outer.transaction;
    const name = `foyer_${outer.depth + 1}`;
    await inTransaction(`SAVEPOINT ${name}`);
    try {
      const result = await current.run({ transaction: outer.transaction, depth: outer.depth + 1 }, fn);
      await inTransaction(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (err) {
      await inTransaction(`ROLLBACK TO SAVEPOINT ${name}`);
      throw err;
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
      const transaction: Transaction = { query: inTurn(client), open: true };
      const inTransaction = transaction.query;
      let broken = false;
      try {
        await inTransaction('BEGIN');
        const result = await current.run({ transaction, depth: 0 }, fn);
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
