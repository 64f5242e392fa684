/**
 * `update-permissions` planned as LiveKit changes, as a pure function tested row by row. Daily's
 * semantics: each entry of `data` is for one participant id (a LiveKit identity), `"*"` for everyone
 * in the call not named explicitly (a named entry wins whole, it is not merged with `"*"`); a field
 * given replaces that field, a field left out stays as it is. Only real changes are planned.
 *
 * - `canSend`: `true` = every source, `false` = nothing, a list = those sources (an empty list = nothing).
 * - `hasPresence`: `false` hides them from the others (LiveKit's `hidden`), `true` shows them.
 * - `canAdmin`: `true` or a list with `"participants"` makes them an owner for the rest of the meeting
 *   (as the in-call "make owner" does). Foyer does not take owner rights back during a meeting, and has
 *   no streaming or transcription to administer, so anything else changes nothing.
 */
import { SEND_KINDS, SOURCE_OF_KIND, type SendKind } from '../livekit/daily-permissions.ts';
import type { MediaSource } from '../livekit/gateway.ts';

export const ADMIN_KINDS = ['participants', 'streaming', 'transcription'] as const;
export type AdminKind = (typeof ADMIN_KINDS)[number];

/** One entry of `data`: Daily's participant permissions update (without `canReceive`). */
export interface PermissionUpdate {
  hasPresence?: boolean;
  canSend?: boolean | SendKind[];
  canAdmin?: boolean | AdminKind[];
}

/** `"*"`: everyone in the call not named explicitly. */
export const EVERYONE = '*';

/** A participant of the call as the plan needs them (from LiveKit, and the meeting's promotions). */
export interface PlanParticipant {
  identity: string;
  /** An owner already (by meeting token, or made one during the meeting). */
  isOwner: boolean;
  canPublish: boolean;
  canPublishSources: MediaSource[];
  hidden: boolean;
}

/** What to change for one participant; only the parts that differ from what they have. */
export interface PlannedChange {
  identity: string;
  makeOwner?: true;
  canPublish?: boolean;
  canPublishSources?: MediaSource[];
  hidden?: boolean;
}

const ALL_SOURCES: MediaSource[] = SEND_KINDS.map((k) => SOURCE_OF_KIND[k]);

/** `canSend` as LiveKit's publish permission. */
export function publishFor(canSend: boolean | readonly SendKind[]): { canPublish: boolean; canPublishSources?: MediaSource[] } {
  if (canSend === false) return { canPublish: false };
  const sources = canSend === true ? ALL_SOURCES : ALL_SOURCES.filter((s) => canSend.some((k) => SOURCE_OF_KIND[k] === s));
  return sources.length === 0 ? { canPublish: false } : { canPublish: true, canPublishSources: sources };
}

const sameSources = (a: readonly MediaSource[], b: readonly MediaSource[]) => a.length === b.length && a.every((s) => b.includes(s));

/** Whether this `canAdmin` makes someone an owner. */
export const grantsOwner = (canAdmin: boolean | readonly AdminKind[] | undefined) =>
  canAdmin === true || (Array.isArray(canAdmin) && canAdmin.includes('participants'));

/** The changes `data` asks for, for the people in `call` (entries naming nobody in the call plan nothing). */
export function planPermissions(call: readonly PlanParticipant[], data: Readonly<Record<string, PermissionUpdate>>): PlannedChange[] {
  return call.flatMap((p) => {
    const update = Object.hasOwn(data, p.identity) ? data[p.identity] : data[EVERYONE];
    if (!update) return [];
    const change: PlannedChange = { identity: p.identity };
    // A new owner may publish (LiveKit's "make owner" allows it); a canSend in the same entry still wins.
    const owner = !p.isOwner && grantsOwner(update.canAdmin);
    if (owner) change.makeOwner = true;
    const publishing = owner ? true : p.canPublish;
    if (update.canSend !== undefined) {
      const wanted = publishFor(update.canSend);
      if (wanted.canPublish !== publishing) change.canPublish = wanted.canPublish;
      if (wanted.canPublishSources && !sameSources(wanted.canPublishSources, p.canPublishSources)) change.canPublishSources = wanted.canPublishSources;
    }
    if (update.hasPresence !== undefined && update.hasPresence === p.hidden) change.hidden = !update.hasPresence;
    return Object.keys(change).length > 1 ? [change] : [];
  });
}
