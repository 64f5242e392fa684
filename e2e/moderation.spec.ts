/**
 * Moderation from outside the call, with the API key (Daily's `rooms/:name/eject` and
 * `update-permissions`), through the server and a real LiveKit, with real media: an operator removes
 * someone with a ban and the same link no longer lets them in; takes someone's right to send away
 * (the other side stops receiving their video, they are told why) and gives it back.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_API_KEY } from '../playwright.config.ts';
import { createRoom, createToken } from './support/api.ts';
import { adaAndBobInCall, expectVideoDecoding, joinCall, newPerson, remoteTile } from './support/call.ts';

const auth = { Authorization: `Bearer ${E2E_API_KEY}` };

async function operator(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(path, { headers: auth, data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json() as Promise<Record<string, unknown>>;
}

test('eject by user_id with ban: they see the removal screen, and the same link is refused for the rest of the meeting', async ({ browser, request }) => {
  const room = await createRoom(request);
  const link = `/${room.name}?t=${await createToken(request, { room_name: room.name, user_id: 'member-rex', user_name: 'Rex' })}`;
  const ada = await newPerson(browser);
  const rex = await newPerson(browser);
  await ada.page.goto(`/${room.name}`);
  await joinCall(ada.page, 'Ada');
  await rex.page.goto(link);
  await joinCall(rex.page);
  await expect(remoteTile(ada.page, 'Rex')).toBeVisible();
  const rexId = await remoteTile(ada.page, 'Rex').getAttribute('data-identity');

  expect(await operator(request, `/v1/rooms/${room.name}/eject`, { user_ids: ['member-rex'], ban: true })).toEqual({ ejectedIds: [rexId] });

  await expect(rex.page.getByTestId('end-screen')).toBeVisible();
  await expect(rex.page.locator('[data-end-reason]')).toHaveAttribute('data-end-reason', 'removed');
  await expect(rex.page.getByTestId('end-screen')).toContainText('You were removed from the call');
  await expect(remoteTile(ada.page, 'Rex')).toHaveCount(0);

  // The same link (their meeting token) no longer lets them in while this meeting goes on.
  await rex.page.goto(link);
  await expect(rex.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'ejected');
  await expect(rex.page.getByTestId('join-button')).toHaveCount(0);
  await Promise.all([ada.close(), rex.close()]);
});

test('update-permissions canSend: false stops their video for the other and says why; canSend: true lets them publish again', async ({ browser, request }) => {
  const { room, ada, bob } = await adaAndBobInCall(browser, request);
  await expectVideoDecoding(ada.page, 'Bob');
  const bobId = (await remoteTile(ada.page, 'Bob').getAttribute('data-identity'))!;
  const permissions = (data: unknown) => operator(request, `/v1/rooms/${room.name}/update-permissions`, { data });

  expect(await permissions({ [bobId]: { canSend: false } })).toEqual({});
  await expect(remoteTile(ada.page, 'Bob')).toHaveAttribute('data-camera', 'off');
  await expect(remoteTile(ada.page, 'Bob').locator('video')).toHaveCount(0);
  await expect(remoteTile(ada.page, 'Bob')).toHaveAttribute('data-mic', 'off');
  // Bob is told plainly, not with the owner-only-broadcast text; Ada, not named, still sends.
  const notice = bob.page.getByTestId('broadcast-notice');
  await expect(notice).toHaveAttribute('data-reason', 'host');
  await expect(notice).toContainText('The host turned off your camera and microphone');
  await expect(bob.page.getByTestId('camera-toggle')).toBeDisabled();
  await expectVideoDecoding(bob.page, 'Ada');

  expect(await permissions({ [bobId]: { canSend: true } })).toEqual({});
  await expect(notice).toHaveAttribute('data-change', 'restored');
  const camera = bob.page.getByTestId('camera-toggle');
  await expect(camera).toBeEnabled();
  if ((await camera.getAttribute('aria-pressed')) !== 'true') await camera.click();
  await expect(remoteTile(ada.page, 'Bob')).toHaveAttribute('data-camera', 'on');
  await expectVideoDecoding(ada.page, 'Bob');
  await Promise.all([ada.close(), bob.close()]);
});
