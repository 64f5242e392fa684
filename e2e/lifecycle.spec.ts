/**
 * Rooms that end on time, with the real control plane, LiveKit and Chromium (one page per test): a
 * participant of a room whose `exp` is a few seconds ahead, with `eject_at_room_exp`, sees the
 * countdown, is removed by the server at `exp` and sees "This call has ended"; one whose meeting token
 * has `eject_after_elapsed` sees "You will leave the call in …" and a screen that does not blame a host.
 */
import { expect, test } from '@playwright/test';
import { createRoom, createToken } from './support/api.ts';
import { joinCall, newPerson } from './support/call.ts';

/** Enough for the page to load and join on two busy cores, short enough for a test. */
const AHEAD_SECONDS = 30;

test('a room reaching its exp with eject_at_room_exp: countdown, then removed at exp, "This call has ended"', async ({ browser, request }) => {
  test.setTimeout(90_000);
  const exp = Math.floor(Date.now() / 1000) + AHEAD_SECONDS;
  const room = await createRoom(request, { properties: { exp, eject_at_room_exp: true } });
  const ada = await newPerson(browser);
  await ada.page.goto(`/${room.name}`);
  const joined = ada.page.waitForResponse('**/join');
  await joinCall(ada.page, 'Ada');
  expect(await (await joined).json()).toMatchObject({ willEjectAt: exp, ejectReason: 'room-expired' });

  // Under five minutes left: the banner counts down, as a polite status, its spoken text not ticking.
  const banner = ada.page.getByTestId('removal-countdown');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'status');
  await expect(ada.page.getByTestId('removal-countdown-text')).toHaveText(/^The meeting will end in 0:[0-3]\d$/);
  await expect(ada.page.getByTestId('removal-countdown-text')).toHaveAttribute('aria-hidden', 'true');
  const first = await ada.page.getByTestId('removal-countdown-text').textContent();
  await expect(ada.page.getByTestId('removal-countdown-text')).not.toHaveText(first!);

  // Removed by the server at exp (not before), onto the room's end screen.
  await expect(ada.page.getByTestId('end-screen')).toBeVisible({ timeout: (AHEAD_SECONDS + 15) * 1000 });
  expect(Date.now() / 1000).toBeGreaterThanOrEqual(exp - 1);
  await expect(ada.page.locator('[data-end-reason]')).toHaveAttribute('data-end-reason', 'room-expired');
  await expect(ada.page.getByRole('heading')).toHaveText('This call has ended');
  // And the door is shut: the room cannot be joined again.
  await ada.page.goto(`/${room.name}`);
  await expect(ada.page.getByText('This call is no longer available')).toBeVisible();
  await ada.close();
});

test("a meeting token's eject_after_elapsed: 'You will leave the call in', then a time-up screen, not a host's removal", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const room = await createRoom(request);
  const token = await createToken(request, { room_name: room.name, eject_after_elapsed: 12 });
  const bo = await newPerson(browser);
  await bo.page.goto(`/${room.name}?t=${token}`);
  await joinCall(bo.page, 'Bo');
  await expect(bo.page.getByTestId('removal-countdown-text')).toHaveText(/^You will leave the call in 0:\d\d$/);
  await expect(bo.page.getByTestId('end-screen')).toBeVisible({ timeout: 30_000 });
  await expect(bo.page.locator('[data-end-reason]')).toHaveAttribute('data-end-reason', 'time-up');
  await expect(bo.page.getByTestId('end-screen')).toContainText('Your time in this call is up.');
  await expect(bo.page.getByTestId('end-screen')).not.toContainText('A host removed you');
  await bo.close();
});
