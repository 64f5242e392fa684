/**
 * Team members with passkeys, in real Chromium with a virtual authenticator (CDP): the invite link's
 * sign-up, sign-out and sign-in on the home page, a removed member signed out at once, and what the
 * screens say when something is refused. Foyer is opened at localhost: passkeys refuse an IP address.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PUBLIC_URL } from '../playwright.config.ts';
import { expectNoSeriousViolations } from './support/axe.ts';
import { inviteLink, personWithPasskeys, removeMember, signUpWithPasskey, uniqueEmail } from './support/team.ts';


test('invite link → sign up with a passkey → sign out → sign in with the passkey', async ({ browser, request }) => {
  const ada = await personWithPasskeys(browser);
  const link = await inviteLink(request);
  expect(link).toMatch(new RegExp(`^${E2E_PUBLIC_URL}/\\?tk=`));
  await ada.page.goto(link);
  await expect(ada.page.getByRole('heading', { name: 'Join localhost' })).toBeVisible();
  // The invite code left the address bar before anything rendered.
  expect(ada.page.url()).toBe(`${E2E_PUBLIC_URL}/`);
  await expectNoSeriousViolations(ada.page, 'sign-up');

  // The form says what to fix before any passkey dialog.
  await ada.page.getByTestId('signup-button').click();
  await expect(ada.page.getByText('Enter your name.')).toBeVisible();
  await expect(ada.page.getByTestId('signup-name')).toBeFocused();

  const email = uniqueEmail('ada');
  await ada.page.getByTestId('signup-name').fill('Ada');
  await ada.page.getByTestId('signup-email').fill(email);
  await ada.page.getByTestId('signup-button').click();
  await expect(ada.page.getByTestId('signed-in-as')).toHaveText('You’re signed in as Ada');
  await expect(ada.page.getByTestId('signed-in-as')).toBeFocused();
  expect(await ada.me()).toMatchObject({ email, name: 'Ada' });
  // One discoverable passkey for localhost, in the authenticator.
  const { credentials } = await ada.cdp.send('WebAuthn.getCredentials', { authenticatorId: ada.authenticatorId });
  expect(credentials.map((c) => [c.rpId, c.isResidentCredential])).toEqual([['localhost', true]]);
  await expectNoSeriousViolations(ada.page, 'home, signed in');

  // The session is a cookie: a reload (the invite is forgotten too) is still signed in, on the home page.
  await ada.page.reload();
  await expect(ada.page.getByTestId('signed-in-as')).toHaveText('You’re signed in as Ada');
  await expect(ada.page.getByTestId('signup')).toHaveCount(0);

  await ada.page.getByTestId('signout-button').click();
  await expect(ada.page.getByTestId('signin-button')).toBeFocused();
  await expect(ada.page.getByRole('status')).toHaveText('You signed out.');
  expect(await ada.me()).toBeNull();
  await expectNoSeriousViolations(ada.page, 'home, signed out');

  // The person cancels (here: the authenticator cannot verify them, which Chromium reports like a cancel).
  await ada.cdp.send('WebAuthn.setUserVerified', { authenticatorId: ada.authenticatorId, isUserVerified: false });
  await ada.page.getByTestId('signin-button').click();
  await expect(ada.page.getByTestId('team-problem')).toHaveAttribute('data-problem', 'team.problem.cancelled');
  expect(await ada.me()).toBeNull();

  await ada.cdp.send('WebAuthn.setUserVerified', { authenticatorId: ada.authenticatorId, isUserVerified: true });
  await ada.page.getByTestId('signin-button').click();
  await expect(ada.page.getByTestId('signed-in-as')).toHaveText('You’re signed in as Ada');
  await expect(ada.page.getByTestId('team-problem')).toHaveCount(0);
  expect(await ada.me()).toMatchObject({ email, name: 'Ada' });
  await ada.close();
});

test("a removed member's session stops working at once, and their passkey no longer signs them in", async ({ browser, request }) => {
  const bob = await personWithPasskeys(browser);
  const email = uniqueEmail('bob');
  await signUpWithPasskey(bob.page, await inviteLink(request), 'Bob', email);
  expect(await bob.me()).toMatchObject({ email });

  await removeMember(request, email);
  expect(await bob.me()).toBeNull();
  await bob.page.reload();
  await expect(bob.page.getByTestId('signin-button')).toBeVisible();
  await expect(bob.page.getByTestId('signed-in-as')).toHaveCount(0);

  await bob.page.getByTestId('signin-button').click();
  await expect(bob.page.getByTestId('team-problem')).toHaveAttribute('data-problem', 'team.problem.unknownPasskey');
  expect(await bob.me()).toBeNull();
  await bob.close();
});

test('an email that is already a member is told so; an invite code that is not the current one says the link no longer works', async ({ browser, request }) => {
  const cleo = await personWithPasskeys(browser);
  const email = uniqueEmail('cleo');
  await signUpWithPasskey(cleo.page, await inviteLink(request), 'Cleo', email);

  const again = await personWithPasskeys(browser);
  await again.page.goto(await inviteLink(request));
  await again.page.getByTestId('signup-name').fill('Cleo again');
  await again.page.getByTestId('signup-email').fill(email.toUpperCase());
  await again.page.getByTestId('signup-button').click();
  await expect(again.page.getByTestId('team-problem')).toHaveAttribute('data-problem', 'team.problem.emailTaken');
  expect(await again.me()).toBeNull();

  // A code that is not the team's (mistyped, or rotated: the server answers both alike). Not a real rotation
  // here: it would break the invite links other tests, in the other worker, are about to use.
  await again.page.goto(`${E2E_PUBLIC_URL}/?tk=${'A'.repeat(43)}`);
  await expect(again.page.getByTestId('invite-invalid')).toContainText('This invite link is no longer valid');
  expect(again.page.url()).toBe(`${E2E_PUBLIC_URL}/`);
  await Promise.all([cleo.close(), again.close()]);
});

test('a browser without passkeys, and Foyer opened at another address than its public URL, are told so', async ({ browser, request, baseURL }) => {
  const noPasskeys = await personWithPasskeys(browser);
  await noPasskeys.page.addInitScript(() => {
    delete (window as { PublicKeyCredential?: unknown }).PublicKeyCredential;
  });
  await noPasskeys.page.goto(await inviteLink(request));
  await noPasskeys.page.getByTestId('signup-name').fill('Dan');
  await noPasskeys.page.getByTestId('signup-email').fill(uniqueEmail('dan'));
  await noPasskeys.page.getByTestId('signup-button').click();
  await expect(noPasskeys.page.getByTestId('team-problem')).toHaveAttribute('data-problem', 'team.problem.unsupported');

  // The suite's other address for the same server: its pages are not Foyer's origin (nor a valid RP ID).
  const elsewhere = await personWithPasskeys(browser);
  await elsewhere.page.goto(`${baseURL}/`);
  await elsewhere.page.getByTestId('signin-button').click();
  await expect(elsewhere.page.getByTestId('team-problem')).toHaveAttribute('data-problem', 'team.problem.wrongAddress');
  await Promise.all([noPasskeys.close(), elsewhere.close()]);
});

test("inside another site's iframe the home page says to sign in in a new tab, with a link that opens one", async ({ browser }) => {
  const host = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><html lang="en"><title>Host</title><iframe title="Foyer" src="${E2E_PUBLIC_URL}/" style="width:900px;height:600px"></iframe></html>`);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const person = await personWithPasskeys(browser);
  await person.page.goto(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
  const frame = person.page.frameLocator('iframe');
  await expect(frame.getByTestId('team-panel')).toContainText('open Foyer in its own tab');
  await expect(frame.getByTestId('signin-button')).toHaveCount(0);
  const [tab] = await Promise.all([person.page.context().waitForEvent('page'), frame.getByTestId('team-new-tab').click()]);
  await expect(tab.getByTestId('signin-button')).toBeVisible();
  expect(tab.url()).toBe(`${E2E_PUBLIC_URL}/`);
  await person.close();
  host.close();
});
