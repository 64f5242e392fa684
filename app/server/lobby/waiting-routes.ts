/**
 * REST: `/v1/rooms/:name/waiting-participants`, admitting from outside the call. With the API key an
 * operator (a chat bot answering a webhook, say) lists who is waiting and answers them, with an owner's
 * semantics. Parses, calls the lobby, maps.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, notFound, parseOrThrow } from '../http/errors.ts';
import type { Lobby } from './lobby.ts';
import { waitingUserId } from './waiting-events.ts';

/** A waiting participant's id as the lobby makes them (base64url), or `'*'` for everyone waiting now. */
const WAITING_ID = /^(\*|[A-Za-z0-9_-]{1,64})$/;

export const answerWaitingBody = z.object({
  updates: z.record(
    z.string().regex(WAITING_ID, 'each key is a waiting participant id or "*"'),
    z.object({ grantRequestedAccess: z.boolean() }).strict(),
  ).refine((u) => Object.keys(u).length >= 1 && Object.keys(u).length <= 100, 'name 1 to 100 waiting participants (or "*")'),
}).strict();

/** `GET` answer: Daily's list shape; `waiting_since` in unix seconds. */
export const waitingListObject = z.object({
  total_count: z.number().int().min(0),
  data: z.array(z.object({
    id: z.string(),
    user_name: z.string(),
    user_id: z.string().nullable(),
    waiting_since: z.number().int(),
  }).strict()),
}).strict();

export const answeredObject = z.object({ granted: z.array(z.string()), denied: z.array(z.string()) }).strict();

export function waitingParticipantRoutes(app: FastifyInstance, lobby: Lobby): void {
  app.get<{ Params: { name: string } }>('/v1/rooms/:name/waiting-participants', async (request) => {
    const waiting = await lobby.waiting(request.params.name);
    if (!waiting) throw notFound(`room ${request.params.name} not found`);
    return {
      total_count: waiting.length,
      data: waiting.map((e) => ({ id: e.id, user_name: e.name, user_id: waitingUserId(e), waiting_since: Math.floor(e.since) })),
    };
  });

  app.post<{ Params: { name: string } }>('/v1/rooms/:name/waiting-participants', async (request) => {
    const { updates } = parseOrThrow(answerWaitingBody, request.body);
    const answered = await lobby.answerWaiting(request.params.name, updates);
    if (!answered) throw notFound(`room ${request.params.name} not found`);
    // Named ids only, and none of them still waiting: the answer came too late (or named nobody). A
    // state conflict, which Daily answers with 400 (as for a room name already taken); 404 stays for a
    // room that does not exist, so a client can tell the two apart.
    if (!Object.hasOwn(updates, '*') && answered.granted.length === 0 && answered.denied.length === 0) {
      throw badRequest('nobody with these ids is waiting to join this room (they may have been let in, turned away, or left)');
    }
    return answered;
  });
}
