/**
 * The dashboard page's store in React: made once per page, loaded at once, then refreshed every
 * `REFRESH_MS` while the page is visible (who is in a call, who is knocking).
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { dashboardApi, type DashboardApi } from './dashboard-client.ts';
import { createDashboardStore, type DashboardActions, type DashboardState } from './dashboard-store.ts';
import { pollWhileVisible } from './poll-while-visible.ts';

/** How often the rooms are asked for while the page is visible. */
export const REFRESH_MS = 5_000;

/** The dashboard's state and actions; the components render it and decide nothing. */
export function useDashboard(api: DashboardApi = dashboardApi): DashboardState & DashboardActions {
  const [store] = useState(() => createDashboardStore(api));
  useEffect(() => {
    void store.getState().refresh();
    return pollWhileVisible(() => void store.getState().refresh(), REFRESH_MS);
  }, [store]);
  return useStore(store);
}
