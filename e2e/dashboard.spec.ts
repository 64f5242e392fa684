/**
 * The team dashboard (`/dashboard`), in real Chromium with a virtual authenticator and the real LiveKit:
 * a member who signed up from the invite link creates a room there, hands out its owner link (minted on
 * click, read from the clipboard), and whoever opens it is the room's owner in the call, with video both
 * ways to a guest who came by the guest link; the dashboard then lists both (the owner marked), changes
 * the room's privacy in place and deletes it. Signed out, the page says where to sign in.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_API_KEY, E2E_PUBLIC_URL } from '../playwright.config.ts';
import { uniqueRoomName } from './support/api.ts';
import { expectVideoDecoding, joinCall, newPerson, remoteTile } from './support/call.ts';
import { expectNoSeriousViolations } from './support/axe.ts';
import { guestKnocks } from './support/knock.ts';
import { inviteLink, personWithPasskeys, signUpWithPasskey, uniqueEmail } from './support/team.ts';

const auth = { Authorization: `Bearer ${E2E_API_KEY}` };


/** Copies one of the room's links with its button; returns it as the clipboard holds it (and the page shows it). */
async function copyLink(page: Page, roomName: string, which: 'owner' | 'guest'): Promise<string> {
  const card = page.locator(`[data-testid="room"][data-room="${roomName}"]`);
  await card.getByTestId(`copy-${which}-link`).click();
  const handed = card.getByTestId('handed-link');
  await expect(handed).toHaveAttribute('data-kind', which);
  await expect(handed.getByRole('status')).toHaveText('Copied to the clipboard.');
  const shown = await handed.getByTestId('handed-link-url').inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  return shown;
}

test('a member creates a room on the dashboard, hands out its owner link, sees who is in the call, changes its privacy and deletes it', async ({ browser, request }) => {
  const ada = await personWithPasskeys(browser);
  await ada.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: E2E_PUBLIC_URL });
  const email = uniqueEmail('ada');
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada', email);

  // From the signed-in home page.
  await ada.page.getByTestId('dashboard-link').click();
  await expect(ada.page).toHaveURL(`${E2E_PUBLIC_URL}/dashboard`);
  await expect(ada.page.getByTestId('team-name')).toHaveText('localhost');
  await expect(ada.page).toHaveTitle('Team dashboard · localhost');
  // (The team's first member is its owner: Ada is one or the other, depending on which test signed up first.)
  await expect(ada.page.getByTestId('members').locator(`[data-testid="member"][data-email="${email}"]`)).toContainText('Ada (you)');

  // A refusal is said in words, with the server's own detail, beside the form (which keeps what was typed).
  await ada.page.getByTestId('create-name').fill('not a name!');
  await ada.page.getByTestId('create-submit').click();
  const refused = ada.page.getByTestId('create-room').getByTestId('dashboard-problem');
  await expect(refused).toHaveAttribute('data-problem', 'dashboard.problem.refused');
  await expect(refused).toContainText('Foyer did not accept this. (The server said: “');
  await expect(ada.page.getByTestId('create-name')).toHaveValue('not a name!');

  // A private room, named here so the test can find it (no knocking: only the links let anyone in).
  const roomName = uniqueRoomName('dash');
  await ada.page.getByTestId('create-name').fill(roomName);
  await ada.page.getByTestId('create-privacy').selectOption('private');
  await ada.page.getByTestId('create-submit').click();
  const card = ada.page.locator(`[data-testid="room"][data-room="${roomName}"]`);
  await expect(card.getByTestId('room-privacy-tag')).toHaveAttribute('data-privacy', 'private');
  await expect(ada.page.getByTestId('dashboard-said')).toHaveText(`Room ${roomName} created.`);
  await expect(card.getByTestId('room-empty')).toHaveText('Nobody is in the call.');
  await expect(ada.page.getByTestId('create-name')).toHaveValue('');
  await expect(refused).toHaveCount(0);
  await expectNoSeriousViolations(ada.page, 'dashboard');

  const ownerLink = await copyLink(ada.page, roomName, 'owner');
  expect(ownerLink).toMatch(new RegExp(`^${E2E_PUBLIC_URL}/${roomName}#t=`));
  await expect(card.getByTestId('owner-link-warning')).toContainText('owner’s key to the room');
  await expect(card.getByTestId('owner-link-warning')).toContainText('expires in 24 hours');
  const guestLink = await copyLink(ada.page, roomName, 'guest');
  expect(guestLink).not.toBe(ownerLink);

  // Someone else, in a browser context of their own, opens the owner link: the room's owner, in the call.
  const olga = await newPerson(browser);
  await olga.page.goto(ownerLink);
  await expect(olga.page.getByTestId('owner-badge')).toBeVisible();
  await joinCall(olga.page, 'Olga');
  // A guest by the guest link: real video both ways, and the guest sees Olga as the owner.
  const gus = await newPerson(browser);
  await gus.page.goto(guestLink);
  await expect(gus.page.getByTestId('owner-badge')).toHaveCount(0);
  await joinCall(gus.page, 'Gus');
  await expectVideoDecoding(gus.page, 'Olga');
  await expectVideoDecoding(olga.page, 'Gus');
  await expect(remoteTile(gus.page, 'Olga')).toHaveAttribute('data-owner', 'true');
  await expect(remoteTile(olga.page, 'Gus')).toHaveAttribute('data-owner', 'false');

  // The dashboard's next refresh lists them, the owner marked.
  const people = card.getByTestId('in-call-person');
  await expect(people).toHaveCount(2);
  await expect(people.filter({ hasText: 'Olga' })).toHaveAttribute('data-owner', 'true');
  await expect(people.filter({ hasText: 'Gus' })).toHaveAttribute('data-owner', 'false');

  // Privacy, in place: the server has it.
  await card.getByTestId('room-privacy').selectOption('public');
  await expect(card.getByTestId('room-privacy-tag')).toHaveAttribute('data-privacy', 'public');
  await expect(card.getByTestId('room-privacy')).toHaveValue('public');
  await expect(ada.page.getByTestId('dashboard-said')).toHaveText(`Room ${roomName} updated.`);
  const after = await request.get(`/v1/rooms/${roomName}`, { headers: auth });
  expect(((await after.json()) as { privacy: string }).privacy).toBe('public');

  // Delete, with its confirm step (Cancel first: nothing happens), ends the call for those in it.
  await card.getByTestId('delete-room').click();
  await expect(card.getByTestId('delete-room-confirm')).toContainText('2 people in the call are disconnected');
  await card.getByTestId('delete-room-no').click();
  await expect(card.getByTestId('delete-room')).toBeFocused();
  await card.getByTestId('delete-room').click();
  await card.getByTestId('delete-room-yes').click();
  await expect(card).toHaveCount(0);
  await expect(ada.page.getByTestId('dashboard-said')).toHaveText(`Room ${roomName} deleted.`);
  expect((await request.get(`/v1/rooms/${roomName}`, { headers: auth })).status()).toBe(404);
  for (const p of [olga, gus]) await expect(p.page.getByTestId('end-screen')).toBeVisible();

  // At a phone's width nothing is cut off sideways.
  await ada.page.setViewportSize({ width: 360, height: 740 });
  expect(await ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await Promise.all([olga.close(), gus.close(), ada.close()]);
});

test('a room with someone knocking stands out on the dashboard, with who is waiting; in French for a French browser', async ({ browser, request }) => {
  const ada = await personWithPasskeys(browser);
  await signUpWithPasskey(ada.page, await inviteLink(request), 'Ada', uniqueEmail('ada'));
  await ada.page.goto('/dashboard');
  const roomName = uniqueRoomName('knock');
  await ada.page.getByTestId('create-name').fill(roomName);
  await ada.page.getByTestId('create-privacy').selectOption('private');
  await ada.page.getByTestId('create-knocking').check();
  await ada.page.getByTestId('create-submit').click();
  const card = ada.page.locator(`[data-testid="room"][data-room="${roomName}"]`);
  await expect(card.getByTestId('room-knocking')).toBeChecked();
  await expect(card).not.toHaveClass(/dash-room--waiting/);

  const gus = await guestKnocks(browser, roomName, 'Gus');
  await expect(card.getByTestId('room-waiting-count')).toHaveText('1 waiting');
  await expect(card).toHaveClass(/dash-room--waiting/);
  await expect(card.getByTestId('waiting-person')).toContainText('Gus');
  // Gone from the lobby, gone from the dashboard.
  await gus.close();
  await expect(card.getByTestId('room-waiting-count')).toHaveCount(0);

  const french = await browser.newContext({ baseURL: E2E_PUBLIC_URL, locale: 'fr-FR' });
  const page = await french.newPage();
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'Connectez-vous pour voir le tableau de bord' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await Promise.all([french.close(), ada.close()]);
});

test('signed out, the dashboard says so and links to the home page to sign in', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_PUBLIC_URL });
  const page = await context.newPage();
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { name: 'Sign in to see the dashboard' })).toBeVisible();
  await page.getByTestId('dashboard-signin-link').click();
  await expect(page).toHaveURL(`${E2E_PUBLIC_URL}/`);
  await expect(page.getByTestId('signin-button')).toBeVisible();
  await context.close();
});
