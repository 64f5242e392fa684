/**
 * The lobby channel's messages (a WebSocket per guest and per owner), named after Daily's
 * knocking API so the embed API can expose them unchanged.
 */
import type { AccessError } from './access.ts';
import { CONTROL_CHARS, hasFormatChars } from './display-name.ts';

export interface WaitingParticipant {
  id: string;
  name: string;
  /** ISO time the knock arrived. */
  since: string;
}

/**
 * One line of the short thread between the owners and one waiting guest, before an owner decides.
 * `host` is any owner (the guest never learns which one, nor anything else of the call).
 */
export interface LobbyMessage {
  from: 'host' | 'guest';
  text: string;
  /** ISO time the server took the message. */
  at: string;
}

/** A refusal on the lobby channel. `about` marks a refused message or reply: the wait itself goes on. */
export interface LobbyError {
  type: 'error';
  error: string;
  info: string;
  about?: 'message' | 'reply';
  /** With `about: 'message'`: the waiting participant the owner wrote to. */
  id?: string;
}

/** Guest → server. */
export type GuestMessage =
  /** `resume`: the key from an earlier `waiting`, to take one's place back after a dropped connection. */
  | { type: 'request-access'; name: string; token?: string; resume?: string }
  | { type: 'cancel' }
  /** An answer to the host; refused until a host has written to this guest (guests cannot start a thread). */
  | { type: 'reply'; text: string };

/** Server → guest. */
export type GuestEvent =
  /** `expiresAt`: ISO time the knock ends unanswered (the lobby's maximum wait); the guest may knock again then. */
  | { type: 'waiting'; id: string; resumeKey: string; ownerPresent: boolean; expiresAt: string }
  | { type: 'owner-presence'; ownerPresent: boolean }
  | { type: 'granted'; admission: string }
  | { type: 'denied'; error: AccessError }
  /** The room changed under the guest (knocking off, made public, deleted): ask preauth again. */
  | { type: 'room-changed' }
  /** Nobody answered within the lobby's maximum wait: the guest may knock again. */
  | { type: 'expired' }
  /** An owner wrote to this guest ("The host says: …"). */
  | { type: 'host-message'; text: string; at: string }
  /** The guest's reply reached the owners (the guest's thread shows it from then on). */
  | { type: 'reply-sent'; text: string; at: string }
  /** The whole thread so far, after the guest took their place back (a dropped connection, a reload of the channel). */
  | { type: 'thread'; messages: LobbyMessage[] }
  | LobbyError;

/** Owner → server. `grantRequestedAccess` as in Daily's updateWaitingParticipants; `'*'` means everyone waiting. */
export type OwnerMessage =
  | { type: 'hello'; session: string }
  | { type: 'update-waiting-participants'; updates: Record<string, { grantRequestedAccess: boolean }> }
  /** A short message to one waiting guest ("One moment, finishing a call"). */
  | { type: 'message-waiting'; id: string; text: string };

/** Server → owner. */
export type OwnerEvent =
  | { type: 'waiting-participants'; participants: WaitingParticipant[] }
  | { type: 'waiting-participant-added'; participant: WaitingParticipant }
  | { type: 'waiting-participant-updated'; participant: WaitingParticipant }
  | { type: 'waiting-participant-removed'; participant: WaitingParticipant; reason: 'granted' | 'denied' | 'left' }
  /** A line of a waiting guest's thread, to every owner (also replayed after `waiting-participants`). */
  | ({ type: 'waiting-message'; id: string } & LobbyMessage)
  | LobbyError;

export const lobbyPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}/lobby`;

/** Longest lobby message or reply, in characters (code points). */
export const LOBBY_MESSAGE_MAX = 200;

/** Why a lobby message was refused by its bounds: nothing left after trimming, over 200 characters, control or invisible characters. */
export type LobbyMessageProblem = 'empty' | 'too-long' | 'invalid';

export type LobbyMessageCheck = { ok: true; text: string } | { ok: false; problem: LobbyMessageProblem; reason: string };

/** Checks a lobby message or reply as typed: trimmed, 1 to 200 characters, no control or invisible characters. */
export function checkLobbyMessage(raw: unknown): LobbyMessageCheck {
  if (typeof raw !== 'string') return { ok: false, problem: 'invalid', reason: 'message must be a string' };
  const text = raw.trim();
  if (text.length === 0) return { ok: false, problem: 'empty', reason: 'message is empty' };
  if ([...text].length > LOBBY_MESSAGE_MAX) return { ok: false, problem: 'too-long', reason: `message must be at most ${LOBBY_MESSAGE_MAX} characters` };
  if (CONTROL_CHARS.test(text)) return { ok: false, problem: 'invalid', reason: 'message must be one line, without control characters' };
  if (hasFormatChars(raw)) return { ok: false, problem: 'invalid', reason: 'message must not contain invisible or text-direction characters' };
  return { ok: true, text };
}
