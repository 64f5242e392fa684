/** Shapes of the client API (`/api`) the SPA talks to. The server decides; the SPA only shows. */
import type { AccessError, AccessLevel } from './access.ts';

/** What the prejoin needs to know about a room. Never includes secrets or other people. */
export interface RoomSummary {
  name: string;
  privacy: 'public' | 'private' | 'org';
  knocking: boolean;
  prejoin: boolean;
  startVideoOff: boolean;
  startAudioOff: boolean;
  /** `enable_chat`: the call has a chat. */
  chat: boolean;
  /** `owner_only_broadcast`: only owners send audio, video or screen. */
  ownerOnlyBroadcast: boolean;
  /** UI language from the token's or the room's `lang` (token first); absent or `user`: the browser's. */
  lang?: string;
}

export interface PreauthRequest {
  token?: string;
}

export interface PreauthResponse {
  room: RoomSummary | null;
  access: { level: AccessLevel };
  error?: AccessError;
  /** Set when a meeting token was given and verified. */
  user: {
    name?: string;
    isOwner: boolean;
    /** In an `org` room: this browser is signed in as this team member, who enters as an owner. */
    member?: { name: string };
    /** Whether this person may send camera and mic once in (false for guests under owner-only broadcast): the prejoin opens no camera otherwise. */
    canPublish: boolean;
    /** Whether this person may share their screen (`enable_screenshare`, token first, and `canPublish`). */
    canScreenShare: boolean;
  };
  /** When the token was refused, the level a guest without it would get, so the screen can offer "continue as a guest". */
  guestLevel?: AccessLevel;
  /** At level `full` or `lobby`: where LiveKit is, so the client can warm the connection while the prejoin shows. */
  livekitUrl?: string;
}

export interface JoinRequest {
  token?: string;
  name: string;
  /** From the lobby, once an owner let this guest in: single-use. */
  admission?: string;
  /**
   * The session of a participant whose connection to the call was lost: back in as the same
   * participant, without knocking again, while the same meeting lasts (unless removed or banned).
   */
  rejoin?: string;
}

export interface JoinResponse {
  livekitUrl: string;
  livekitToken: string;
  identity: string;
  name: string;
  isOwner: boolean;
  /** Proof of this participant's place in the call, for the owner's lobby channel and owner actions. */
  session: string;
  /** `enable_chat` for this call. */
  chat: boolean;
  /** Permissions at join; live changes arrive from LiveKit (`ParticipantPermissionsChanged`). */
  canPublish: boolean;
  canScreenShare: boolean;
  /**
   * When the server will remove this participant (unix seconds, fixed when they first joined), or null.
   * The countdown banner and the end screen follow it.
   */
  willEjectAt: number | null;
  /** Why they will be removed then: the room's `exp`, the meeting token's `exp`, or `eject_after_elapsed`. */
  ejectReason: EjectReason | null;
  /** The server's clock (unix seconds) when it answered, so the countdown does not depend on the device's clock. */
  serverNow: number;
}

/** Why a participant is removed on schedule (see {@link JoinResponse.willEjectAt}). */
export type EjectReason = 'room-expired' | 'token-expired' | 'elapsed';

/** Error body of every `/api` and `/v1` failure (Daily's shape), with the access refusal when there is one. */
export interface ApiErrorBody {
  error: string;
  info: string;
  access?: AccessError;
}

/** LiveKit participant attribute that carries the owner flag. */
export const OWNER_ATTRIBUTE = 'foyer.owner';

/** LiveKit participant attribute that carries the meeting token's `user_id` (absent without one). */
export const USER_ID_ATTRIBUTE = 'foyer.user_id';

/**
 * What the server keeps in the call's LiveKit room metadata (participants cannot change it), so
 * every screen follows a setting changed mid-call by another owner or through REST.
 */
export interface CallRoomSettings {
  ownerOnlyBroadcast: boolean;
}

/** The settings in LiveKit room metadata; undefined when absent or not Foyer's. */
export function parseCallRoomSettings(metadata: string | undefined): CallRoomSettings | undefined {
  if (!metadata) return undefined;
  try {
    const value = JSON.parse(metadata) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as CallRoomSettings).ownerOnlyBroadcast === 'boolean') {
      return { ownerOnlyBroadcast: (value as CallRoomSettings).ownerOnlyBroadcast };
    }
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}
