/**
 * One page of a listing newest first, with the cursors rooms and meetings share: `startingAfter` pages on
 * to older rows, `endingBefore` gives the rows just newer than it (still newest first). Cursors are ids;
 * the order is insertion order (`seq`). A cursor naming no row makes the comparison NULL: an empty page.
 */
import type { PgDb, SqlValue } from './db.ts';

export interface PageQuery {
  /** A table with `seq` (insertion order) and `id` (the cursor) columns. */
  table: 'rooms' | 'meeting_records';
  columns: string;
  /** The listing's filters, with their values as `$1…`. */
  where: string;
  values: readonly SqlValue[];
  limit: number;
  startingAfter?: string;
  /** `null`: the oldest rows (there is nothing older to end before). */
  endingBefore?: string | null;
}

export async function newestFirst<R>(db: PgDb, q: PageQuery): Promise<R[]> {
  const next = (n: number) => `$${q.values.length + n}`;
  const seqOf = (placeholder: string) => `(SELECT seq FROM ${q.table} WHERE id = ${placeholder})`;
  if (q.endingBefore !== undefined) {
    const after = q.endingBefore === null ? '' : `AND seq > ${seqOf(next(2))}`;
    return db.rows<R>(
      `SELECT ${q.columns} FROM (SELECT ${q.columns}, seq FROM ${q.table} WHERE ${q.where} ${after} ORDER BY seq ASC LIMIT ${next(1)}) AS page
       ORDER BY seq DESC`,
      [...q.values, q.limit, ...(q.endingBefore === null ? [] : [q.endingBefore])],
    );
  }
  const before = q.startingAfter === undefined ? '' : `AND seq < ${seqOf(next(2))}`;
  return db.rows<R>(
    `SELECT ${q.columns} FROM ${q.table} WHERE ${q.where} ${before} ORDER BY seq DESC LIMIT ${next(1)}`,
    [...q.values, q.limit, ...(q.startingAfter === undefined ? [] : [q.startingAfter])],
  );
}
