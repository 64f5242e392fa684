/**
 * Two control planes on one PostgreSQL and one Redis: a guest and an owner on different instances see
 * exactly what they would on one; the knock budget is one budget; a restarted instance loses no place.
 */
import WebSocket from 'ws';
import { createToken } from '../support/api.ts';
import { expectVideoDecoding, joinCall, newPerson, type Person } from '../support/call.ts';
import { guestKnocks, knockingRoom } from '../support/knock.ts';
import { expect, test } from './fixtures.ts';
import { controlPlane } from './ports.ts';

const toast = (p: Person) => p.page.getByTestId('knock-toast');

/** An owner in the call through control plane `i`. */
async function ownerOn(i: number, browser: Parameters<typeof newPerson>[0], request: Parameters<typeof createToken>[0], room: string): Promise<Person> {
  const token = await createToken(request, { room_name: room, is_owner: true, user_name: 'Olivia' });
  const owner = await newPerson(browser);
  await owner.page.goto(`${controlPlane(i)}/${room}?t=${token}`);
  await joinCall(owner.page);
  return owner;
}

/** One knock on the lobby channel of control plane `i`, from `localAddress`; resolves with the first answer. */
function knock(i: number, room: string, name: string, localAddress: string): Promise<{ type: string; error?: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${controlPlane(i).replace('http', 'ws')}/api/rooms/${room}/lobby`, { localAddress });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'request-access', name })));
    ws.on('message', (data) => {
      resolve(JSON.parse(String(data)) as { type: string; error?: string });
      ws.close();
    });
    ws.on('error', reject);
  });
}

test('a guest knocks through one instance, the owner on the other allows, and both decode each other', async ({ cluster, browser, request }) => {
  expect(cluster.controlPlanes).toHaveLength(2);
  const room = await knockingRoom(request);
  const owner = await ownerOn(1, browser, request, room.name);
  // guestKnocks opens the room on the suite's base URL: control plane a.
  const guest = await guestKnocks(browser, room.name, 'Gus');
  await expect(toast(owner)).toContainText('Gus wants to join');
  await toast(owner).getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toHaveAttribute('data-connection', 'connected');
  await expectVideoDecoding(guest.page, 'Olivia');
  await expectVideoDecoding(owner.page, 'Gus');
  await Promise.all([owner.close(), guest.close()]);
});

test('the knock budget is shared: ten knocks through one instance, the eleventh through the other is refused', async ({ cluster, request }) => {
  expect(cluster.controlPlanes).toHaveLength(2);
  const room = await knockingRoom(request);
  // Its own loopback address, so the browser specs' knocks from 127.0.0.1 do not count against it.
  const from = '127.0.0.2';
  for (let n = 1; n <= 10; n++) expect((await knock(0, room.name, `Knocker ${n}`, from)).type).toBe('waiting');
  const eleventh = await knock(1, room.name, 'Knocker 11', from);
  expect(eleventh).toMatchObject({ type: 'error', error: 'rate-limit-error' });
});

test('a restart of the guest\'s instance keeps their place: the owner on the other instance still lets them in', async ({ cluster, browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerOn(1, browser, request, room.name);
  const guest = await guestKnocks(browser, room.name, 'Rita');
  await expect(toast(owner)).toContainText('Rita wants to join');

  await cluster.controlPlanes[0]!.kill();
  await cluster.controlPlanes[0]!.restart();
  // The guest's page reconnects to the restarted instance with its resume key and keeps waiting.
  await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');
  await expect(toast(owner)).toContainText('Rita wants to join');
  await toast(owner).getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toHaveAttribute('data-connection', 'connected');
  await expectVideoDecoding(guest.page, 'Olivia');
  await Promise.all([owner.close(), guest.close()]);
});
