/**
 * Runs `refresh` every `intervalMs` while the page is visible, and at once when it becomes visible again:
 * a tab in the background asks the server nothing (the dashboard's list of who is in a call is a poll).
 */

/** What the poll needs of the document (a fake in tests). */
export type VisibilitySource = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

/** Starts polling; the returned function stops it. */
export function pollWhileVisible(refresh: () => void, intervalMs: number, doc: VisibilitySource = document): () => void {
  const tick = () => {
    if (doc.visibilityState === 'visible') refresh();
  };
  const timer = setInterval(tick, intervalMs);
  doc.addEventListener('visibilitychange', tick);
  return () => {
    clearInterval(timer);
    doc.removeEventListener('visibilitychange', tick);
  };
}
