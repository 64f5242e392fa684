/**
 * Meeting-token properties (Daily's list) and their JWT claim names. Daily's short claim names are
 * used where Daily has one, so operators can sign tokens themselves as they do for Daily.
 */
import { z } from 'zod';
import { langSchema, permissionsSchema, unixSeconds } from '../../shared/schemas.ts';
import { ROOM_NAME_PATTERN } from '../../shared/room-name.ts';
import { checkDisplayName } from '../../shared/display-name.ts';

const bool = z.boolean();

export const tokenPropertiesInput = z.object({
  room_name: z.string().regex(ROOM_NAME_PATTERN, 'room_name must be 1 to 128 characters of A-Z a-z 0-9 - _'),
  is_owner: bool,
  exp: unixSeconds,
  nbf: unixSeconds,
  user_name: z.string().transform((name, ctx) => {
    const checked = checkDisplayName(name);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: `user_name: ${checked.reason}` });
    return checked.ok ? checked.name : name;
  }),
  user_id: z.string().max(36, 'user_id must be at most 36 characters'),
  enable_screenshare: bool,
  start_video_off: bool,
  start_audio_off: bool,
  eject_at_token_exp: bool,
  eject_after_elapsed: z.number().int().min(0),
  lang: langSchema,
  enable_prejoin_ui: bool,
  knocking: bool,
  close_tab_on_exit: bool,
  redirect_on_meeting_exit: z.string().url().max(2048),
  intercom_join_alert: bool,
  permissions: permissionsSchema,
  enable_recording: z.enum(['cloud', 'cloud-audio-only', 'local', 'raw-tracks']),
  enable_recording_ui: bool,
  start_cloud_recording: bool,
  start_cloud_recording_opts: z.record(z.string(), z.unknown()),
  auto_start_transcription: bool,
  enable_live_captions_ui: bool,
  meeting_join_hook: z.string().max(255),
}).partial().strict();

export type MeetingTokenProperties = z.infer<typeof tokenPropertiesInput>;

/** Property name → claim name. Properties without a Daily short name travel under their own name. */
export const CLAIM_NAMES: Partial<Record<keyof MeetingTokenProperties, string>> = {
  room_name: 'r',
  is_owner: 'o',
  user_name: 'u',
  user_id: 'ud',
  enable_screenshare: 'ss',
  start_video_off: 'vo',
  start_audio_off: 'ao',
  eject_at_token_exp: 'ejt',
  eject_after_elapsed: 'eje',
  lang: 'uil',
  knocking: 'k',
  permissions: 'p',
  close_tab_on_exit: 'ctoe',
  redirect_on_meeting_exit: 'rome',
  intercom_join_alert: 'ij',
  enable_recording: 'er',
  enable_recording_ui: 'erui',
  start_cloud_recording: 'sr',
  start_cloud_recording_opts: 'sro',
  auto_start_transcription: 'ast',
  meeting_join_hook: 'mjh',
};

const PROPERTY_BY_CLAIM = new Map(Object.entries(CLAIM_NAMES).map(([prop, claim]) => [claim, prop]));

export function propertiesToClaims(props: MeetingTokenProperties): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    claims[CLAIM_NAMES[key as keyof MeetingTokenProperties] ?? key] = value;
  }
  return claims;
}

/** Reads claims back into properties; unknown claims (`iat`, `d`, anything else) are left out. */
export function claimsToProperties(claims: Record<string, unknown>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  const known = tokenPropertiesInput.shape;
  for (const [claim, value] of Object.entries(claims)) {
    const prop = PROPERTY_BY_CLAIM.get(claim) ?? claim;
    if (prop in known) props[prop] = value;
  }
  return props;
}
