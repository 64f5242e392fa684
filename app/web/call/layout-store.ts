/** What the person chose about the layout: a pinned source and the grid page. */
import { create } from 'zustand';

interface LayoutState {
  /** Track key shown large; undefined: a screen share if any, else the grid. */
  pinned?: string;
  page: number;
  pin(key: string | undefined): void;
  setPage(page: number): void;
  reset(): void;
}

export const useLayoutStore = create<LayoutState>((set) => ({
  page: 0,
  pin: (pinned) => set({ pinned }),
  setPage: (page) => set({ page: Math.max(0, page) }),
  reset: () => set({ pinned: undefined, page: 0 }),
}));
