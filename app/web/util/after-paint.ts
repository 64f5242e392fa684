/**
 * Runs `work` once the browser has painted the next frame: background work (the call chunk's download,
 * parse and run) then never delays the screen that was just rendered.
 */
export function afterPaint(work: () => void): void {
  requestAnimationFrame(() => setTimeout(work, 0));
}
