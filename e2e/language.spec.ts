/**
 * The page speaks the person's language from its first text: a French room, or a French browser, never
 * shows English first while the French catalogue (a lazily loaded chunk) arrives.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createRoom } from './support/api.ts';
import { en } from '../app/web/i18n/en.ts';
import { fr } from '../app/web/i18n/fr.ts';

/** English texts of the first screens that French writes differently: seeing one means English showed. */
const englishOnly = Object.entries(en)
  .filter(([key, text]) => /^(app|prejoin)\./.test(key) && typeof text === 'string' && !text.includes('{'))
  .map(([, text]) => text as string)
  .filter((text) => text.length >= 4 && !Object.values(fr).some((f) => typeof f === 'string' && f.includes(text)));

/** A page that keeps every text the document ever showed, from its first mutation on. */
async function watchedPage(browser: Browser, locale?: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, ...(locale ? { locale } : {}) });
  await context.addInitScript(() => {
    const seen = new Set<string>();
    (window as unknown as { __texts: Set<string> }).__texts = seen;
    const note = () => {
      if (document.body) seen.add(document.body.textContent ?? '');
    };
    new MutationObserver(note).observe(document, { childList: true, subtree: true, characterData: true });
  });
  return context.newPage();
}

async function expectNoEnglishEver(page: Page) {
  const texts = await page.evaluate(() => [...(window as unknown as { __texts: Set<string> }).__texts]);
  const english = englishOnly.filter((text) => texts.some((t) => t.includes(text)));
  expect(english, `English shown before French: ${texts.find((t) => english.some((e) => t.includes(e)))}`).toEqual([]);
}

/** Opens `path` with the browser set to `locale`, and checks the prejoin came up in French with no English before it. */
async function expectFrenchPrejoinFromTheStart(browser: Browser, locale: string, path: string) {
  const page = await watchedPage(browser, locale);
  await page.goto(path);
  await expect(page.getByTestId('join-button')).toHaveText('Rejoindre');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectNoEnglishEver(page);
  await page.context().close();
}

test('a room with lang fr shows French from its first text, never English first', async ({ browser, request }) => {
  expect(englishOnly.length).toBeGreaterThan(10);
  const room = await createRoom(request, { properties: { lang: 'fr' } });
  await expectFrenchPrejoinFromTheStart(browser, 'en-US', `/${room.name}`);
});

test('a French browser in a room without lang shows French from its first text', async ({ browser, request }) => {
  const room = await createRoom(request, {});
  await expectFrenchPrejoinFromTheStart(browser, 'fr-FR', `/${room.name}`);
});

test('a French browser on the home page sees French', async ({ browser }) => {
  const page = await watchedPage(browser, 'fr-FR');
  await page.goto('/');
  await expect(page.getByTestId('home')).toContainText(fr['app.home.body'] as string);
  await expectNoEnglishEver(page);
  await page.context().close();
});
