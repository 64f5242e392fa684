/**
 * `/v1/meetings`, `/v1/meetings/:id`, `/v1/meetings/:id/participants`, `/v1/presence` and
 * `/v1/rooms/:name/presence` over the app, fed by signed LiveKit webhooks (a fake LiveKit): success
 * shapes, filters, cursors, every error, abuse; operator events once per happening; the restart check.
 */
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OperatorEvent } from '../events/operator-events.ts';
import { OWNER_ATTRIBUTE } from '../../shared/client-api.ts';
import { USER_ID_ATTRIBUTE } from '../../shared/client-api.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { T0, makeTestApp, type TestApp } from '../testing/test-app.ts';
import { schemaChecker } from '../testing/documented-schemas.ts';
import { ALIVE_SETTING } from './meetings.ts';

const HOOK_KEYS = { apiKey: 'foyer_hook', apiSecret: 'meetings-hook-secret-0123456789abcdef0123' };

let t: TestApp;
let told: OperatorEvent[];
let eventIds: number;
beforeEach(async () => {
  t = await makeTestApp({ webhookSecret: HOOK_KEYS });
  told = [];
  eventIds = 0;
  t.app.operatorEvents.on((e) => told.push(e));
});
afterEach(async () => {
  await t.close();
});

async function createRoom(name: string): Promise<string> {
  return expectOk(await t.api('POST', '/v1/rooms', { name })).id;
}

async function webhook(event: object) {
  const payload = JSON.stringify(event);
  const at = new AccessToken(HOOK_KEYS.apiKey, HOOK_KEYS.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  return expectOk(await t.app.inject({ method: 'POST', url: '/webhooks/livekit', payload, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } }));
}

interface Person { identity: string; sid?: string; name?: string; userId?: string; owner?: boolean }

/** LiveKit's participant_joined / participant_left as it sends them (JSON: int64 as strings). */
function participantEvent(kind: 'participant_joined' | 'participant_left', roomId: string, p: Person, joinedAt: number, at: number, id = `EV_${++eventIds}`) {
  return {
    event: kind,
    id,
    createdAt: String(Math.floor(at)),
    room: { sid: 'RM_1', name: roomId },
    participant: {
      sid: p.sid ?? `PA_${p.identity}`,
      identity: p.identity,
      name: p.name ?? p.identity,
      joinedAt: String(Math.floor(joinedAt)),
      joinedAtMs: String(Math.round(joinedAt * 1000)),
      attributes: { [OWNER_ATTRIBUTE]: p.owner ? 'true' : 'false', ...(p.userId ? { [USER_ID_ATTRIBUTE]: p.userId } : {}) },
      permission: { canSubscribe: true, canPublish: true, canPublishData: true },
    },
  };
}

/** As a real join does: the server records it (before minting the LiveKit token), then LiveKit says they joined. */
async function join(roomId: string, p: Person, at: number) {
  t.clock.now = at;
  await t.store.meetings.recordJoin({ roomId, identity: p.identity, banKeys: [], joinedAt: at });
  await webhook(participantEvent('participant_joined', roomId, p, at, at));
}
async function leave(roomId: string, p: Person, joinedAt: number, at: number) {
  t.clock.now = at;
  await webhook(participantEvent('participant_left', roomId, p, joinedAt, at));
}

/** Two meetings in `standup` (the second still going) and one in `retro`, oldest first. */
async function history() {
  const standup = await createRoom('standup');
  const retro = await createRoom('retro');
  await join(standup, { identity: 'p_ada', name: 'Ada', userId: 'u-ada', owner: true }, T0);
  await join(standup, { identity: 'p_bob', name: 'Bob' }, T0 + 10);
  await leave(standup, { identity: 'p_bob', name: 'Bob' }, T0 + 10, T0 + 70);
  await leave(standup, { identity: 'p_ada', name: 'Ada', userId: 'u-ada', owner: true }, T0, T0 + 100);
  await join(retro, { identity: 'p_cy', name: 'Cy' }, T0 + 1000);
  await leave(retro, { identity: 'p_cy', name: 'Cy' }, T0 + 1000, T0 + 1030);
  await join(standup, { identity: 'p_dee', name: 'Dee' }, T0 + 2000);
  t.clock.now = T0 + 2050;
  const [second, third, first] = expectOk(await t.api('GET', '/v1/meetings')).data as Array<{ id: string }>;
  return { standup, retro, first: first!.id, retro1: third!.id, second: second!.id };
}

describe('GET /v1/meetings', () => {
  it('lists meetings newest first in Daily\'s shape, with each participant\'s join time and duration', async () => {
    const { first, second, retro1 } = await history();
    const body = expectOk(await t.api('GET', '/v1/meetings'));
    expect(body.total_count).toBe(3);
    expect(body.data.map((m: { id: string }) => m.id)).toEqual([second, retro1, first]);
    expect(body.data[0]).toEqual({
      id: second, room: 'standup', start_time: T0 + 2000, duration: 50, ongoing: true, max_participants: 1,
      participants: [{ user_id: null, participant_id: 'p_dee', user_name: 'Dee', join_time: T0 + 2000, duration: 50 }],
    });
    expect(body.data[2]).toEqual({
      id: first, room: 'standup', start_time: T0, duration: 100, ongoing: false, max_participants: 2,
      participants: [
        { user_id: 'u-ada', participant_id: 'p_ada', user_name: 'Ada', join_time: T0, duration: 100 },
        { user_id: null, participant_id: 'p_bob', user_name: 'Bob', join_time: T0 + 10, duration: 60 },
      ],
    });
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['room=standup', 2],
    ['room=retro', 1],
    ['room=nobody-here', 0],
    ['ongoing=true', 1],
    ['ongoing=false', 2],
    [`timeframe_start=${T0 + 1000}`, 2],
    [`timeframe_end=${T0 + 1000}`, 1],
    [`timeframe_start=${T0 + 1}&timeframe_end=${T0 + 1001}`, 1],
    ['room=standup&ongoing=false', 1],
  ])('filters: %s', async (query, count) => {
    await history();
    const body = expectOk(await t.api('GET', `/v1/meetings?${query}`));
    expect(body.total_count).toBe(count);
    expect(body.data).toHaveLength(count);
  });

  it('pages with limit, starting_after and ending_before (meeting ids); total_count counts them all', async () => {
    const { first, second, retro1 } = await history();
    const page1 = expectOk(await t.api('GET', '/v1/meetings?limit=2'));
    expect(page1).toMatchObject({ total_count: 3 });
    expect(page1.data.map((m: { id: string }) => m.id)).toEqual([second, retro1]);
    const page2 = expectOk(await t.api('GET', `/v1/meetings?limit=2&starting_after=${retro1}`));
    expect(page2.data.map((m: { id: string }) => m.id)).toEqual([first]);
    const back = expectOk(await t.api('GET', `/v1/meetings?limit=1&ending_before=${first}`));
    expect(back.data.map((m: { id: string }) => m.id)).toEqual([retro1]);
    expect(expectOk(await t.api('GET', `/v1/meetings?starting_after=${first}`)).data).toEqual([]);
    expect(expectOk(await t.api('GET', '/v1/meetings?starting_after=no-such-meeting')).data).toEqual([]);
  });

  it('no_participants=true leaves the participant lists out', async () => {
    await history();
    const body = expectOk(await t.api('GET', '/v1/meetings?no_participants=true'));
    expect(body.data.every((m: object) => !('participants' in m))).toBe(true);
  });

  it('with no meetings at all: an empty list, not an error', async () => {
    expect(expectOk(await t.api('GET', '/v1/meetings'))).toEqual({ total_count: 0, data: [] });
  });

  it.each([
    'limit=0', 'limit=101', 'limit=abc', 'limit=1e1', 'limit=-1', 'limit=0x10',
    'timeframe_start=yesterday', 'timeframe_end=-5', 'timeframe_start=1.5', 'timeframe_end=99999999999999999999',
    'ongoing=yes', 'ongoing=', 'no_participants=1', 'room=', `room=${'a'.repeat(129)}`,
    'starting_after=a&ending_before=b', 'starting_after=', `starting_after=${'x'.repeat(200)}`, 'limit=1&limit=2', 'colour=blue',
  ])('refuses %s with 400 invalid-request-error', async (query) => {
    expectError(await t.api('GET', `/v1/meetings?${query}`), 400, 'invalid-request-error');
  });

  it('needs the API key', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/v1/meetings' }), 400, 'authorization-header-error');
    expectError(await t.app.inject({ method: 'GET', url: '/v1/presence', headers: { authorization: 'Bearer wrong-key-0123456789abcdefghijklmnop' } }), 401, 'authentication-error');
  });
});

describe('GET /v1/meetings/:id and its participants', () => {
  it('returns one meeting, and 404 not-found for an unknown id', async () => {
    const { first } = await history();
    expect(expectOk(await t.api('GET', `/v1/meetings/${first}`))).toMatchObject({ id: first, room: 'standup', ongoing: false, participants: [{ participant_id: 'p_ada' }, { participant_id: 'p_bob' }] });
    expectError(await t.api('GET', '/v1/meetings/not-a-meeting'), 404, 'not-found');
    expectError(await t.api('GET', `/v1/meetings/${'z'.repeat(5000)}`), 404, 'not-found');
  });

  it('pages participants in join order with joined_after / joined_before; a page with nobody left is 404 (Daily)', async () => {
    const room = await createRoom('big');
    for (let i = 0; i < 5; i++) await join(room, { identity: `p_${i}` }, T0 + i);
    const meetingId = expectOk(await t.api('GET', '/v1/meetings')).data[0].id;
    const ids = (body: { data: Array<{ participant_id: string }> }) => body.data.map((p) => p.participant_id);
    const all = expectOk(await t.api('GET', `/v1/meetings/${meetingId}/participants`));
    expect(all.total_count).toBe(5);
    expect(ids(all)).toEqual(['p_0', 'p_1', 'p_2', 'p_3', 'p_4']);
    expect(all.data[0]).toEqual({ user_id: null, participant_id: 'p_0', user_name: 'p_0', join_time: T0, duration: 4 });
    expect(ids(expectOk(await t.api('GET', `/v1/meetings/${meetingId}/participants?limit=2`)))).toEqual(['p_0', 'p_1']);
    expect(ids(expectOk(await t.api('GET', `/v1/meetings/${meetingId}/participants?limit=2&joined_after=p_1`)))).toEqual(['p_2', 'p_3']);
    expect(ids(expectOk(await t.api('GET', `/v1/meetings/${meetingId}/participants?limit=2&joined_before=p_3`)))).toEqual(['p_1', 'p_2']);
    expectError(await t.api('GET', `/v1/meetings/${meetingId}/participants?joined_after=p_4`), 404, 'not-found');
    expectError(await t.api('GET', `/v1/meetings/${meetingId}/participants?joined_after=p_nobody`), 400, 'invalid-request-error');
    expectError(await t.api('GET', `/v1/meetings/${meetingId}/participants?joined_after=p_1&joined_before=p_3`), 400, 'invalid-request-error');
    expectError(await t.api('GET', `/v1/meetings/${meetingId}/participants?limit=500`), 400, 'invalid-request-error');
    expectError(await t.api('GET', '/v1/meetings/nope/participants'), 404, 'not-found');
  });
});

describe('presence', () => {
  it('GET /v1/presence groups who is in a call by room; /v1/rooms/:name/presence lists one room\'s', async () => {
    const { retro } = await history();
    await join(retro, { identity: 'p_eve', name: 'Eve', userId: 'u-eve' }, T0 + 2040);
    t.clock.now = T0 + 2050;
    const { second } = { second: expectOk(await t.api('GET', '/v1/meetings?room=standup&ongoing=true')).data[0].id as string };
    const all = expectOk(await t.api('GET', '/v1/presence'));
    expect(Object.keys(all).sort()).toEqual(['retro', 'standup']);
    expect(all.standup).toEqual([{
      room: 'standup', id: 'p_dee', userId: null, userName: 'Dee', mtgSessionId: second, joinTime: new Date((T0 + 2000) * 1000).toISOString(), duration: 50,
    }]);
    expect(all.retro).toEqual([expect.objectContaining({ id: 'p_eve', userId: 'u-eve', duration: 10 })]);
    expect(expectOk(await t.api('GET', '/v1/rooms/standup/presence'))).toEqual({ total_count: 1, data: all.standup });
    expect(expectOk(await t.api('GET', '/v1/rooms/retro/presence?userId=u-eve')).data).toHaveLength(1);
    expect(expectOk(await t.api('GET', '/v1/rooms/retro/presence?userId=u-other'))).toEqual({ total_count: 0, data: [] });
    expect(expectOk(await t.api('GET', '/v1/rooms/retro/presence?userName=Eve')).data).toHaveLength(1);
  });

  it('a room with nobody in the call: empty presence; an unknown room: 404; bad queries: 400', async () => {
    await createRoom('quiet');
    expect(expectOk(await t.api('GET', '/v1/presence'))).toEqual({});
    expect(expectOk(await t.api('GET', '/v1/rooms/quiet/presence'))).toEqual({ total_count: 0, data: [] });
    expectError(await t.api('GET', '/v1/rooms/nowhere/presence'), 404, 'not-found');
    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'userId=', 'sort=asc']) {
      expectError(await t.api('GET', `/v1/rooms/quiet/presence?${q}`), 400, 'invalid-request-error');
    }
    expectError(await t.api('GET', '/v1/presence?room=quiet'), 400, 'invalid-request-error');
  });

  it('a room named __proto__ is listed like any other', async () => {
    const id = await createRoom('__proto__');
    await join(id, { identity: 'p_x' }, T0);
    const body = expectOk(await t.api('GET', '/v1/presence'));
    expect(Object.getOwnPropertyNames(body)).toEqual(['__proto__']);
    expect(expectOk(await t.api('GET', '/v1/rooms/__proto__/presence')).total_count).toBe(1);
  });

  it('limit caps the list, total_count still counts everyone', async () => {
    const room = await createRoom('crowd');
    for (let i = 0; i < 3; i++) await join(room, { identity: `p_${i}` }, T0 + i);
    expect(expectOk(await t.api('GET', '/v1/rooms/crowd/presence?limit=2'))).toMatchObject({ total_count: 3, data: [{ id: 'p_0' }, { id: 'p_1' }] });
  });
});

describe('operator events and webhook retries', () => {
  it('meeting.started, participant.joined, participant.left (with duration), meeting.ended: once each, whatever LiveKit retries', async () => {
    const room = await createRoom('standup');
    const joined = participantEvent('participant_joined', room, { identity: 'p_ada', name: 'Ada' }, T0, T0);
    t.clock.now = T0;
    await webhook(joined);
    await webhook(joined);
    const left = participantEvent('participant_left', room, { identity: 'p_ada', name: 'Ada' }, T0, T0 + 42);
    t.clock.now = T0 + 42;
    await webhook(left);
    await webhook(left);
    await webhook({ event: 'room_finished', id: 'EV_end', createdAt: String(T0 + 62), room: { sid: 'RM_1', name: room } });
    expect(told.map((e) => e.type)).toEqual(['meeting.started', 'participant.joined', 'participant.left', 'meeting.ended']);
    expect(told[2]).toMatchObject({ type: 'participant.left', payload: { room: 'standup', session_id: 'p_ada', user_name: 'Ada', duration: 42, will_eject_at: null } });
    expect(expectOk(await t.api('GET', '/v1/meetings')).data).toHaveLength(1);
  });

  it('an event id already applied is not applied again, even with another body', async () => {
    const room = await createRoom('standup');
    await webhook(participantEvent('participant_joined', room, { identity: 'p_ada' }, T0, T0, 'EV_same'));
    await webhook(participantEvent('participant_joined', room, { identity: 'p_bob' }, T0, T0, 'EV_same'));
    expect(expectOk(await t.api('GET', '/v1/rooms/standup/presence')).data.map((p: { id: string }) => p.id)).toEqual(['p_ada']);
  });

  it('a listener that throws does not stop the record', async () => {
    t.app.operatorEvents.on(() => {
      throw new Error('listener down');
    });
    const room = await createRoom('standup');
    await join(room, { identity: 'p_ada' }, T0);
    expect(expectOk(await t.api('GET', '/v1/rooms/standup/presence')).total_count).toBe(1);
  });
});

describe('at start: the record checked against LiveKit', () => {
  it('keeps who LiveKit still has, closes who left while the control plane was down at its last heartbeat, adds who joined', async () => {
    const room = await createRoom('standup');
    t.livekit.rooms.set(room, { maxParticipants: 200, identities: new Set() });
    for (const id of ['p_ada', 'p_bob']) t.livekit.connect(room, id);
    await join(room, { identity: 'p_ada', sid: t.livekit.members.get('p_ada')!.sid }, T0);
    await join(room, { identity: 'p_bob', sid: t.livekit.members.get('p_bob')!.sid }, T0 + 5);
    // The control plane was last up at T0 + 30; meanwhile bob left and carol came in.
    await t.store.setSetting(ALIVE_SETTING, String(T0 + 30));
    await t.livekit.removeParticipant(room, 'p_bob');
    t.livekit.connect(room, 'p_carol');
    t.livekit.members.get('p_carol')!.joinedAt = T0 + 50;
    t.clock.now = T0 + 100;
    told = [];
    await t.app.meetings.start();
    expect(told.map((e) => `${e.type} ${'session_id' in e.payload ? e.payload.session_id : ''}`)).toEqual(['participant.left p_bob', 'participant.joined p_carol']);
    const [meeting] = expectOk(await t.api('GET', '/v1/meetings')).data;
    expect(meeting).toMatchObject({ ongoing: true, max_participants: 2 });
    expect(meeting.participants).toEqual([
      expect.objectContaining({ participant_id: 'p_ada', duration: 100 }),
      expect.objectContaining({ participant_id: 'p_bob', duration: 25 }),
      expect.objectContaining({ participant_id: 'p_carol', join_time: T0 + 50, duration: 50 }),
    ]);
    expect(expectOk(await t.api('GET', '/v1/rooms/standup/presence')).data.map((p: { id: string }) => p.id)).toEqual(['p_ada', 'p_carol']);
    // The heartbeat now says this run is up.
    expect(Number(await t.store.getSetting(ALIVE_SETTING))).toBe(T0 + 100);
  });

  it('retries while LiveKit does not answer, without losing anyone', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    try {
      const room = await createRoom('standup');
      await join(room, { identity: 'p_ada' }, T0);
      t.livekit.down = true;
      await t.app.meetings.start();
      await vi.advanceTimersByTimeAsync(6_000);
      expect(expectOk(await t.api('GET', '/v1/rooms/standup/presence')).total_count).toBe(1);
      t.livekit.down = false;
      await vi.advanceTimersByTimeAsync(6_000);
      await t.app.meetings.reconciled;
      // LiveKit has nobody in that call: ada left while the control plane was down.
      expect(expectOk(await t.api('GET', '/v1/rooms/standup/presence')).total_count).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the OpenAPI document', () => {
  it('describes what these endpoints really answer (schemathesis holds the live server to it too)', async () => {
    const expectValid = schemaChecker();
    const { first, second } = await history();
    await join((await t.store.getRoom('retro'))!.id, { identity: 'p_eve', userId: 'u-eve' }, T0 + 2049);
    expectValid('MeetingList', expectOk(await t.api('GET', '/v1/meetings')));
    expectValid('MeetingList', expectOk(await t.api('GET', '/v1/meetings?no_participants=true')));
    expectValid('Meeting', expectOk(await t.api('GET', `/v1/meetings/${first}`)));
    expectValid('Meeting', expectOk(await t.api('GET', `/v1/meetings/${second}`)));
    expectValid('MeetingParticipantList', expectOk(await t.api('GET', `/v1/meetings/${first}/participants`)));
    expectValid('Presence', expectOk(await t.api('GET', '/v1/presence')));
    expectValid('RoomPresence', expectOk(await t.api('GET', '/v1/rooms/standup/presence')));
    expect(() => expectValid('Meeting', { id: first })).toThrow(/does not match/);
  });
});
