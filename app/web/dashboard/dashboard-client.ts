/**
 * Calls to the team dashboard's API (`/api/team/dashboard`, app/shared/dashboard-api.ts). Like the team's
 * client: the session is the HttpOnly cookie the browser sends itself; every state-changing call is a JSON
 * request from this origin (the server's CSRF guard wants both). A failure is a `DashboardApiError` that keeps
 * the server's `{error, info}`: the page says what happened from `error` and shows `info` as the detail.
 */
import {
  DASHBOARD_API,
  type CreateRoomRequest,
  type DashboardRoomResponse,
  type DashboardRooms,
  type DashboardTeam,
  type DeletedResponse,
  type InviteResponse,
  type RoomLinkResponse,
  type UpdateRoomRequest,
} from '../../shared/dashboard-api.ts';

/** A dashboard call that failed: `status` 0 when nothing answered; `error` is Daily's type; `info` the server's words. */
export class DashboardApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly info: string,
  ) {
    super(`${status} ${error}: ${info}`);
    this.name = 'DashboardApiError';
  }
}

type Method = 'GET' | 'POST' | 'DELETE';

async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit =
    method === 'GET'
      ? { credentials: 'same-origin' }
      : // A DELETE carries `{}` too: the CSRF guard takes only JSON for every state-changing method.
        { method, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) };
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (err) {
    throw new DashboardApiError(0, 'network-error', err instanceof Error ? err.message : 'fetch failed');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = json as { error?: unknown; info?: unknown } | null;
    const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    // A proxy's HTML error page or an empty body still becomes a typed error, by its status.
    throw new DashboardApiError(res.status, text(e?.error) ?? 'http-error', text(e?.info) ?? `HTTP ${res.status}`);
  }
  return json as T;
}

/** The dashboard API, one function per route. */
export const dashboardApi = {
  team: () => call<DashboardTeam>('GET', DASHBOARD_API.team),
  rooms: () => call<DashboardRooms>('GET', DASHBOARD_API.rooms),
  createRoom: (req: CreateRoomRequest) => call<DashboardRoomResponse>('POST', DASHBOARD_API.rooms, req),
  updateRoom: (name: string, req: UpdateRoomRequest) => call<DashboardRoomResponse>('POST', DASHBOARD_API.room(name), req),
  deleteRoom: (name: string) => call<DeletedResponse>('DELETE', DASHBOARD_API.room(name)),
  roomLink: (name: string, owner: boolean) => call<RoomLinkResponse>('POST', DASHBOARD_API.roomLink(name), { owner }),
  removeMember: (email: string) => call<DeletedResponse>('DELETE', DASHBOARD_API.member(email)),
  rotateInvite: () => call<InviteResponse>('POST', DASHBOARD_API.rotateInvite, {}),
};

/** The dashboard API's shape, so tests can hand the store a fake. */
export type DashboardApi = typeof dashboardApi;
