import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollWhileVisible, type VisibilitySource } from './poll-while-visible.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function fakeDocument() {
  const target = new EventTarget();
  const doc = {
    visibilityState: 'visible' as DocumentVisibilityState,
    addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
  };
  const show = (state: DocumentVisibilityState) => {
    doc.visibilityState = state;
    target.dispatchEvent(new Event('visibilitychange'));
  };
  return { doc: doc as unknown as VisibilitySource, show };
}

describe('pollWhileVisible', () => {
  it('refreshes every interval while visible, not while hidden, and at once when visible again', () => {
    const refresh = vi.fn();
    const { doc, show } = fakeDocument();
    const stop = pollWhileVisible(refresh, 5_000, doc);
    vi.advanceTimersByTime(10_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    show('hidden');
    vi.advanceTimersByTime(20_000);
    expect(refresh).toHaveBeenCalledTimes(2);
    show('visible');
    expect(refresh).toHaveBeenCalledTimes(3);
    stop();
    vi.advanceTimersByTime(20_000);
    show('visible');
    expect(refresh).toHaveBeenCalledTimes(3);
  });
});
