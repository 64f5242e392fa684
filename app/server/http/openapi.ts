/**
 * The OpenAPI 3.1 document of the operator API (`/v1`), generated from the zod schemas the routes
 * parse with, so the document cannot drift from what the server accepts. Served at
 * `GET /v1/openapi.json` for API tools (and for schemathesis, which fuzzes the live server from it).
 *
 * A small generator over `z.toJSONSchema` rather than `@fastify/swagger`: the routes validate with
 * zod inside their handlers, not with Fastify route schemas, so swagger would have nothing to read
 * without rewriting every route; this needs no dependency.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ROOM_NAME_PATTERN } from '../../shared/room-name.ts';
import { ejectBody, ejectResult, MAX_IDS, PARTICIPANT_ID, permissionsUpdated, updatePermissionsBody } from '../moderation/routes.ts';
import { roomPropertyShape } from '../rooms/properties.ts';
import { roomPrivacy, createRoomBody, updateRoomBody } from '../rooms/rooms.ts';
import { listRoomsQuery } from '../rooms/routes.ts';
import { listMeetingsQuery, meetingParticipantsQuery, roomPresenceQuery } from '../meetings/routes.ts';
import { meetingObject, meetingParticipantObject, presenceObject } from '../meetings/views.ts';
import { tokenPropertiesInput } from '../tokens/properties.ts';
import { createTokenBody, validateTokenQuery } from '../tokens/routes.ts';
import type { ApiErrorType } from './errors.ts';
import { answerWaitingBody, answeredObject, waitingListObject } from '../lobby/waiting-routes.ts';
import { createWebhookBody, updateWebhookBody, webhookObject } from '../webhooks/webhooks.ts';
import { EMAIL_MAX } from '../team/team.ts';
import { inviteRotatedObject, memberRemovedObject, teamObject } from '../team/v1-routes.ts';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

/** The parts of an OpenAPI 3.1 document Foyer writes. */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** One operation (a method on a path). */
export interface OpenApiOperation {
  operationId: string;
  summary: string;
  parameters?: JsonSchema[];
  requestBody?: JsonSchema;
  responses: Record<string, { description: string; headers?: Record<string, JsonSchema>; content: { 'application/json': { schema: JsonSchema } } }>;
}

/** Every 429 of `/v1` says when to retry: whole seconds, as HTTP's Retry-After. */
const RETRY_AFTER_HEADER = {
  'Retry-After': { description: 'Seconds to wait before retrying.', required: true, schema: { type: 'integer', minimum: 1 } },
};

/** The error types `/v1` answers with (Daily's), for the error body's schema. */
const ERROR_TYPES: ApiErrorType[] = [
  'invalid-request-error', 'json-parsing-error', 'authorization-header-error', 'authentication-error',
  'forbidden-error', 'not-found', 'rate-limit-error', 'server-error',
];

/** The room object of the REST API (`roomJson`), for documentation: `config` holds only what was set. */
const roomObject = z.object({
  id: z.uuid(),
  name: z.string().regex(ROOM_NAME_PATTERN),
  api_created: z.boolean(),
  privacy: roomPrivacy,
  url: z.string(),
  created_at: z.iso.datetime(),
  config: z.object(roomPropertyShape).partial().strict(),
}).strict();

/** A zod schema as a standalone JSON Schema (no `$schema`; nothing here is recursive, so no `$defs`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // `unrepresentable: 'any'`: refinements and transforms (a display-name check) have no JSON Schema
  // form; the server still enforces them and answers 400, which the document lists.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Query parameters from a zod object: one optional parameter per key. */
function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: jsonSchema(field as z.ZodType, 'input'),
  }));
}

const pathParameter = (name: string, schema: JsonSchema, description: string) => ({ name, in: 'path', required: true, description, schema });
const roomNameParameter = pathParameter('name', { type: 'string', pattern: ROOM_NAME_PATTERN.source }, 'The room name.');
const webhookIdParameter = pathParameter('id', { type: 'string', minLength: 1 }, 'The webhook\'s uuid.');

function responses(ok: string, okDescription: string, errors: (400 | 401 | 404 | 429)[]): OpenApiOperation['responses'] {
  const json = (schema: JsonSchema) => ({ 'application/json': { schema } });
  const errorText: Record<number, string> = {
    400: 'Bad input (invalid-request-error, json-parsing-error) or a malformed Authorization header (authorization-header-error).',
    401: 'The API key is not valid (authentication-error).',
    404: 'No such room, or no such endpoint (not-found).',
    429: 'Too many requests (rate-limit-error): over the API key\'s budget, or too many wrong keys from this address; retry after Retry-After seconds.',
  };
  return Object.fromEntries([
    ['200', { description: okDescription, content: json(ref(ok)) }],
    ...errors.map((status) => [String(status), {
      description: errorText[status]!,
      ...(status === 429 ? { headers: RETRY_AFTER_HEADER } : {}),
      content: json(ref('Error')),
    }]),
  ]);
}

const jsonBody = (name: string, required: boolean) => ({ required, content: { 'application/json': { schema: ref(name) } } });
const ALL_ERRORS = [400, 401, 404, 429] as const;

/** Builds the document; `publicUrl` is where clients reach Foyer (the `servers` entry). */
export function openApiDocument(publicUrl: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Foyer REST API',
      version: '1',
      description: 'The operator API, shaped like Daily\'s: rooms and meeting tokens. Send "Authorization: Bearer <api key>". '
        + 'Success is HTTP 200 with JSON; errors are {"error": "<type>", "info": "<what was wrong>"} with Daily\'s types.',
    },
    servers: [{ url: publicUrl }],
    security: [{ bearerAuth: [] }],
    paths: {
      '/v1/': {
        get: { operationId: 'getDomain', summary: 'The deployment\'s configuration', responses: responses('Domain', 'The deployment.', [400, 401, 429]) },
      },
      '/v1/rooms': {
        get: {
          operationId: 'listRooms',
          summary: 'List rooms, newest first (cursors: starting_after or ending_before, a room name)',
          parameters: queryParameters(listRoomsQuery),
          responses: responses('RoomList', 'A page of rooms.', [400, 401, 429]),
        },
        post: {
          operationId: 'createRoom',
          summary: 'Create a room (a name is generated when none is given)',
          requestBody: jsonBody('CreateRoom', false),
          responses: responses('Room', 'The new room.', [400, 401, 429]),
        },
      },
      '/v1/rooms/{name}': {
        get: { operationId: 'getRoom', summary: 'Get a room', parameters: [roomNameParameter], responses: responses('Room', 'The room.', [...ALL_ERRORS]) },
        post: {
          operationId: 'updateRoom',
          summary: 'Update a room\'s privacy and properties (null restores a property\'s default)',
          parameters: [roomNameParameter],
          requestBody: jsonBody('UpdateRoom', false),
          responses: responses('Room', 'The updated room.', [...ALL_ERRORS]),
        },
        delete: {
          operationId: 'deleteRoom',
          summary: 'Delete a room and end its call',
          parameters: [roomNameParameter],
          responses: responses('RoomDeleted', 'The room is gone; its name can be used again.', [...ALL_ERRORS]),
        },
      },
      '/v1/rooms/{name}/eject': {
        post: {
          operationId: 'ejectParticipants',
          summary: 'Remove participants from the call by participant id or meeting-token user_id (ban: keep them out for the rest of the meeting)',
          parameters: [roomNameParameter],
          requestBody: jsonBody('Eject', true),
          responses: responses('Ejected', 'The ids of the participants removed (none when there is no call or nobody matched).', [...ALL_ERRORS]),
        },
      },
      '/v1/rooms/{name}/update-permissions': {
        post: {
          operationId: 'updatePermissions',
          summary: 'Change participants\' permissions in the call, live (by participant id, or "*" for everyone not named)',
          parameters: [roomNameParameter],
          requestBody: jsonBody('UpdatePermissions', true),
          responses: responses('PermissionsUpdated', 'Done (an empty object, as Daily answers).', [...ALL_ERRORS]),
        },
      },
      '/v1/meeting-tokens': {
        post: {
          operationId: 'createMeetingToken',
          summary: 'Create a meeting token (an HS256 JWT signed with the API key)',
          requestBody: jsonBody('CreateMeetingToken', false),
          responses: responses('MeetingToken', 'The token.', [400, 401, 429]),
        },
      },
      '/v1/meeting-tokens/{token}': {
        get: {
          operationId: 'validateMeetingToken',
          summary: 'Validate a meeting token and return its properties (ignoreNbf=true: accept one not valid yet)',
          parameters: [pathParameter('token', { type: 'string', minLength: 1 }, 'The meeting token.'), ...queryParameters(validateTokenQuery)],
          responses: responses('MeetingTokenProperties', 'The token\'s properties.', [...ALL_ERRORS]),
        },
      },
      '/v1/rooms/{name}/waiting-participants': {
        get: {
          operationId: 'listWaitingParticipants',
          summary: 'Who is waiting to join the room (knocking), in knock order; waiting_since in unix seconds',
          parameters: [roomNameParameter],
          responses: responses('WaitingParticipantList', 'The people waiting.', [...ALL_ERRORS]),
        },
        post: {
          operationId: 'answerWaitingParticipants',
          summary: 'Let people waiting in, or turn them away, as an owner would ("*": everyone else waiting now; first answer wins)',
          parameters: [roomNameParameter],
          requestBody: jsonBody('AnswerWaitingParticipants', true),
          responses: responses('WaitingParticipantsAnswered', 'Who was let in and who was turned away (ids no longer waiting are in neither list).', [...ALL_ERRORS]),
        },
      },
      '/v1/webhooks': {
        get: { operationId: 'listWebhooks', summary: 'The deployment\'s webhooks (their secrets are not shown again)', responses: responses('WebhookList', 'Every webhook.', [400, 401, 429]) },
        post: {
          operationId: 'createWebhook',
          summary: 'Create a webhook (at most 5); the answer holds its HMAC secret, shown this once',
          requestBody: jsonBody('CreateWebhook', true),
          responses: responses('Webhook', 'The new webhook, with its hmac secret.', [400, 401, 429]),
        },
      },
      '/v1/webhooks/{id}': {
        get: { operationId: 'getWebhook', summary: 'Get a webhook, with its delivery state', parameters: [webhookIdParameter], responses: responses('Webhook', 'The webhook.', [...ALL_ERRORS]) },
        post: {
          operationId: 'updateWebhook',
          summary: 'Update a webhook (a FAILED one becomes ACTIVE again)',
          parameters: [webhookIdParameter],
          requestBody: jsonBody('UpdateWebhook', false),
          responses: responses('Webhook', 'The updated webhook.', [...ALL_ERRORS]),
        },
        delete: {
          operationId: 'deleteWebhook',
          summary: 'Delete a webhook; events queued for it are dropped',
          parameters: [webhookIdParameter],
          responses: responses('WebhookDeleted', 'The webhook is gone.', [...ALL_ERRORS]),
        },
      },
      '/v1/meetings': {
        get: {
          operationId: 'listMeetings',
          summary: 'List meetings (a room\'s call from its first participant in to its last out), newest first; cursors are meeting ids',
          parameters: queryParameters(listMeetingsQuery),
          responses: responses('MeetingList', 'A page of meetings.', [400, 401, 429]),
        },
      },
      '/v1/meetings/{id}': {
        get: {
          operationId: 'getMeeting',
          summary: 'Get one meeting with its participants',
          parameters: [pathParameter('id', { type: 'string', minLength: 1 }, 'The meeting id.')],
          responses: responses('Meeting', 'The meeting.', [...ALL_ERRORS]),
        },
      },
      '/v1/meetings/{id}/participants': {
        get: {
          operationId: 'getMeetingParticipants',
          summary: 'A meeting\'s participants in join order (cursors: joined_after or joined_before, a participant_id); a page with nobody left on it is 404',
          parameters: [pathParameter('id', { type: 'string', minLength: 1 }, 'The meeting id.'), ...queryParameters(meetingParticipantsQuery)],
          responses: responses('MeetingParticipantList', 'A page of participants.', [...ALL_ERRORS]),
        },
      },
      '/v1/presence': {
        get: {
          operationId: 'getPresence',
          summary: 'Everyone in a call now, grouped by room name',
          responses: responses('Presence', 'Room name to the people in its call.', [400, 401, 429]),
        },
      },
      '/v1/rooms/{name}/presence': {
        get: {
          operationId: 'getRoomPresence',
          summary: 'Who is in the room\'s call now (filters: userId, userName)',
          parameters: [roomNameParameter, ...queryParameters(roomPresenceQuery)],
          responses: responses('RoomPresence', 'The people in the call.', [...ALL_ERRORS]),
        },
      },
      '/v1/team': {
        get: {
          operationId: 'getTeam',
          summary: 'The team: its name (the domain name), the invite link new members sign up from with a passkey, and its members (the first to sign up is the owner)',
          responses: responses('Team', 'The team.', [400, 401, 429]),
        },
      },
      '/v1/team/invite': {
        post: {
          operationId: 'rotateTeamInvite',
          summary: 'Replace the invite code: the old invite link stops working at once; answers the new link',
          responses: responses('TeamInviteRotated', 'The new invite link.', [400, 401, 429]),
        },
      },
      '/v1/team/members/{email}': {
        delete: {
          operationId: 'removeTeamMember',
          summary: 'Remove a member: their passkeys and sessions go too, so they are signed out at once',
          parameters: [pathParameter('email', { type: 'string', minLength: 1, maxLength: EMAIL_MAX }, 'The member\'s email (any case).')],
          responses: responses('TeamMemberRemoved', 'The member is gone.', [...ALL_ERRORS]),
        },
      },
    },
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The API key (FOYER_API_KEY, or the one printed at first start).' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error', 'info'],
          properties: { error: { type: 'string', enum: ERROR_TYPES }, info: { type: 'string', minLength: 1 } },
        },
        Domain: {
          type: 'object',
          required: ['domain_name', 'domain_id', 'config'],
          properties: { domain_name: { type: 'string' }, domain_id: { type: 'string' }, config: { type: 'object' } },
        },
        CreateRoom: jsonSchema(createRoomBody, 'input'),
        UpdateRoom: jsonSchema(updateRoomBody, 'input'),
        Room: jsonSchema(roomObject, 'output'),
        RoomList: {
          type: 'object',
          required: ['total_count', 'data'],
          properties: { total_count: { type: 'integer', minimum: 0 }, data: { type: 'array', items: ref('Room') } },
          additionalProperties: false,
        },
        RoomDeleted: {
          type: 'object',
          required: ['deleted', 'name'],
          properties: { deleted: { const: true }, name: { type: 'string' } },
          additionalProperties: false,
        },
        Eject: { ...jsonSchema(ejectBody, 'input'), description: 'At least one of ids and user_ids must name someone.' },
        Ejected: jsonSchema(ejectResult, 'output'),
        UpdatePermissions: updatePermissionsSchema(),
        PermissionsUpdated: jsonSchema(permissionsUpdated, 'output'),
        CreateMeetingToken: jsonSchema(createTokenBody, 'input'),
        MeetingToken: { type: 'object', required: ['token'], properties: { token: { type: 'string' } }, additionalProperties: false },
        MeetingTokenProperties: jsonSchema(tokenPropertiesInput, 'output'),
        WaitingParticipantList: jsonSchema(waitingListObject, 'output'),
        AnswerWaitingParticipants: jsonSchema(answerWaitingBody, 'input'),
        WaitingParticipantsAnswered: jsonSchema(answeredObject, 'output'),
        CreateWebhook: jsonSchema(createWebhookBody, 'input'),
        UpdateWebhook: jsonSchema(updateWebhookBody, 'input'),
        Webhook: jsonSchema(webhookObject, 'output'),
        WebhookList: { type: 'array', items: ref('Webhook') },
        WebhookDeleted: {
          type: 'object',
          required: ['deleted', 'uuid'],
          properties: { deleted: { const: true }, uuid: { type: 'string' } },
          additionalProperties: false,
        },
        Meeting: jsonSchema(meetingObject, 'output'),
        MeetingList: {
          type: 'object',
          required: ['total_count', 'data'],
          properties: { total_count: { type: 'integer', minimum: 0 }, data: { type: 'array', items: ref('Meeting') } },
          additionalProperties: false,
        },
        MeetingParticipantList: {
          type: 'object',
          required: ['total_count', 'data'],
          properties: { total_count: { type: 'integer', minimum: 0 }, data: { type: 'array', items: jsonSchema(meetingParticipantObject, 'output') } },
          additionalProperties: false,
        },
        PresenceEntry: jsonSchema(presenceObject, 'output'),
        Presence: { type: 'object', additionalProperties: { type: 'array', items: ref('PresenceEntry') } },
        RoomPresence: {
          type: 'object',
          required: ['total_count', 'data'],
          properties: { total_count: { type: 'integer', minimum: 0 }, data: { type: 'array', items: ref('PresenceEntry') } },
          additionalProperties: false,
        },
        Team: jsonSchema(teamObject, 'output'),
        TeamInviteRotated: jsonSchema(inviteRotatedObject, 'output'),
        TeamMemberRemoved: jsonSchema(memberRemovedObject, 'output'),
      },
    },
  };
}

/** The update-permissions body, with the entry count the route checks (1 to MAX_IDS participants, and "*"). */
function updatePermissionsSchema(): JsonSchema {
  const schema = jsonSchema(updatePermissionsBody, 'input') as { properties: { data: JsonSchema } };
  schema.properties.data = { ...schema.properties.data, minProperties: 1, maxProperties: MAX_IDS + 1, description: `Participant id (${PARTICIPANT_ID.source}) or "*" → the permissions to set; fields left out stay.` };
  return schema as JsonSchema;
}

/**
 * `GET /v1/openapi.json`. No API key: the document holds no secret (it describes the public source),
 * and API tools fetch it more easily without one. It is rate-limited per client address instead, so
 * it is not a free endpoint to hammer.
 */
export function openApiRoutes(publicUrl: string, requestsPer10s = 30): FastifyPluginAsync {
  return async (app) => {
    const body = JSON.stringify(openApiDocument(publicUrl));
    await app.register(rateLimit, { max: requestsPer10s, timeWindow: 10_000 });
    app.get('/v1/openapi.json', async (_request, reply) => reply.type('application/json').send(body));
  };
}
