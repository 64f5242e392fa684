/**
 * Restarts and faults with real parts: the control plane is killed with SIGKILL mid-call, with a guest
 * knocking. The call's media goes on (LiveKit), the restarted control plane adopts the LiveKit it left
 * behind, the owner's lobby channel reconnects by itself with the same waiting list, and the guest who
 * was waiting is still waiting, then let in. This spec runs its own Foyer (not the suite's shared one),
 * on its own ports, so it can kill it. Also: LiveKit itself dying mid-call, and the call coming back.
 */
import { expect, test, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTEGRATION_API_KEY, removeDataDir, startServerProcess, type ServerProcess } from '../app/server/testing/server-process.ts';
import { LIFTED_CLIENT_LIMITS } from './support/lifted-limits.ts';
import { expectVideoDecoding, joinCall, newPerson, watchFor, type Person } from './support/call.ts';

const ports = { port: 3300, livekitPort: 8300, udpStart: 51700 };
const env = LIFTED_CLIENT_LIMITS;
const auth = { authorization: `Bearer ${INTEGRATION_API_KEY}`, 'content-type': 'application/json' };

let servers: ServerProcess[] = [];
const people: Person[] = [];

test.afterEach(async ({}, testInfo) => {
  // What the control planes printed, for a failure's report.
  if (testInfo.status !== testInfo.expectedStatus) for (const server of servers) console.log(server.output());
  await Promise.all(people.splice(0).map((p) => p.close()));
  for (const server of servers) await server.stop();
  if (servers[0]) removeDataDir(servers[0].dataDir);
  servers = [];
});

async function start(dataDir?: string) {
  const server = await startServerProcess({ ports, env, ...(dataDir ? { dataDir } : {}) });
  servers.push(server);
  return server;
}

async function api(server: ServerProcess, path: string, body: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

async function person(browser: Browser) {
  const p = await newPerson(browser);
  people.push(p);
  return p;
}

test('SIGKILL of the control plane mid-call: media goes on, the waiting guest keeps their place and is let in after the restart', async ({ browser }) => {
  // Three people decoding video, a kill and a restart, on two cores: more than the suite's 90 s default.
  test.setTimeout(180_000);
  const first = await start();
  const base = first.baseUrl;
  await api(first, '/v1/rooms', { name: 'restart', privacy: 'private', properties: { enable_knocking: true } });
  const ownerToken = (await api(first, '/v1/meeting-tokens', { properties: { room_name: 'restart', is_owner: true, user_name: 'Olivia' } })).token;
  const memberToken = (await api(first, '/v1/meeting-tokens', { properties: { room_name: 'restart', user_name: 'Mo' } })).token;

  const owner = await person(browser);
  await owner.page.goto(`${base}/restart?t=${ownerToken}`);
  await joinCall(owner.page);
  const member = await person(browser);
  await member.page.goto(`${base}/restart?t=${memberToken}`);
  await joinCall(member.page);
  await expectVideoDecoding(owner.page, 'Mo');

  const guest = await person(browser);
  await guest.page.goto(`${base}/restart`);
  await guest.page.getByTestId('name-input').fill('Gus');
  await guest.page.getByTestId('join-button').click();
  await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');
  const toast = owner.page.getByTestId('knock-toast');
  await expect(toast).toContainText('Gus wants to join');

  await first.kill();
  // LiveKit carries the call on its own: the owner keeps decoding the member's video.
  await expectVideoDecoding(owner.page, 'Mo');

  const second = await start(first.dataDir);
  expect(second.output()).toMatch(/adopt/i);
  // The owner's lobby channel reconnects by itself and the same guest is still waiting.
  await expect(toast).toContainText('Gus wants to join');
  await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');

  await toast.getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await expectVideoDecoding(guest.page, 'Olivia');
  await expectVideoDecoding(owner.page, 'Gus');
});

test('LiveKit dies mid-call: everyone sees Reconnecting, Foyer starts LiveKit again and the call comes back by itself, without a reload', async ({ browser }) => {
  // LiveKit restarting and two pages rejoining with video, on two cores.
  test.setTimeout(180_000);
  const first = await start();
  const base = first.baseUrl;
  await api(first, '/v1/rooms', { name: 'sfu-down' });
  const ada = await person(browser);
  await ada.page.goto(`${base}/sfu-down`);
  await joinCall(ada.page, 'Ada');
  const bo = await person(browser);
  await bo.page.goto(`${base}/sfu-down`);
  await joinCall(bo.page, 'Bo');
  await expectVideoDecoding(ada.page, 'Bo');
  const identities = await Promise.all([ada, bo].map((p) => p.page.locator('[data-testid="tile"][data-local="true"]').getAttribute('data-identity')));
  // A mark in each page: still there at the end means no reload happened.
  for (const p of [ada, bo]) await p.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // The way back can be quick: note the banner each time it appears rather than hope to catch it.
  const sawReconnecting = await Promise.all([ada, bo].map((p) => watchFor(p.page, 'reconnecting')));
  const pid = Number(readFileSync(join(first.dataDir, 'livekit.pid'), 'utf8'));
  process.kill(pid, 'SIGKILL');
  for (const saw of sawReconnecting) await expect.poll(saw).toBe(true);

  // Foyer's watchdog starts LiveKit again with the same keys; each page rejoins through the server by itself.
  await first.waitForOutput(/LiveKit is back/);
  for (const p of [ada, bo]) await expect(p.page.getByTestId('reconnecting')).toHaveCount(0, { timeout: 60_000 });
  await expectVideoDecoding(ada.page, 'Bo');
  await expectVideoDecoding(bo.page, 'Ada');
  for (const [i, p] of [ada, bo].entries()) {
    expect(await p.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(p.page.getByTestId('end-screen')).toHaveCount(0);
    // Back as the same participant, so the others see the same person, not a newcomer.
    await expect(p.page.locator('[data-testid="tile"][data-local="true"]')).toHaveAttribute('data-identity', identities[i]!);
  }
});
