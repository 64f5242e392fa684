/** POST /domains/by-name/<team>/meetings, over the real app and the meetings record. */
import { describe, expect, it } from 'vitest';
import { T0 } from '../testing/test-app.ts';
import { addMeeting, addMember, BASE, legacyError, legacyOk, send, t, TEAM, useLegacyApp } from './legacy-test-app.ts';

useLegacyApp();

const H = 3600;
const meetings = (body: unknown) => send('POST', `${BASE}/meetings`, body);

describe('POST /domains/by-name/<team>/meetings', () => {
  it('lists meetings with members by email and everyone else as "guest", in unix seconds', async () => {
    const { member: ada } = await addMember('ada@example.com', 'Ada');
    await addMeeting('standup', T0 + 10.7, T0 + 600.2, [
      { participantId: 'p-ada', join: T0 + 10.7, leave: T0 + 600.2, member: ada },
      { participantId: 'p-guest', join: T0 + 20, leave: T0 + 300 },
    ]);
    const body = legacyOk(await meetings({ start: T0, end: T0 + H }));
    expect(body).toEqual({
      meetings: [{
        domain: TEAM,
        room: 'standup',
        mtgStart: T0 + 10,
        mtgEnd: T0 + 600,
        participants: [
          { email: 'ada@example.com', mtgJoin: T0 + 10, mtgLeave: T0 + 600 },
          { email: 'guest', mtgJoin: T0 + 20, mtgLeave: T0 + 300 },
        ],
      }],
      moreResults: false,
    });
  });

  it('keeps a removed member\'s email in past meetings (recorded as it was then)', async () => {
    const { member: grace } = await addMember('grace@example.com', 'Grace');
    await addMeeting('standup', T0, T0 + 60, [{ participantId: 'p-grace', join: T0, leave: T0 + 60, member: grace }]);
    legacyOk(await send('DELETE', `${BASE}/user/grace@example.com`));
    expect(legacyOk(await meetings({ start: T0, end: T0 + H })).meetings[0].participants).toEqual([{ email: 'grace@example.com', mtgJoin: T0, mtgLeave: T0 + 60 }]);
  });

  it('gives null for the end of a meeting going on and of whoever is still in it; a rejoin is one participant', async () => {
    await addMeeting('standup', T0, null, [
      { participantId: 'p-1', join: T0, leave: T0 + 30 },
      { participantId: 'p-2', join: T0 + 5, leave: null },
      { participantId: 'p-1', join: T0 + 40, leave: null },
      { participantId: 'p-3', join: T0 + 50, leave: T0 + 70 },
      { participantId: 'p-3', join: T0 + 80, leave: T0 + 90 },
    ]);
    const [meeting] = legacyOk(await meetings({ start: T0, end: T0 + H })).meetings;
    expect(meeting).toMatchObject({ mtgStart: T0, mtgEnd: null });
    expect(meeting.participants).toEqual([
      { email: 'guest', mtgJoin: T0, mtgLeave: null },
      { email: 'guest', mtgJoin: T0 + 5, mtgLeave: null },
      { email: 'guest', mtgJoin: T0 + 50, mtgLeave: T0 + 90 },
    ]);
  });

  it('reads start and end as unix seconds (number or digits) or ISO 8601, all alike', async () => {
    await addMeeting('before', T0 - 1, T0 + 10);
    await addMeeting('first', T0, T0 + 10);
    await addMeeting('last', T0 + H - 1, T0 + H + 10);
    await addMeeting('after', T0 + H, T0 + H + 10);
    const rooms = async (start: unknown, end: unknown) => legacyOk(await meetings({ start, end })).meetings.map((m: { room: string }) => m.room);
    // From start (included) to end (excluded), newest first.
    const expected = ['last', 'first'];
    expect(await rooms(T0, T0 + H)).toEqual(expected);
    expect(await rooms(String(T0), String(T0 + H))).toEqual(expected);
    expect(await rooms('2025-01-01T00:00:00Z', '2025-01-01T01:00:00Z')).toEqual(expected);
    expect(await rooms('2025-01-01T01:00:00+01:00', '2025-01-01T01:00:00.000Z')).toEqual(expected);
    expect(await rooms('2025-01-01', T0 + H)).toEqual(expected);
  });

  it('filters by room (also meetings of a room deleted since)', async () => {
    await addMeeting('standup', T0, T0 + 10);
    await addMeeting('retro', T0 + 20, T0 + 30);
    expect(legacyOk(await meetings({ start: T0, end: T0 + H, room: 'retro' })).meetings.map((m: { room: string }) => m.room)).toEqual(['retro']);
    expect(legacyOk(await meetings({ start: T0, end: T0 + H, room: 'nowhere' }))).toEqual({ meetings: [], moreResults: false });
  });

  it('answers at most 100 meetings, with moreResults when there were more', async () => {
    for (let i = 0; i < 100; i++) await addMeeting('standup', T0 + i, T0 + i + 1);
    const hundred = legacyOk(await meetings({ start: T0, end: T0 + H }));
    expect(hundred.meetings).toHaveLength(100);
    expect(hundred.moreResults).toBe(false);
    await addMeeting('standup', T0 + 100, T0 + 101);
    const more = legacyOk(await meetings({ start: T0, end: T0 + H }));
    expect(more.meetings).toHaveLength(100);
    expect(more.moreResults).toBe(true);
    // Newest first: the next page is the same request with end at the oldest start answered.
    expect(more.meetings[99].mtgStart).toBe(T0 + 1);
    expect(legacyOk(await meetings({ start: T0, end: T0 + 1 })).meetings.map((m: { mtgStart: number }) => m.mtgStart)).toEqual([T0]);
  });

  it.each([
    ['no body', undefined, 'start must be unix seconds (like 1735689600) or an ISO 8601 time with its zone (like 2025-01-01T00:00:00Z)'],
    ['no end', { start: T0 }, 'end must be unix seconds (like 1735689600) or an ISO 8601 time with its zone (like 2025-01-01T00:00:00Z)'],
    ['an ISO time without its zone', { start: '2025-01-01T00:00:00', end: T0 + H }, /start must be unix seconds/],
    ['an impossible date', { start: '2025-02-30', end: '2025-03-31' }, /start must be unix seconds/],
    ['milliseconds', { start: T0 * 1000, end: (T0 + H) * 1000 }, 'start is after the year 9999: send unix seconds, not milliseconds'],
    ['a boolean', { start: true, end: T0 }, /start must be unix seconds/],
    ['an object', { start: { $gt: 0 }, end: T0 }, /start must be unix seconds/],
    ['end before start', { start: T0 + H, end: T0 }, 'end must be after start'],
    ['end equal to start', { start: T0, end: T0 }, 'end must be after start'],
    ['a number for a room', { start: T0, end: T0 + H, room: 7 }, /room must be a string/],
    ['an unknown property', { start: T0, end: T0 + H, limit: 5 }, 'unknown property: limit'],
  ])('refuses %s with HTTP 200 {error: {message}}', async (_what, body, message) => {
    const got = legacyError(await meetings(body));
    if (typeof message === 'string') expect(got).toBe(message);
    else expect(got).toMatch(message);
  });
});
