/**
 * In-page timestamps for the knocking figures the suite prints (never asserts): when a button was
 * clicked, when an element first appeared, when the first remote video frame was decoded.
 * Both pages run on this machine's clock, so their Date.now() values compare directly.
 */
import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __foyerMarks?: Record<string, number>;
  }
}

/** Records Date.now() under `mark` the first time the element matching `selector` is clicked. */
export async function markClick(page: Page, selector: string, mark: string) {
  await page.evaluate(
    ([sel, name]) => {
      window.__foyerMarks ??= {};
      document.addEventListener(
        'click',
        (e) => {
          if ((e.target as Element).closest(sel!) && !window.__foyerMarks![name!]) window.__foyerMarks![name!] = Date.now();
        },
        { capture: true },
      );
    },
    [selector, mark],
  );
}

/** Records Date.now() under `mark` when an element matching `selector` first appears. */
export async function markAppearance(page: Page, selector: string, mark: string) {
  await page.evaluate(
    ([sel, name]) => {
      window.__foyerMarks ??= {};
      const check = () => {
        if (!window.__foyerMarks![name!] && document.querySelector(sel!)) window.__foyerMarks![name!] = Date.now();
      };
      new MutationObserver(check).observe(document.body, { childList: true, subtree: true });
      check();
    },
    [selector, mark],
  );
}

/** Records Date.now() under `mark` when the first frame of any remote video is decoded. */
export async function markFirstRemoteFrame(page: Page, mark: string) {
  await page.evaluate((name) => {
    window.__foyerMarks ??= {};
    const watched = new WeakSet<HTMLVideoElement>();
    const watch = () => {
      for (const v of document.querySelectorAll<HTMLVideoElement>('video[data-remote="true"]')) {
        if (watched.has(v)) continue;
        watched.add(v);
        v.requestVideoFrameCallback(() => {
          window.__foyerMarks![name] ??= Date.now();
        });
      }
    };
    new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
    watch();
  }, mark);
}

export const readMark = (page: Page, mark: string) => page.evaluate((name) => window.__foyerMarks?.[name], mark);
