/**
 * The CLI's meetings, presence and lobby commands against the real routes (in process, fake LiveKit):
 * a meeting fed by signed LiveKit webhooks, and guests knocking at a room, answered from the CLI.
 */
import { AccessToken } from 'livekit-server-sdk';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { OWNER_ATTRIBUTE } from '../shared/client-api.ts';
import { fakeSocket, type FakeSocket } from '../server/testing/fake-socket.ts';
import { expectOk } from '../server/testing/http-expect.ts';
import { makeTestApp, T0, type TestApp } from '../server/testing/test-app.ts';
import type { GuestConnection } from '../server/lobby/lobby.ts';
import { cliOverApp } from './cli-over-app.ts';

const HOOK_KEYS = { apiKey: 'foyer_hook', apiSecret: 'cli-hook-secret-0123456789abcdef0123456789' };
let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp({ webhookSecret: HOOK_KEYS });
});
afterEach(async () => {
  await t.close();
});

const cli = (argv: string[]) => cliOverApp(t, argv);

async function webhook(event: object) {
  const payload = JSON.stringify(event);
  const at = new AccessToken(HOOK_KEYS.apiKey, HOOK_KEYS.apiSecret);
  at.sha256 = createHash('sha256').update(payload).digest('base64');
  expectOk(await t.app.inject({ method: 'POST', url: '/webhooks/livekit', payload, headers: { 'content-type': 'application/webhook+json', authorization: await at.toJwt() } }));
}

let ids = 0;
const joined = (roomId: string, identity: string, name: string, at: number) => ({
  event: 'participant_joined', id: `EV_${++ids}`, createdAt: String(at), room: { sid: 'RM_1', name: roomId },
  participant: { sid: `PA_${identity}`, identity, name, joinedAt: String(at), joinedAtMs: String(at * 1000), attributes: { [OWNER_ATTRIBUTE]: 'false' }, permission: { canSubscribe: true, canPublish: true, canPublishData: true } },
});

it('meetings and presence show a meeting fed by LiveKit webhooks', async () => {
  const room = expectOk(await t.api('POST', '/v1/rooms', { name: 'standup' })) as { id: string };
  t.clock.now = T0;
  await webhook(joined(room.id, 'p_ada', 'Ada', T0));
  t.clock.now = T0 + 65;
  const meetings = await cli(['meetings', '--room', 'standup', '--ongoing']);
  expect(meetings, meetings.stderr).toMatchObject({ code: 0, stderr: '' });
  expect(meetings.stdout.split('\n')[1]).toMatch(/^\S+ +standup +2025-01-01 00:00:00Z +1m 05s +ongoing +1 +Ada$/);
  const presence = await cli(['presence']);
  expect(presence.stdout.split('\n')[1]).toMatch(/^standup +Ada +- +p_ada +2025-01-01 00:00:00Z +1m 05s$/);
});

it('waiting lists who knocks; admit and deny answer them', async () => {
  expectOk(await t.api('POST', '/v1/rooms', { name: 'door', privacy: 'private', properties: { enable_knocking: true } }));
  const knock = async (name: string) => {
    const guest: GuestConnection & { socket: FakeSocket } = { socket: fakeSocket(), clientKey: `10.0.0.${name.length}` };
    await t.app.lobby.requestAccess('door', guest, { name });
    return { guest, id: guest.socket.of('waiting')[0]!.id as string };
  };
  const ann = await knock('Ann');
  const bo = await knock('Bo');
  t.clock.now += 30;
  const waiting = await cli(['waiting', 'door']);
  expect(waiting, waiting.stderr).toMatchObject({ code: 0 });
  expect(waiting.stdout).toContain(`${ann.id}`);
  expect(waiting.stdout).toMatch(/Ann +- +2025-01-01 00:00:00Z +30s/);
  const admit = await cli(['admit', 'door', ann.id]);
  expect(admit, admit.stderr).toMatchObject({ code: 0, stdout: `Let in at door: ${ann.id}\n` });
  const again = await cli(['admit', 'door', ann.id]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/nobody with these ids is waiting/);
  const deny = await cli(['deny', 'door', 'all']);
  expect(deny).toMatchObject({ code: 0, stdout: `Turned away at door: ${bo.id}\n` });
  expect((await cli(['waiting', 'door'])).stdout).toBe('No one is waiting at door.\n');
});

it('rooms list pages past 100 rooms with the cursor the server gives (a room id)', async () => {
  await t.close();
  t = await makeTestApp({ env: { FOYER_API_REQUESTS_PER_5S: '1000' } });
  for (let i = 0; i < 101; i++) expectOk(await t.api('POST', '/v1/rooms', { name: `room-${i}` }));
  const r = await cli(['rooms', 'list', '--json']);
  expect(r.code).toBe(0);
  const listed = JSON.parse(r.stdout) as { total_count: number; data: { name: string }[] };
  expect(listed.total_count).toBe(101);
  expect(new Set(listed.data.map((room) => room.name)).size).toBe(101);
});
