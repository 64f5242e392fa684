/**
 * The guest's lobby channel drops while they wait (a network blip here; a control-plane restart in
 * restart.spec.ts): the waiting screen says "Reconnecting…", the page keeps trying with backoff and
 * its resume key, and the guest keeps their place and is let in.
 */
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { createRoom, createToken } from './support/api.ts';
import { connectedToLivekit, joinCall, newPerson } from './support/call.ts';

test('a waiting guest whose channel drops shows Reconnecting…, keeps their place, and is let in', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private', properties: { enable_knocking: true } });
  const owner = await newPerson(browser);
  await owner.page.goto(`/${room.name}?t=${await createToken(request, { room_name: room.name, is_owner: true, user_name: 'Olivia' })}`);
  await joinCall(owner.page);

  const guest = await newPerson(browser);
  // The guest's lobby sockets pass through here, so the test can cut them and refuse new ones.
  let refuse = 0;
  let refused = 0;
  const pageSides: WebSocketRoute[] = [];
  await guest.page.routeWebSocket(/\/lobby$/, (ws) => {
    if (refuse > 0) {
      refuse--;
      refused++;
      ws.close();
      return;
    }
    pageSides.push(ws);
    ws.connectToServer();
  });
  await guest.page.goto(`/${room.name}`);
  await guest.page.getByTestId('name-input').fill('Gus');
  await guest.page.getByTestId('join-button').click();
  await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');
  const toast = owner.page.getByTestId('knock-toast');
  await expect(toast).toContainText('Gus wants to join');

  // Cut the guest's side only (the server still holds the old connection, as after a blip) and refuse
  // three reconnects in a row: more than a fixed three-try retry survives.
  refuse = 3;
  for (const ws of pageSides.splice(0)) await ws.close();
  await expect(guest.page.getByTestId('lobby-reconnecting')).toHaveText(/Reconnecting…/);
  await expect.poll(() => refused, { timeout: 20_000 }).toBe(3);
  await expect(guest.page.getByTestId('lobby-reconnecting')).toHaveCount(0, { timeout: 20_000 });
  await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');
  // Resumed, not knocked again: the owner still sees one person waiting.
  await expect(toast).toHaveAttribute('data-count', '1');
  expect(connectedToLivekit(guest)).toBe(false);

  await toast.getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await Promise.all([owner.close(), guest.close()]);
});
