/**
 * An owner writes to a waiting guest before deciding, the guest answers, over the lobby channel only:
 * the guest sees "The host says: …" and nothing of the call, then gets in when allowed.
 */
import { expect, test } from '@playwright/test';
import { connectedToLivekit, expectVideoDecoding } from './support/call.ts';
import { guestKnocks, knockingRoom, ownerInCall } from './support/knock.ts';

test('owner writes to a waiting guest, the guest answers, the owner sees it and lets them in', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const guest = await guestKnocks(browser, room.name, 'Gus');
  // Nothing to answer until the host writes.
  await expect(guest.page.getByTestId('host-reply-input')).toHaveCount(0);

  // The owner writes from the waiting list in the participants panel.
  const toast = owner.page.getByTestId('knock-toast');
  await expect(toast).toContainText('Gus wants to join');
  await owner.page.getByTestId('participants-toggle').click();
  const waitingGus = owner.page.getByTestId('owner-waiting-list').locator('[data-testid="owner-waiting-participant"][data-name="Gus"]');
  await waitingGus.getByTestId('waiting-message-toggle').click();
  await waitingGus.getByTestId('waiting-message-input').fill('One moment, finishing a call');
  await waitingGus.getByTestId('waiting-message-send').click();
  await expect(waitingGus.locator('[data-testid="lobby-message"][data-from="host"]')).toHaveText('You: One moment, finishing a call');

  // The guest sees it as from "the host": no owner name, no call.
  const fromHost = guest.page.getByTestId('host-messages');
  await expect(fromHost.locator('[data-testid="lobby-message"][data-from="host"]')).toHaveText('The host says: One moment, finishing a call');
  await expect(guest.page.getByTestId('waiting')).not.toContainText('Olivia');
  expect(connectedToLivekit(guest)).toBe(false);

  await guest.page.getByTestId('host-reply-input').fill("Sure, I'll wait");
  await guest.page.getByTestId('host-reply-send').click();
  await expect(fromHost.locator('[data-testid="lobby-message"][data-from="guest"]')).toHaveText("You: Sure, I'll wait");
  await expect(guest.page.getByTestId('host-reply-input')).toHaveValue('');

  // The owner sees the answer next to Gus in the list and on the knock toast, then lets him in.
  await expect(waitingGus.locator('[data-testid="lobby-message"][data-from="guest"]')).toHaveText("Gus: Sure, I'll wait");
  await expect(toast.locator('[data-testid="lobby-message"][data-from="guest"]')).toHaveText("Gus: Sure, I'll wait");
  await waitingGus.getByRole('button', { name: 'Allow Gus' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await expect(waitingGus).toHaveCount(0);
  await expect(toast).toHaveCount(0);
  await expectVideoDecoding(guest.page, 'Olivia');
  await expectVideoDecoding(owner.page, 'Gus');
  await Promise.all([owner.close(), guest.close()]);
});
