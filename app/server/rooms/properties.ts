/**
 * Room properties, Daily's list. Every documented name is accepted with its documented type and
 * echoed in `config`, because Daily clients send many by default; only unknown names are refused.
 * The README lists which ones Foyer acts on.
 */
import { z } from 'zod';
import { permissionsSchema, unixSeconds, langSchema } from '../../shared/schemas.ts';

const bool = z.boolean();
const region = z.enum([
  'af-south-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1',
  'eu-central-1', 'eu-west-2', 'sa-east-1', 'us-east-1', 'us-west-2',
]);
const bucket = z.object({
  bucket_name: z.string(),
  bucket_region: z.string(),
  assume_role_arn: z.string(),
  allow_api_access: z.boolean().optional(),
  allow_streaming_from_bucket: z.boolean().optional(),
}).strict();

export const roomPropertyShape = {
  nbf: unixSeconds,
  exp: unixSeconds,
  max_participants: z.number().int().min(1).max(100_000),
  enable_people_ui: bool,
  enable_pip_ui: bool,
  enable_emoji_reactions: bool,
  enable_hand_raising: bool,
  enable_prejoin_ui: bool,
  enable_live_captions_ui: bool,
  enable_network_ui: bool,
  enable_noise_cancellation_ui: bool,
  enable_breakout_rooms: bool,
  enable_knocking: bool,
  enable_screenshare: bool,
  enable_video_processing_ui: bool,
  enable_chat: bool,
  enable_shared_chat_history: bool,
  start_video_off: bool,
  start_audio_off: bool,
  owner_only_broadcast: bool,
  enable_recording: z.enum(['cloud', 'cloud-audio-only', 'local', 'raw-tracks', '<not set>']),
  eject_at_room_exp: bool,
  eject_after_elapsed: z.number().int().min(0),
  enable_advanced_chat: bool,
  enable_hidden_participants: bool,
  enable_mesh_sfu: bool,
  sfu_switchover: z.number().min(0),
  enable_adaptive_simulcast: bool,
  enable_multiparty_adaptive_simulcast: bool,
  enforce_unique_user_ids: bool,
  experimental_optimize_large_calls: bool,
  lang: langSchema,
  meeting_join_hook: z.string().max(255),
  geo: region,
  rtmp_geo: z.enum(['us-west-2', 'eu-central-1', 'ap-south-1']),
  disable_rtmp_geo_fallback: bool,
  recordings_bucket: bucket,
  enable_terse_logging: bool,
  auto_start_transcription: bool,
  auto_transcription_settings: z.record(z.string(), z.unknown()),
  enable_transcription_storage: bool,
  transcription_bucket: bucket,
  recordings_template: z.string().max(1024),
  streaming_endpoints: z.array(z.record(z.string(), z.unknown())),
  enable_dialout: bool,
  dialout_config: z.record(z.string(), z.unknown()),
  sip: z.record(z.string(), z.unknown()),
  sip_uri: z.record(z.string(), z.unknown()),
  pinless_dialin: z.array(z.record(z.string(), z.unknown())),
  permissions: permissionsSchema,
} as const;

type Shape = typeof roomPropertyShape;
export type RoomProperties = { [K in keyof Shape]?: z.infer<Shape[K]> };

/** On create and update, `null` means "the default" (Daily's rule), so every property may be null. */
const nullableShape = Object.fromEntries(
  Object.entries(roomPropertyShape).map(([k, s]) => [k, s.nullable().optional()]),
) as { [K in keyof Shape]: z.ZodOptional<z.ZodNullable<Shape[K]>> };

export const roomPropertiesInput = z.object(nullableShape).strict();
export type RoomPropertiesInput = z.infer<typeof roomPropertiesInput>;

/** Defaults Foyer acts on (Daily's values). */
export const ROOM_DEFAULTS = {
  max_participants: 200,
  enable_knocking: false,
  enable_prejoin_ui: true,
  enable_screenshare: true,
  enable_chat: false,
  start_video_off: false,
  start_audio_off: false,
  owner_only_broadcast: false,
  eject_at_room_exp: false,
  lang: 'en',
} as const;

/** Applies an update: `null` removes the property (restores its default), other values replace it. */
export function mergeProperties(current: RoomProperties, update: RoomPropertiesInput): RoomProperties {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (value === undefined) continue;
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next as RoomProperties;
}

/** The properties Foyer acts on, with defaults filled in. */
export function effectiveRoomSettings(config: RoomProperties) {
  return {
    maxParticipants: config.max_participants ?? ROOM_DEFAULTS.max_participants,
    knocking: config.enable_knocking ?? ROOM_DEFAULTS.enable_knocking,
    prejoin: config.enable_prejoin_ui ?? ROOM_DEFAULTS.enable_prejoin_ui,
    screenshare: config.enable_screenshare ?? ROOM_DEFAULTS.enable_screenshare,
    startVideoOff: config.start_video_off ?? ROOM_DEFAULTS.start_video_off,
    startAudioOff: config.start_audio_off ?? ROOM_DEFAULTS.start_audio_off,
    ownerOnlyBroadcast: config.owner_only_broadcast ?? ROOM_DEFAULTS.owner_only_broadcast,
  };
}
