/**
 * A phone-sized screen (the `mobile` project: 360×740, touch): the join flow works, the call keeps mic,
 * camera and leave on screen with the rest in the More menu, and every control is reachable by keyboard
 * with a visible focus ring.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createRoom } from './support/api.ts';
import { expectVideoDecoding, joinCall, newPerson, remoteTile } from './support/call.ts';

/** A person on the project's phone-sized context (newPerson fixes a desktop size). */
async function phone(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

interface Focused {
  id: string;
  visible: boolean;
}

/** What has the keyboard focus now, and whether it is drawn (`:focus-visible` with an outline or a shadow). */
const focused = (page: Page) =>
  page.evaluate((): Focused | null => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const drawn = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    return { id: el.dataset.testid ?? `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim() ?? ''}`, visible: el.matches(':focus-visible') && drawn };
  });

/** Tabs through the page from where the focus is, until it comes round again; returns each stop. */
async function tabStops(page: Page, max = 40): Promise<Focused[]> {
  // Where the focus starts counts as a stop: the walk ends when it comes round to it again.
  const start = await focused(page);
  const stops: Focused[] = start ? [start] : [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (!now) continue;
    if (stops.some((s) => s.id === now.id)) break;
    stops.push(now);
  }
  return stops;
}

const insideViewport = async (page: Page, testId: string) => {
  const box = await page.getByTestId(testId).boundingBox();
  const width = page.viewportSize()!.width;
  return !!box && box.x >= 0 && box.x + box.width <= width && box.width > 0;
};

test('at 360 px: join by keyboard, mic, camera and leave on screen, the rest in More, every control reachable with visible focus', async ({ browser, request }) => {
  test.slow(); // two video pages on two cores
  const room = await createRoom(request, { properties: { enable_chat: true } });
  const ada = await phone(browser);
  expect(ada.page.viewportSize()).toEqual({ width: 360, height: 740 });
  await ada.page.goto(`/${room.name}`);
  await expect(ada.page.getByTestId('join-button')).toBeEnabled();
  await expect(ada.page.getByTestId('preview-video')).toBeVisible();
  // Nothing of the prejoin is cut off or scrolls sideways.
  expect(await ada.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The prejoin by keyboard alone: every control is a stop with its focus drawn, and Enter joins.
  const prejoinStops = await tabStops(ada.page);
  expect(prejoinStops.map((s) => s.id)).toEqual(expect.arrayContaining(['prejoin-mic-toggle', 'prejoin-camera-toggle', 'name-input', 'join-button']));
  expect(prejoinStops.filter((s) => !s.visible)).toEqual([]);
  await ada.page.getByTestId('name-input').focus();
  await ada.page.keyboard.type('Ada');
  await ada.page.keyboard.press('Enter');
  await expect(ada.page.getByTestId('call')).toBeVisible();

  const bob = await newPerson(browser);
  await bob.page.goto(`/${room.name}`);
  await joinCall(bob.page, 'Bob');
  await expectVideoDecoding(ada.page, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');

  // Mic, camera and leave stay on screen; screen share, chat, participants and settings fold into More.
  for (const id of ['mic-toggle', 'camera-toggle', 'leave-button', 'more-menu']) {
    await expect(ada.page.getByTestId(id)).toBeVisible();
    expect(await insideViewport(ada.page, id), id).toBe(true);
  }
  for (const id of ['chat-toggle', 'participants-toggle', 'settings-toggle']) await expect(ada.page.getByTestId(id)).toBeHidden();
  await ada.page.getByTestId('more-menu').click();
  await expect(ada.page.getByTestId('more-menu')).toHaveAttribute('aria-expanded', 'true');
  for (const id of ['chat-toggle', 'participants-toggle', 'settings-toggle']) {
    await expect(ada.page.getByTestId(id)).toBeVisible();
    expect(await insideViewport(ada.page, id), id).toBe(true);
  }
  await ada.page.getByTestId('participants-toggle').click();
  await expect(ada.page.getByTestId('participants-panel')).toBeVisible();
  // The panel takes the keyboard focus; Escape closes it.
  await ada.page.keyboard.press('Escape');
  await expect(ada.page.getByTestId('participants-panel')).toBeHidden();

  // The mic works from the phone: Bob sees it go off.
  await ada.page.getByTestId('mic-toggle').click();
  await expect(ada.page.getByTestId('mic-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(remoteTile(bob.page, 'Ada')).toHaveAttribute('data-mic', 'off');

  // The call by keyboard: mic, camera, More and Leave are stops, and the folded controls once More is open.
  await ada.page.getByTestId('mic-toggle').focus();
  await ada.page.keyboard.press('Shift+Tab');
  await ada.page.keyboard.press('Tab');
  const callStops = await tabStops(ada.page);
  expect(callStops.map((s) => s.id)).toEqual(expect.arrayContaining(['mic-toggle', 'camera-toggle', 'more-menu', 'leave-button']));
  expect(callStops.filter((s) => !s.visible)).toEqual([]);
  await ada.page.getByTestId('more-menu').focus();
  if ((await ada.page.getByTestId('more-menu').getAttribute('aria-expanded')) !== 'true') await ada.page.keyboard.press('Enter');
  await expect(ada.page.getByTestId('settings-toggle')).toBeVisible();
  await ada.page.getByTestId('mic-toggle').focus();
  const menuStops = await tabStops(ada.page);
  expect(menuStops.map((s) => s.id)).toEqual(expect.arrayContaining(['chat-toggle', 'participants-toggle', 'settings-toggle']));
  expect(menuStops.filter((s) => !s.visible)).toEqual([]);

  // Leave by keyboard.
  await ada.page.getByTestId('leave-button').focus();
  await ada.page.keyboard.press('Enter');
  await expect(ada.page.getByTestId('end-screen')).toBeVisible();
  await expect(ada.page.locator('[data-end-reason]')).toHaveAttribute('data-end-reason', 'left');
  await Promise.all([ada.close(), bob.close()]);
});
