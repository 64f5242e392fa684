/**
 * Owner powers over the client API: the HTTP layer only parses (strict, bounded), calls and maps.
 * Each endpoint has its own small per-client budget on top of the client API's, and a small body limit.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BroadcastModeResponse, OwnerActionResponse } from '../../shared/owner-actions.ts';
import { badRequest, parseOrThrow } from '../http/errors.ts';
import type { OwnerActions } from './owner-actions.ts';

/** Owner actions per client per 10 s: far above what a person clicks, far below a flood. */
export const OWNER_ACTIONS_PER_10S = 30;
/** A session is a few hundred bytes; nothing else in these bodies is long. */
export const OWNER_ACTION_BODY_LIMIT = 8 * 1024;

const session = z.string().min(1).max(4096);
const updateBody = z.object({
  session,
  setAudio: z.literal(false).optional(),
  setVideo: z.literal(false).optional(),
  setScreenShare: z.literal(false).optional(),
  eject: z.literal(true).optional(),
  ban: z.boolean().optional(),
  makeOwner: z.literal(true).optional(),
}).strict()
  .refine((b) => b.ban !== true || b.eject === true, 'ban needs eject: true')
  .refine((b) => !(b.eject && b.makeOwner), 'eject and makeOwner cannot go together')
  .refine((b) => b.setAudio === false || b.setVideo === false || b.setScreenShare === false || b.eject || b.makeOwner, 'nothing to do: give setAudio, setVideo, setScreenShare, eject or makeOwner');
const broadcastBody = z.object({ session, ownerOnly: z.boolean() }).strict();
const endBody = z.object({ session }).strict();

/** LiveKit identities the server makes (`p_` and base64url), with room to spare; anything else is refused before any work. */
const IDENTITY = /^[A-Za-z0-9_-]{1,64}$/;

export function ownerActionRoutes(app: FastifyInstance, owners: OwnerActions): void {
  const routeOptions = {
    bodyLimit: OWNER_ACTION_BODY_LIMIT,
    config: { rateLimit: { max: OWNER_ACTIONS_PER_10S, timeWindow: 10_000 } },
  };

  app.post<{ Params: { name: string; identity: string } }>('/api/rooms/:name/participants/:identity', routeOptions, async (request): Promise<OwnerActionResponse> => {
    const { name, identity } = request.params;
    if (!IDENTITY.test(identity)) throw badRequest('identity must be a participant identity from the call (1 to 64 of A-Z a-z 0-9 - _)');
    const { session: s, ...update } = parseOrThrow(updateBody, request.body ?? {});
    await owners.updateParticipant(name, identity, s, update);
    return { ok: true };
  });

  app.post<{ Params: { name: string } }>('/api/rooms/:name/broadcast', routeOptions, async (request): Promise<BroadcastModeResponse> => {
    const body = parseOrThrow(broadcastBody, request.body ?? {});
    return { ownerOnlyBroadcast: await owners.setBroadcast(request.params.name, body.session, body.ownerOnly) };
  });

  app.post<{ Params: { name: string } }>('/api/rooms/:name/end', routeOptions, async (request): Promise<OwnerActionResponse> => {
    const body = parseOrThrow(endBody, request.body ?? {});
    await owners.endCall(request.params.name, body.session);
    return { ok: true };
  });
}
