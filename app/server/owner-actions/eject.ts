/**
 * Removing someone from a call, with or without a ban for the rest of the meeting: one function for
 * the owner's in-call "remove" and the operator's `POST /v1/rooms/:name/eject`, so both keep people
 * out the same way (the ban keys of ../access/ban-keys.ts, recorded before LiveKit removes them).
 */
import type { AppContext } from '../context.ts';
import type { BanKey } from '../store/meeting-store.ts';
import type { Room } from '../store/store.ts';

/** How one removal went: `cannot-ban` when a ban was asked for but nothing is known to key it by (nothing was done). */
export type EjectOutcome = 'removed' | 'not-in-call' | 'cannot-ban';

/**
 * Removes `identity` from `room`'s call. With `ban`, the keys their join recorded (plus `extraBanKeys`,
 * e.g. the `user_id` LiveKit shows for them) are banned first so they cannot slip back in, and taken
 * back if LiveKit fails. Their join record is forgotten first too, so their session cannot rejoin in
 * between. A LiveKit failure is rethrown with everything put back.
 */
export async function ejectFromCall(ctx: AppContext, room: Room, identity: string, opts: { ban: boolean; extraBanKeys?: readonly BanKey[] }): Promise<EjectOutcome> {
  const meetings = ctx.store.meetings;
  const record = await meetings.callParticipant(room.id, identity);
  const keys = opts.ban ? uniqueKeys([...(record?.banKeys ?? []), ...(opts.extraBanKeys ?? [])]) : [];
  if (opts.ban && keys.length === 0) return 'cannot-ban';
  if (opts.ban) await meetings.ban(room.id, keys, ctx.now());
  await meetings.forgetJoin(room.id, identity);
  try {
    return (await ctx.livekit.removeParticipant(room.id, identity)) ? 'removed' : 'not-in-call';
  } catch (err) {
    if (opts.ban) await meetings.unban(room.id, keys);
    if (record) await meetings.recordJoin(record);
    throw err;
  }
}

/**
 * LiveKit says `identity` joined, but no join of this meeting let them in: someone removed whose LiveKit
 * token (valid for a couple of minutes after the join) was used again to come straight back. Out again;
 * every real join and rejoin goes through the server, which records it before minting that token.
 */
export async function ejectUnrecordedJoiner(ctx: AppContext, roomId: string, identity: string): Promise<boolean> {
  if (await ctx.store.meetings.callParticipant(roomId, identity)) return false;
  return ctx.livekit.removeParticipant(roomId, identity);
}

function uniqueKeys(keys: BanKey[]): BanKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = `${k.kind}:${k.value}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
