/**
 * Team (`org`) rooms, in real Chromium with a virtual authenticator and the real LiveKit: a signed-in
 * member opens one with no token and is its owner in the call, lets a knocking guest in, and both see
 * each other's video; the same member knocks at a private room like anyone; inside another site's frame
 * the session cookie does not reach Foyer, so the prejoin says how a member gets in (tokens still work).
 */
import { expect, test } from '@playwright/test';
import { E2E_PUBLIC_URL } from '../playwright.config.ts';
import { createRoom, createToken } from './support/api.ts';
import { expectVideoDecoding, joinCall } from './support/call.ts';
import { startOrigin } from './support/host-page.ts';
import { guestKnocks } from './support/knock.ts';
import { inviteLink, personWithPasskeys, signUpWithPasskey, uniqueEmail, type PasskeyPerson } from './support/team.ts';
import type { Page } from '@playwright/test';

/** The device's passkeys in a new tab too: a virtual authenticator belongs to one page, a real one to the device. */
async function shareAuthenticator(person: PasskeyPerson, tab: Page): Promise<void> {
  const { credentials } = await person.cdp.send('WebAuthn.getCredentials', { authenticatorId: person.authenticatorId });
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  for (const credential of credentials) await cdp.send('WebAuthn.addCredential', { authenticatorId, credential });
}

test('a member opens an org room without a token: owner in the call, allows a knocking guest, both see video', async ({ browser, request }) => {
  const { name: room } = await createRoom(request, { privacy: 'org', properties: { enable_knocking: true } });
  const ada = await personWithPasskeys(browser);
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada Lovelace', uniqueEmail('ada'));

  await ada.page.goto(`/${room}`);
  await expect(ada.page.getByTestId('owner-badge')).toBeVisible();
  await expect(ada.page.getByTestId('team-member-note')).toContainText('you join as a host');
  await expect(ada.page.getByTestId('join-button')).toHaveText('Join');
  await expect(ada.page.getByTestId('name-input')).toHaveValue('Ada Lovelace');
  await joinCall(ada.page);

  // Without the member's cookie the same room is a private one: the guest knocks, and the member answers.
  const guest = await guestKnocks(browser, room, 'Gus');
  const toast = ada.page.getByTestId('knock-toast');
  await expect(toast).toContainText('Gus wants to join');
  await toast.getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toHaveAttribute('data-connection', 'connected');
  await expectVideoDecoding(guest.page, 'Ada Lovelace');
  await expectVideoDecoding(ada.page, 'Gus');

  await guest.close();
  await ada.close();
});

test('the same member opening a private room without a token knocks like anyone', async ({ browser, request }) => {
  const { name: room } = await createRoom(request, { privacy: 'private', properties: { enable_knocking: true } });
  const ada = await personWithPasskeys(browser);
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada Lovelace', uniqueEmail('ada'));

  await ada.page.goto(`/${room}`);
  await expect(ada.page.getByTestId('join-button')).toHaveText('Ask to join');
  await expect(ada.page.getByTestId('owner-badge')).toHaveCount(0);
  await expect(ada.page.getByTestId('team-member-note')).toHaveCount(0);
  await ada.close();
});

test('signed out, an org room offers sign-in; after signing in in another tab the prejoin turns into the owner’s', async ({ browser, request }) => {
  const { name: room } = await createRoom(request, { privacy: 'org' });
  const ada = await personWithPasskeys(browser);
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada Lovelace', uniqueEmail('ada'));
  await ada.page.getByTestId('signout-button').click();
  await expect(ada.page.getByTestId('signin-button')).toBeVisible();

  // No knocking: a refusal, which says how a member gets in.
  await ada.page.goto(`/${room}`);
  await expect(ada.page.getByTestId('access-error')).toHaveAttribute('data-error-detail', 'room-private');
  const [signInTab] = await Promise.all([ada.page.context().waitForEvent('page'), ada.page.getByTestId('team-sign-in-link').click()]);
  await shareAuthenticator(ada, signInTab);
  await signInTab.getByTestId('signin-button').click();
  await expect(signInTab.getByTestId('signed-in-as')).toBeVisible();
  await signInTab.close();

  // Back on the room's tab (shown again): the door is asked again, and the member is its owner now.
  await ada.page.bringToFront();
  await ada.page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await expect(ada.page.getByTestId('owner-badge')).toBeVisible();
  await joinCall(ada.page, 'Ada');
  await ada.close();
});

test('inside another site’s frame the member’s session does not reach Foyer: the prejoin says so, and a meeting token still works', async ({ browser, request }) => {
  const { name: room } = await createRoom(request, { privacy: 'org', properties: { enable_knocking: true } });
  const ada = await personWithPasskeys(browser);
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada Lovelace', uniqueEmail('ada'));
  const site = await startOrigin();
  try {
    const frameIn = async (src: string) => {
      await ada.page.goto(`${site.origin}/blank`);
      await ada.page.evaluate((url) => {
        const iframe = document.createElement('iframe');
        iframe.allow = 'camera; microphone';
        iframe.style.cssText = 'width: 960px; height: 600px';
        iframe.src = url;
        document.body.append(iframe);
      }, src);
      return ada.page.frameLocator('iframe');
    };

    let frame = await frameIn(`${E2E_PUBLIC_URL}/${room}`);
    await expect(frame.getByTestId('join-button')).toHaveText('Ask to join');
    await expect(frame.getByTestId('team-sign-in-hint')).toHaveAttribute('data-framed', 'true');
    await expect(frame.getByTestId('team-sign-in-link')).toHaveAttribute('href', `/${room}`);
    await expect(frame.getByTestId('owner-badge')).toHaveCount(0);

    const token = await createToken(request, { room_name: room, is_owner: true });
    frame = await frameIn(`${E2E_PUBLIC_URL}/${room}?t=${token}`);
    await expect(frame.getByTestId('owner-badge')).toBeVisible();
    await expect(frame.getByTestId('join-button')).toHaveText('Join');
  } finally {
    await site.close();
    await ada.close();
  }
});
