/**
 * Daily's participant permissions in LiveKit's terms and back: the `canSend` kinds and the track sources
 * they stand for, one map for both directions (update-permissions writes them, presence and the meetings
 * record read them).
 */
import type { CallParticipant, MediaSource } from './gateway.ts';

export const SEND_KINDS = ['video', 'audio', 'screenVideo', 'screenAudio'] as const;
export type SendKind = (typeof SEND_KINDS)[number];

/** The LiveKit track source each of Daily's `canSend` kinds stands for. */
export const SOURCE_OF_KIND: Readonly<Record<SendKind, MediaSource>> = {
  video: 'camera',
  audio: 'microphone',
  screenVideo: 'screen_share',
  screenAudio: 'screen_share_audio',
};

/** Daily's permissions of a participant as LiveKit reports them. */
export interface DailyPermissions {
  hasPresence: boolean;
  canSend: boolean | SendKind[];
  canAdmin: boolean | 'participants'[];
}

/**
 * LiveKit's publish permission as Daily's `canSend`: false, true (every source, or no list: LiveKit's
 * "any source"), or the kinds allowed.
 */
export function canSendOf(canPublish: boolean, sources: readonly MediaSource[] = []): boolean | SendKind[] {
  if (!canPublish) return false;
  const kinds = SEND_KINDS.filter((k) => sources.includes(SOURCE_OF_KIND[k]));
  return sources.length === 0 || kinds.length === SEND_KINDS.length ? true : kinds;
}

/** A participant's permissions in Daily's terms: hidden ones have no presence; owners administer participants. */
export function dailyPermissions(p: Pick<CallParticipant, 'canPublish' | 'canPublishSources' | 'hidden' | 'isOwner'>): DailyPermissions {
  return { hasPresence: !(p.hidden ?? false), canSend: canSendOf(p.canPublish, p.canPublishSources), canAdmin: p.isOwner ? ['participants'] : false };
}
