/** Two people in a public room: real media both ways through the real LiveKit server. */
import { expect, test } from '@playwright/test';
import { createRoom } from './support/api.ts';
import { adaAndBobInCall, connectedToLivekit, expectVideoDecoding, liveCaptureTracks, joinCall, newPerson, peakAudioLevel, remoteTile } from './support/call.ts';

test('two people in a public room see and hear each other', async ({ browser, request }) => {
  const room = await createRoom(request);
  const ada = await newPerson(browser);
  const bob = await newPerson(browser);
  await Promise.all([ada.page.goto(`/${room.name}`), bob.page.goto(`/${room.name}`)]);
  // The prejoin shows a live camera preview and a mic meter before joining.
  await expect.poll(() => ada.page.getByTestId('preview-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await expect.poll(async () => Number(await ada.page.getByTestId('mic-level').getAttribute('data-level'))).toBeGreaterThan(0);

  await joinCall(ada.page, 'Ada');
  await joinCall(bob.page, 'Bob');

  await expectVideoDecoding(ada.page, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');
  await expect.poll(() => peakAudioLevel(ada.page, 'Bob'), { timeout: 20_000 }).toBeGreaterThan(0.01);
  await expect.poll(() => peakAudioLevel(bob.page, 'Ada'), { timeout: 20_000 }).toBeGreaterThan(0.01);
  expect(connectedToLivekit(ada)).toBe(true);
  await Promise.all([ada.close(), bob.close()]);
});

test('muting the mic and turning the camera off are seen by the other person', async ({ browser, request }) => {
  const { ada, bob } = await adaAndBobInCall(browser, request);
  const adaOnBob = remoteTile(bob.page, 'Ada');
  await expectVideoDecoding(bob.page, 'Ada');
  await expect(adaOnBob).toHaveAttribute('data-mic', 'on');

  await ada.page.getByTestId('mic-toggle').click();
  await expect(adaOnBob).toHaveAttribute('data-mic', 'off');
  await expect(adaOnBob.getByLabel('Microphone off')).toBeVisible();
  await ada.page.getByTestId('mic-toggle').click();
  await expect(adaOnBob).toHaveAttribute('data-mic', 'on');

  await ada.page.getByTestId('camera-toggle').click();
  await expect(adaOnBob).toHaveAttribute('data-camera', 'off');
  await expect(adaOnBob.locator('video')).toHaveCount(0);
  await expect(adaOnBob.locator('.avatar')).toHaveText('A');
  // Camera off means the device is released (its light goes off), not just a black picture.
  await expect.poll(() => liveCaptureTracks(ada.page)).toEqual(['audio']);
  await ada.page.getByTestId('camera-toggle').click();
  await expect(adaOnBob).toHaveAttribute('data-camera', 'on');
  await expectVideoDecoding(bob.page, 'Ada');
  await Promise.all([ada.close(), bob.close()]);
});

test('leaving ends the media and shows the left screen, with Rejoin', async ({ browser, request }) => {
  const { ada, bob } = await adaAndBobInCall(browser, request);
  await expectVideoDecoding(ada.page, 'Bob');

  await ada.page.getByTestId('leave-button').click();
  await expect(ada.page.getByTestId('end-screen')).toContainText('You left the call');
  // Ada's camera and mic are stopped, and Bob no longer has her tile.
  await expect(remoteTile(bob.page, 'Ada')).toHaveCount(0);
  await expect(ada.page.locator('video')).toHaveCount(0);
  // Her camera and microphone were opened, and are all stopped now (the camera light goes off).
  expect(await ada.page.evaluate(() => (window as unknown as { __captureTracks: unknown[] }).__captureTracks.length)).toBeGreaterThan(0);
  await expect.poll(() => liveCaptureTracks(ada.page)).toEqual([]);

  await ada.page.getByRole('button', { name: 'Rejoin' }).click();
  await joinCall(ada.page);
  await expectVideoDecoding(bob.page, 'Ada');
  await Promise.all([ada.close(), bob.close()]);
});

test('with the prejoin turned off, a visitor whose name is known goes straight into the call', async ({ browser, request }) => {
  const room = await createRoom(request, { properties: { enable_prejoin_ui: false } });
  const ada = await newPerson(browser);
  const bob = await newPerson(browser);
  await ada.page.goto(`/${room.name}?name=Ada`);
  await expect(ada.page.getByTestId('call')).toBeVisible();
  await bob.page.goto(`/${room.name}?name=Bob`);
  await expect(bob.page.getByTestId('call')).toBeVisible();
  await expectVideoDecoding(ada.page, 'Bob');
  await Promise.all([ada.close(), bob.close()]);
});
