/**
 * Owner powers over the client API (`/api`). The caller proves who they are with the participant
 * session handed out at join (in the body, never the URL); the server checks it against the room,
 * the caller's owner right and their presence in the call before asking LiveKit to act.
 */

/** `POST /api/rooms/:name/participants/:identity`: act on one participant of the call (Daily's `updateParticipant`). */
export interface UpdateParticipantRequest {
  session: string;
  /** `false` mutes their microphone (a host can mute, never unmute: the person unmutes themselves). */
  setAudio?: false;
  /** `false` stops their camera. */
  setVideo?: false;
  /** Also stops their screen share. */
  setScreenShare?: false;
  /** Removes them from the call; they see "You were removed from the call". */
  eject?: true;
  /** With `eject`: they cannot come back for the rest of this meeting. */
  ban?: boolean;
  /** Makes them an owner for the rest of the meeting (they can then admit, mute and remove). */
  makeOwner?: true;
}

/** `POST /api/rooms/:name/broadcast`: owner-only broadcast on or off for this room, live. */
export interface BroadcastModeRequest {
  session: string;
  ownerOnly: boolean;
}

export interface BroadcastModeResponse {
  ownerOnlyBroadcast: boolean;
}

/** `POST /api/rooms/:name/end`: ends the call for everyone (the room stays). */
export interface EndCallRequest {
  session: string;
}

export interface OwnerActionResponse {
  ok: true;
}

export const participantPath = (room: string, identity: string) =>
  `/api/rooms/${encodeURIComponent(room)}/participants/${encodeURIComponent(identity)}`;
export const broadcastPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}/broadcast`;
export const endCallPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}/end`;
