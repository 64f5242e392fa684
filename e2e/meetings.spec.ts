/**
 * Meetings and presence with real parts (LiveKit, Chromium): while two people are in a call the REST
 * presence lists them both, and after they leave `/v1/meetings` has the meeting with both join times and
 * durations. Then the control plane killed (SIGKILL) mid-meeting and restarted while one person left:
 * presence and the meeting record stay right (nobody lost, nobody counted twice). That test runs its own
 * Foyer on its own ports, so it can kill it.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_API_KEY } from '../playwright.config.ts';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../app/server/testing/server-process.ts';
import { createRoom, createToken } from './support/api.ts';
import { LIFTED_CLIENT_LIMITS } from './support/lifted-limits.ts';
import { joinCall, newPerson, remoteTile, type Person } from './support/call.ts';

const people: Person[] = [];
let servers: ServerProcess[] = [];

test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) for (const server of servers) console.log(server.output());
  await Promise.all(people.splice(0).map((p) => p.close()));
  for (const server of servers) await server.stop();
  if (servers[0]) {
    // A test that failed between the kill and the restart leaves the LiveKit this spec's Foyer launched.
    const pidFile = join(servers[0].dataDir, 'livekit.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : Number.NaN;
    if (Number.isInteger(pid) && pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already stopped with its Foyer
      }
    }
    removeDataDir(servers[0].dataDir);
  }
  servers = [];
});

interface Participant { user_id: string | null; participant_id: string; user_name: string | null; join_time: number; duration: number }
interface Meeting { id: string; room: string; start_time: number; duration: number; ongoing: boolean; max_participants: number; participants: Participant[] }
interface PresenceEntry { room: string; id: string; userId: string | null; userName: string | null; joinTime: string; duration: number }

const now = () => Date.now() / 1000;

/** GET on the shared suite's Foyer with its API key. */
async function v1(request: APIRequestContext, path: string) {
  const res = await request.get(path, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

test('presence lists both people while they are in the call; afterwards /v1/meetings has the meeting with both join times and durations', async ({ browser, request }) => {
  const room = await createRoom(request);
  const adaToken = await createToken(request, { room_name: room.name, user_name: 'Ada', user_id: 'ada-1' });
  const before = Math.floor(now());
  const ada = await newPerson(browser);
  const bob = await newPerson(browser);
  people.push(ada, bob);
  await ada.page.goto(`/${room.name}?t=${adaToken}`);
  await joinCall(ada.page);
  await bob.page.goto(`/${room.name}`);
  await joinCall(bob.page, 'Bob');
  await expect(remoteTile(ada.page, 'Bob')).toBeVisible();

  // LiveKit tells the control plane (webhooks): both show in presence, for the room and across rooms.
  const names = (entries: PresenceEntry[]) => entries.map((p) => p.userName).sort();
  await expect.poll(async () => names((await v1(request, `/v1/rooms/${room.name}/presence`)).data)).toEqual(['Ada', 'Bob']);
  const roomPresence = await v1(request, `/v1/rooms/${room.name}/presence`);
  expect(roomPresence.total_count).toBe(2);
  expect(roomPresence.data.find((p: PresenceEntry) => p.userName === 'Ada')).toMatchObject({ room: room.name, userId: 'ada-1' });
  for (const p of roomPresence.data as PresenceEntry[]) {
    const joined = Date.parse(p.joinTime) / 1000;
    expect(joined).toBeGreaterThanOrEqual(before);
    expect(joined).toBeLessThanOrEqual(now());
  }
  expect(names((await v1(request, '/v1/presence'))[room.name])).toEqual(['Ada', 'Bob']);
  const ongoing = (await v1(request, `/v1/meetings?room=${room.name}`)).data as Meeting[];
  expect(ongoing).toEqual([expect.objectContaining({ ongoing: true, max_participants: 2 })]);

  await bob.page.getByTestId('leave-button').click();
  await expect.poll(async () => names((await v1(request, `/v1/rooms/${room.name}/presence`)).data)).toEqual(['Ada']);
  await ada.page.getByTestId('leave-button').click();
  const after = Math.ceil(now());
  await expect.poll(async () => (await v1(request, `/v1/meetings?room=${room.name}`)).data[0]?.ongoing).toBe(false);

  const { total_count, data } = await v1(request, `/v1/meetings?room=${room.name}`);
  expect(total_count).toBe(1);
  const meeting = data[0] as Meeting;
  expect(meeting).toMatchObject({ room: room.name, ongoing: false, max_participants: 2 });
  expect(meeting.participants.map((p) => [p.user_name, p.user_id])).toEqual([['Ada', 'ada-1'], ['Bob', null]]);
  const [adaRow, bobRow] = meeting.participants;
  expect(adaRow!.join_time).toBeGreaterThanOrEqual(before);
  expect(bobRow!.join_time).toBeGreaterThanOrEqual(adaRow!.join_time);
  expect(bobRow!.join_time).toBeLessThanOrEqual(after);
  // Ada stayed longer than Bob (she left after him); neither is longer than the test.
  expect(adaRow!.duration).toBeGreaterThanOrEqual(bobRow!.duration);
  expect(adaRow!.duration).toBeLessThanOrEqual(after - before);
  expect(meeting.duration).toBeGreaterThanOrEqual(adaRow!.duration);
  expect(meeting.start_time).toBe(adaRow!.join_time);
  expect(await v1(request, '/v1/presence')).not.toHaveProperty(room.name);
});

test('SIGKILL of the control plane mid-meeting, someone leaves while it is down: after the restart presence and the meeting record are right', async ({ browser }) => {
  // Two people in a call, a kill and a restart, on two cores.
  test.setTimeout(180_000);
  const ports = { port: 3910, livekitPort: 8910, udpStart: 53960 };
  const auth = { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' };
  const start = async (dataDir?: string) => {
    // Info logs: the restart says what its check against LiveKit found.
    const server = await startServerProcess({ ports, env: { ...LIFTED_CLIENT_LIMITS, FOYER_LOG_LEVEL: 'info' }, ...(dataDir ? { dataDir } : {}) });
    servers.push(server);
    return server;
  };
  const get = async (server: ServerProcess, path: string) => {
    const res = await fetch(`${server.baseUrl}${path}`, { headers: auth });
    expect(res.status, await res.clone().text()).toBe(200);
    return res.json();
  };
  const first = await start();
  const created = await fetch(`${first.baseUrl}/v1/rooms`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'restart-meeting' }) });
  expect(created.status).toBe(200);

  const ada = await newPerson(browser);
  const bob = await newPerson(browser);
  people.push(ada, bob);
  await ada.page.goto(`${first.baseUrl}/restart-meeting`);
  await joinCall(ada.page, 'Ada');
  await bob.page.goto(`${first.baseUrl}/restart-meeting`);
  await joinCall(bob.page, 'Bob');
  const names = async (server: ServerProcess) => ((await get(server, '/v1/rooms/restart-meeting/presence')).data as PresenceEntry[]).map((p) => p.userName).sort();
  await expect.poll(() => names(first)).toEqual(['Ada', 'Bob']);

  await first.kill();
  // While the control plane is down, Bob leaves: LiveKit's webhook for it finds nobody to tell (LiveKit
  // retries it for a while; the restart checks the record against LiveKit before it takes webhooks).
  await bob.page.getByTestId('leave-button').click();
  await expect(remoteTile(ada.page, 'Bob')).toHaveCount(0);
  const bobGoneBy = now();
  const second = await start(first.dataDir);

  // The restart compared the record with LiveKit: Bob is out, Ada (still in the call) stays.
  await second.waitForOutput(/"left":1,"joined":0,"ended":0,"msg":"meetings record checked against LiveKit/, 10_000);
  expect(await names(second)).toEqual(['Ada']);
  const { total_count, data } = await get(second, '/v1/meetings?room=restart-meeting');
  expect(total_count).toBe(1);
  const meeting = data[0] as Meeting;
  expect(meeting).toMatchObject({ ongoing: true, max_participants: 2 });
  expect(meeting.participants.map((p) => p.user_name)).toEqual(['Ada', 'Bob']);
  const bobRow = meeting.participants[1]!;
  // Bob's time ends at the best known time (no later than he really left) and stays there while Ada's grows.
  expect(bobRow.join_time + bobRow.duration).toBeLessThanOrEqual(Math.ceil(bobGoneBy) + 1);
  await expect.poll(async () => ((await get(second, '/v1/meetings?room=restart-meeting')).data[0] as Meeting).participants[0]!.duration).toBeGreaterThan(meeting.participants[0]!.duration + 1);
  const later = ((await get(second, '/v1/meetings?room=restart-meeting')).data[0] as Meeting).participants[1]!;
  expect(later.join_time + later.duration).toBeLessThanOrEqual(Math.ceil(bobGoneBy) + 1);

  // Ada leaves with the control plane up: the meeting ends, one meeting, two participants.
  await ada.page.getByTestId('leave-button').click();
  await expect.poll(async () => ((await get(second, '/v1/meetings?room=restart-meeting')).data[0] as Meeting).ongoing).toBe(false);
  const ended = await get(second, '/v1/meetings?room=restart-meeting');
  expect(ended.total_count).toBe(1);
  expect((ended.data[0] as Meeting).participants).toHaveLength(2);
  expect(await get(second, '/v1/presence')).toEqual({});
});
