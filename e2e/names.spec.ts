/** Display names: invisible and direction characters are refused; emoji sequences are fine; names render isolated. */
import { expect, test } from '@playwright/test';
import { createRoom, createToken } from './support/api.ts';
import { joinCall, newPerson, remoteTile } from './support/call.ts';

test('a name with a right-to-left override is refused at the prejoin and never knocks', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private', properties: { enable_knocking: true } });
  const owner = await newPerson(browser);
  await owner.page.goto(`/${room.name}?t=${await createToken(request, { room_name: room.name, is_owner: true, user_name: 'Olivia' })}`);
  await joinCall(owner.page);

  const eve = await newPerson(browser);
  await eve.page.goto(`/${room.name}`);
  // Renders as "Eve Host" read backwards: a knocker posing as the host.
  await eve.page.getByTestId('name-input').fill('Eve\u202EtsoH');
  await eve.page.getByTestId('join-button').click();
  await expect(eve.page.locator('.prejoin__form .error')).toContainText('invisible or text-direction characters');
  await expect(eve.page.getByTestId('waiting')).toHaveCount(0);

  // The same person with a plain name does knock: so the toast's absence above was the refusal.
  await eve.page.getByTestId('name-input').fill('Eve');
  await eve.page.getByTestId('join-button').click();
  await expect(owner.page.getByTestId('knock-toast')).toContainText('Eve wants to join');
  await expect(owner.page.getByTestId('knock-toast')).toHaveAttribute('data-count', '1');
  await Promise.all([owner.close(), eve.close()]);
});

test('an emoji ZWJ name (👩‍💻 Ada) knocks, and shows isolated in the toast and on the tile', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private', properties: { enable_knocking: true } });
  const owner = await newPerson(browser);
  await owner.page.goto(`/${room.name}?t=${await createToken(request, { room_name: room.name, is_owner: true, user_name: 'Olivia' })}`);
  await joinCall(owner.page);

  const name = '👩\u200D💻 Ada';
  const ada = await newPerson(browser);
  await ada.page.goto(`/${room.name}`);
  await ada.page.getByTestId('name-input').fill(name);
  await ada.page.getByTestId('join-button').click();
  const toast = owner.page.getByTestId('knock-toast');
  await expect(toast).toContainText(`${name} wants to join`);
  expect(await toast.getByTestId('knock-name').evaluate((el) => el.tagName)).toBe('BDI');

  await toast.getByRole('button', { name: 'Allow' }).click();
  await expect(ada.page.getByTestId('call')).toBeVisible();
  const tileName = remoteTile(owner.page, name).getByTestId('tile-name');
  await expect(tileName).toHaveText(name);
  expect(await tileName.evaluate((el) => el.tagName)).toBe('BDI');
  await Promise.all([owner.close(), ada.close()]);
});
