import { describe, expect, it } from 'vitest';
import { fitGrid, focusKey, pageCapacity, pageOf } from './layout.ts';

describe('fitGrid', () => {
  it('one person fills the space at 16:9', () => {
    const fit = fitGrid(1, 1600, 900, { gap: 0 });
    expect(fit).toMatchObject({ columns: 1, rows: 1, tileWidth: 1600, tileHeight: 900 });
  });

  it('two people side by side on a wide screen, stacked on a tall one', () => {
    expect(fitGrid(2, 1600, 600).columns).toBe(2);
    expect(fitGrid(2, 360, 640).columns).toBe(1);
  });

  it('picks the column count with the largest tiles', () => {
    for (const n of [3, 4, 5, 9, 16, 25]) {
      const best = fitGrid(n, 1280, 720);
      for (let c = 1; c <= n; c++) {
        const rows = Math.ceil(n / c);
        const w = Math.min((1280 - 12 * (c - 1)) / c, ((720 - 12 * (rows - 1)) / rows) * (16 / 9));
        expect(best.tileWidth).toBeGreaterThanOrEqual(w - 1e-9);
      }
    }
  });
});

describe('pageCapacity', () => {
  it('holds more tiles on a big screen than on a phone, never fewer than one', () => {
    const desktop = pageCapacity(1600, 800);
    const phone = pageCapacity(360, 560);
    expect(desktop).toBeGreaterThan(phone);
    expect(phone).toBeGreaterThanOrEqual(1);
    expect(pageCapacity(100, 50)).toBe(1);
  });

  it('never over the maximum', () => {
    expect(pageCapacity(10_000, 10_000)).toBe(25);
  });
});

describe('pageOf', () => {
  const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);

  it('cuts pages and clamps the page number', () => {
    expect(pageOf(keys, 4, 0)).toEqual({ keys: ['k0', 'k1', 'k2', 'k3'], page: 0, pageCount: 3 });
    expect(pageOf(keys, 4, 2).keys).toEqual(['k8', 'k9']);
    expect(pageOf(keys, 4, 7).page).toBe(2);
    expect(pageOf([], 4, 0)).toEqual({ keys: [], page: 0, pageCount: 1 });
  });

  it('brings someone speaking from a later page onto the first, in place of a quiet tile', () => {
    const page = pageOf(keys, 4, 0, new Set(['k7']));
    expect(page.keys).toEqual(['k0', 'k1', 'k2', 'k7']);
  });

  it('keeps speakers already on the first page where they are', () => {
    const page = pageOf(keys, 4, 0, new Set(['k3', 'k8']));
    expect(page.keys).toEqual(['k0', 'k1', 'k8', 'k3']);
  });

  it('leaves later pages in their order', () => {
    expect(pageOf(keys, 4, 1, new Set(['k9'])).keys).toEqual(['k4', 'k5', 'k6', 'k7']);
  });
});

describe('focusKey', () => {
  it('prefers the pinned source, then the newest screen share, else none', () => {
    const order = ['a:camera', 'b:camera', 'b:screen', 'c:screen'];
    expect(focusKey(order, ['b:screen', 'c:screen'], 'a:camera')).toBe('a:camera');
    expect(focusKey(order, ['b:screen', 'c:screen'], undefined)).toBe('c:screen');
    expect(focusKey(order, [], 'gone:camera')).toBeUndefined();
  });
});
