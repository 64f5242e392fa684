/**
 * The lobby channel: one WebSocket per guest or owner at `/api/rooms/:name/lobby`. The first message
 * says who is speaking: a guest's `request-access`, or an owner's `hello` with their session.
 * Credentials travel in messages, never in the URL, so they stay out of logs.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Lobby, GuestConnection } from './lobby.ts';

const guestMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request-access'), name: z.string().max(1024), token: z.string().max(8192).optional(), resume: z.string().max(64).optional() }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
]);
const ownerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), session: z.string().max(4096) }).strict(),
  z.object({
    type: z.literal('update-waiting-participants'),
    updates: z.record(z.string().max(64), z.object({ grantRequestedAccess: z.boolean() }).strict()),
  }).strict(),
]);

const HEARTBEAT_MS = 15_000;

function parse(raw: unknown): unknown {
  try {
    return JSON.parse(String(raw));
  } catch {
    return undefined;
  }
}

export function lobbyRoutes(app: FastifyInstance, lobby: Lobby): void {
  app.get<{ Params: { name: string } }>('/api/rooms/:name/lobby', { websocket: true }, (socket, request) => {
    const roomName = request.params.name;
    const fail = (info: string) => socket.send(JSON.stringify({ type: 'error', error: 'invalid-request-error', info }));
    let role: 'guest' | 'owner' | undefined;
    const guest: GuestConnection = { socket, clientKey: request.ip };
    let ownerRoomId: string | undefined;
    // Messages are handled one at a time, in order, even when handling one awaits.
    let queue = Promise.resolve();

    // A connection that stops answering pings (a sleeping laptop, a lost network) is closed, so its
    // waiting entry expires and owners' toasts update even when no close ever arrives.
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) return socket.terminate();
      alive = false;
      socket.ping();
    }, HEARTBEAT_MS);

    socket.on('message', (raw) => {
      queue = queue.then(async () => {
        const data = parse(raw);
        if (role !== 'owner') {
          const msg = guestMessage.safeParse(data);
          if (msg.success) {
            role = 'guest';
            if (msg.data.type === 'request-access') await lobby.requestAccess(roomName, guest, msg.data);
            else lobby.cancel(guest);
            return;
          }
          if (role === 'guest') return fail('unknown message');
        }
        const msg = ownerMessage.safeParse(data);
        if (!msg.success) return fail('unknown message');
        if (msg.data.type === 'hello') {
          if (role === 'owner') return;
          const roomId = await lobby.ownerJoined(roomName, socket, msg.data.session);
          if (!roomId) {
            socket.send(JSON.stringify({ type: 'error', error: 'forbidden-error', info: 'only owners in this call can see who is waiting' }));
            socket.close();
            return;
          }
          role = 'owner';
          ownerRoomId = roomId;
          return;
        }
        if (role !== 'owner' || !ownerRoomId) return fail('say hello with your session first');
        lobby.answer(ownerRoomId, msg.data.updates);
      }).catch((err) => request.log.error({ err }, 'lobby message failed'));
    });

    socket.on('close', () => {
      clearInterval(heartbeat);
      void queue.then(() => {
        if (role === 'guest') lobby.guestDisconnected(guest);
        if (role === 'owner' && ownerRoomId) lobby.ownerLeft(ownerRoomId, socket);
      });
    });
  });
}
