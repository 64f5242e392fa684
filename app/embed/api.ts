/**
 * The public types of `/embed.js`: a call frame shaped like daily-js's (`DailyCall`), for the subset
 * Foyer implements. Self-contained (no imports) so it is also served as `/embed.d.ts`.
 * `app/embed/daily-compat.typecheck.ts` checks that these stay assignable to daily-js's own declarations.
 */

export type FoyerMeetingState = 'new' | 'loading' | 'loaded' | 'joining-meeting' | 'joined-meeting' | 'left-meeting' | 'error';

export type FoyerAccessLevel = { level: 'none' | 'lobby' | 'full' };
export type FoyerAccess = 'unknown' | FoyerAccessLevel;

export interface FoyerAccessState {
  access: FoyerAccess;
  /** Set while this person has asked to join and nobody has answered yet. */
  awaitingAccess?: { level: 'full' };
}

/** The error types of Daily's fatal `error` event that Foyer gives (the spec's access table). */
export type FoyerFatalErrorType =
  | 'ejected'
  | 'nbf-room'
  | 'nbf-token'
  | 'exp-room'
  | 'exp-token'
  | 'no-room'
  | 'meeting-full'
  | 'end-of-life'
  | 'not-allowed'
  | 'connection-error';

/** daily-js's types, for what Foyer can report: turning the local mic or camera on or off failed. */
export type FoyerNonFatalErrorType = 'input-settings-error' | 'screen-share-error';

export interface FoyerTrackState {
  subscribed: boolean;
  state: 'blocked' | 'off' | 'sendable' | 'loading' | 'interrupted' | 'playable';
  blocked?: { byDeviceMissing?: boolean; byDeviceInUse?: boolean; byPermissions?: boolean };
  off?: { byUser?: boolean; byRemoteRequest?: boolean; byCanSendPermission?: boolean };
}

/** A type, not an interface, so that it fits daily-js's tracks, which have an index signature (custom tracks). */
export type FoyerParticipantTracks = {
  audio: FoyerTrackState;
  video: FoyerTrackState;
  screenAudio: FoyerTrackState;
  screenVideo: FoyerTrackState;
};

export interface FoyerParticipantPermissions {
  hasPresence: boolean;
  canSend: boolean;
  canReceive: { base: boolean };
  /** Owners may admit, mute and remove people (`true`); everyone else `false`. */
  canAdmin: boolean;
}

/** One person in the call, as daily-js describes a participant. */
export interface FoyerParticipant {
  /** LiveKit's identity of this person in this meeting: the id `updateParticipant` takes. */
  session_id: string;
  /** The meeting token's `user_id`, else the session id. */
  user_id: string;
  user_name: string;
  local: boolean;
  owner: boolean;
  /** @deprecated as in daily-js: use `tracks.audio.state`. */
  audio: boolean;
  /** @deprecated as in daily-js: use `tracks.video.state`. */
  video: boolean;
  /** @deprecated as in daily-js: use `tracks.screenVideo.state`. */
  screen: boolean;
  tracks: FoyerParticipantTracks;
  joined_at?: Date;
  /** When the server will remove this person (Daily's `will_eject_at`); `new Date(0)` when never. */
  will_eject_at: Date;
  permissions: FoyerParticipantPermissions;
  record: boolean;
  /** Always empty: Foyer draws the video itself, inside the frame. */
  cam_info: Record<string, never>;
  screen_info: Record<string, never>;
}

export interface FoyerParticipants {
  local: FoyerParticipant;
  [sessionId: string]: FoyerParticipant;
}

export interface FoyerWaitingParticipant {
  id: string;
  name: string;
  awaitingAccess: { level: 'full' };
}

export interface FoyerJoinOptions {
  /** The room's address, `https://host/<room>`; optional when the frame was created with one. */
  url?: string;
  /** A meeting token: sent to the frame by message, never in its address. */
  token?: string;
  userName?: string;
  startVideoOff?: boolean;
  startAudioOff?: boolean;
}

export interface FoyerFrameOptions extends FoyerJoinOptions {
  /** Inline styles for the iframe (default: fills the container, or a floating 375×450 widget); string values only. */
  iframeStyle?: Partial<CSSStyleDeclaration> | Partial<Record<string, string>>;
  /** Milliseconds a method may wait for the frame before its promise rejects (default 30 000). */
  timeoutMs?: number;
}

export interface FoyerParticipantUpdate {
  setAudio?: boolean;
  setVideo?: boolean;
  eject?: true;
}

export interface FoyerWaitingParticipantUpdate {
  grantRequestedAccess?: boolean;
}

interface FoyerEventBase<A extends string> {
  action: A;
  callClientId: string;
}

export interface FoyerEventMap {
  loading: FoyerEventBase<'loading'>;
  loaded: FoyerEventBase<'loaded'>;
  'joining-meeting': FoyerEventBase<'joining-meeting'>;
  'joined-meeting': FoyerEventBase<'joined-meeting'> & { participants: FoyerParticipants };
  'left-meeting': FoyerEventBase<'left-meeting'>;
  'participant-joined': FoyerEventBase<'participant-joined'> & { participant: FoyerParticipant };
  'participant-updated': FoyerEventBase<'participant-updated'> & { participant: FoyerParticipant };
  'participant-left': FoyerEventBase<'participant-left'> & { participant: FoyerParticipant };
  'access-state-updated': FoyerEventBase<'access-state-updated'> & FoyerAccessState;
  'waiting-participant-added': FoyerEventBase<'waiting-participant-added'> & { participant: FoyerWaitingParticipant };
  'waiting-participant-updated': FoyerEventBase<'waiting-participant-updated'> & { participant: FoyerWaitingParticipant };
  'waiting-participant-removed': FoyerEventBase<'waiting-participant-removed'> & { participant: FoyerWaitingParticipant };
  /** Fatal: the call is over for this frame (`left-meeting` follows). */
  error: FoyerEventBase<'error'> & { errorMsg: string; error: { type: FoyerFatalErrorType; msg: string } };
  'nonfatal-error': FoyerEventBase<'nonfatal-error'> & { type: FoyerNonFatalErrorType; errorMsg: string };
  /**
   * Foyer only (daily-js silently ignores an impossible `updateParticipant`): the server refused an
   * owner action, e.g. because this person is not an owner of the room. Nothing changed.
   */
  'owner-action-refused': FoyerEventBase<'owner-action-refused'> & { sessionId: string; errorMsg: string };
}

/** The events daily-js does not have. */
export type FoyerOnlyEventName = 'owner-action-refused';

export type FoyerEventName = keyof FoyerEventMap;
export type FoyerEventObject<T extends FoyerEventName> = FoyerEventMap[T];
export type FoyerEventHandler<T extends FoyerEventName> = (event: FoyerEventObject<T>) => void;

/** A Foyer call in an iframe, driven from the host page. Method names and shapes follow daily-js. */
export interface FoyerCall {
  /** A random id of this frame; every message to and from it carries it. */
  readonly callClientId: string;
  iframe(): HTMLIFrameElement | null;
  /** Joins (loading `url` first when it differs); resolves with the participants once in the call, or with only `local` when the room puts this person in its lobby. */
  join(options?: FoyerJoinOptions): Promise<FoyerParticipants | void>;
  leave(): Promise<void>;
  /** Leaves, removes the iframe (for `createFrame`) and rejects whatever is still pending. */
  destroy(): Promise<void>;
  isDestroyed(): boolean;
  meetingState(): FoyerMeetingState;
  participants(): FoyerParticipants;
  localAudio(): boolean;
  localVideo(): boolean;
  /** `options` is accepted for daily-js's signature and ignored (the frame owns the microphone). */
  setLocalAudio(enabled: boolean, options?: { forceDiscardTrack?: boolean }): FoyerCall;
  setLocalVideo(enabled: boolean): FoyerCall;
  /** Asks the server what this link gets, without joining; loads the frame when needed. */
  preAuth(options?: FoyerJoinOptions): Promise<{ access: FoyerAccess }>;
  accessState(): FoyerAccessState;
  /** Knocks; resolves once an owner answers. On Deny, `granted` is false and the `error` event follows. */
  requestAccess(request: { name: string; access?: { level: 'full' } }): Promise<{ access: FoyerAccess; granted: boolean }>;
  /** Owners only: who is waiting to be let in. */
  waitingParticipants(): { [id: string]: FoyerWaitingParticipant };
  updateWaitingParticipant(id: string, updates: FoyerWaitingParticipantUpdate): Promise<{ id: string }>;
  /** `'*'` answers everyone waiting. */
  updateWaitingParticipants(updates: { [id: string]: FoyerWaitingParticipantUpdate }): Promise<{ ids: string[] }>;
  /** Owner powers (mute, camera off, remove), checked by the server; a refusal comes as `owner-action-refused`. `'local'` is this person. */
  updateParticipant(sessionId: string, updates: FoyerParticipantUpdate): FoyerCall;
  on<T extends FoyerEventName>(event: T, handler: FoyerEventHandler<T>): FoyerCall;
  once<T extends FoyerEventName>(event: T, handler: FoyerEventHandler<T>): FoyerCall;
  off<T extends FoyerEventName>(event: T, handler: FoyerEventHandler<T>): FoyerCall;
}

/** The global `Foyer` (classic script) and the module's default export. */
export interface FoyerFactory {
  /** A new iframe filling `container`, or a floating 375×450 widget when there is none. */
  createFrame(container?: HTMLElement, options?: FoyerFrameOptions): FoyerCall;
  createFrame(options?: FoyerFrameOptions): FoyerCall;
  /** Drives an `<iframe>` already on the page (its `src` a Foyer room, or set by `join({url})`). */
  wrap(iframe: HTMLIFrameElement, options?: FoyerFrameOptions): FoyerCall;
}
