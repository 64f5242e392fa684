/**
 * Embedding with `/embed.js`: host pages on other origins (other loopback ports) drive Foyer frames through
 * the daily-js-shaped API alone, against the real LiveKit. Media is checked inside the iframe; knocking,
 * owner powers, the origin and frame-id checks, the token's absence from every URL, and destroy().
 */
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import type { FoyerParticipant } from '../app/embed/api.ts';
import { EMBED_PROTOCOL, INITIAL_FRAME_STATE, type FrameMessage, type HostMessage } from '../app/shared/embed-protocol.ts';
import { createRoom, createToken } from './support/api.ts';
import { connectedToLivekit, expectVideoDecoding, joinCall, newPerson, remoteTile } from './support/call.ts';
import { knockingRoom } from './support/knock.ts';
import {
  createFrame,
  eventNames,
  eventsOf,
  FOYER_ORIGIN,
  openHostPage,
  outcome,
  roomUrl,
  startOrigin,
  type HostPage,
  type Origin,
} from './support/host-page.ts';

/** The customer's site, and a third site that has no business talking to its frames. */
let site: Origin;
let elsewhere: Origin;
test.beforeAll(async () => {
  [site, elsewhere] = await Promise.all([startOrigin(), startOrigin()]);
});
test.afterAll(async () => {
  await Promise.all([site?.close(), elsewhere?.close()]);
});

const localTileIn = (host: HostPage) => host.frame.locator('[data-testid="tile"][data-local="true"]');
const inCall = (host: HostPage) => expect(host.frame.getByTestId('call')).toHaveAttribute('data-connection', 'connected');
const meetingState = (host: HostPage) => host.page.evaluate(() => window.call.meetingState());
const participants = (host: HostPage) => host.page.evaluate(() => window.call.participants());
const sessionOf = async (host: HostPage, name: string) =>
  Object.values(await participants(host)).find((p: FoyerParticipant) => !p.local && p.user_name === name)?.session_id;

/** An owner (meeting token with is_owner) whose host page joins by `join({url, token})`. */
async function ownerInFrame(browser: Browser, request: APIRequestContext, room: string, name = 'Olivia') {
  const token = await createToken(request, { room_name: room, is_owner: true, user_name: name });
  const owner = await openHostPage(browser, site);
  await createFrame(owner);
  await owner.page.evaluate(([url, t]) => window.call.join({ url, token: t }), [roomUrl(room), token] as const);
  await inCall(owner);
  return { owner, token };
}

/** A guest's host page in the lobby of a knocking room: preAuth, join (the lobby), then requestAccess kept pending as 'knock'. */
async function guestKnocksInFrame(browser: Browser, room: string, name: string) {
  const guest = await openHostPage(browser, site);
  await createFrame(guest, { url: roomUrl(room) });
  expect(await guest.page.evaluate(() => window.call.preAuth())).toEqual({ access: { level: 'lobby' } });
  await guest.page.evaluate((n) => window.call.join({ userName: n }), name);
  expect((await guest.page.evaluate(() => window.call.accessState())).access).toEqual({ level: 'lobby' });
  await guest.page.evaluate((n) => window.__settle('knock', window.call.requestAccess({ name: n })), name);
  await expect.poll(() => guest.page.evaluate(() => window.call.accessState())).toEqual({ access: { level: 'lobby' }, awaitingAccess: { level: 'full' } });
  return guest;
}

/** The owner's host page hears of `name` knocking; returns their waiting id. */
async function waitingIdOf(owner: HostPage, name: string) {
  await expect.poll(async () => (await eventsOf(owner, 'waiting-participant-added')).map((e) => e.participant.name)).toEqual([name]);
  const [added] = await eventsOf(owner, 'waiting-participant-added');
  const id = added!.participant.id;
  expect(await owner.page.evaluate(() => window.call.waitingParticipants())).toEqual({ [id]: { id, name, awaitingAccess: { level: 'full' } } });
  return id;
}

/** The owner's host page heard the knock `id` end (granted, denied or withdrawn), and nobody is waiting. */
async function expectKnockGone(owner: HostPage, id: string) {
  await expect.poll(async () => (await eventsOf(owner, 'waiting-participant-removed')).map((e) => e.participant.id)).toEqual([id]);
  expect(await owner.page.evaluate(() => window.call.waitingParticipants())).toEqual({});
}

test('a host page on another origin embeds a room: join() resolves, joined-meeting, participant-joined, video decodes inside the frame, then participant-left and leave()', async ({ browser, request }) => {
  const room = await createRoom(request);
  const ada = await openHostPage(browser, site);
  await createFrame(ada, { url: roomUrl(room.name) });
  const allow = (await ada.page.locator('#frame iframe').getAttribute('allow')) ?? '';
  for (const feature of ['camera', 'microphone', 'display-capture', 'autoplay', 'fullscreen']) expect(allow).toContain(feature);
  // As daily-js's createFrame, nothing loads before the first join() or preAuth().
  expect(await meetingState(ada)).toBe('new');

  const joined = await ada.page.evaluate(() => window.call.join({ userName: 'Ada' }));
  expect(joined).toMatchObject({ local: { local: true, user_name: 'Ada' } });
  // As with daily-js, the getters agree with join() once it has resolved.
  expect(await meetingState(ada)).toBe('joined-meeting');
  expect((await participants(ada)).local.user_name).toBe('Ada');
  const lifecycle = ['loading', 'loaded', 'joining-meeting', 'joined-meeting'];
  await expect.poll(async () => (await eventNames(ada)).filter((n) => lifecycle.includes(n))).toEqual(lifecycle);
  expect((await eventsOf(ada, 'joined-meeting'))[0]!.participants.local).toMatchObject({ local: true, user_name: 'Ada' });
  await inCall(ada);
  expect(connectedToLivekit(ada)).toBe(true);

  // Someone joins by the plain room link: the host page hears of it.
  const bob = await newPerson(browser);
  await bob.page.goto(`/${room.name}`);
  await joinCall(bob.page, 'Bob');
  await expect.poll(async () => (await eventsOf(ada, 'participant-joined')).map((e) => e.participant.user_name)).toEqual(['Bob']);
  expect((await eventsOf(ada, 'participant-joined'))[0]!.participant).toMatchObject({ local: false, owner: false });
  expect(await sessionOf(ada, 'Bob')).toBeTruthy();

  // Media in both directions: Bob decodes inside Ada's iframe, and the iframe's camera reaches Bob.
  await expectVideoDecoding(ada.frame, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');

  // Bob leaves: participant-left. Then the host page leaves: left-meeting, and the frame shows it.
  await bob.page.getByTestId('leave-button').click();
  await expect.poll(async () => (await eventsOf(ada, 'participant-left')).map((e) => e.participant.user_name)).toEqual(['Bob']);
  expect(await sessionOf(ada, 'Bob')).toBeUndefined();
  await ada.page.evaluate(() => window.call.leave());
  await expect.poll(() => eventNames(ada)).toContain('left-meeting');
  expect(await meetingState(ada)).toBe('left-meeting');
  await expect(ada.frame.getByTestId('end-screen')).toContainText('You left the call');
  await Promise.all([ada.close(), bob.close()]);
});

test('knocking through the API alone: the guest frame asks, the owner frame allows, the guest gets full access and video', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const { owner } = await ownerInFrame(browser, request, room.name);
  const guest = await guestKnocksInFrame(browser, room.name, 'Gus');
  expect(connectedToLivekit(guest)).toBe(false);

  const id = await waitingIdOf(owner, 'Gus');
  expect(await owner.page.evaluate((i) => window.call.updateWaitingParticipant(i, { grantRequestedAccess: true }), id)).toEqual({ id });

  await expect.poll(() => outcome(guest, 'knock')).toEqual({ resolved: { access: { level: 'full' }, granted: true } });
  await expect.poll(async () => (await eventsOf(guest, 'access-state-updated')).at(-1)?.access).toEqual({ level: 'full' });
  expect(await guest.page.evaluate(() => window.call.accessState())).toEqual({ access: { level: 'full' } });
  await expect.poll(() => meetingState(guest)).toBe('joined-meeting');
  await inCall(guest);
  await expectVideoDecoding(guest.frame, 'Olivia');
  await expectVideoDecoding(owner.frame, 'Gus');

  // The owner's side: the knock is gone, Gus is in.
  await expectKnockGone(owner, id);
  await expect.poll(async () => (await eventsOf(owner, 'participant-joined')).map((e) => e.participant.user_name)).toContain('Gus');
  await Promise.all([owner.close(), guest.close()]);
});

test('knocking through the API alone: Deny gives the guest the error event with Daily\'s rejection message', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const { owner } = await ownerInFrame(browser, request, room.name);
  const guest = await guestKnocksInFrame(browser, room.name, 'Dan');

  const id = await waitingIdOf(owner, 'Dan');
  expect(await owner.page.evaluate((i) => window.call.updateWaitingParticipant(i, { grantRequestedAccess: false }), id)).toEqual({ id });

  await expect.poll(() => eventsOf(guest, 'error')).toHaveLength(1);
  expect((await eventsOf(guest, 'error'))[0]).toMatchObject({ errorMsg: 'Join request rejected', error: { type: 'not-allowed' } });
  await expect.poll(() => outcome(guest, 'knock')).toMatchObject({ resolved: { granted: false } });
  // Fatal: left-meeting follows the error.
  await expect.poll(async () => (await eventNames(guest)).filter((n) => n === 'error' || n === 'left-meeting')).toEqual(['error', 'left-meeting']);
  expect(connectedToLivekit(guest)).toBe(false);

  await expectKnockGone(owner, id);
  await expect(remoteTile(owner.frame, 'Dan')).toHaveCount(0);
  await Promise.all([owner.close(), guest.close()]);
});

test('updateParticipant(id, {setAudio: false}) from an owner frame mutes the guest; from a guest frame it is refused', async ({ browser, request }) => {
  const room = await createRoom(request);
  const { owner } = await ownerInFrame(browser, request, room.name);
  const guest = await openHostPage(browser, site);
  await createFrame(guest);
  await guest.page.evaluate((url) => window.call.join({ url, userName: 'Gus' }), roomUrl(room.name));
  await inCall(guest);
  await expect.poll(() => sessionOf(owner, 'Gus')).toBeTruthy();
  await expect.poll(() => sessionOf(guest, 'Olivia')).toBeTruthy();
  const gus = (await sessionOf(owner, 'Gus'))!;
  const olivia = (await sessionOf(guest, 'Olivia'))!;
  await expect.poll(async () => (await participants(guest)).local.audio).toBe(true);
  await expect.poll(async () => (await participants(owner)).local.audio).toBe(true);
  expect((await participants(owner)).local.permissions.canAdmin).toBe(true);
  expect((await participants(guest)).local.permissions.canAdmin).toBe(false);

  // The guest tries to mute the owner: the server refuses, the host page hears so, and nothing changes.
  await guest.page.evaluate((id) => {
    window.call.updateParticipant(id, { setAudio: false });
  }, olivia);
  await expect.poll(() => eventsOf(guest, 'owner-action-refused')).toHaveLength(1);
  expect((await eventsOf(guest, 'owner-action-refused'))[0]).toMatchObject({ sessionId: olivia, errorMsg: expect.stringMatching(/./) });
  expect(await eventsOf(guest, 'nonfatal-error')).toEqual([]);
  expect(await owner.page.evaluate(() => window.call.localAudio())).toBe(true);
  expect((await participants(guest))[olivia]!.audio).toBe(true);
  await expect(localTileIn(owner)).toHaveAttribute('data-mic', 'on');

  // The owner mutes the guest: the guest's own frame and host page see the mic off, and so does the owner.
  await owner.page.evaluate((id) => {
    window.call.updateParticipant(id, { setAudio: false });
  }, gus);
  await expect.poll(async () => (await participants(guest)).local.audio).toBe(false);
  expect(await guest.page.evaluate(() => window.call.localAudio())).toBe(false);
  await expect(localTileIn(guest)).toHaveAttribute('data-mic', 'off');
  await expect(guest.frame.getByTestId('mic-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await participants(owner))[gus]?.audio).toBe(false);
  await expect
    .poll(async () => (await eventsOf(owner, 'participant-updated')).some((e) => e.participant.session_id === gus && !e.participant.audio))
    .toBe(true);
  expect(await eventsOf(owner, 'owner-action-refused')).toEqual([]);
  await Promise.all([owner.close(), guest.close()]);
});

test('the token given to join() is in no URL, and messages from another origin or with another frame id are ignored', async ({ browser, request }) => {
  const room = await createRoom(request);
  const { owner: ada, token } = await ownerInFrame(browser, request, room.name, 'Ada');
  const frameId = await ada.page.evaluate(() => window.call.callClientId);

  // The token went by message: not in the iframe's src, the frame's address, its navigations, or any request.
  const signature = token.split('.')[2]!;
  const src = (await ada.page.locator('#frame iframe').getAttribute('src')) ?? '';
  expect(src.startsWith(`${roomUrl(room.name)}?`)).toBe(true);
  expect(new URL(src).searchParams.get('embed')).toBe(frameId);
  const frame = await ada.foyerFrame();
  const seenByFrame = await frame.evaluate(() => [location.href, ...performance.getEntriesByType('navigation').map((e) => e.name)]);
  for (const url of [src, ...seenByFrame, ...ada.urls, ...ada.sockets]) expect(url).not.toContain(signature);
  expect(ada.urls.length).toBeGreaterThan(0);

  // From the host page's own origin, well-formed calls with another frame's id: leave, and mic off.
  const wrongId: HostMessage[] = [
    { protocol: EMBED_PROTOCOL, frameId: 'not-this-frame-0001', kind: 'call', id: 9001, method: 'leave', args: {} },
    { protocol: EMBED_PROTOCOL, frameId: 'not-this-frame-0001', kind: 'call', id: 9002, method: 'setLocalAudio', args: { enabled: false } },
  ];
  await ada.page.evaluate(
    ([messages, origin]) => {
      const target = document.querySelector<HTMLIFrameElement>('#frame iframe')!.contentWindow!;
      for (const m of messages) target.postMessage(m, origin);
    },
    [wrongId, FOYER_ORIGIN] as const,
  );
  // A real call posted after them: once it has taken effect, the frame has read (and ignored) those before it.
  await ada.page.evaluate(() => {
    window.call.setLocalVideo(false);
  });
  await expect.poll(() => ada.page.evaluate(() => window.call.localVideo())).toBe(false);
  expect(await meetingState(ada)).toBe('joined-meeting');
  expect(await ada.page.evaluate(() => window.call.localAudio())).toBe(true);
  await inCall(ada);
  await expect(localTileIn(ada)).toHaveAttribute('data-mic', 'on');

  // A page of a third origin inside the host page knows the frame id (it is in the iframe's src) and tries
  // both ways: calls into the Foyer frame, and a forged state and error to the host page, as if from the frame.
  await ada.page.evaluate(() => {
    (window as unknown as { __intruderDone: boolean }).__intruderDone = false;
    addEventListener('message', (e) => {
      if (e.data === 'intruder-done') (window as unknown as { __intruderDone: boolean }).__intruderDone = true;
    });
  });
  await ada.page.evaluate(
    (url) =>
      new Promise<void>((resolve) => {
        const intruder = document.createElement('iframe');
        intruder.src = url;
        intruder.onload = () => resolve();
        document.body.append(intruder);
      }),
    `${elsewhere.origin}/blank`,
  );
  const intruder = ada.page.frames().find((f) => f.url().startsWith(elsewhere.origin))!;
  expect(intruder).toBeTruthy();
  const toFrame: HostMessage[] = [
    { protocol: EMBED_PROTOCOL, frameId, kind: 'call', id: 1, method: 'leave', args: {} },
    { protocol: EMBED_PROTOCOL, frameId, kind: 'call', id: 2, method: 'setLocalAudio', args: { enabled: false } },
  ];
  const toHost: FrameMessage[] = [
    { protocol: EMBED_PROTOCOL, frameId, kind: 'state', state: { ...INITIAL_FRAME_STATE, meetingState: 'left-meeting' } },
    { protocol: EMBED_PROTOCOL, frameId, kind: 'event', event: 'error', payload: { errorMsg: 'Forged', error: { type: 'ejected', msg: 'Forged' } } },
  ];
  await intruder.evaluate(
    ([callsIn, forged, foyerOrigin]) => {
      // The host page's first frame is Foyer's (this one was added after it).
      const foyer = parent.frames[0]!;
      for (const m of callsIn) foyer.postMessage(m, foyerOrigin);
      for (const m of forged) parent.postMessage(m, '*');
      parent.postMessage('intruder-done', '*');
    },
    [toFrame, toHost, FOYER_ORIGIN] as const,
  );
  await ada.page.waitForFunction(() => (window as unknown as { __intruderDone: boolean }).__intruderDone);
  // The host page read the forgeries before 'intruder-done' (same sender, same receiver): none counted.
  expect(await meetingState(ada)).toBe('joined-meeting');
  expect((await eventNames(ada)).filter((n) => n === 'error' || n === 'left-meeting')).toEqual([]);
  // The frame too, as above: a real call after them, then nothing of theirs took effect.
  await ada.page.evaluate(() => {
    window.call.setLocalVideo(true);
  });
  await expect.poll(() => ada.page.evaluate(() => window.call.localVideo())).toBe(true);
  expect(await meetingState(ada)).toBe('joined-meeting');
  expect(await ada.page.evaluate(() => window.call.localAudio())).toBe(true);
  await inCall(ada);
  await expect(localTileIn(ada)).toHaveAttribute('data-mic', 'on');
  await ada.close();
});

test('destroy() in a call removes the iframe and leaves: the other person sees them go, and the call object is done', async ({ browser, request }) => {
  const room = await createRoom(request);
  const ada = await openHostPage(browser, site);
  await createFrame(ada, { url: roomUrl(room.name) });
  await ada.page.evaluate(() => window.call.join({ userName: 'Ada' }));
  const bob = await newPerson(browser);
  await bob.page.goto(`/${room.name}`);
  await joinCall(bob.page, 'Bob');
  await expectVideoDecoding(bob.page, 'Ada');
  await expect.poll(async () => (await eventsOf(ada, 'participant-joined')).map((e) => e.participant.user_name)).toEqual(['Bob']);

  await ada.page.evaluate(() => window.call.destroy());
  await expect(ada.page.locator('iframe')).toHaveCount(0);
  expect(await ada.page.evaluate(() => window.call.isDestroyed())).toBe(true);
  // Ada left the call (not just vanished): Bob's grid drops her tile.
  await expect(remoteTile(bob.page, 'Ada')).toHaveCount(0);
  // Nothing hangs on a destroyed call: a method that needs the frame rejects.
  const afterwards = await ada.page.evaluate(() =>
    // A throw counts as a refusal too (daily-js throws on use after destroy); only hanging or resolving fails.
    Promise.resolve()
      .then(() => window.call.join())
      .then(
        () => 'resolved',
        (e: unknown) => `rejected: ${e instanceof Error ? e.message : String(e)}`,
      ),
  );
  expect(afterwards).toMatch(/^rejected: ./);
  await Promise.all([ada.close(), bob.close()]);
});

test('destroy() while a knock waits: the pending requestAccess rejects and the owner\'s waiting list drops the guest', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const { owner } = await ownerInFrame(browser, request, room.name);
  const guest = await guestKnocksInFrame(browser, room.name, 'Gone');
  const id = await waitingIdOf(owner, 'Gone');
  expect(await outcome(guest, 'knock')).toBe('pending');

  await guest.page.evaluate(() => window.call.destroy());
  await expect.poll(() => outcome(guest, 'knock')).toMatchObject({ rejected: expect.stringMatching(/./) });
  await expect(guest.page.locator('iframe')).toHaveCount(0);
  await expectKnockGone(owner, id);
  await Promise.all([owner.close(), guest.close()]);
});

test('the /embed-demo page runs under Foyer\'s CSP: Join puts it in a room, the log shows the events, Mic off takes effect', async ({ browser, request }) => {
  const room = await createRoom(request);
  const dev = await newPerson(browser);
  const refused: string[] = [];
  dev.page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  dev.page.on('pageerror', (e) => refused.push(String(e)));
  await dev.page.goto('/embed-demo');
  // It defaults to npm start's demo room.
  await expect(dev.page.getByLabel('Room URL')).toHaveValue(roomUrl('demo'));
  await dev.page.getByLabel('Room URL').fill(roomUrl(room.name));
  await dev.page.getByLabel('Your name').fill('Dee');
  await dev.page.getByRole('button', { name: 'Join', exact: true }).click();

  await expect(dev.page.locator('#meeting-state')).toHaveText('joined-meeting');
  await expect(dev.page.locator('#log [data-name="joined-meeting"]')).toHaveCount(1);
  await expect(dev.page.locator('#log [data-name="join() → resolved"]')).toHaveCount(1);
  await expect(dev.page.locator('#participants')).toContainText('Dee');
  await expect(dev.page.frameLocator('#frame iframe').getByTestId('call')).toHaveAttribute('data-connection', 'connected');
  await expect(dev.page.locator('#local-audio')).toHaveText('true');
  await dev.page.getByRole('button', { name: 'Mic off' }).click();
  await expect(dev.page.locator('#local-audio')).toHaveText('false');
  await expect(dev.page.frameLocator('#frame iframe').locator('[data-testid="tile"][data-local="true"]')).toHaveAttribute('data-mic', 'off');
  expect(refused).toEqual([]);
  await dev.close();
});
