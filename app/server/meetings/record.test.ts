/**
 * The meetings record's rules, row by row over the real SQLite store: join, leave, rejoin of the same
 * participant, a repeated webhook, events out of order, the room closing, and a restart's reconcile.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { OperatorEvent } from '../events/operator-events.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { MeetingRecord, participantsOf, type CallSession } from './record.ts';
import { meetingJson, presenceOf } from './views.ts';

const ROOM_ID = '0b5f3c1e-0000-4000-8000-000000000001';
const T = 1_735_689_600;

let store: Store;
let clock: { now: number };
let record: MeetingRecord;
let ids: number;
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.createRoom({ id: ROOM_ID, name: 'standup', api_created: true, privacy: 'public', created_at: '2025-01-01T00:00:00.000Z', config: {} });
  clock = { now: T };
  ids = 0;
  record = new MeetingRecord(store.meetingRecords, async (id) => (await store.roomById(id))?.name ?? null, () => clock.now, () => `mtg-${++ids}`);
});

const session = (identity: string, joinedAt: number, extra: Partial<CallSession> = {}): CallSession => ({
  sid: `PA_${identity}`,
  identity,
  roomId: ROOM_ID,
  joinedAt,
  userId: null,
  userName: identity.toUpperCase(),
  owner: false,
  permissions: { hasPresence: true, canSend: true, canAdmin: false },
  ...extra,
});
const joined = (s: CallSession, eventId?: string) => record.apply({ kind: 'joined', session: s }, eventId);
const left = (s: CallSession, at: number, eventId?: string) => record.apply({ kind: 'left', session: s, at }, eventId);
const types = (events: OperatorEvent[]) => events.map((e) => e.type);

/** The room's meetings as `/v1/meetings` shows them, newest first. */
async function meetings() {
  const page = await store.meetingRecords.listMeetings({ limit: 100 });
  return Promise.all(page.data.map(async (m) => meetingJson(m, await store.meetingRecords.sessionsOf([m.id]), clock.now)));
}

describe('the meetings record', () => {
  it('a meeting starts with the first participant and ends when the last leaves, with each one\'s join time and duration', async () => {
    const ada = session('ada', T, { userId: 'u-ada', owner: true });
    const bob = session('bob', T + 5);
    expect(types(await joined(ada))).toEqual(['meeting.started', 'participant.joined']);
    expect(types(await joined(bob))).toEqual(['participant.joined']);
    clock.now = T + 30;
    expect(await meetings()).toEqual([{
      id: 'mtg-1', room: 'standup', start_time: T, duration: 30, ongoing: true, max_participants: 2,
      participants: [
        { user_id: 'u-ada', participant_id: 'ada', user_name: 'ADA', join_time: T, duration: 30 },
        { user_id: null, participant_id: 'bob', user_name: 'BOB', join_time: T + 5, duration: 25 },
      ],
    }]);
    const bobLeft = await left(bob, T + 65);
    expect(bobLeft).toEqual([{ type: 'participant.left', payload: expect.objectContaining({ room: 'standup', session_id: 'bob', duration: 60, joined_at: T + 5, will_eject_at: null }) }]);
    const adaLeft = await left(ada, T + 100);
    expect(types(adaLeft)).toEqual(['participant.left', 'meeting.ended']);
    expect(adaLeft[1]).toEqual({ type: 'meeting.ended', payload: { room: 'standup', meeting_id: 'mtg-1', start_ts: T, end_ts: T + 100 } });
    clock.now = T + 500;
    expect((await meetings())[0]).toMatchObject({ duration: 100, ongoing: false, max_participants: 2 });
    expect((await meetings())[0]!.participants!.map((p) => p.duration)).toEqual([100, 60]);
  });

  it('the participant payload carries Daily\'s fields', async () => {
    const [, join] = await joined(session('ada', T + 0.4, { userId: 'u-1', owner: true, permissions: { hasPresence: true, canSend: ['audio'], canAdmin: ['participants'] } }));
    expect(join).toEqual({
      type: 'participant.joined',
      payload: {
        room: 'standup', session_id: 'ada', user_id: 'u-1', user_name: 'ADA', owner: true, joined_at: T, will_eject_at: null,
        permissions: { hasPresence: true, canSend: ['audio'], canAdmin: ['participants'] },
      },
    });
  });

  it('an event id already applied is not applied again, whatever it carries', async () => {
    await joined(session('ada', T), 'EV_1');
    expect(await joined(session('bob', T), 'EV_1')).toEqual([]);
    expect((await meetings())[0]!.participants!.map((p) => p.participant_id)).toEqual(['ada']);
  });

  it('a webhook LiveKit sends again (same id) changes nothing and is not told twice', async () => {
    const ada = session('ada', T);
    expect(await joined(ada, 'EV_1')).toHaveLength(2);
    expect(await joined(ada, 'EV_1')).toEqual([]);
    expect(await left(ada, T + 10, 'EV_2')).toHaveLength(2);
    expect(await left(ada, T + 10, 'EV_2')).toEqual([]);
    // A repeat with another id (the same happening reported twice) is known by its session too.
    expect(await joined(ada, 'EV_3')).toEqual([]);
    expect(await left(ada, T + 20, 'EV_4')).toEqual([]);
    expect(await meetings()).toHaveLength(1);
    expect((await meetings())[0]).toMatchObject({ duration: 10, ongoing: false, participants: [{ participant_id: 'ada', duration: 10 }] });
  });

  it('a leave that arrives before its join records the whole session from the join time it carries; the late join is a no-op', async () => {
    const ada = session('ada', T);
    const bob = session('bob', T + 5);
    await joined(ada);
    expect(types(await left(bob, T + 25))).toEqual(['participant.joined', 'participant.left']);
    expect(await joined(bob)).toEqual([]);
    clock.now = T + 40;
    expect((await meetings())[0]).toMatchObject({ ongoing: true, max_participants: 2 });
    expect((await meetings())[0]!.participants).toEqual([
      expect.objectContaining({ participant_id: 'ada', duration: 40 }),
      expect.objectContaining({ participant_id: 'bob', join_time: T + 5, duration: 20 }),
    ]);
    expect(presenceOf((await store.meetingRecords.openMeeting(ROOM_ID))!, await store.meetingRecords.sessionsOf(['mtg-1']), clock.now).map((p) => p.id)).toEqual(['ada']);
  });

  it('a lone leave with no meeting open records a whole (past) meeting, not an open one', async () => {
    const events = await left(session('ada', T), T + 30);
    expect(types(events)).toEqual(['meeting.started', 'participant.joined', 'participant.left', 'meeting.ended']);
    expect(await meetings()).toEqual([expect.objectContaining({ start_time: T, duration: 30, ongoing: false, max_participants: 1 })]);
    expect(await joined(session('ada', T))).toEqual([]);
    expect(await meetings()).toHaveLength(1);
  });

  it('a join heard after the last leave, but made before it, keeps the meeting going instead of starting another', async () => {
    const ada = session('ada', T);
    await joined(ada);
    await left(ada, T + 30);
    expect(types(await joined(session('bob', T + 10)))).toEqual(['participant.joined']);
    expect(await meetings()).toHaveLength(1);
    expect((await meetings())[0]).toMatchObject({ ongoing: true });
  });

  it('a rejoin with the same identity (a new LiveKit session) is one participant: first join time, time in the call summed', async () => {
    const first = session('ada', T);
    const second = session('ada', T + 50, { sid: 'PA_ada_2' });
    const bob = session('bob', T);
    await joined(bob);
    await joined(first);
    expect(types(await left(first, T + 20))).toEqual(['participant.left']);
    expect(types(await joined(second))).toEqual(['participant.joined']);
    expect(types(await left(second, T + 60))).toEqual(['participant.left']);
    clock.now = T + 100;
    const [meeting] = await meetings();
    expect(meeting!.participants).toEqual([
      expect.objectContaining({ participant_id: 'ada', join_time: T, duration: 30 }),
      expect.objectContaining({ participant_id: 'bob', duration: 100 }),
    ]);
    expect(meeting!.max_participants).toBe(2);
  });

  it('LiveKit replacing a lingering connection (new session joins before the old one leaves) tells neither a leave nor a second join', async () => {
    const old = session('ada', T);
    const fresh = session('ada', T + 10, { sid: 'PA_ada_2' });
    await joined(old);
    expect(await joined(fresh)).toEqual([]);
    expect(await left(old, T + 11)).toEqual([]);
    clock.now = T + 20;
    expect((await meetings())[0]).toMatchObject({ ongoing: true, max_participants: 1, participants: [expect.objectContaining({ duration: 20 })] });
  });

  it('the room closing (room_finished) ends the meeting and whoever it still had in the call', async () => {
    await joined(session('ada', T));
    const events = await record.apply({ kind: 'room-finished', roomId: ROOM_ID, at: T + 40 });
    expect(types(events)).toEqual(['participant.left', 'meeting.ended']);
    expect(await record.apply({ kind: 'room-finished', roomId: ROOM_ID, at: T + 41 })).toEqual([]);
    expect((await meetings())[0]).toMatchObject({ duration: 40, ongoing: false });
  });

  it('a connection LiveKit aborted before it got going was never in the call', async () => {
    expect(await record.apply({ kind: 'aborted', session: session('ada', T), at: T + 10 })).toEqual([]);
    expect(await meetings()).toEqual([]);
  });

  it('nothing is recorded for a room that no longer exists', async () => {
    await store.deleteRoom('standup');
    expect(await joined(session('ada', T))).toEqual([]);
    expect(await meetings()).toEqual([]);
  });

  it('a restart: those LiveKit still has stay, those gone leave at the best known time, a real leave heard later corrects it', async () => {
    const ada = session('ada', T);
    const bob = session('bob', T + 5);
    await joined(ada);
    await joined(bob);
    clock.now = T + 100;
    const known = await store.meetingRecords.sessionsOf(['mtg-1']);
    const carol = session('carol', T + 80);
    const events = await record.reconcile(ROOM_ID, known, [ada, carol], T + 60);
    expect(events.map((e) => `${e.type} ${'session_id' in e.payload ? e.payload.session_id : ''}`)).toEqual(['participant.left bob', 'participant.joined carol']);
    expect((await meetings())[0]!.participants).toEqual([
      expect.objectContaining({ participant_id: 'ada', duration: 100 }),
      expect.objectContaining({ participant_id: 'bob', duration: 55 }),
      expect.objectContaining({ participant_id: 'carol', duration: 20 }),
    ]);
    // Reconciling again changes nothing (no double count).
    expect(await record.reconcile(ROOM_ID, (await store.meetingRecords.sessionsOf(['mtg-1'])).filter((s) => s.leaveTime === null), [ada, carol], T + 60)).toEqual([]);
    // LiveKit's own leave for bob, retried after the restart: the real time replaces the guess, untold again.
    expect(await left(bob, T + 45)).toEqual([]);
    expect((await meetings())[0]!.participants![1]).toMatchObject({ participant_id: 'bob', duration: 40 });
  });

  it('a restart after everyone left while it was down ends the meeting at the best known time', async () => {
    await joined(session('ada', T));
    clock.now = T + 300;
    const events = await record.reconcile(ROOM_ID, await store.meetingRecords.sessionsOf(['mtg-1']), [], T + 120);
    expect(types(events)).toEqual(['participant.left', 'meeting.ended']);
    expect((await meetings())[0]).toMatchObject({ duration: 120, ongoing: false });
  });
});

describe('participantsOf', () => {
  const row = (participantId: string, joinTime: number, leaveTime: number | null, sid = `${participantId}-${joinTime}`) => ({
    sessionSid: sid, meetingId: 'm', participantId, userId: null, userName: null, owner: false,
    permissions: { hasPresence: true, canSend: true, canAdmin: false }, joinTime, leaveTime, leaveEstimated: false,
  });
  it.each([
    ['one closed session', [row('a', 0, 10)], 10],
    ['two sessions apart', [row('a', 0, 10), row('a', 20, 25)], 15],
    ['overlapping sessions count once', [row('a', 0, 10), row('a', 5, 15)], 15],
    ['a session still open counts to now', [row('a', 0, 10), row('a', 90, null)], 20],
  ])('%s', (_label, sessions, duration) => {
    expect(participantsOf(sessions, 100)[0]!.duration).toBe(duration);
  });
});
