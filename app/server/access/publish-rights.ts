/**
 * What a person may send in a call, from the room's properties, their meeting token and whether they
 * are an owner. Pure; the join grant, preauth and join answers and the live broadcast switch all use it,
 * so what the page is told and what LiveKit enforces never differ.
 */
import { ROOM_DEFAULTS, effectiveRoomSettings, type RoomProperties } from '../rooms/properties.ts';
import type { VerifiedToken } from '../tokens/meeting-token.ts';

export interface PublishRights {
  /** Camera and mic: everyone, except non-owners under `owner_only_broadcast`. */
  canPublish: boolean;
  /** Screen share is among the sources their grant lists (`enable_screenshare`, token first). */
  screenShareSource: boolean;
  /** They can share their screen now: the source is allowed and they can publish at all. */
  canScreenShare: boolean;
  /** `enable_chat`: sending data is allowed (the chat). */
  chat: boolean;
}

export function publishRights(config: RoomProperties, token: VerifiedToken | undefined, isOwner: boolean): PublishRights {
  const settings = effectiveRoomSettings(config);
  const canPublish = isOwner || !settings.ownerOnlyBroadcast;
  const screenShareSource = token?.enable_screenshare ?? settings.screenshare;
  return { canPublish, screenShareSource, canScreenShare: canPublish && screenShareSource, chat: config.enable_chat ?? ROOM_DEFAULTS.enable_chat };
}

/** The UI language: the token's `lang`, else the room's; none (the browser's) when unset or `user`. */
export function uiLanguage(config: RoomProperties, token: VerifiedToken | undefined): string | undefined {
  const lang = token?.lang ?? config.lang;
  return lang === 'user' ? undefined : lang;
}
