/**
 * The messages between `/embed.js` (on the host page) and the Foyer frame, by `postMessage`. Both
 * sides post with an explicit target origin, accept only from the other side's origin, and ignore
 * anything without this protocol's marker or with another frame's id.
 *
 * The frame sends its whole state (a snapshot) whenever it changes; the host keeps the latest one
 * for daily-js's synchronous getters (`participants()`, `meetingState()`...) and derives the
 * participant, waiting-participant, access and meeting events by comparing snapshots. Only errors,
 * which a snapshot cannot express, are sent as events.
 */
import type {
  FoyerAccess,
  FoyerAccessState,
  FoyerEventMap,
  FoyerMeetingState,
  FoyerParticipant,
  FoyerParticipantUpdate,
  FoyerParticipants,
  FoyerWaitingParticipant,
  FoyerWaitingParticipantUpdate,
} from '../embed/api.ts';

export const EMBED_PROTOCOL = 'foyer-embed/1';

export { FRAME_ID_PARAM, HOST_ORIGIN_PARAM } from './embed-address.ts';

/** Bounds for what a host page can send (a frame id is ours: 8–64 url-safe characters). */
export const FRAME_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const MAX_NAME_LENGTH = 100;
export const MAX_TOKEN_LENGTH = 4096;
export const MAX_BULK_UPDATES = 100;

/** What the frame holds, sent whole on every change. */
export interface FrameState {
  meetingState: FoyerMeetingState;
  accessState: FoyerAccessState;
  localAudio: boolean;
  localVideo: boolean;
  /** `local` (before the call, as chosen in the prejoin) and the others by session id. */
  participants: Partial<FoyerParticipants> & { [sessionId: string]: FoyerParticipant };
  /** Owners only. */
  waitingParticipants: { [id: string]: FoyerWaitingParticipant };
}

export interface EmbedMethods {
  join: { args: { token?: string; userName?: string; startVideoOff?: boolean; startAudioOff?: boolean }; result: FoyerParticipants | undefined };
  leave: { args: Record<string, never>; result: undefined };
  setLocalAudio: { args: { enabled: boolean }; result: undefined };
  setLocalVideo: { args: { enabled: boolean }; result: undefined };
  preAuth: { args: { token?: string }; result: { access: FoyerAccess } };
  requestAccess: { args: { name: string }; result: { access: FoyerAccess; granted: boolean } };
  updateWaitingParticipants: { args: { updates: { [id: string]: FoyerWaitingParticipantUpdate } }; result: { ids: string[] } };
  updateParticipant: { args: { sessionId: string; updates: FoyerParticipantUpdate }; result: undefined };
}
export type EmbedMethod = keyof EmbedMethods;

interface Envelope {
  protocol: typeof EMBED_PROTOCOL;
  frameId: string;
}

/** Host page → frame. */
export type HostMessage = {
  [M in EmbedMethod]: Envelope & { kind: 'call'; id: number; method: M; args: EmbedMethods[M]['args'] };
}[EmbedMethod];

/** The events the frame sends as such (everything else is derived from snapshots). */
export type FrameEvent = 'error' | 'nonfatal-error';
export type FrameEventPayload<E extends FrameEvent> = Omit<FoyerEventMap[E], 'action' | 'callClientId'>;

/** Frame → host page. */
export type FrameMessage =
  | (Envelope & { kind: 'ready' })
  | (Envelope & { kind: 'state'; state: FrameState })
  | (Envelope & { kind: 'reply'; id: number; ok: true; value: unknown })
  | (Envelope & { kind: 'reply'; id: number; ok: false; message: string })
  | { [E in FrameEvent]: Envelope & { kind: 'event'; event: E; payload: FrameEventPayload<E> } }[FrameEvent];

/** Whether `data` is a message of this protocol for the frame `frameId` (its fields are then checked per kind). */
export function isForFrame(data: unknown, frameId: string): data is { kind: unknown } & Envelope {
  return typeof data === 'object' && data !== null && (data as Envelope).protocol === EMBED_PROTOCOL && (data as Envelope).frameId === frameId;
}

/** The snapshot of a frame that has not said anything yet. */
export const INITIAL_FRAME_STATE: FrameState = {
  meetingState: 'new',
  accessState: { access: 'unknown' },
  localAudio: false,
  localVideo: false,
  participants: {},
  waitingParticipants: {},
};
