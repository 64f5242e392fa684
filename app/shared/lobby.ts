/**
 * The lobby channel's messages (a WebSocket per guest and per owner), named after Daily's
 * knocking API so the embed API can expose them unchanged.
 */
import type { AccessError } from './access.ts';

export interface WaitingParticipant {
  id: string;
  name: string;
  /** ISO time the knock arrived. */
  since: string;
}

/** Guest → server. */
export type GuestMessage =
  /** `resume`: the key from an earlier `waiting`, to take one's place back after a dropped connection. */
  | { type: 'request-access'; name: string; token?: string; resume?: string }
  | { type: 'cancel' };

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
  | { type: 'error'; error: string; info: string };

/** Owner → server. `grantRequestedAccess` as in Daily's updateWaitingParticipants; `'*'` means everyone waiting. */
export type OwnerMessage =
  | { type: 'hello'; session: string }
  | { type: 'update-waiting-participants'; updates: Record<string, { grantRequestedAccess: boolean }> };

/** Server → owner. */
export type OwnerEvent =
  | { type: 'waiting-participants'; participants: WaitingParticipant[] }
  | { type: 'waiting-participant-added'; participant: WaitingParticipant }
  | { type: 'waiting-participant-updated'; participant: WaitingParticipant }
  | { type: 'waiting-participant-removed'; participant: WaitingParticipant; reason: 'granted' | 'denied' | 'left' }
  | { type: 'error'; error: string; info: string };

export const lobbyPath = (room: string) => `/api/rooms/${encodeURIComponent(room)}/lobby`;
