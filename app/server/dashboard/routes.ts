/**
 * The team dashboard's API (`/api/team/dashboard`, paths and shapes in app/shared/dashboard-api.ts).
 * Only a signed-in member gets an answer; removing members and rotating the invite are for owners.
 * Rooms change through the room service, the same code and refusals as `/v1/rooms`. Every
 * state-changing request passes the CSRF guard first; each route has its own small per-client budget;
 * bodies are strict and bounded; nothing is cached.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  DASHBOARD_API,
  type DashboardRoomResponse,
  type DashboardRooms,
  type DashboardTeam,
  type DeletedResponse,
  type InviteResponse,
  type RoomLinkResponse,
} from '../../shared/dashboard-api.ts';
import type { AppContext } from '../context.ts';
import { ApiError, notFound, parseOrThrow } from '../http/errors.ts';
import { emptyBodyAsObject } from '../http/json-body.ts';
import type { RoomService } from '../rooms/room-service.ts';
import { roomPrivacy } from '../rooms/rooms.ts';
import { guardPosts } from '../team/request-guard.ts';
import type { SignedInMember } from '../team/signed-in.ts';
import { emailParameter, view, type Team } from '../team/team.ts';
import { roomLink } from './room-link.ts';
import { dashboardRoom, dashboardRooms } from './room-view.ts';
import { memberOf, ownerOf, requireMember } from './signed-in.ts';

/** Reads per client per minute: the page refreshes its rooms every few seconds to show who is in. */
export const DASHBOARD_READS_PER_MINUTE = 120;
/** Room creations, changes, deletions per client per minute (each route its own budget). */
export const DASHBOARD_ROOM_CHANGES_PER_MINUTE = 30;
/** Owner and guest links per client per minute (each may sign a meeting token). */
export const DASHBOARD_LINKS_PER_MINUTE = 30;
/** Member removals and invite rotations per client per minute. */
export const DASHBOARD_TEAM_CHANGES_PER_MINUTE = 10;
/** The largest body: a room name and two settings. */
export const DASHBOARD_BODY_LIMIT = 4 * 1024;
/** The most rooms one list shows (the newest). */
export const DASHBOARD_ROOMS_SHOWN = 100;

// The name is bounded loosely here: the room rules (rooms.ts) judge it, with /v1's own messages.
const createBody = z.object({ name: z.string().max(1024).optional(), privacy: roomPrivacy, knocking: z.boolean() }).strict();
const updateBody = z.object({ privacy: roomPrivacy.optional(), knocking: z.boolean().optional() }).strict();
const linkBody = z.object({ owner: z.boolean() }).strict();
const emptyBody = z.object({}).strict();
const roomParameter = z.string().min(1).max(1024);

const budget = (max: number) => ({ config: { rateLimit: { max, timeWindow: 60_000 } }, bodyLimit: DASHBOARD_BODY_LIMIT });

/**
 * The /api/team/dashboard routes; register inside the client API's scope (its rate limiter and
 * @fastify/cookie apply) as a plugin of their own (guard, parser). `signedIn`: the app's one reader of
 * the team session (app/server/team/signed-in.ts).
 */
export function dashboardRoutes(ctx: AppContext, team: Team, rooms: RoomService, signedIn: SignedInMember) {
  const publicUrl = ctx.config.publicUrl;
  const ownOrigin = new URL(publicUrl).origin;

  return async (app: FastifyInstance) => {
    app.addHook('onRequest', guardPosts(ownOrigin));
    // After the route's rate limit (an onRequest hook of the route) and before the body is read.
    const signIn = requireMember(signedIn);
    app.addHook('preParsing', async (request, _reply, payload) => {
      await signIn(request);
      return payload;
    });
    app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: DASHBOARD_BODY_LIMIT }, emptyBodyAsObject(app.getDefaultJsonParser('error', 'error')));
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
    });

    const reads = budget(DASHBOARD_READS_PER_MINUTE);
    const roomChanges = budget(DASHBOARD_ROOM_CHANGES_PER_MINUTE);
    const teamChanges = budget(DASHBOARD_TEAM_CHANGES_PER_MINUTE);
    const roomName = (params: { name: string }) => parseOrThrow(roomParameter, params.name, 'name');

    app.get(DASHBOARD_API.team, reads, async (request): Promise<DashboardTeam> => {
      const me = memberOf(request);
      return { name: team.name, me: view(me), members: (await team.members()).map(view), inviteLink: await team.inviteLink() };
    });

    app.get(DASHBOARD_API.rooms, reads, async (request): Promise<DashboardRooms> => {
      parseOrThrow(emptyBody, request.query, 'query');
      const page = await ctx.store.listRooms({ limit: DASHBOARD_ROOMS_SHOWN, now: ctx.now() });
      return { rooms: await dashboardRooms(ctx, page.data), total: page.total_count };
    });

    app.post(DASHBOARD_API.rooms, roomChanges, async (request): Promise<DashboardRoomResponse> => {
      const body = parseOrThrow(createBody, request.body ?? {});
      const room = await rooms.create({
        ...(body.name !== undefined ? { name: body.name } : {}),
        privacy: body.privacy,
        properties: { enable_knocking: body.knocking },
      });
      return { room: await dashboardRoom(ctx, room) };
    });

    app.post<{ Params: { name: string } }>('/api/team/dashboard/rooms/:name', roomChanges, async (request): Promise<DashboardRoomResponse> => {
      const name = roomName(request.params);
      const body = parseOrThrow(updateBody, request.body ?? {});
      const room = await rooms.update(name, {
        ...(body.privacy !== undefined ? { privacy: body.privacy } : {}),
        ...(body.knocking !== undefined ? { properties: { enable_knocking: body.knocking } } : {}),
      });
      return { room: await dashboardRoom(ctx, room) };
    });

    app.delete<{ Params: { name: string } }>('/api/team/dashboard/rooms/:name', roomChanges, async (request): Promise<DeletedResponse> => {
      const name = roomName(request.params);
      parseOrThrow(emptyBody, request.body ?? {});
      await rooms.delete(name);
      return { deleted: true };
    });

    app.post<{ Params: { name: string } }>('/api/team/dashboard/rooms/:name/link', budget(DASHBOARD_LINKS_PER_MINUTE), async (request): Promise<RoomLinkResponse> => {
      const name = roomName(request.params);
      const body = parseOrThrow(linkBody, request.body ?? {});
      return roomLink(ctx, await rooms.get(name), body.owner, memberOf(request));
    });

    app.delete<{ Params: { email: string } }>('/api/team/dashboard/members/:email', teamChanges, async (request): Promise<DeletedResponse> => {
      const owner = ownerOf(request, 'remove members');
      const email = parseOrThrow(emailParameter, request.params.email, 'email').trim().toLowerCase();
      parseOrThrow(emptyBody, request.body ?? {});
      if (email === owner.email) throw new ApiError('invalid-request-error', 'you cannot remove yourself from the team');
      if (!await team.removeMember(email)) throw notFound(`no member with the email ${email}`);
      // Who removed whom: a team change worth a line in the log (emails, never a session or invite code).
      request.log.info({ member: email, by: owner.email }, 'a team owner removed a member from the dashboard');
      return { deleted: true };
    });

    app.post(DASHBOARD_API.rotateInvite, teamChanges, async (request): Promise<InviteResponse> => {
      const owner = ownerOf(request, 'replace the invite link');
      parseOrThrow(emptyBody, request.body ?? {});
      const inviteLink = await team.rotateInvite();
      request.log.info({ by: owner.email }, 'a team owner replaced the invite link from the dashboard');
      return { inviteLink };
    });
  };
}
