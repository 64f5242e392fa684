/**
 * Creating, changing and deleting rooms: the one copy of these steps, which `/v1/rooms`, the team
 * dashboard and the 2018 team API all call (each maps the outcome to its own shapes). Throws ApiError
 * (`invalid-request-error`, `not-found`) for what the caller got wrong; nothing is half-done.
 */
import type { AppContext } from '../context.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { LivekitUnavailableError } from '../livekit/errors.ts';
import { callSeats } from '../livekit/seats.ts';
import { RoomNameTakenError, type Room } from '../store/store.ts';
import { changeRoom } from './change-room.ts';
import type { RoomEvents } from './room-events.ts';
import { newRoom, updatedRoom } from './rooms.ts';

export interface RoomService {
  /** `body` as `POST /v1/rooms` takes it (`{name?, privacy?, properties?}`). */
  create(body: unknown): Promise<Room>;
  /** The room, or `not-found`. */
  get(name: string): Promise<Room>;
  /** `body` as `POST /v1/rooms/:name` takes it (`{privacy?, properties?}`). */
  update(name: string, body: unknown): Promise<Room>;
  /** Ends the room's call, then deletes the room; a failure to end the call deletes nothing. */
  delete(name: string): Promise<Room>;
}

export function roomService(ctx: AppContext, events: RoomEvents): RoomService {
  const { store } = ctx;
  const get = async (name: string) => {
    const room = await store.getRoom(name);
    if (!room) throw notFound(`room ${name} not found`);
    return room;
  };
  return {
    async create(body) {
      const room = newRoom(body, ctx.now());
      try {
        await store.createRoom(room);
      } catch (err) {
        if (err instanceof RoomNameTakenError) throw badRequest(err.message);
        throw err;
      }
      return room;
    },
    get,
    async update(name, body) {
      const changed = await changeRoom(store, name, (room) => updatedRoom(room, body, ctx.now()));
      if (!changed) throw notFound(`room ${name} not found`);
      await events.roomUpdated(changed.before, changed.after);
      return changed.after;
    },
    delete(name) {
      const seats = callSeats(ctx);
      // After joins in flight to this room (they may open its call), and before any that come next.
      return seats.serialize(name, async () => {
        const room = await get(name);
        // The call ends first; the room goes only once that worked, so a failure changes nothing and a
        // retry is safe (ending a call that is already over is fine).
        try {
          await events.roomDeleted(room);
        } catch (err) {
          if (!(err instanceof LivekitUnavailableError)) throw err;
          throw new LivekitUnavailableError(`The room was not deleted: its call could not be ended (${err.info.replace(/\.$/, '')}). Retry the DELETE once LiveKit answers.`, { cause: err });
        }
        await store.deleteRoom(room.name);
        seats.forgetRoom(room.id);
        return room;
      });
    },
  };
}
