/**
 * Pure layout arithmetic for the call grid: how many columns fit, how many tiles a page holds,
 * which tiles a page shows, and what goes large. Tested without a browser.
 */

export interface GridFit {
  columns: number;
  rows: number;
  tileWidth: number;
  tileHeight: number;
}

export interface GridOptions {
  gap?: number;
  /** Width over height of a tile. */
  aspect?: number;
}

const DEFAULT_GAP = 12;
const DEFAULT_ASPECT = 16 / 9;

/** The column count that gives `count` tiles the largest size inside `width` × `height`. */
export function fitGrid(count: number, width: number, height: number, opts: GridOptions = {}): GridFit {
  const gap = opts.gap ?? DEFAULT_GAP;
  const aspect = opts.aspect ?? DEFAULT_ASPECT;
  const n = Math.max(1, count);
  let best: GridFit = { columns: 1, rows: n, tileWidth: 0, tileHeight: 0 };
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    const byWidth = (width - gap * (columns - 1)) / columns;
    const byHeight = ((height - gap * (rows - 1)) / rows) * aspect;
    const tileWidth = Math.max(0, Math.min(byWidth, byHeight));
    if (tileWidth > best.tileWidth) best = { columns, rows, tileWidth, tileHeight: tileWidth / aspect };
  }
  return best;
}

/** Smallest useful tile: a face and a name still read. Narrow screens accept smaller tiles. */
export const minTileWidth = (width: number) => (width < 600 ? 140 : 200);

/** Most tiles one page holds at `width` × `height` without going under the minimum tile width (at least 1). */
export function pageCapacity(width: number, height: number, opts: GridOptions & { max?: number } = {}): number {
  const max = opts.max ?? 25;
  const min = minTileWidth(width);
  let capacity = 1;
  for (let n = 2; n <= max; n++) {
    if (fitGrid(n, width, height, opts).tileWidth >= min) capacity = n;
  }
  return capacity;
}

export interface Page {
  keys: string[];
  page: number;
  pageCount: number;
}

/**
 * The tiles of one page. On the first page, someone speaking who would be on a later page takes the
 * place of the last quiet tile, so the person talking is seen without paging.
 */
export function pageOf(keys: string[], capacity: number, page: number, speaking: ReadonlySet<string> = new Set()): Page {
  const size = Math.max(1, capacity);
  const pageCount = Math.max(1, Math.ceil(keys.length / size));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  let ordered = keys;
  if (current === 0 && keys.length > size) {
    ordered = [...keys];
    for (let i = size; i < ordered.length; i++) {
      if (!speaking.has(ordered[i]!)) continue;
      let swap = size - 1;
      while (swap >= 0 && speaking.has(ordered[swap]!)) swap--;
      if (swap < 0) break;
      [ordered[swap], ordered[i]] = [ordered[i]!, ordered[swap]!];
    }
  }
  return { keys: ordered.slice(current * size, current * size + size), page: current, pageCount };
}

/** What is shown large: the pinned source while it exists, else the newest screen share, else nothing (grid). */
export function focusKey(order: string[], screenKeys: string[], pinned: string | undefined): string | undefined {
  if (pinned && order.includes(pinned)) return pinned;
  return screenKeys.at(-1);
}
