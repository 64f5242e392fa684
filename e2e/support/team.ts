/**
 * The team in the e2e suite: the operator's /v1/team calls (API key), and a browser whose Chromium holds a
 * virtual authenticator (CDP), so passkeys are created and used for real, without a person's touch.
 * Passkeys need a host name: these pages open Foyer at `E2E_PUBLIC_URL` (localhost), never 127.0.0.1.
 * The suite never rotates the invite code: tests in the other worker may be about to use the current link.
 */
import { expect, type APIRequestContext, type Browser, type CDPSession, type Page } from '@playwright/test';
import { E2E_API_KEY, E2E_PUBLIC_URL } from '../../playwright.config.ts';

const auth = { Authorization: `Bearer ${E2E_API_KEY}` };
let counter = 0;

/** A unique member email per test. */
export const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.com`;

/** The team's current invite link, as the operator reads it (`<public URL>/?tk=<code>`). */
export async function inviteLink(request: APIRequestContext): Promise<string> {
  const res = await request.get('/v1/team', { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { invite_link: string }).invite_link;
}

/** Removes a member with the API key (their sessions end at once). */
export async function removeMember(request: APIRequestContext, email: string): Promise<void> {
  const res = await request.delete(`/v1/team/members/${encodeURIComponent(email)}`, { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
}

export interface PasskeyPerson {
  page: Page;
  cdp: CDPSession;
  authenticatorId: string;
  /** Who the page's own session cookie signs in, as `GET /api/team/me` says (null: no one). */
  me(): Promise<{ email: string; name: string; role: string } | null>;
  close(): Promise<void>;
}

/** A person in their own browser context, with a platform authenticator that holds passkeys and verifies its user. */
export async function personWithPasskeys(browser: Browser): Promise<PasskeyPerson> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 }, baseURL: E2E_PUBLIC_URL });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  });
  // Asked from the page itself, so it is the browser's own cookie that answers.
  const me = () =>
    page.evaluate(async () => {
      const res = await fetch('/api/team/me');
      if (res.status !== 200) throw new Error(`GET /api/team/me: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { member: { email: string; name: string; role: string } | null }).member;
    });
  return { page, cdp, authenticatorId, me, close: () => context.close() };
}

/** Fills the invite link's sign-up form and creates the passkey; ends signed in. */
export async function signUpWithPasskey(page: Page, link: string, name: string, email: string): Promise<void> {
  await page.goto(link);
  await page.getByTestId('signup-name').fill(name);
  await page.getByTestId('signup-email').fill(email);
  await page.getByTestId('signup-button').click();
  await expect(page.getByTestId('signed-in-as')).toHaveText(`You’re signed in as ${name}`);
}
