/**
 * Accessibility scans (axe-core) of every screen a person meets: prejoin, the guest's waiting screen,
 * the call (owner with a guest in it, and with the participants panel open), a refusal, and the end
 * screen. Fails on any serious or critical violation, naming the rule and the elements.
 */
import { expect, test, type Page } from '@playwright/test';
import { createRoom, createToken } from './support/api.ts';
import { expectNoSeriousViolations } from './support/axe.ts';
import { expectVideoDecoding, joinCall, newPerson } from './support/call.ts';


test('prejoin, waiting, call and end screens have no serious or critical accessibility violations', async ({ browser, request }) => {
  test.slow(); // two video pages and five full scans on two cores
  const room = await createRoom(request, { privacy: 'private', properties: { enable_knocking: true, enable_chat: true } });
  const token = await createToken(request, { room_name: room.name, is_owner: true, user_name: 'Olivia' });
  const owner = await newPerson(browser);
  await owner.page.goto(`/${room.name}?t=${token}`);
  await expect(owner.page.getByTestId('preview-video')).toBeVisible();
  await expectNoSeriousViolations(owner.page, 'prejoin');
  await joinCall(owner.page);

  const guest = await newPerson(browser);
  await guest.page.goto(`/${room.name}`);
  await guest.page.getByTestId('name-input').fill('Gus');
  await guest.page.getByTestId('join-button').click();
  await expect(guest.page.getByTestId('waiting')).toBeVisible();
  await expectNoSeriousViolations(guest.page, 'waiting (lobby)');

  await owner.page.getByTestId('knock-toast').getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await expectVideoDecoding(owner.page, 'Gus');
  await expectNoSeriousViolations(owner.page, 'call');
  await owner.page.getByTestId('participants-toggle').click();
  await expect(owner.page.getByTestId('participants-panel')).toBeVisible();
  await expectNoSeriousViolations(owner.page, 'call with the participants panel');

  await guest.page.getByTestId('leave-button').click();
  await expect(guest.page.getByTestId('end-screen')).toBeVisible();
  await expectNoSeriousViolations(guest.page, 'end');
  await Promise.all([owner.close(), guest.close()]);
});

test('a refusal screen has no serious or critical accessibility violations', async ({ browser }) => {
  const person = await newPerson(browser);
  await person.page.goto('/no-such-room-here');
  await expect(person.page.getByTestId('access-screen'), await person.page.locator('body').innerText().catch(() => '')).toBeVisible();
  await expectNoSeriousViolations(person.page, 'refusal');
  await person.close();
});

test('a room with lang fr: the prejoin speaks French, <html lang> says so, a token lang wins, and nothing serious is flagged', async ({ browser, request }) => {
  const room = await createRoom(request, { properties: { lang: 'fr' } });
  const person = await newPerson(browser);
  await person.page.goto(`/${room.name}`);
  await expect(person.page.getByTestId('join-button')).toHaveText('Rejoindre');
  await expect(person.page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(person.page.getByTestId('prejoin-mic-toggle')).toHaveText(/^Micro /);
  await expectNoSeriousViolations(person.page, 'French prejoin');
  // A token's lang wins over the room's.
  const token = await createToken(request, { room_name: room.name, lang: 'en', user_name: 'Ada' });
  await person.page.goto(`/${room.name}?t=${token}`);
  await expect(person.page.getByTestId('join-button')).toHaveText('Join');
  await expect(person.page.locator('html')).toHaveAttribute('lang', 'en');
  await person.close();
});
