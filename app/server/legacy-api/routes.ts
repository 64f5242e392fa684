/**
 * The 2018 team API, `/domains/by-name/<team>/…`, over the same data as `/v1` and the dashboard: the
 * room service for rooms, the Team for members, the meetings record for meetings. Authenticated with
 * the API key (the same check and wrong-key throttle as `/v1`), a per-key request budget like `/v1`'s,
 * small JSON bodies, and that era's error shape (errors.ts).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyPluginAsync, onRequestHookHandler } from 'fastify';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { perKeyRateLimit } from '../http/api-key-auth.ts';
import { emptyBodyAsObject } from '../http/json-body.ts';
import type { RoomService } from '../rooms/room-service.ts';
import type { Room } from '../store/store.ts';
import type { Team } from '../team/team.ts';
import { installLegacyErrors, LEGACY_BODY_LIMIT, legacyRefusal, quote } from './errors.ts';
import { checkTeam, parseCreateRoom, parseEmail, parseMeetingsQuery, parseUpdateRoom } from './requests.ts';
import { legacyMeetings, legacyRoom, legacyTeam, type LegacyMeetings, type LegacyRoom, type LegacyTeam } from './shapes.ts';

/** Meetings per answer, at most (`moreResults` says there were more). */
export const MEETINGS_MAX = 100;

/** The path prefix; routes below are relative to it. */
export const LEGACY_PREFIX = '/domains';

type TeamParams = { team: string };
type RoomParams = TeamParams & { room: string };
type UserParams = TeamParams & { email: string };

export interface LegacyDeps {
  ctx: AppContext;
  rooms: RoomService;
  team: Team;
  /** The `/v1` API key check, shared so wrong keys here count against the same per-address throttle. */
  requireApiKey: onRequestHookHandler;
}

/** Every room the team has (the store pages by 100). */
async function allRooms(ctx: AppContext): Promise<Room[]> {
  const rooms: Room[] = [];
  for (;;) {
    const last = rooms[rooms.length - 1];
    const page = await ctx.store.listRooms({ limit: 100, now: ctx.now(), ...(last ? { startingAfter: last.id } : {}) });
    rooms.push(...page.data);
    if (page.data.length < 100) return rooms;
  }
}

/** A room the service does not know, with where to find the right name. */
function roomMissing(err: unknown, teamName: string, room: string): never {
  if (err instanceof ApiError && err.type === 'not-found') {
    throw legacyRefusal(`no room named ${quote(room)} in team ${quote(teamName)}; GET /domains/by-name/${teamName} lists its rooms`);
  }
  throw err;
}

/** The API as a plugin, to be registered with `{prefix: LEGACY_PREFIX}` (its unknown paths get its own 404). */
export function legacyTeamApi({ ctx, rooms, team, requireApiKey }: LegacyDeps): FastifyPluginAsync {
  return async (scope: FastifyInstance) => {
    installLegacyErrors(scope);
    scope.addHook('onRequest', requireApiKey);
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: LEGACY_BODY_LIMIT }, emptyBodyAsObject(scope.getDefaultJsonParser('error', 'error')));
    // The same budget as /v1 (FOYER_API_REQUESTS_PER_5S per key), counted apart from it.
    await scope.register(rateLimit, perKeyRateLimit(ctx.config.apiRequestsPer5s));
    // After the key and the budget: only then does the path's team name get an answer.
    scope.addHook('onRequest', async (request) => {
      const { team: pathTeam } = request.params as Partial<TeamParams>;
      if (pathTeam !== undefined) checkTeam(pathTeam, team.name);
    });

    scope.get<{ Params: TeamParams }>('/by-name/:team', async (): Promise<LegacyTeam> =>
      legacyTeam(team.name, await team.inviteLink(), await allRooms(ctx), await team.members()));

    scope.post<{ Params: TeamParams }>('/by-name/:team/room', async (request): Promise<LegacyRoom> => {
      const input = parseCreateRoom(request.body, team.name);
      return legacyRoom(await rooms.create(input), ctx.config.publicUrl);
    });

    scope.post<{ Params: RoomParams }>('/by-name/:team/room/:room', async (request): Promise<{ updated: true }> => {
      const change = parseUpdateRoom(request.body);
      try {
        await rooms.update(request.params.room, change);
      } catch (err) {
        roomMissing(err, team.name, request.params.room);
      }
      return { updated: true };
    });

    scope.delete<{ Params: RoomParams }>('/by-name/:team/room/:room', async (request): Promise<{ deleted: 'true' }> => {
      try {
        await rooms.delete(request.params.room);
      } catch (err) {
        roomMissing(err, team.name, request.params.room);
      }
      // A string, as that API answered.
      return { deleted: 'true' };
    });

    scope.delete<{ Params: UserParams }>('/by-name/:team/user/:email', async (request): Promise<{ deleted: 'true' }> => {
      const email = parseEmail(request.params.email);
      // Their passkeys and sessions go with them: signed out at once.
      if (!await team.removeMember(email)) {
        throw legacyRefusal(`no user with the email ${quote(email)} in team ${quote(team.name)}; GET /domains/by-name/${team.name} lists its users`);
      }
      return { deleted: 'true' };
    });

    scope.post<{ Params: TeamParams }>('/by-name/:team/meetings', async (request): Promise<LegacyMeetings> => {
      const q = parseMeetingsQuery(request.body);
      const records = ctx.store.meetingRecords;
      const page = await records.listMeetings({
        limit: MEETINGS_MAX,
        timeframeStart: q.start,
        timeframeEnd: q.end,
        ...(q.room !== undefined ? { roomName: q.room } : {}),
      });
      const sessions = await records.sessionsOf(page.data.map((m) => m.id));
      const emails = await ctx.store.team.participantEmails(sessions.map((s) => s.participantId));
      return legacyMeetings(team.name, page.data, sessions, emails, page.total_count > page.data.length);
    });
  };
}
