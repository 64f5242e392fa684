/**
 * The lobby channel: one WebSocket per guest or owner at `/api/rooms/:name/lobby`. The first message
 * says who is speaking: a guest's `request-access`, or an owner's `hello` with their session.
 * Credentials travel in messages, never in the URL, so they stay out of logs. The door is guarded
 * here: browsers only from Foyer's own origin, a cap on sockets per client and in total, and a socket
 * that says nothing is closed.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Lobby, GuestConnection, OwnerConnection } from './lobby.ts';
import { ConnectionCounter, originAllowed, type LobbyChannelLimits } from './channel-guard.ts';

const guestMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('request-access'), name: z.string().max(1024), token: z.string().max(8192).optional(), resume: z.string().max(64).optional() }).strict(),
  z.object({ type: z.literal('cancel') }).strict(),
  // Text bounds (200 characters, no control characters) are checked by the lobby, with a clear reason.
  z.object({ type: z.literal('reply'), text: z.string().max(1024) }).strict(),
]);
const ownerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), session: z.string().max(4096) }).strict(),
  z.object({
    type: z.literal('update-waiting-participants'),
    updates: z.record(z.string().max(64), z.object({ grantRequestedAccess: z.boolean() }).strict()).refine((u) => Object.keys(u).length <= 100, 'at most 100 answers at once'),
  }).strict(),
  z.object({ type: z.literal('message-waiting'), id: z.string().max(64), text: z.string().max(1024) }).strict(),
]);

const HEARTBEAT_MS = 15_000;
/** Close code for "try again later" (RFC 6455 registry: 1013). */
const TRY_LATER = 1013;
/** Close code for a policy refusal (1008). */
const POLICY = 1008;

function parse(raw: unknown): unknown {
  try {
    return JSON.parse(String(raw));
  } catch {
    return undefined;
  }
}

export function lobbyRoutes(app: FastifyInstance, lobby: Lobby, limits: LobbyChannelLimits): void {
  const counter = new ConnectionCounter(limits);

  app.get<{ Params: { name: string } }>('/api/rooms/:name/lobby', {
    websocket: true,
    // Any web page could otherwise make its visitors' browsers knock: only Foyer's own pages may open it.
    preValidation: async (request, reply) => {
      if (!originAllowed(request.headers.origin, limits.allowedOrigins)) {
        return reply.status(403).send({ error: 'forbidden-error', info: 'this page may not open the lobby channel (origin not allowed)' });
      }
    },
  }, (socket, request) => {
    const roomName = request.params.name;
    const error = (error: string, info: string) => socket.send(JSON.stringify({ type: 'error', error, info }));
    const fail = (info: string) => error('invalid-request-error', info);

    const slot = counter.open(request.ip);
    if (!slot.ok) {
      error('rate-limit-error', slot.info);
      socket.close(TRY_LATER, 'too many connections');
      return;
    }

    let role: 'guest' | 'owner' | undefined;
    const guest: GuestConnection = { socket, clientKey: request.ip };
    let owner: OwnerConnection | undefined;
    // Messages are handled one at a time, in order, even when handling one awaits.
    let queue = Promise.resolve();

    // A socket that never says who it is holds a slot for nothing.
    const silent = setTimeout(() => {
      error('invalid-request-error', `nothing was sent within ${limits.firstMessageSeconds} s; reconnect when ready`);
      socket.close(POLICY, 'no first message');
    }, limits.firstMessageSeconds * 1000);

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
      clearTimeout(silent);
      queue = queue.then(async () => {
        const data = parse(raw);
        if (role !== 'owner') {
          const msg = guestMessage.safeParse(data);
          if (msg.success) {
            role = 'guest';
            if (msg.data.type === 'request-access') await lobby.requestAccess(roomName, guest, msg.data);
            else if (msg.data.type === 'reply') await lobby.reply(guest, msg.data.text);
            else await lobby.cancel(guest);
            return;
          }
          if (role === 'guest') return fail('unknown message');
        }
        const msg = ownerMessage.safeParse(data);
        if (!msg.success) return fail('unknown message');
        if (msg.data.type === 'hello') {
          if (role === 'owner') return;
          owner = (await lobby.ownerJoined(roomName, socket, msg.data.session)) ?? undefined;
          if (!owner) {
            error('forbidden-error', 'only owners in this call can see who is waiting');
            socket.close();
            return;
          }
          role = 'owner';
          return;
        }
        if (!owner) return fail('say hello with your session first');
        const kept = msg.data.type === 'message-waiting'
          ? await lobby.messageWaiting(owner, msg.data.id, msg.data.text)
          : await lobby.answer(owner, msg.data.updates);
        if (!kept) owner = undefined;
      }).catch((err) => request.log.error({ err }, 'lobby message failed'));
    });

    socket.on('close', () => {
      clearTimeout(silent);
      clearInterval(heartbeat);
      slot.release();
      queue.then(async () => {
        if (role === 'guest') await lobby.guestDisconnected(guest);
        if (owner) await lobby.ownerLeft(owner);
      }).catch((err) => request.log.error({ err }, 'lobby connection close failed'));
    });
  });
}
