/**
 * Moderation from outside the call, with the API key (Daily's `rooms/:name/eject` and
 * `rooms/:name/update-permissions`): the operator's counterpart of the owner's in-call powers, through
 * the same functions (../owner-actions/eject.ts, ../owner-actions/make-owner.ts). A room without a
 * call, or ids that name nobody in it, are not errors (Daily's behaviour): nothing is done.
 */
import type { AppContext } from '../context.ts';
import { notFound } from '../http/errors.ts';
import type { CallParticipant } from '../livekit/gateway.ts';
import { ejectFromCall } from '../owner-actions/eject.ts';
import { makeOwner } from '../owner-actions/make-owner.ts';
import type { BanKey } from '../store/meeting-store.ts';
import type { Room } from '../store/store.ts';
import { planPermissions, type PermissionUpdate, type PlanParticipant, type PlannedChange } from './permission-plan.ts';
import type { RememberedPermissions } from './remembered-permissions.ts';

/** The eject request, parsed: participant ids (LiveKit identities) and meeting-token `user_id`s. */
export interface EjectRequest {
  ids: readonly string[];
  userIds: readonly string[];
  ban: boolean;
}

async function roomOrNotFound(ctx: AppContext, name: string): Promise<Room> {
  const room = await ctx.store.getRoom(name);
  if (!room) throw notFound(`room ${name} not found`);
  return room;
}

const userKey = (value: string): BanKey => ({ kind: 'user', value });

/**
 * Removes everyone in the call named by id or `user_id`; returns the ids removed. With `ban`, each is
 * kept out for the rest of the meeting (by their token, `user_id` or address), and while a call is on
 * the `user_id`s given are banned as well, so one not in the call right now cannot join either. LiveKit
 * failing for some: those removed stay removed, the error is answered (asking again finishes the job).
 */
export async function ejectParticipants(ctx: AppContext, roomName: string, request: EjectRequest): Promise<string[]> {
  const room = await roomOrNotFound(ctx, roomName);
  const call = await ctx.livekit.callParticipants(room.id);
  if (call.length === 0) return [];
  const ids = new Set(request.ids);
  const userIds = new Set(request.userIds);
  const targets = call.filter((p) => ids.has(p.identity) || (p.userId !== undefined && userIds.has(p.userId)));
  const outcomes = await Promise.allSettled(targets.map((p) =>
    ejectFromCall(ctx, room, p.identity, { ban: request.ban, extraBanKeys: p.userId ? [userKey(p.userId)] : [] })));
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  // Those in the call are banned by ejectFromCall (before LiveKit removes them); this keeps the rest out.
  if (request.ban && userIds.size > 0) await ctx.store.meetings.ban(room.id, [...userIds].map(userKey), ctx.now());
  return targets.filter((_p, i) => {
    const o = outcomes[i]!;
    // `cannot-ban`: nothing known to ban them by (no record, no user_id): removing them anyway would not
    // keep them out, so they are left in and not listed, as an eject that did not happen.
    return o.status === 'fulfilled' && o.value === 'removed';
  }).map((p) => p.identity);
}

/** The call as the permission plan sees it: an owner by attribute, or made one during this meeting. */
async function planParticipant(ctx: AppContext, room: Room, p: CallParticipant): Promise<PlanParticipant> {
  return {
    identity: p.identity,
    isOwner: p.isOwner || await ctx.store.meetings.isPromoted(room.id, p.identity),
    canPublish: p.canPublish,
    canPublishSources: p.canPublishSources ?? [],
    hidden: p.hidden ?? false,
  };
}

/**
 * Applies `data` to the people in the call now (see permission-plan.ts for the semantics), and
 * remembers it for the rest of the meeting (see remembered-permissions.ts). Someone who left between
 * the plan and its turn is skipped, not an error. Returns the changes applied.
 */
export async function updatePermissions(ctx: AppContext, memory: RememberedPermissions, roomName: string, data: Readonly<Record<string, PermissionUpdate>>): Promise<PlannedChange[]> {
  const room = await roomOrNotFound(ctx, roomName);
  const call = await ctx.livekit.callParticipants(room.id);
  const plan = planPermissions(await Promise.all(call.map((p) => planParticipant(ctx, room, p))), data);
  const applied = await Promise.all(plan.map((change) => apply(ctx, memory, room, change)));
  return plan.filter((_c, i) => applied[i]);
}

/** One participant's change; false when they had left. */
async function apply(ctx: AppContext, memory: RememberedPermissions, room: Room, { identity, makeOwner: owner, ...permission }: PlannedChange): Promise<boolean> {
  if (owner && !(await makeOwner(ctx, room, identity))) return false;
  if (Object.keys(permission).length === 0) return true;
  if (!(await ctx.livekit.setPermission(room.id, identity, permission))) return false;
  memory.remember(room.id, identity, permission);
  return true;
}

/**
 * Someone connected (LiveKit's `participant_joined`): back after a lost connection, their fresh token
 * says what the room allows, so what `update-permissions` changed for them this meeting is put back.
 */
export async function reapplyPermissions(ctx: AppContext, memory: RememberedPermissions, livekitRoom: string, identity: string): Promise<void> {
  const change = memory.get(livekitRoom, identity);
  if (change) await ctx.livekit.setPermission(livekitRoom, identity, change);
}
