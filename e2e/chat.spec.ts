/** Chat in the call, through the real LiveKit: only in rooms with `enable_chat`, and enforced by the grant. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { createRoom } from './support/api.ts';
import { joinCall, newPerson, remoteTile } from './support/call.ts';

/** The page's own LiveKit room (`window.__foyerCall`), as anyone could reach it from the console. */
type ConsoleRoom = {
  localParticipant: { sendText(text: string, options: { topic: string }): Promise<unknown>; setName(name: string): Promise<void> };
  registerTextStreamHandler(topic: string, handler: (reader: { readAll(): Promise<string> }) => void): void;
};
type FoyerWindow = { __foyerCall: { getState(): { room?: ConsoleRoom } }; __chatSeen?: string[] };

/** Ada, then Bob, join a new room with these properties. */
async function adaAndBob(browser: Browser, request: APIRequestContext, properties: Record<string, unknown>) {
  const room = await createRoom(request, { properties });
  const [ada, bob] = [await newPerson(browser), await newPerson(browser)];
  for (const [person, name] of [[ada, 'Ada'], [bob, 'Bob']] as const) {
    await person.page.goto(`/${room.name}`);
    await joinCall(person.page, name);
  }
  await expect(remoteTile(bob.page, 'Ada')).toBeVisible();
  await expect(remoteTile(ada.page, 'Bob')).toBeVisible();
  return { ada, bob };
}

const lastMessage = (page: Page) => page.getByTestId('chat-message').last();

test("a message from Ada reaches Bob under Ada's name, with an unread badge until he opens the chat; on a phone too", async ({ browser, request }) => {
  const { ada, bob } = await adaAndBob(browser, request, { enable_chat: true });

  await ada.page.getByTestId('chat-toggle').click();
  await expect(ada.page.getByTestId('chat-panel')).toBeVisible();
  await expect(ada.page.getByTestId('chat-input')).toBeFocused();
  await ada.page.getByTestId('chat-input').fill('Hello from Ada');
  await ada.page.getByTestId('chat-input').press('Enter');
  await expect(lastMessage(ada.page)).toHaveAttribute('data-mine', 'true');
  await expect(ada.page.getByTestId('chat-input')).toHaveValue('');

  // Bob has not opened the chat: a badge counts the message.
  await expect(bob.page.getByTestId('chat-unread')).toHaveText('1');
  await bob.page.getByTestId('chat-toggle').click();
  await expect(bob.page.getByTestId('chat-unread')).toHaveCount(0);
  await expect(lastMessage(bob.page)).toHaveAttribute('data-from', 'Ada');
  await expect(lastMessage(bob.page)).toHaveAttribute('data-mine', 'false');
  await expect(lastMessage(bob.page)).toContainText('Hello from Ada');

  // Bob answers with the Send button; Ada, with the chat open, sees it at once and no badge.
  await bob.page.getByTestId('chat-input').fill('Hi Ada');
  await bob.page.getByTestId('chat-send').click();
  await expect(lastMessage(ada.page)).toHaveAttribute('data-from', 'Bob');
  await expect(ada.page.getByTestId('chat-unread')).toHaveCount(0);

  // The name is LiveKit's, set by the server: Ada cannot rename herself from the console, and her
  // next message still reads as hers.
  const renamed = await ada.page.evaluate(() =>
    (window as unknown as FoyerWindow).__foyerCall
      .getState()
      .room!.localParticipant.setName('The host')
      .then(() => 'renamed', () => 'refused'),
  );
  expect(renamed).toBe('refused');
  await ada.page.evaluate(() =>
    (window as unknown as FoyerWindow).__foyerCall.getState().room!.localParticipant.sendText('Still Ada', { topic: 'foyer-chat' }),
  );
  await expect(lastMessage(bob.page)).toContainText('Still Ada');
  await expect(lastMessage(bob.page)).toHaveAttribute('data-from', 'Ada');

  // The open panel, with messages from both sides, passes an accessibility scan.
  const { violations } = await new AxeBuilder({ page: bob.page }).include('[data-testid="chat-panel"]').analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // Escape closes the panel and gives the focus back to the chat control.
  await bob.page.getByTestId('chat-input').press('Escape');
  await expect(bob.page.getByTestId('chat-panel')).toHaveCount(0);
  await expect(bob.page.getByTestId('chat-toggle')).toBeFocused();

  // On a phone (360 px) the chat is in the More menu and covers the whole call; closing it brings the call back.
  await ada.page.setViewportSize({ width: 360, height: 740 });
  await ada.page.getByTestId('chat-input').press('Escape');
  await expect(ada.page.getByTestId('chat-panel')).toHaveCount(0);
  await ada.page.getByTestId('more-menu').click();
  await ada.page.getByTestId('chat-toggle').click();
  const panel = ada.page.getByTestId('chat-panel');
  await expect.poll(async () => (await panel.boundingBox())?.width).toBe(360);
  await ada.page.getByTestId('chat-input').fill('From a phone');
  await ada.page.getByTestId('chat-input').press('Enter');
  await expect(lastMessage(ada.page)).toContainText('From a phone');
  await ada.page.getByRole('button', { name: 'Close the chat' }).click();
  await expect(panel).toHaveCount(0);
  await expect(ada.page.getByTestId('mic-toggle')).toBeVisible();
  await expect(bob.page.getByTestId('chat-unread')).toHaveText('1');
  await Promise.all([ada.close(), bob.close()]);
});

test('without enable_chat there is no chat control, and a message sent from the console reaches nobody', async ({ browser, request }) => {
  const { ada, bob } = await adaAndBob(browser, request, {});
  for (const page of [ada.page, bob.page]) {
    await expect(page.getByTestId('mic-toggle')).toBeVisible();
    await expect(page.getByTestId('chat-toggle')).toHaveCount(0);
  }

  // Bob listens on the chat topic himself; Ada sends from her console, past the UI.
  await bob.page.evaluate(() => {
    const w = window as unknown as FoyerWindow;
    w.__chatSeen = [];
    w.__foyerCall.getState().room!.registerTextStreamHandler('foyer-chat', (reader) => void reader.readAll().then((text) => w.__chatSeen!.push(text)));
  });
  await ada.page.evaluate(() =>
    (window as unknown as FoyerWindow).__foyerCall
      .getState()
      .room!.localParticipant.sendText('sneaky', { topic: 'foyer-chat' })
      .catch(() => undefined),
  );
  // Something Ada does after sending that does travel through LiveKit to Bob: by the time her
  // mute reaches him, her message would have too, had LiveKit forwarded it.
  await ada.page.getByTestId('mic-toggle').click();
  await expect(remoteTile(bob.page, 'Ada')).toHaveAttribute('data-mic', 'off');
  expect(await bob.page.evaluate(() => (window as unknown as FoyerWindow).__chatSeen)).toEqual([]);
  await Promise.all([ada.close(), bob.close()]);
});
