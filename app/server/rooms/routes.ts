/** REST: `/v1/rooms`. Parses, calls the room rules and the store, maps to Daily's responses. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, parseOrThrow } from '../http/errors.ts';
import { LivekitUnavailableError } from '../livekit/errors.ts';
import { callSeats } from '../livekit/seats.ts';
import { RoomNameTakenError } from '../store/store.ts';
import { newRoom, roomJson, updatedRoom } from './rooms.ts';
import type { RoomEvents } from './room-events.ts';

/** The query of GET /v1/rooms (also documented in /v1/openapi.json). */
export const listRoomsQuery = z.object({
  // Digits only: Number() would also take "0x10", "1e1" or " 5".
  limit: z.preprocess((v) => (typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : v), z.number().int().min(1).max(100)).default(100),
  starting_after: z.string().min(1).optional(),
  ending_before: z.string().min(1).optional(),
}).strict();

export function roomRoutes(app: FastifyInstance, ctx: AppContext, events: RoomEvents): void {
  const { store } = ctx;
  const json = (room: Parameters<typeof roomJson>[0]) => roomJson(room, ctx.config.publicUrl);
  const mustGet = (name: string) => {
    const room = store.getRoom(name);
    if (!room) throw notFound(`room ${name} not found`);
    return room;
  };

  app.post('/v1/rooms', async (request) => {
    const room = newRoom(request.body, ctx.now());
    try {
      store.createRoom(room);
    } catch (err) {
      if (err instanceof RoomNameTakenError) throw badRequest(err.message);
      throw err;
    }
    return json(room);
  });

  app.get('/v1/rooms', async (request) => {
    const q = parseOrThrow(listRoomsQuery, request.query);
    if (q.starting_after && q.ending_before) throw badRequest('use starting_after or ending_before, not both');
    const page = store.listRooms({ limit: q.limit, startingAfter: q.starting_after, endingBefore: q.ending_before, now: ctx.now() });
    return { total_count: page.total_count, data: page.data.map(json) };
  });

  app.get<{ Params: { name: string } }>('/v1/rooms/:name', async (request) => json(mustGet(request.params.name)));

  app.post<{ Params: { name: string } }>('/v1/rooms/:name', async (request) => {
    const before = mustGet(request.params.name);
    const change = updatedRoom(before, request.body, ctx.now());
    const after = store.updateRoom(before.name, change);
    if (!after) throw notFound(`room ${before.name} not found`);
    events.roomUpdated(before, after);
    return json(after);
  });

  app.delete<{ Params: { name: string } }>('/v1/rooms/:name', async (request) => {
    const seats = callSeats(ctx);
    // After joins in flight to this room (they may open its call), and before any that come next.
    return seats.serialize(request.params.name, async () => {
      const room = mustGet(request.params.name);
      // The call ends first; the room goes only once that worked, so a failure changes nothing and a
      // retry is safe (ending a call that is already over is fine).
      try {
        await events.roomDeleted(room);
      } catch (err) {
        if (!(err instanceof LivekitUnavailableError)) throw err;
        throw new LivekitUnavailableError(`The room was not deleted: its call could not be ended (${err.info.replace(/\.$/, '')}). Retry the DELETE once LiveKit answers.`, { cause: err });
      }
      store.deleteRoom(room.name);
      seats.forgetRoom(room.id);
      return { deleted: true, name: room.name };
    });
  });
}
