/**
 * Operator webhooks and admitting from outside the call: a receiver on another loopback port (in this
 * test process) hears a knock, checks its signature, and lets the guest in over the REST API; and a
 * receiver that fails never holds a knock back.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_API_KEY } from '../playwright.config.ts';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from '../app/server/testing/webhook-receiver.ts';
import { expectVideoDecoding, newPerson } from './support/call.ts';
import { knockingRoom, ownerInCall } from './support/knock.ts';
import { markAppearance, markClick, readMark } from './support/timing.ts';

const auth = { Authorization: `Bearer ${E2E_API_KEY}` };

/** Registers a webhook for the waiting-participant events; returns its id and (once-shown) secret. */
async function registerWebhook(request: APIRequestContext, url: string) {
  const res = await request.post('/v1/webhooks', { headers: auth, data: { url, eventTypes: ['waiting-participant.joined', 'waiting-participant.left'] } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { uuid: string; hmac: string };
}

async function deleteWebhook(request: APIRequestContext, uuid: string) {
  const res = await request.delete(`/v1/webhooks/${uuid}`, { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
}

/** Webhooks go to every room of the deployment: the one about this room (other specs knock too). */
const about = (receiver: WebhookReceiver, type: string, room: string): ReceivedWebhook | undefined =>
  receiver.received.find((r) => r.envelope.type === type && (r.envelope.payload as { room: string }).room === room);

test('a receiver on another port hears the knock, verifies it, and admits the guest over REST; the guest then sees the owner', async ({ browser, request }) => {
  const receiver = await startWebhookReceiver();
  const webhook = await registerWebhook(request, receiver.url);
  receiver.setSecret(webhook.hmac);
  try {
    const room = await knockingRoom(request);
    const owner = await ownerInCall(browser, request, room.name);
    const guest = await newPerson(browser);
    await guest.page.goto(`/${room.name}`);
    await guest.page.getByTestId('name-input').fill('Gus');
    await expect(guest.page.getByTestId('join-button')).toHaveText('Ask to join');
    await markClick(guest.page, '[data-testid="join-button"]', 'ask');
    await markAppearance(owner.page, '[data-testid="knock-toast"]', 'toast');
    await guest.page.getByTestId('join-button').click();

    await expect.poll(() => about(receiver, 'waiting-participant.joined', room.name)).toBeTruthy();
    const knock = about(receiver, 'waiting-participant.joined', room.name)!;
    const knockToWebhook = knock.at - (await readMark(guest.page, 'ask'))!;
    await expect(owner.page.getByTestId('knock-toast')).toContainText('Gus wants to join');
    const knockToToast = (await readMark(owner.page, 'toast'))! - (await readMark(guest.page, 'ask'))!;
    console.log(`[figures] knock → webhook received: ${knockToWebhook} ms (knock → owner toast: ${knockToToast} ms)`);
    expect(knock.verified, 'the signature checks out with the secret returned at creation').toBe(true);
    expect(knock.envelope).toMatchObject({ version: '1.0.0', type: 'waiting-participant.joined', payload: { room: room.name, user_name: 'Gus', owner: false } });

    // The bot lists who is waiting and lets Gus in, as an owner's Allow would.
    const id = (knock.envelope.payload as { session_id: string }).session_id;
    const list = await request.get(`/v1/rooms/${room.name}/waiting-participants`, { headers: auth });
    expect(await list.json()).toMatchObject({ total_count: 1, data: [{ id, user_name: 'Gus', user_id: null }] });
    const answered = await request.post(`/v1/rooms/${room.name}/waiting-participants`, { headers: auth, data: { updates: { [id]: { grantRequestedAccess: true } } } });
    expect(answered.status(), await answered.text()).toBe(200);
    expect(await answered.json()).toEqual({ granted: [id], denied: [] });

    await expect(guest.page.getByTestId('call')).toBeVisible();
    await expect(owner.page.getByTestId('knock-toast')).toHaveCount(0);
    await expectVideoDecoding(guest.page, 'Olivia');
    await expectVideoDecoding(owner.page, 'Gus');
    await expect.poll(() => about(receiver, 'waiting-participant.left', room.name)?.verified).toBe(true);
    await Promise.all([owner.close(), guest.close()]);
  } finally {
    await deleteWebhook(request, webhook.uuid);
    await receiver.close();
  }
});

test('receivers that hang or answer 500 do not hold the knock back: the owner\'s toast still comes', async ({ browser, request }) => {
  const hanging = await startWebhookReceiver();
  hanging.setMode('hang');
  const broken = await startWebhookReceiver();
  broken.setMode('error');
  const hooks = [await registerWebhook(request, hanging.url), await registerWebhook(request, broken.url)];
  try {
    const room = await knockingRoom(request);
    const owner = await ownerInCall(browser, request, room.name);
    const guest = await newPerson(browser);
    await guest.page.goto(`/${room.name}`);
    await guest.page.getByTestId('name-input').fill('Hal');
    await markClick(guest.page, '[data-testid="join-button"]', 'ask');
    await markAppearance(owner.page, '[data-testid="knock-toast"]', 'toast');
    await guest.page.getByTestId('join-button').click();
    await expect(owner.page.getByTestId('knock-toast')).toContainText('Hal wants to join');
    await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');
    // Both receivers were really tried (the failing paths ran), and the toast did not wait for them.
    await expect.poll(() => hanging.attempts).toBeGreaterThan(0);
    await expect.poll(() => broken.attempts).toBeGreaterThan(0);
    console.log(`[figures] knock → owner toast with a hanging and a failing receiver: ${(await readMark(owner.page, 'toast'))! - (await readMark(guest.page, 'ask'))!} ms`);

    await owner.page.getByTestId('knock-toast').getByRole('button', { name: 'Allow' }).click();
    await expect(guest.page.getByTestId('call')).toBeVisible();
    await Promise.all([owner.close(), guest.close()]);
  } finally {
    for (const hook of hooks) await deleteWebhook(request, hook.uuid);
    await Promise.all([hanging.close(), broken.close()]);
  }
});
