/** The Fastify app: security headers, rate limits, error shape, and every route group. */
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance, type FastifyReply } from 'fastify';
import { clientApiRoutes } from '../api/routes.ts';
import type { AppContext } from '../context.ts';
import { webhookRoutes } from '../livekit/webhooks.ts';
import { OperatorEvents } from '../events/operator-events.ts';
import { DEFAULT_LOBBY_LIMITS, Lobby, type LobbyLimits } from '../lobby/lobby.ts';
import { lobbyStateFor, REDIS_PREFIX } from '../lobby/state/choose-state.ts';
import { withLobbyStore } from '../lobby/state/with-lobby-store.ts';
import { connectRedis } from '../redis/connect.ts';
import { withLogSafeErrors } from '../redis/log-safe-error.ts';
import { redisAuthFailures } from '../redis/auth-failures.ts';
import { lobbyRoutes } from '../lobby/routes.ts';
import { lobbyOrigins } from '../lobby/channel-guard.ts';
import { RememberedPermissions } from '../moderation/remembered-permissions.ts';
import { moderationRoutes } from '../moderation/routes.ts';
import { Meetings } from '../meetings/meetings.ts';
import { meetingRoutes } from '../meetings/routes.ts';
import { OwnerActions } from '../owner-actions/owner-actions.ts';
import { EjectionTimers } from '../lifecycle/ejection-timers.ts';
import { ejectFromCall } from '../owner-actions/eject.ts';
import { callEventHandler } from '../livekit/call-events.ts';
import { ownerActionRoutes } from '../owner-actions/routes.ts';
import { participantSessions, sessionKeyFrom } from '../sessions/participant-session.ts';
import type { RoomEvents } from '../rooms/room-events.ts';
import type { Room } from '../store/store.ts';
import cookie from '@fastify/cookie';
import { signedInMember } from '../team/signed-in.ts';
import { endMembershipInCalls } from '../team/membership-ended.ts';
import { roomService } from '../rooms/room-service.ts';
import { roomRoutes } from '../rooms/routes.ts';
import { tokenRoutes } from '../tokens/routes.ts';
import { perKeyRateLimit, requireApiKey } from './api-key-auth.ts';
import { emptyBodyAsObject } from './json-body.ts';
import { fastifyTrustProxy } from './trust-proxy.ts';
import { ApiError, installErrorHandling } from './errors.ts';
import { openApiRoutes } from './openapi.ts';
import { webAppRoutes } from './web-app.ts';
import { waitingParticipantRoutes } from '../lobby/waiting-routes.ts';
import { WebhookDispatcher, type DispatcherOptions } from '../webhooks/dispatcher.ts';
import { webhookApiRoutes } from '../webhooks/routes.ts';
import { simpleWebAuthnPasskeys, type Passkeys } from '../team/passkeys.ts';
import { teamRoutes } from '../team/routes.ts';
import { Team } from '../team/team.ts';
import { teamApiRoutes } from '../team/v1-routes.ts';
import { dashboardRoutes } from '../dashboard/routes.ts';
import { LEGACY_PREFIX, legacyTeamApi } from '../legacy-api/routes.ts';

export interface AppOptions {
  logger?: boolean | object;
  roomEvents: RoomEvents;
  webhookSecret?: { apiKey: string; apiSecret: string };
  /** How often the lobby ends expired waits; 0 for never (tests sweep by hand after moving the clock). */
  lobbySweepEveryMs?: number;
  /** Operator webhook delivery (tests: a fake fetch, short retries). */
  webhookDelivery?: DispatcherOptions;
  /** The WebAuthn ceremonies (unit tests: a fake; the real one is @simplewebauthn/server). */
  passkeys?: Passkeys;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The lobby (knocking), for tests and scripts that drive it directly. */
    lobby: Lobby;
    /** Room events for operators (webhooks), for tests that listen in. */
    operatorEvents: OperatorEvents;
    /** Delivers operator events to the operator's webhooks, for tests that wait for it. */
    webhookDispatcher: WebhookDispatcher;
    /** The meetings record (fed by LiveKit webhooks), for tests that drive it directly. */
    meetings: Meetings;
    /** Removals on schedule, for tests that look at them. */
    ejections: EjectionTimers;
    /** The team (members, passkeys, sessions), for tests that drive it directly. */
    team: Team;
  }
}

export async function buildApp(ctx: AppContext, opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    // Errors are logged without the Redis command arguments ioredis hangs on them (meeting tokens ride there).
    logger: opts.logger ? withLogSafeErrors(opts.logger) : false,
    // Meeting tokens travel as a path parameter (GET /v1/meeting-tokens/:token), so allow long ones.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
    frameworkErrors: (err, request, reply) => {
      const info = `the request URL is not valid: ${err.message}`;
      // The 2018 team API answers a request's mistakes in its own shape (HTTP 200, {error: {message}}).
      if (request.url.startsWith(`${LEGACY_PREFIX}/`)) (reply as FastifyReply).status(200).send({ error: { message: info } });
      else (reply as FastifyReply).status(400).send({ error: 'invalid-request-error', info });
    },
    bodyLimit: 256 * 1024,
    trustProxy: fastifyTrustProxy(ctx.config.trustProxy),
    // Never log query strings: a meeting token could ride in one.
    logController: new LogController({ disableRequestLogging: true }),
  });
  installErrorHandling(app);
  // FOYER_REDIS_URL: the lobby and the rate limits are shared with every control plane on that Redis,
  // and whatever reads the lobby through the store (the dashboard) reads the shared one.
  const redis = ctx.config.redisUrl ? await connectRedis(ctx.config.redisUrl, (err) => app.log.warn({ err }, 'Redis connection failed; retrying')) : undefined;
  const lobbyLimits: LobbyLimits = {
    ...DEFAULT_LOBBY_LIMITS,
    knocksPerWindow: ctx.config.knocksPerMinute,
    maxWaiting: ctx.config.maxWaiting,
    maxWaitingPerClient: ctx.config.maxWaitingPerClient,
    maxWaitSeconds: ctx.config.maxWaitSeconds,
  };
  const lobbyState = lobbyStateFor(ctx, lobbyLimits, redis, (err, what) => app.log.error({ err }, what));
  if (redis) ctx = { ...ctx, store: withLobbyStore(ctx.store, lobbyState.store) };
  /** A rate limiter's counters: in Redis when shared (a limit that is down lets requests through rather than failing them). */
  const counters = (name: string) => (redis ? { redis: redis.rateLimits, nameSpace: `${REDIS_PREFIX}rate-limit:${name}:`, skipOnError: true } : {});
  // What operators may hear of (webhooks): the lobby and the meetings record emit here.
  const operatorEvents = new OperatorEvents((err, event) => app.log.warn({ err, event: event.type }, 'an operator event listener failed'));
  app.decorate('operatorEvents', operatorEvents);
  // Operators' webhooks hear every event; delivery runs in the background and never blocks the emitter.
  const webhookDispatcher = new WebhookDispatcher(ctx.store.webhooks, { now: ctx.now, log: app.log, ...opts.webhookDelivery });
  operatorEvents.on((event) => webhookDispatcher.emit(event));
  app.decorate('webhookDispatcher', webhookDispatcher);
  app.addHook('onClose', async () => webhookDispatcher.close());
  // Meetings and presence, fed by LiveKit webhooks; at start, open meetings are checked against LiveKit.
  const meetings = new Meetings(ctx, operatorEvents, { log: app.log });
  app.decorate('meetings', meetings);
  // Before the server listens: a leave LiveKit retries after a restart then finds the record right.
  app.addHook('onReady', async () => meetings.start());
  app.addHook('onClose', async () => meetings.stop());

  const sessions = participantSessions(sessionKeyFrom(ctx.deployment.apiKey));
  const lobby = new Lobby(ctx, sessions, lobbyLimits, opts.lobbySweepEveryMs, { operatorEvents, state: lobbyState, onError: (err, what) => app.log.error({ err }, what) });
  app.decorate('lobby', lobby);
  // Past this many open connections Node refuses new ones at once, before any work is done for them.
  app.server.maxConnections = ctx.config.maxConnections;
  // Before the server listens: the lobby hears the other instances (and, alone, recovers from a restart).
  app.addHook('onReady', async () => lobby.started());
  // The lobby first: it gives its owner presence back through Redis before the connections close.
  app.addHook('onClose', async () => {
    await lobby.close();
    await redis?.close();
  });
  // Room changes reach the call (LiveKit) and the people waiting in the lobby.
  const roomChanged = async (before: Room, after: Room) => {
    await opts.roomEvents.roomUpdated(before, after);
    await lobby.roomChanged(after);
  };
  // What the operator's update-permissions changed this meeting (replayed when someone comes back).
  const permissionMemory = new RememberedPermissions();
  const owners = new OwnerActions(ctx, sessions, roomChanged, permissionMemory);
  // Removals on schedule (room exp, token exp, elapsed), through the same removal as the owner's remove; re-armed from the store
  // at start, and those due soon looked for there every 30 s (the instance that armed one may have died).
  const ejections = new EjectionTimers({
    meetings: ctx.store.meetings,
    now: ctx.now,
    async remove(roomId, identity) {
      const room = await ctx.store.roomById(roomId);
      return room !== null && (await ejectFromCall(ctx, room, identity, { ban: false })) === 'removed';
    },
    onRemoved: (where) => app.log.info({ room: where.roomId, participant: where.identity, reason: where.reason }, 'removed a participant on schedule'),
    onFailure: (err, where) => app.log.warn({ err, room: where.roomId, attempt: where.attempt, gaveUp: where.gaveUp }, 'could not remove a participant on schedule'),
    onLookFailed: (err) => app.log.warn({ err }, 'could not look for removals on schedule armed by other instances'),
  });
  app.decorate('ejections', ejections);
  await ejections.start();
  app.addHook('onClose', async () => ejections.close());
  const roomEvents: RoomEvents = {
    async roomUpdated(before, after) {
      await roomChanged(before, after);
      // Owner-only broadcast changed mid-call: guests' publish permissions follow, as with the live switch.
      owners.roomUpdated(before, after).catch((err: unknown) => app.log.warn({ err, room: after.name }, 'could not apply owner_only_broadcast to the call'));
    },
    async roomDeleted(room) {
      // The call first: if LiveKit cannot end it, the room stays and those waiting are told nothing.
      await opts.roomEvents.roomDeleted(room);
      await lobby.roomChanged(room, true);
      await owners.meetingEnded(room.id);
      permissionMemory.meetingEnded(room.id);
      ejections.cancelRoom(room.id);
    },
  };

  // Rooms are created, changed and deleted by one service, whichever API asks (/v1, dashboard, team API).
  const rooms = roomService(ctx, roomEvents);

  // The team: members sign up from the invite link with a passkey and sign in with it (cookie sessions).
  const team = new Team(ctx, opts.passkeys ?? simpleWebAuthnPasskeys);
  app.decorate('team', team);
  // A removed member is taken out of the calls they were an owner of only as a member (org rooms).
  team.onMemberRemoved((member) => {
    endMembershipInCalls(ctx, member).then(
      (removed) => { if (removed > 0) app.log.info({ removed }, 'removed a former team member from the calls they owned as a member'); },
      (err: unknown) => app.log.warn({ err }, 'could not remove a former team member from a call'),
    );
  });
  // Expired sessions are refused on read; this only keeps the table small.
  const sessionSweep = setInterval(() => {
    ctx.store.team.sweepSessions(ctx.now()).catch((err: unknown) => app.log.warn({ err }, 'could not sweep expired team sessions'));
  }, 3600_000);
  sessionSweep.unref();
  app.addHook('onClose', async () => clearInterval(sessionSweep));

  // Every LiveKit node browsers may be sent to (a cluster's, or the one), and its HTTP side (livekit-client validates there).
  const livekitUrls = (ctx.livekit.connectUrls ?? [ctx.livekit.publicUrl]).flatMap((u) => [u, u.replace(/^ws/, 'http')]);
  await app.register(helmet, {
    // Embedding is a feature: frame-ancestors decides who may frame Foyer, not X-Frame-Options.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:', 'mediastream:'],
        connectSrc: ["'self'", ...livekitUrls],
        frameAncestors: ctx.config.frameAncestors,
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(rateLimit, {
    global: false,
    ...counters('routes'),
    errorResponseBuilder: (_req, context) =>
      new ApiError('rate-limit-error', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });

  // One check (and one wrong-key throttle) for every API the key opens: /v1 and the 2018 team API.
  const apiKeyCheck = requireApiKey(ctx.deployment.apiKey, {
    failuresPerMinute: ctx.config.authFailuresPerMinute,
    now: ctx.now,
    // Shared by every instance, so several control planes do not multiply the guesses an address gets.
    ...(redis ? { failures: redisAuthFailures(redis.rateLimits, REDIS_PREFIX, ctx.config.authFailuresPerMinute, (err) => app.log.warn({ err }, 'could not reach Redis for the wrong-key throttle; letting the request through')) } : {}),
  });
  await app.register(async (v1) => {
    // Wrong keys are throttled per client address here, before the per-key limiter below.
    v1.addHook('onRequest', apiKeyCheck);
    v1.addContentTypeParser('application/json', { parseAs: 'string' }, emptyBodyAsObject(v1.getDefaultJsonParser('error', 'error')));
    // Daily's documented budget by default: about 100 requests per 5 seconds per key (FOYER_API_REQUESTS_PER_5S).
    // Over it: 429 rate-limit-error with Retry-After (seconds), whichever address the key is used from.
    await v1.register(rateLimit, { ...perKeyRateLimit(ctx.config.apiRequestsPer5s), ...counters('v1') });
    v1.get('/v1', async () => ({ domain_name: ctx.deployment.domainName, domain_id: ctx.deployment.domainId, config: {} }));
    roomRoutes(v1, ctx, rooms);
    tokenRoutes(v1, ctx);
    moderationRoutes(v1, ctx, permissionMemory);
    webhookApiRoutes(v1, ctx, webhookDispatcher);
    waitingParticipantRoutes(v1, lobby);
    meetingRoutes(v1, ctx);
    teamApiRoutes(v1, team);
  });
  // The 2018 team API (/domains/by-name/<team>/…), over the same room service and team.
  await app.register(legacyTeamApi({ ctx, rooms, team, requireApiKey: apiKeyCheck }), { prefix: LEGACY_PREFIX });
  await app.register(openApiRoutes(ctx.config.publicUrl));

  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  await app.register(async (api) => {
    await api.register(rateLimit, { max: ctx.config.clientRequestsPer10s, timeWindow: 10_000, ...counters('api') });
    // The team session cookie, read by preauth and join (members in `org` rooms) and by /api/team.
    await api.register(cookie);
    const memberOf = signedInMember(team, ctx.config.publicUrl);
    clientApiRoutes(api, ctx, lobby, sessions, { ejections, memberOf });
    ownerActionRoutes(api, owners);
    await api.register(teamRoutes(team, ctx.config.publicUrl));
    // The team dashboard: signed-in members; rooms through the same room service as /v1.
    await api.register(dashboardRoutes(ctx, team, rooms, memberOf));
    lobbyRoutes(api, lobby, {
      allowedOrigins: lobbyOrigins(ctx.config.publicUrl, ctx.config.frameAncestors, ctx.config.extraOrigins),
      perClient: ctx.config.lobbySocketsPerClient,
      total: ctx.config.lobbySocketsTotal,
      firstMessageSeconds: 10,
    });
  });

  if (opts.webhookSecret) {
    webhookRoutes(app, opts.webhookSecret, callEventHandler({ ctx, log: app.log, meetings, lobby, owners, permissions: permissionMemory, ejections }));
  }

  await webAppRoutes(app, ctx.config.webDir);
  return app;
}
