/**
 * The team dashboard's API (`/api/team/dashboard`), between the `/dashboard` page and the control plane.
 * Only a signed-in member (the session cookie of app/shared/team-api.ts) gets an answer; anyone else gets
 * 401 `authentication-error`. Every state-changing request is a JSON request from Foyer's own origin
 * (the same CSRF guard as the rest of /api/team). Rooms are changed by the same server code as
 * `/v1/rooms`, so the same rules and the same `{error, info}` refusals apply.
 */
import type { MemberView } from './team-api.ts';

export type DashboardPrivacy = 'public' | 'private' | 'org';

export const DASHBOARD_API = {
  /** GET → DashboardTeam */
  team: '/api/team/dashboard/team',
  /** GET → DashboardRooms; POST CreateRoomRequest → DashboardRoomResponse */
  rooms: '/api/team/dashboard/rooms',
  /** POST UpdateRoomRequest → DashboardRoomResponse; DELETE → DeletedResponse */
  room: (name: string) => `/api/team/dashboard/rooms/${encodeURIComponent(name)}`,
  /** POST RoomLinkRequest → RoomLinkResponse */
  roomLink: (name: string) => `/api/team/dashboard/rooms/${encodeURIComponent(name)}/link`,
  /** DELETE (team owners only) → DeletedResponse */
  member: (email: string) => `/api/team/dashboard/members/${encodeURIComponent(email)}`,
  /** POST {} (team owners only) → InviteResponse: a new invite link; the old one stops working */
  rotateInvite: '/api/team/dashboard/invite/rotate',
} as const;

/** Someone in a room's call now, as the dashboard shows them. */
export interface InCallPerson {
  /** Their display name (null when they gave none). */
  name: string | null;
  owner: boolean;
  /** Unix seconds. */
  joinedAt: number;
}

/** Someone in a room's lobby now. */
export interface WaitingPerson {
  name: string;
  /** Unix seconds. */
  since: number;
}

export interface DashboardRoom {
  name: string;
  privacy: DashboardPrivacy;
  /** `enable_knocking` as it applies to the room. */
  knocking: boolean;
  /** The room's plain link (`<public url>/<name>`). */
  url: string;
  created_at: string;
  inCall: InCallPerson[];
  waiting: WaitingPerson[];
}

export interface DashboardRooms {
  /** The newest rooms first, at most 100. */
  rooms: DashboardRoom[];
  /** How many rooms the team has in all. */
  total: number;
}

export interface DashboardTeam {
  /** The team's name (the deployment's domain name). */
  name: string;
  /** Who is signed in. */
  me: MemberView;
  members: MemberView[];
  /** `<public url>/?tk=<code>`: anyone with it can sign up. */
  inviteLink: string;
}

export interface CreateRoomRequest {
  /** Omitted: a generated, unguessable name. */
  name?: string;
  privacy: DashboardPrivacy;
  knocking: boolean;
}

export interface UpdateRoomRequest {
  privacy?: DashboardPrivacy;
  knocking?: boolean;
}

export interface DashboardRoomResponse {
  room: DashboardRoom;
}

export interface RoomLinkRequest {
  /** An owner link (a meeting token with `is_owner`) or a guest link. */
  owner: boolean;
}

export interface RoomLinkResponse {
  /**
   * The link to hand out. An owner link always carries a fresh meeting token (`?t=`, `is_owner`, `exp`).
   * A guest link is the plain room link where that lets a guest in or knock (public, or knocking on);
   * otherwise it carries a guest meeting token with an `exp`.
   */
  url: string;
  /** Unix seconds when the link's token expires; null for a plain link. */
  expiresAt: number | null;
}

export interface DeletedResponse {
  deleted: true;
}

export interface InviteResponse {
  inviteLink: string;
}
