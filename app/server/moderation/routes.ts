/**
 * REST: `POST /v1/rooms/:name/eject` and `POST /v1/rooms/:name/update-permissions` (Daily's shapes).
 * The HTTP layer parses (strict, bounded), calls ./moderation.ts and answers.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, parseOrThrow } from '../http/errors.ts';
import { ejectParticipants, updatePermissions } from './moderation.ts';
import type { RememberedPermissions } from './remembered-permissions.ts';
import { SEND_KINDS } from '../livekit/daily-permissions.ts';
import { ADMIN_KINDS, EVERYONE } from './permission-plan.ts';

/** Daily's cap on `ids` and on `user_ids` per eject, and Foyer's on `data` entries per update. */
export const MAX_IDS = 100;
/** 100 ids of 64 characters and 100 user_ids of 36, JSON-quoted, fit many times over. */
export const MODERATION_BODY_LIMIT = 64 * 1024;

/** A participant id: a LiveKit identity the server made (`p_` and base64url), with room to spare. */
export const PARTICIPANT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const participantId = z.string().regex(PARTICIPANT_ID, 'must be a participant id (1 to 64 of A-Z a-z 0-9 - _)');
/** A meeting token's `user_id` (Daily: at most 36 characters). */
const userId = z.string().min(1).max(36);

/** The body of `POST /v1/rooms/:name/eject` (also documented in /v1/openapi.json). */
export const ejectBody = z.object({
  ids: z.array(participantId).max(MAX_IDS).optional(),
  user_ids: z.array(userId).max(MAX_IDS).optional(),
  ban: z.boolean().optional(),
}).strict();

/** One entry of `data`: Daily's permissions update (`canReceive` is not supported). */
export const permissionUpdate = z.object({
  hasPresence: z.boolean().optional(),
  canSend: z.union([z.boolean(), z.array(z.enum(SEND_KINDS)).max(SEND_KINDS.length)]).optional(),
  canAdmin: z.union([z.boolean(), z.array(z.enum(ADMIN_KINDS)).max(ADMIN_KINDS.length)]).optional(),
}).strict();

/** The body of `POST /v1/rooms/:name/update-permissions`. */
export const updatePermissionsBody = z.object({
  data: z.record(z.union([z.literal(EVERYONE), participantId]), permissionUpdate),
}).strict();

/** The answers, for the OpenAPI document. */
export const ejectResult = z.object({ ejectedIds: z.array(z.string()) }).strict();
export const permissionsUpdated = z.object({}).strict();

/** `memory`: what update-permissions changed this meeting, replayed when someone comes back. */
export function moderationRoutes(app: FastifyInstance, ctx: AppContext, memory: RememberedPermissions): void {
  const routeOptions = { bodyLimit: MODERATION_BODY_LIMIT };

  app.post<{ Params: { name: string } }>('/v1/rooms/:name/eject', routeOptions, async (request): Promise<z.infer<typeof ejectResult>> => {
    const body = parseOrThrow(ejectBody, request.body);
    const ids = body.ids ?? [];
    const userIds = body.user_ids ?? [];
    if (ids.length === 0 && userIds.length === 0) throw badRequest('give ids (participant ids) or user_ids (meeting token user_ids) of the people to eject');
    return { ejectedIds: await ejectParticipants(ctx, request.params.name, { ids, userIds, ban: body.ban ?? false }) };
  });

  app.post<{ Params: { name: string } }>('/v1/rooms/:name/update-permissions', routeOptions, async (request): Promise<z.infer<typeof permissionsUpdated>> => {
    const { data } = parseOrThrow(updatePermissionsBody, request.body);
    const entries = Object.keys(data).length;
    if (entries === 0) throw badRequest('data must name at least one participant id, or "*" for everyone');
    if (entries > MAX_IDS + 1) throw badRequest(`data may name at most ${MAX_IDS} participants (and "*")`);
    await updatePermissions(ctx, memory, request.params.name, data);
    return {};
  });
}
