import { describe, expect, it } from 'vitest';
import type { Meeting, Presence, Room } from './api-client.ts';
import { answerSummary, formatDuration, formatTime, meetingsTable, presenceTable, roomCreated, roomsTable, table, tokenCreated, waitingTable } from './format.ts';

/** 2026-12-06T08:00:00Z */
const NOW = Date.parse('2026-12-06T08:00:00Z') / 1000;

const room = (name: string, over: Partial<Room> = {}): Room => ({
  id: `id-${name}`,
  name,
  privacy: 'public',
  url: `http://127.0.0.1:3000/${name}`,
  created_at: '2026-12-01T10:00:00.000Z',
  config: {},
  ...over,
});

describe('table', () => {
  it('pads each column to its widest cell, two spaces apart, with no trailing spaces', () => {
    expect(table(['A', 'LONGER', 'C'], [['xyz', 'b', ''], ['1', '22', '333']]).split('\n')).toEqual([
      'A    LONGER  C',
      'xyz  b',
      '1    22      333',
    ]);
  });

  it('prints just the header for no rows', () => {
    expect(table(['NAME', 'URL'], [])).toBe('NAME  URL');
  });
});

describe('formatTime and formatDuration', () => {
  it.each<[number | string | null | undefined, string]>([
    [NOW, '2026-12-06 08:00:00Z'],
    [NOW + 0.9, '2026-12-06 08:00:00Z'],
    ['2026-12-06T08:00:05.123Z', '2026-12-06 08:00:05Z'],
    ['2026-12-06T09:00:05+01:00', '2026-12-06 08:00:05Z'],
    [null, '-'],
    [undefined, '-'],
    ['', '-'],
    ['not a date', '-'],
  ])('formatTime(%j) = %j', (value, expected) => {
    expect(formatTime(value)).toBe(expected);
  });

  it.each<[number | null | undefined, string]>([
    [0, '0s'],
    [45.9, '45s'],
    [60, '1m 00s'],
    [725, '12m 05s'],
    [3600, '1h 00m'],
    [3 * 3600 + 125, '3h 02m'],
    [86_400 * 2 + 4 * 3600 + 59, '2d 04h'],
    [null, '-'],
    [undefined, '-'],
    [-1, '-'],
    [Number.NaN, '-'],
  ])('formatDuration(%j) = %j', (seconds, expected) => {
    expect(formatDuration(seconds)).toBe(expected);
  });
});

describe('roomsTable', () => {
  it('shows one row per room: privacy, knocking, when it ends (and whether it has), created, URL', () => {
    const lines = roomsTable([
      room('standup', { privacy: 'private', config: { enable_knocking: true, exp: NOW + 3600 } }),
      room('old', { config: { exp: NOW - 60 } }),
      room('open'),
    ], NOW).split('\n');
    expect(lines).toEqual([
      'NAME     PRIVACY  KNOCKING  EXPIRES                       CREATED               URL',
      'standup  private  yes       2026-12-06 09:00:00Z          2026-12-01 10:00:00Z  http://127.0.0.1:3000/standup',
      'old      public   no        2026-12-06 07:59:00Z (ended)  2026-12-01 10:00:00Z  http://127.0.0.1:3000/old',
      'open     public   no        -                             2026-12-01 10:00:00Z  http://127.0.0.1:3000/open',
    ]);
  });

  it('says how to make a room when there is none', () => {
    expect(roomsTable([], NOW)).toBe('No rooms. Create one: npm run foyer -- rooms create <name>');
  });
});

describe('one-line summaries', () => {
  it.each<[Room, string]>([
    [room('a'), 'Created room a (public)\nhttp://127.0.0.1:3000/a'],
    [room('b', { privacy: 'private', config: { enable_knocking: true } }), 'Created room b (private, knocking)\nhttp://127.0.0.1:3000/b'],
    [room('c', { config: { exp: NOW + 60 } }), 'Created room c (public, ends 2026-12-06 08:01:00Z)\nhttp://127.0.0.1:3000/c'],
  ])('roomCreated %#', (r, expected) => {
    expect(roomCreated(r, NOW)).toBe(expected);
  });

  it.each<[Parameters<typeof tokenCreated>[1], string]>([
    [{}, 'Meeting link (participant link, never expires):'],
    [{ is_owner: true, user_name: 'Host' }, 'Meeting link (owner link for Host, never expires):'],
    [{ user_name: 'Ada', exp: NOW + 86_400 }, 'Meeting link (participant link for Ada, valid until 2026-12-07 08:00:00Z):'],
  ])('tokenCreated %j', (props, firstLine) => {
    expect(tokenCreated('http://x/r?t=abc', props)).toBe(`${firstLine}\nhttp://x/r?t=abc`);
  });
});

describe('meetingsTable', () => {
  const meeting = (over: Partial<Meeting>): Meeting => ({
    id: 'm-1', room: 'standup', start_time: NOW - 600, duration: 300, ongoing: false, max_participants: 2,
    participants: [
      { user_id: 'u-1', participant_id: 'p-1', user_name: 'Ada', join_time: NOW - 600, duration: 300 },
      { user_id: null, participant_id: 'p-2', user_name: null, join_time: NOW - 500, duration: 200 },
    ],
    ...over,
  });

  it('shows an ended meeting with its duration, and an ongoing one counted up to now', () => {
    expect(meetingsTable([
      meeting({}),
      meeting({ id: 'm-2', room: 'retro', ongoing: true, duration: null, start_time: NOW - 125, max_participants: 1, participants: [] }),
    ], NOW).split('\n')).toEqual([
      'ID   ROOM     STARTED               DURATION  STATUS   MAX  PARTICIPANTS',
      'm-1  standup  2026-12-06 07:50:00Z  5m 00s    ended    2    Ada, p-2',
      'm-2  retro    2026-12-06 07:57:55Z  2m 05s    ongoing  1    -',
    ]);
  });

  it('names a participant by user_name, else user_id, else participant_id', () => {
    const [, row] = meetingsTable([meeting({ participants: [
      { user_id: 'u-9', participant_id: 'p-9', user_name: '', join_time: NOW, duration: 1 },
    ] })], NOW).split('\n');
    expect(row).toMatch(/u-9$/);
  });

  it('shows - for participants left out (no_participants)', () => {
    const { participants: _left, ...bare } = meeting({});
    expect(meetingsTable([bare], NOW).split('\n')[1]).toMatch(/ended +2 +-$/);
  });

  it('says so when there is none', () => {
    expect(meetingsTable([], NOW)).toBe('No meetings.');
  });
});

describe('presenceTable', () => {
  it('lists everyone in a call, rooms in name order', () => {
    expect(presenceTable({
      zeta: [{ room: 'zeta', id: 's-3', userId: null, userName: 'Zoe', joinTime: '2026-12-06T07:59:00.000Z', duration: 60 }],
      alpha: [
        { room: 'alpha', id: 's-1', userId: 'u-1', userName: 'Ada', joinTime: '2026-12-06T07:00:00.000Z', duration: 3600 },
        { room: 'alpha', id: 's-2', userId: null, userName: null, joinTime: '2026-12-06T07:58:30.000Z', duration: 90 },
      ],
    }).split('\n')).toEqual([
      'ROOM   NAME  USER ID  SESSION ID  JOINED                FOR',
      'alpha  Ada   u-1      s-1         2026-12-06 07:00:00Z  1h 00m',
      'alpha  -     -        s-2         2026-12-06 07:58:30Z  1m 30s',
      'zeta   Zoe   -        s-3         2026-12-06 07:59:00Z  1m 00s',
    ]);
  });

  it.each<Presence>([{}, { empty: [] }])('says no one is in a call for %j', (presence) => {
    expect(presenceTable(presence)).toBe('No one is in a call.');
  });
});

describe('waitingTable', () => {
  it('shows who waits and for how long (waiting_since as ISO or unix seconds)', () => {
    expect(waitingTable('standup', [
      { id: 'w-1', user_name: 'Grace', user_id: null, waiting_since: '2026-12-06T07:59:15.000Z' },
      { id: 'w-2', user_name: null, user_id: 'u-7', waiting_since: NOW - 5 },
    ], NOW).split('\n')).toEqual([
      'ID   NAME   USER ID  WAITING SINCE         FOR',
      'w-1  Grace  -        2026-12-06 07:59:15Z  45s',
      'w-2  -      u-7      2026-12-06 07:59:55Z  5s',
    ]);
  });

  it('says no one is waiting', () => {
    expect(waitingTable('standup', [], NOW)).toBe('No one is waiting at standup.');
  });
});

describe('answerSummary', () => {
  it.each<[{ granted: string[]; denied: string[] }, string[] | 'all', string]>([
    [{ granted: ['w-1', 'w-2'], denied: [] }, 'all', 'Let in at standup: w-1, w-2'],
    [{ granted: [], denied: ['w-1'] }, 'all', 'Turned away at standup: w-1'],
    [{ granted: [], denied: [] }, 'all', 'No one was waiting at standup.'],
    [{ granted: ['w-1'], denied: [] }, ['w-1'], 'Let in at standup: w-1'],
    [{ granted: ['w-1'], denied: [] }, ['w-1', 'w-9'], 'Let in at standup: w-1\nNot waiting any more (already answered, or left): w-9'],
    [{ granted: [], denied: [] }, ['w-9'], 'Not waiting any more (already answered, or left): w-9'],
  ])('%j for %j', (answer, asked, expected) => {
    expect(answerSummary('standup', answer, asked)).toBe(expected);
  });
});
