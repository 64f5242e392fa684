/** Joining with a meeting token in the link. */
import { expect, test } from '@playwright/test';
import { createRoom, createToken } from './support/api.ts';
import { joinCall, newPerson, remoteTile, expectVideoDecoding } from './support/call.ts';

test('the token leaves the address bar, its name shows on the tile, and an owner is marked', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private' });
  const ownerToken = await createToken(request, { room_name: room.name, is_owner: true });
  const guestToken = await createToken(request, { room_name: room.name, user_name: 'Grace' });
  const ada = await newPerson(browser);
  const grace = await newPerson(browser);

  await ada.page.goto(`/${room.name}?t=${ownerToken}&name=Ada`);
  await expect(ada.page.getByTestId('prejoin')).toBeVisible();
  expect(new URL(ada.page.url()).searchParams.has('t')).toBe(false);
  expect(ada.page.url()).not.toContain(ownerToken);
  expect(new URL(ada.page.url()).searchParams.get('name')).toBe('Ada');
  await expect(ada.page.getByTestId('name-input')).toHaveValue('Ada');
  await expect(ada.page.getByTestId('owner-badge')).toBeVisible();
  await joinCall(ada.page);
  await expect(ada.page.locator('[data-testid="tile"][data-local="true"]')).toHaveAttribute('data-owner', 'true');

  // The token's user_name is the name, and a reload in the same tab keeps the token (sessionStorage).
  await grace.page.goto(`/${room.name}#t=${guestToken}`);
  expect(grace.page.url()).not.toContain(guestToken);
  await grace.page.reload();
  await expect(grace.page.getByTestId('name-input')).toHaveValue('Grace');
  await joinCall(grace.page);

  const adaOnGrace = remoteTile(grace.page, 'Ada');
  await expect(adaOnGrace).toHaveAttribute('data-owner', 'true');
  await expect(adaOnGrace.getByTestId('tile-name')).toHaveText('Ada');
  await expect(remoteTile(ada.page, 'Grace')).toHaveAttribute('data-owner', 'false');
  await expectVideoDecoding(ada.page, 'Grace');
  await Promise.all([ada.close(), grace.close()]);
});
