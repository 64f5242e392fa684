import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Meeting, Presence } from './api-client.ts';
import { fakeFetch, type CannedResponse } from './fake-fetch.ts';
import { runCli } from './run.ts';

const KEY = 'cli_test_key_Zq8Wm3Rx6Tn1Vb4Yk7Pc2Hd5Jf9Ls0Ga';
const BASE = 'http://127.0.0.1:3999';
const NOW = Date.parse('2026-12-06T08:00:00Z') / 1000;

/** Runs the CLI against canned answers; returns its exit code, output and the requests it sent. */
async function cli(argv: string[], routes: Parameters<typeof fakeFetch>[0] = {}, env: NodeJS.ProcessEnv = { FOYER_URL: BASE, FOYER_API_KEY: KEY }) {
  const fake = fakeFetch(routes);
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env, fetch: fake.fetch, now: () => NOW, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  // Whatever happened, the key went only into the Authorization header.
  expect(stdout + stderr).not.toContain(KEY);
  for (const r of fake.requests) {
    expect(r.url).not.toContain(KEY);
    expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
  }
  return { code, stdout, stderr, requests: fake.requests };
}

const meetings: { total_count: number; data: Meeting[] } = {
  total_count: 1,
  data: [{
    id: 'c1a5b0f2-0000-4000-8000-000000000001', room: 'standup', start_time: NOW - 300, duration: null, ongoing: true, max_participants: 2,
    participants: [
      { user_id: 'u-1', participant_id: 'p-1', user_name: 'Ada', join_time: NOW - 300, duration: null },
      { user_id: null, participant_id: 'p-2', user_name: 'Grace', join_time: NOW - 200, duration: null },
    ],
  }],
};
const presence: Presence = {
  standup: [{ room: 'standup', id: 'p-1', userId: 'u-1', userName: 'Ada', joinTime: '2026-12-06T07:55:00.000Z', duration: 300 }],
};
const waiting = {
  total_count: 2,
  data: [
    { id: 'w-1', user_name: 'Grace', user_id: null, waiting_since: '2026-12-06T07:59:30.000Z' },
    { id: 'w-2', user_name: 'Linus', user_id: 'u-9', waiting_since: '2026-12-06T07:59:50.000Z' },
  ],
};

describe('meetings, presence and the lobby (the shapes of GET /v1/meetings, /v1/presence, /v1/rooms/:name/waiting-participants)', () => {
  it('meetings: passes --room, --ongoing and --limit as the query and prints a table', async () => {
    const r = await cli(['meetings', '--room', 'standup', '--ongoing', '--limit', '5'], { 'GET /v1/meetings': { body: meetings } });
    expect(r.code).toBe(0);
    expect(r.requests.map((q) => `${q.method} ${q.url}`)).toEqual(['GET /v1/meetings?room=standup&ongoing=true&limit=5']);
    expect(r.stdout.split('\n')).toEqual([
      'ID                                    ROOM     STARTED               DURATION  STATUS   MAX  PARTICIPANTS',
      'c1a5b0f2-0000-4000-8000-000000000001  standup  2026-12-06 07:55:00Z  5m 00s    ongoing  2    Ada, Grace',
      '',
    ]);
  });

  it('meetings with no filter sends no query; --json prints the answer as is', async () => {
    const r = await cli(['meetings', '--json'], { 'GET /v1/meetings': { body: meetings } });
    expect(r.requests[0]!.url).toBe('/v1/meetings');
    expect(JSON.parse(r.stdout)).toEqual(meetings);
  });

  it('meetings --limit 0 is a usage error and sends nothing', async () => {
    const r = await cli(['meetings', '--limit', '0'], { 'GET /v1/meetings': { body: meetings } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--limit must be a whole number from 1 to 100/);
    expect(r.requests).toEqual([]);
  });

  it('presence: GET /v1/presence as a table, or as JSON', async () => {
    const r = await cli(['presence'], { 'GET /v1/presence': { body: presence } });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'ROOM     NAME  USER ID  SESSION ID  JOINED                FOR',
      'standup  Ada   u-1      p-1         2026-12-06 07:55:00Z  5m 00s',
      '',
    ].join('\n'));
    expect(JSON.parse((await cli(['presence', '--json'], { 'GET /v1/presence': { body: presence } })).stdout)).toEqual(presence);
  });

  it('waiting <room>: lists who knocks, the room name encoded in the path', async () => {
    const r = await cli(['waiting', 'standup'], { 'GET /v1/rooms/standup/waiting-participants': { body: waiting } });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'ID   NAME   USER ID  WAITING SINCE         FOR',
      'w-1  Grace  -        2026-12-06 07:59:30Z  30s',
      'w-2  Linus  u-9      2026-12-06 07:59:50Z  10s',
      '',
    ]);
    const odd = await cli(['waiting', 'a/b?c'], {});
    expect(odd.requests[0]!.url).toBe('/v1/rooms/a%2Fb%3Fc/waiting-participants');
  });

  it('admit <room> all answers "*" with grantRequestedAccess: true', async () => {
    const r = await cli(['admit', 'standup', 'all'], { 'POST /v1/rooms/standup/waiting-participants': { body: { granted: ['w-1', 'w-2'], denied: [] } } });
    expect(r.code).toBe(0);
    expect(r.requests).toMatchObject([{ method: 'POST', url: '/v1/rooms/standup/waiting-participants', body: { updates: { '*': { grantRequestedAccess: true } } } }]);
    expect(r.requests[0]!.headers['content-type']).toBe('application/json');
    expect(r.stdout).toBe('Let in at standup: w-1, w-2\n');
  });

  it('deny <room> <ids> answers each id with grantRequestedAccess: false', async () => {
    const r = await cli(['deny', 'standup', 'w-1', 'w-2', 'w-1'], { 'POST /v1/rooms/standup/waiting-participants': { body: { granted: [], denied: ['w-1', 'w-2'] } } });
    expect(r.code).toBe(0);
    expect(r.requests[0]!.body).toEqual({ updates: { 'w-1': { grantRequestedAccess: false }, 'w-2': { grantRequestedAccess: false } } });
    expect(r.stdout).toBe('Turned away at standup: w-1, w-2\n');
  });

  it('admit exits 1 when someone asked for was no longer waiting (an owner answered first, or they left)', async () => {
    const r = await cli(['admit', 'standup', 'w-1', 'w-9'], { 'POST /v1/rooms/standup/waiting-participants': { body: { granted: ['w-1'], denied: [] } } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('Let in at standup: w-1\nNot waiting any more (already answered, or left): w-9\n');
  });

  it('admit exits 1 with the server\'s words when none of the ids is waiting (the server answers 404)', async () => {
    const info = 'nobody with these ids is waiting to join this room (they may have been let in, turned away, or left)';
    const r = await cli(['admit', 'standup', 'w-9'], { 'POST /v1/rooms/standup/waiting-participants': { status: 404, body: { error: 'not-found', info } } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`foyer: ${info}\n`);
  });

  it('waiting at a room that does not exist says how to see the rooms', async () => {
    const r = await cli(['waiting', 'nope'], { 'GET /v1/rooms/nope/waiting-participants': { status: 404, body: { error: 'not-found', info: 'room nope not found' } } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('foyer: room nope not found (`npm run foyer -- rooms list` shows the rooms)\n');
  });

  it('admit with both all and ids is a usage error and sends nothing', async () => {
    const r = await cli(['admit', 'standup', 'all', 'w-1'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/either `all` or waiting ids/);
    expect(r.requests).toEqual([]);
  });
});

describe('rooms and tokens (request shapes)', () => {
  const room = { id: 'r-1', name: 'standup', api_created: true, privacy: 'private', url: `${BASE}/standup`, created_at: '2026-12-06T08:00:00.000Z', config: { enable_knocking: true } };

  it('rooms create maps every option into POST /v1/rooms', async () => {
    const r = await cli(
      ['rooms', 'create', 'standup', '--privacy', 'private', '--knocking', '--exp', '1h', '--eject-at-exp', '--max-participants', '5', '--set', 'start_video_off=true'],
      { 'POST /v1/rooms': { body: room } },
    );
    expect(r.code).toBe(0);
    expect(r.requests[0]!.body).toEqual({
      name: 'standup',
      privacy: 'private',
      properties: { start_video_off: true, enable_knocking: true, exp: NOW + 3600, eject_at_room_exp: true, max_participants: 5 },
    });
    expect(r.stdout).toBe(`Created room standup (private, knocking)\n${BASE}/standup\n`);
  });

  it('rooms create with no name sends {} (the server makes a name up)', async () => {
    const r = await cli(['rooms', 'create'], { 'POST /v1/rooms': { body: room } });
    expect(r.requests[0]!.body).toEqual({});
  });

  it.each<[string[], RegExp]>([
    [['rooms', 'create', '--privacy', 'secret'], /--privacy must be private or public/],
    [['rooms', 'create', '--exp', 'soon'], /--exp "soon" is not a time/],
    [['rooms', 'create', '--eject-at-exp'], /--eject-at-exp needs --exp/],
    [['rooms', 'create', '--max-participants', 'lots'], /--max-participants must be a whole number/],
    [['rooms', 'create', '--set', 'oops'], /property=value/],
    [['tokens', 'create', '--owner'], /needs --room <name>/],
    [['tokens', 'create', '--room', 'standup', '--exp=-1'], /--exp "-1" is not a time/],
  ])('%j is a usage error with the command\'s help, and sends nothing', async (argv, message) => {
    const r = await cli(argv, { 'POST /v1/rooms': { body: room } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`Usage: npm run foyer -- ${argv[0]} ${argv[1]}`);
    expect(r.requests).toEqual([]);
  });

  it('rooms list follows the cursor until a short page', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `room-${i}`);
    const page = (from: number, to: number) => ({ body: { total_count: 101, data: names.slice(from, to).map((name) => ({ ...room, id: `id-${name}`, name, url: `${BASE}/${name}` })) } });
    const r = await cli(['rooms', 'list', '--json'], { 'GET /v1/rooms': [page(0, 100), page(100, 101)] });
    expect(r.requests.map((q) => q.url)).toEqual(['/v1/rooms?limit=100', '/v1/rooms?limit=100&starting_after=id-room-99']);
    const out = JSON.parse(r.stdout);
    expect(out.total_count).toBe(101);
    expect(out.data.map((x: { name: string }) => x.name)).toEqual(names);
  });

  it('tokens create checks the room, then prints its URL with ?t=<token>', async () => {
    const r = await cli(['tokens', 'create', '--room', 'standup', '--owner', '--name', 'Host', '--exp', '2h', '--eject-at-exp'], {
      'GET /v1/rooms/standup': { body: room },
      'POST /v1/meeting-tokens': { body: { token: 'eyJ.abc.def' } },
    });
    expect(r.code).toBe(0);
    expect(r.requests.map((q) => `${q.method} ${q.url}`)).toEqual(['GET /v1/rooms/standup', 'POST /v1/meeting-tokens']);
    expect(r.requests[1]!.body).toEqual({ properties: { room_name: 'standup', is_owner: true, user_name: 'Host', exp: NOW + 7200, eject_at_token_exp: true } });
    expect(r.stdout).toBe(`Meeting link (owner link for Host, valid until 2026-12-06 10:00:00Z):\n${BASE}/standup?t=eyJ.abc.def\n`);
  });

  it('tokens create for a room that does not exist makes no token and says how to see the rooms', async () => {
    const r = await cli(['tokens', 'create', '--room', 'nope'], { 'GET /v1/rooms/nope': { status: 404, body: { error: 'not-found', info: 'room nope not found' } } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('foyer: room nope not found (`npm run foyer -- rooms list` shows the rooms)\n');
    expect(r.requests).toHaveLength(1);
  });
});

describe('failures name the next step (exit 1)', () => {
  it.each<[string, CannedResponse | 'unreachable', RegExp]>([
    ['nothing listens', 'unreachable', /^foyer: cannot reach Foyer at http:\/\/127\.0\.0\.1:3999: is `npm start` running\? \(set FOYER_URL/],
    ['a wrong key', { status: 401, body: { error: 'authentication-error', info: 'the API key is not valid' } }, /the API key was refused by Foyer at http:\/\/127\.0\.0\.1:3999: set FOYER_API_KEY to the key Foyer printed/],
    ['a throttled client', { status: 429, headers: { 'retry-after': '42' }, body: { error: 'rate-limit-error', info: 'too many requests' } }, /refusing requests for a while \(too many requests\); try again in 42 s/],
    ['a server failure', { status: 500, body: { error: 'server-error', info: 'something went wrong' } }, /Foyer failed to do it \(something went wrong\); see the server's log, then retry/],
    ['a bad request', { status: 400, body: { error: 'invalid-request-error', info: 'room name taken' } }, /^foyer: room name taken\n$/],
    ['something that is not Foyer', { status: 200, text: '<html>hello</html>' }, /answered GET \/v1\/presence with something that is not JSON: is FOYER_URL a Foyer server\?/],
    ['an older Foyer', { status: 404, body: { error: 'not-found', info: 'no such endpoint: GET /v1/presence' } }, /is older than this CLI; update it/],
  ])('%s', async (_case, answer, message) => {
    const r = await cli(['presence'], answer === 'unreachable' ? 'unreachable' : { 'GET /v1/presence': answer });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});

describe('the connection', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('without FOYER_API_KEY or a data dir holding a key: exit 2, says how to set one, sends nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'foyer-cli-'));
    const fake = fakeFetch({});
    let stderr = '';
    const code = await runCli(['presence'], { env: { FOYER_URL: BASE, FOYER_DATA_DIR: dir }, fetch: fake.fetch, stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^foyer: no API key: set FOYER_API_KEY .* no generated key was found in .*foyer\.db/);
    expect(fake.requests).toEqual([]);
  });

  it('goes to FOYER_HOST:FOYER_PORT when FOYER_URL is not set', async () => {
    const r = await cli(['presence'], { 'GET /v1/presence': { body: {} } }, { FOYER_API_KEY: KEY, FOYER_PORT: '3999' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('No one is in a call.\n');
  });

  it('refuses a FOYER_URL that is not http(s) as a usage error', async () => {
    const r = await cli(['presence'], {}, { FOYER_URL: 'ftp://x', FOYER_API_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/FOYER_URL must be an http:\/\/ or https:\/\/ URL/);
  });
});

describe('usage', () => {
  it.each<[string[], 0 | 2, RegExp]>([
    [[], 2, /^foyer: no command given\n\nFoyer operator CLI/],
    [['frobnicate'], 2, /^foyer: unknown command `frobnicate`/],
    [['help'], 0, /^Foyer operator CLI/],
    [['waiting', '--help'], 0, /^npm run foyer -- waiting: list who is knocking/],
  ])('%j exits %d', async (argv, code, text) => {
    const r = await cli(argv, {});
    expect(r.code).toBe(code);
    expect(code === 0 ? r.stdout : r.stderr).toMatch(text);
    expect(r.requests).toEqual([]);
  });
});
