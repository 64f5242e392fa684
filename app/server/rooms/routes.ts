/** REST: `/v1/rooms`. Parses, calls the room service, maps to Daily's responses. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, parseOrThrow } from '../http/errors.ts';
import type { RoomService } from './room-service.ts';
import { roomJson } from './rooms.ts';

/** The query of GET /v1/rooms (also documented in /v1/openapi.json). */
export const listRoomsQuery = z.object({
  // Digits only: Number() would also take "0x10", "1e1" or " 5".
  limit: z.preprocess((v) => (typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v), z.number().int().min(1).max(100)).default(100),
  starting_after: z.string().min(1).optional(),
  ending_before: z.string().min(1).optional(),
}).strict();

export function roomRoutes(app: FastifyInstance, ctx: AppContext, rooms: RoomService): void {
  const json = (room: Parameters<typeof roomJson>[0]) => roomJson(room, ctx.config.publicUrl);

  app.post('/v1/rooms', async (request) => json(await rooms.create(request.body)));

  app.get('/v1/rooms', async (request) => {
    const q = parseOrThrow(listRoomsQuery, request.query);
    if (q.starting_after && q.ending_before) throw badRequest('use starting_after or ending_before, not both');
    const page = await ctx.store.listRooms({ limit: q.limit, startingAfter: q.starting_after, endingBefore: q.ending_before, now: ctx.now() });
    return { total_count: page.total_count, data: page.data.map(json) };
  });

  app.get<{ Params: { name: string } }>('/v1/rooms/:name', async (request) => json(await rooms.get(request.params.name)));

  app.post<{ Params: { name: string } }>('/v1/rooms/:name', async (request) => json(await rooms.update(request.params.name, request.body)));

  app.delete<{ Params: { name: string } }>('/v1/rooms/:name', async (request) => {
    const room = await rooms.delete(request.params.name);
    return { deleted: true, name: room.name };
  });
}
