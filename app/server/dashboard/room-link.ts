/**
 * The links the dashboard hands out. An owner link always carries a fresh meeting token (`is_owner`,
 * this room only, an `exp`), signed as `/v1/meeting-tokens` signs them. A guest link is the plain room
 * link where that already lets a guest in or knock (a public room, or knocking on); otherwise a guest
 * meeting token for this room with an `exp`, since the plain link would only say "private".
 */
import type { RoomLinkResponse } from '../../shared/dashboard-api.ts';
import type { AppContext } from '../context.ts';
import { effectiveRoomSettings } from '../rooms/properties.ts';
import { roomJson } from '../rooms/rooms.ts';
import type { Room } from '../store/store.ts';
import { signMeetingToken } from '../tokens/meeting-token.ts';

/** How long a link's meeting token is good for: a day, long enough to send it ahead of a call. */
export const LINK_TOKEN_SECONDS = 24 * 3600;

/** Whether a guest with the plain link gets in or can knock, with no token. */
export const plainLinkLetsGuestsIn = (room: Room) => room.privacy === 'public' || effectiveRoomSettings(room.config).knocking;

/**
 * The link, made by `member`: a token link names them (it stops working when they leave the team) and
 * carries the token in the fragment (`#t=`), which browsers never send to a server or a proxy's log.
 */
export async function roomLink(ctx: AppContext, room: Room, owner: boolean, member: { id: string }): Promise<RoomLinkResponse> {
  const url = roomJson(room, ctx.config.publicUrl).url;
  if (!owner && plainLinkLetsGuestsIn(room)) return { url, expiresAt: null };
  const now = ctx.now();
  const exp = Math.floor(now) + LINK_TOKEN_SECONDS;
  const token = await signMeetingToken(
    { room_name: room.name, exp, ...(owner ? { is_owner: true } : {}) },
    { apiKey: ctx.deployment.apiKey, domainId: ctx.deployment.domainId, now, mintedBy: member.id },
  );
  return { url: `${url}#t=${token}`, expiresAt: exp };
}
