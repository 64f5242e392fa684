/** When the camera and mic cannot be used, the prejoin says so and the call still works without them. */
import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromiumArgs, chromiumPath } from '../playwright.config.ts';
import { createRoom } from './support/api.ts';
import { expectVideoDecoding, joinCall, newPerson, remoteTile } from './support/call.ts';

test('camera and mic blocked by the browser: the prejoin says so, and joining without them works', async ({ browser, playwright, request, baseURL }) => {
  const room = await createRoom(request);
  // Without the fake-UI flag, Chromium's permission prompt is answered "block".
  const strict = await playwright.chromium.launch({ executablePath: chromiumPath, args: chromiumArgs.filter((a) => a !== '--use-fake-ui-for-media-stream') });
  const blockedPage = await (await strict.newContext({ baseURL })).newPage();
  await blockedPage.goto(`/${room.name}`);
  await expect(blockedPage.getByTestId('camera-problem')).toContainText('blocked the camera');
  await expect(blockedPage.getByTestId('mic-problem')).toContainText('blocked the microphone');
  await expect(blockedPage.getByTestId('preview-off')).toBeVisible();

  const ada = await newPerson(browser);
  await ada.page.goto(`/${room.name}`);
  await joinCall(ada.page, 'Ada');
  await joinCall(blockedPage, 'Nodevice');

  // The person without devices is in the call: seen as an avatar with the mic off, and receiving Ada's video.
  const tile = remoteTile(ada.page, 'Nodevice');
  await expect(tile).toHaveAttribute('data-camera', 'off');
  await expect(tile).toHaveAttribute('data-mic', 'off');
  await expectVideoDecoding(blockedPage, 'Ada');
  await Promise.all([ada.close(), strict.close()]);
});

test('embedded without camera and mic permission: the prejoin says the page does not allow them', async ({ browser, request, baseURL }) => {
  const room = await createRoom(request);
  // A host page on another origin (its own port on 127.0.0.1) framing Foyer without `allow="camera; microphone"`.
  const embedder = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<iframe src="${baseURL}/${room.name}" style="width:900px;height:600px"></iframe>`);
  });
  await new Promise<void>((resolve) => embedder.listen(0, '127.0.0.1', resolve));
  const host = await newPerson(browser);
  await host.page.goto(`http://127.0.0.1:${(embedder.address() as AddressInfo).port}/`);
  const frame = host.page.frameLocator('iframe');
  await expect(frame.getByTestId('camera-problem')).toContainText('does not let the call use your camera');
  await expect(frame.getByTestId('mic-problem')).toContainText('does not let the call use your microphone');
  await expect(frame.getByTestId('join-button')).toBeEnabled();
  await host.close();
  embedder.close();
});
