/**
 * REST: `/v1/meetings`, `/v1/meetings/:id`, `/v1/meetings/:id/participants`, `/v1/presence` and
 * `/v1/rooms/:name/presence`, in Daily's shapes. Parses, reads the meetings record, maps.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { badRequest, notFound, parseOrThrow } from '../http/errors.ts';
import type { MeetingRow } from '../store/meeting-record-store.ts';
import { participantsOf } from './record.ts';
import { meetingJson, participantJson, presenceOf, type PresenceJson } from './views.ts';

/** An integer query value, digits only (Number() would also take "0x10", "1e1" or " 5"). */
const digits = (schema: z.ZodNumber) => z.preprocess((v) => (typeof v === 'string' && /^[0-9]{1,15}$/.test(v) ? Number(v) : v), schema);
/** `true` or `false`, as Daily's boolean query parameters. */
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const limit = (max: number) => digits(z.number().int().min(1).max(max));
/** Meeting and participant ids: opaque, bounded. */
const id = z.string().min(1).max(128);
/** Unix seconds, up to the year 9999. */
const unixSeconds = digits(z.number().int().min(0).max(253_402_300_799));

/** The query of GET /v1/meetings (also documented in /v1/openapi.json). */
export const listMeetingsQuery = z.object({
  room: z.string().min(1).max(128).optional(),
  timeframe_start: unixSeconds.optional(),
  timeframe_end: unixSeconds.optional(),
  ongoing: flag.optional(),
  no_participants: flag.optional(),
  limit: limit(100).default(100),
  starting_after: id.optional(),
  ending_before: id.optional(),
}).strict();

/** The query of GET /v1/meetings/:id/participants. */
export const meetingParticipantsQuery = z.object({
  limit: limit(100).default(100),
  joined_after: id.optional(),
  joined_before: id.optional(),
}).strict();

/** The query of GET /v1/rooms/:name/presence. */
export const roomPresenceQuery = z.object({
  limit: limit(1000).optional(),
  userId: z.string().min(1).max(128).optional(),
  userName: z.string().min(1).max(128).optional(),
}).strict();

export function meetingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const records = ctx.store.meetingRecords;
  const mustGetMeeting = async (meetingId: string) => {
    const meeting = await records.meeting(meetingId);
    if (!meeting) throw notFound(`meeting ${meetingId} not found`);
    return meeting;
  };
  /** The present participants of these meetings, in Daily's presence shape. */
  const presence = async (meetings: MeetingRow[]): Promise<PresenceJson[]> => {
    const sessions = await records.sessionsOf(meetings.map((m) => m.id));
    const now = ctx.now();
    return meetings.flatMap((m) => presenceOf(m, sessions.filter((s) => s.meetingId === m.id), now));
  };

  app.get('/v1/meetings', async (request) => {
    const q = parseOrThrow(listMeetingsQuery, request.query);
    if (q.starting_after && q.ending_before) throw badRequest('use starting_after or ending_before, not both');
    const page = await records.listMeetings({
      limit: q.limit,
      ...(q.room !== undefined ? { roomName: q.room } : {}),
      ...(q.timeframe_start !== undefined ? { timeframeStart: q.timeframe_start } : {}),
      ...(q.timeframe_end !== undefined ? { timeframeEnd: q.timeframe_end } : {}),
      ...(q.ongoing !== undefined ? { ongoing: q.ongoing } : {}),
      ...(q.starting_after !== undefined ? { startingAfter: q.starting_after } : {}),
      ...(q.ending_before !== undefined ? { endingBefore: q.ending_before } : {}),
    });
    const withParticipants = q.no_participants !== true;
    const sessions = withParticipants ? await records.sessionsOf(page.data.map((m) => m.id)) : [];
    const now = ctx.now();
    return {
      total_count: page.total_count,
      data: page.data.map((m) => meetingJson(m, sessions.filter((s) => s.meetingId === m.id), now, withParticipants)),
    };
  });

  app.get<{ Params: { id: string } }>('/v1/meetings/:id', async (request) => {
    const meeting = await mustGetMeeting(request.params.id);
    return meetingJson(meeting, await records.sessionsOf([meeting.id]), ctx.now());
  });

  app.get<{ Params: { id: string } }>('/v1/meetings/:id/participants', async (request) => {
    const q = parseOrThrow(meetingParticipantsQuery, request.query);
    if (q.joined_after && q.joined_before) throw badRequest('use joined_after or joined_before, not both');
    const meeting = await mustGetMeeting(request.params.id);
    const all = participantsOf(await records.sessionsOf([meeting.id]), ctx.now());
    const at = (cursor: string, name: string) => {
      const index = all.findIndex((p) => p.participant_id === cursor);
      if (index < 0) throw badRequest(`${name}: no participant ${cursor} in meeting ${meeting.id}`);
      return index;
    };
    // In join order; the cursors name a participant (Daily's `participant_id`).
    const page = q.joined_after !== undefined ? all.slice(at(q.joined_after, 'joined_after') + 1).slice(0, q.limit)
      : q.joined_before !== undefined ? all.slice(0, at(q.joined_before, 'joined_before')).slice(-q.limit)
      : all.slice(0, q.limit);
    // As Daily: a page with nobody left on it is a 404, which is how a client paging through knows it is done.
    if (page.length === 0) throw notFound(`no more participants in meeting ${meeting.id}`);
    return { total_count: all.length, data: page.map(participantJson) };
  });

  app.get('/v1/presence', async (request) => {
    parseOrThrow(z.object({}).strict(), request.query);
    // A Map, not an object literal: a room may be named `__proto__`.
    const grouped = new Map<string, PresenceJson[]>();
    for (const p of await presence(await records.openMeetings())) grouped.set(p.room, [...(grouped.get(p.room) ?? []), p]);
    return Object.fromEntries(grouped);
  });

  app.get<{ Params: { name: string } }>('/v1/rooms/:name/presence', async (request) => {
    const q = parseOrThrow(roomPresenceQuery, request.query);
    const room = await ctx.store.getRoom(request.params.name);
    if (!room) throw notFound(`room ${request.params.name} not found`);
    const meeting = await records.openMeeting(room.id);
    const everyone = meeting ? await presence([meeting]) : [];
    const matching = everyone.filter((p) => (q.userId === undefined || p.userId === q.userId) && (q.userName === undefined || p.userName === q.userName));
    return { total_count: matching.length, data: q.limit !== undefined ? matching.slice(0, q.limit) : matching };
  });
}
