/** The SQLite transaction around an async function: one at a time, relaxed sync put back, nested relaxed writes join it. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { asyncTransaction } from './sqlite-async-transaction.ts';
import { withoutFlush } from './without-flush.ts';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  db.exec('CREATE TABLE t (v TEXT)');
  db.pragma('synchronous = FULL');
});
afterEach(() => db.close());

const values = () => db.prepare<[], { v: string }>('SELECT v FROM t ORDER BY rowid').all().map((r) => r.v);
const insert = (v: string) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);
const syncLevel = () => db.pragma('synchronous', { simple: true });

it('commits relaxed, then puts full syncing back, whether the function succeeds or fails', async () => {
  const during: unknown[] = [];
  await asyncTransaction(db, async () => {
    during.push(syncLevel());
    insert('a');
  }, true);
  await expect(asyncTransaction(db, async () => {
    insert('b');
    throw new Error('no');
  }, true)).rejects.toThrow('no');
  expect(during).toEqual([1]); // NORMAL
  expect(syncLevel()).toBe(2); // FULL
  expect(values()).toEqual(['a']);
});

it('runs transactions started together one after the other, in the order asked', async () => {
  const order: string[] = [];
  const slow = asyncTransaction(db, async () => {
    order.push('first begins');
    await new Promise((resolve) => setImmediate(resolve));
    insert('first');
    order.push('first ends');
  });
  const fast = asyncTransaction(db, async () => {
    order.push('second begins');
    insert('second');
  });
  await Promise.all([slow, fast]);
  expect(order).toEqual(['first begins', 'first ends', 'second begins']);
  expect(values()).toEqual(['first', 'second']);
});

it('a relaxed write made inside it joins it (SQLite refuses a sync level change mid-transaction)', async () => {
  await expect(asyncTransaction(db, async () => {
    withoutFlush(db, () => insert('joined'));
    throw new Error('rolled back');
  })).rejects.toThrow('rolled back');
  expect(values()).toEqual([]);
  withoutFlush(db, () => insert('alone'));
  expect(values()).toEqual(['alone']);
  expect(syncLevel()).toBe(2);
});
