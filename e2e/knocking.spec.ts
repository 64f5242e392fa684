/** Private rooms with knocking: Ask to join, the owner's Allow/Deny toast, and every path around them. */
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { createRoom, createToken, deleteRoom, updateRoom } from './support/api.ts';
import { connectedToLivekit, expectVideoDecoding, liveCaptureTracks, joinCall, newPerson, remoteTile, type Person } from './support/call.ts';
import { guestKnocks, knockingRoom, ownerInCall } from './support/knock.ts';
import { markAppearance, markClick, markFirstRemoteFrame, readMark } from './support/timing.ts';

const toast = (p: Person) => p.page.getByTestId('knock-toast');

test('a token holder joins a private knocking room straight in', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const token = await createToken(request, { room_name: room.name, user_name: 'Tess' });
  const holder = await newPerson(browser);
  await holder.page.goto(`/${room.name}?t=${token}`);
  await expect(holder.page.getByTestId('join-button')).toHaveText('Join');
  await joinCall(holder.page);
  await holder.close();
});

test('guest knocks, owner allows: the guest is in the call and both see each other', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const guest = await newPerson(browser);
  await guest.page.goto(`/${room.name}`);
  await guest.page.getByTestId('name-input').fill('Gus');
  await markClick(guest.page, '[data-testid="join-button"]', 'ask');
  await markAppearance(owner.page, '[data-testid="knock-toast"]', 'toast');
  await guest.page.getByTestId('join-button').click();

  await expect(toast(owner)).toContainText('Gus wants to join');
  // While waiting, the guest's camera preview is still live, and nothing of the call reached them.
  await expect.poll(() => guest.page.getByTestId('preview-video').evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  expect(connectedToLivekit(guest)).toBe(false);
  const knockToToast = (await readMark(owner.page, 'toast'))! - (await readMark(guest.page, 'ask'))!;

  await markClick(owner.page, '.toast button', 'allow');
  await markFirstRemoteFrame(guest.page, 'first-frame');
  await toast(owner).getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await expect(toast(owner)).toHaveCount(0);
  await expectVideoDecoding(guest.page, 'Olivia');
  await expectVideoDecoding(owner.page, 'Gus');
  await expect.poll(() => readMark(guest.page, 'first-frame')).toBeGreaterThan(0);
  const allowToVideo = (await readMark(guest.page, 'first-frame'))! - (await readMark(owner.page, 'allow'))!;
  console.log(`[figures] knock → owner toast: ${knockToToast} ms; Allow → first remote video frame: ${allowToVideo} ms`);
  await Promise.all([owner.close(), guest.close()]);
});

test('guest knocks, owner denies: the guest is told plainly and never connected to LiveKit', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const guest = await guestKnocks(browser, room.name, 'Dan');
  await toast(owner).getByRole('button', { name: 'Deny' }).click();
  await expect(guest.page.getByTestId('access-screen').getByRole('heading')).toHaveText('Your request to join was denied');
  await expect(guest.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'not-allowed');
  await expect(guest.page.getByTestId('access-error')).toHaveAttribute('data-error-detail', 'join-request-rejected');
  await expect(toast(owner)).toHaveCount(0);
  expect(connectedToLivekit(guest)).toBe(false);
  await expect(remoteTile(owner.page, 'Dan')).toHaveCount(0);
  await expect.poll(() => liveCaptureTracks(guest.page)).toEqual([]);

  // Reloading lets them knock again.
  await guest.page.reload();
  await guest.page.getByTestId('name-input').fill('Dan');
  await guest.page.getByTestId('join-button').click();
  await expect(toast(owner)).toContainText('Dan wants to join');
  await Promise.all([owner.close(), guest.close()]);
});

test('two guests knock at once: the owner sees both and Allow all admits both', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const [ann, ben] = await Promise.all([guestKnocks(browser, room.name, 'Ann'), guestKnocks(browser, room.name, 'Ben')]);
  await expect(toast(owner)).toContainText('2 people want to join');
  await toast(owner).getByRole('button', { name: 'See who' }).click();
  // Two simultaneous knocks arrive in either order: compare as a set.
  await expect.poll(async () => (await toast(owner).getByTestId('knock-name').allInnerTexts()).sort()).toEqual(['Ann', 'Ben']);
  await toast(owner).getByRole('button', { name: 'Allow all' }).click();
  await expect(ann.page.getByTestId('call')).toBeVisible();
  await expect(ben.page.getByTestId('call')).toBeVisible();
  await expect(remoteTile(owner.page, 'Ann')).toBeVisible();
  await expect(remoteTile(owner.page, 'Ben')).toBeVisible();
  await expect(toast(owner)).toHaveCount(0);
  await Promise.all([owner.close(), ann.close(), ben.close()]);
});

test('Allow all admits only the people the owner saw, not someone who knocked as they clicked', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await newPerson(browser);
  // Between the owner's page and the server: while `holding`, news of new knocks is held back, so the
  // toast shows Ann and Ben while Carl is already waiting on the server (the race, made certain).
  let holding = false;
  const held: string[] = [];
  let toOwner: WebSocketRoute | undefined;
  await owner.page.routeWebSocket(/\/lobby$/, (ws) => {
    toOwner = ws;
    const server = ws.connectToServer();
    ws.onMessage((m) => server.send(m));
    server.onMessage((m) => {
      if (holding && typeof m === 'string' && JSON.parse(m).type === 'waiting-participant-added') held.push(m);
      else ws.send(m);
    });
  });
  const token = await createToken(request, { room_name: room.name, is_owner: true, user_name: 'Olivia' });
  await owner.page.goto(`/${room.name}?t=${token}`);
  await joinCall(owner.page);

  const ann = await guestKnocks(browser, room.name, 'Ann');
  const ben = await guestKnocks(browser, room.name, 'Ben');
  await expect(toast(owner)).toContainText('2 people want to join');
  holding = true;
  const carl = await guestKnocks(browser, room.name, 'Carl');
  await expect.poll(() => held.length).toBe(1);
  await expect(toast(owner)).toHaveAttribute('data-count', '2');

  await toast(owner).getByRole('button', { name: 'Allow all' }).click();
  await expect(ann.page.getByTestId('call')).toBeVisible();
  await expect(ben.page.getByTestId('call')).toBeVisible();
  // Now the owner hears of Carl and turns him away. Had Allow all covered him ('*'), he would be in the
  // call already and the Deny would change nothing.
  holding = false;
  for (const m of held.splice(0)) toOwner!.send(m);
  await expect(toast(owner)).toContainText('Carl wants to join');
  await toast(owner).getByRole('button', { name: 'Deny' }).click();
  await expect(carl.page.getByTestId('access-screen').getByRole('heading')).toHaveText('Your request to join was denied');
  expect(connectedToLivekit(carl)).toBe(false);
  await Promise.all([owner.close(), ann.close(), ben.close(), carl.close()]);
});

test('two owners both see the knock; when one allows, the other\'s toast closes', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const olivia = await ownerInCall(browser, request, room.name, 'Olivia');
  const oscar = await ownerInCall(browser, request, room.name, 'Oscar');
  const guest = await guestKnocks(browser, room.name, 'Gil');
  await expect(toast(olivia)).toContainText('Gil wants to join');
  await expect(toast(oscar)).toContainText('Gil wants to join');
  await toast(olivia).getByRole('button', { name: 'Allow' }).click();
  await expect(toast(oscar)).toHaveCount(0);
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await expect(remoteTile(oscar.page, 'Gil')).toBeVisible();
  await Promise.all([olivia.close(), oscar.close(), guest.close()]);
});

test('a participant who is not an owner never sees a knock', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const memberToken = await createToken(request, { room_name: room.name, user_name: 'Mia' });
  const member = await newPerson(browser);
  await member.page.goto(`/${room.name}?t=${memberToken}`);
  await joinCall(member.page);
  const guest = await guestKnocks(browser, room.name, 'Gwen');
  await expect(toast(owner)).toContainText('Gwen wants to join');
  await expect(toast(member)).toHaveCount(0);
  await toast(owner).getByRole('button', { name: 'Allow' }).click();
  await expect(remoteTile(member.page, 'Gwen')).toBeVisible();
  await expect(toast(member)).toHaveCount(0);
  // The member never even opened the lobby channel.
  expect(member.sockets.some((url) => url.includes('/lobby'))).toBe(false);
  await Promise.all([owner.close(), member.close(), guest.close()]);
});

test('a guest who closes the tab while waiting leaves the owner\'s toast', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const guest = await guestKnocks(browser, room.name, 'Gone');
  await expect(toast(owner)).toContainText('Gone wants to join');
  await guest.page.close();
  await expect(toast(owner)).toHaveCount(0);
  await Promise.all([owner.close(), guest.close()]);
});

test('a guest who cancels leaves the waiting list and can ask again', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const owner = await ownerInCall(browser, request, room.name);
  const guest = await guestKnocks(browser, room.name, 'Cara');
  await expect(toast(owner)).toContainText('Cara wants to join');
  await guest.page.getByTestId('cancel-knock').click();
  await expect(toast(owner)).toHaveCount(0);
  await expect(guest.page.getByTestId('join-button')).toHaveText('Ask to join');
  await guest.page.getByTestId('join-button').click();
  await expect(toast(owner)).toContainText('Cara wants to join');
  await Promise.all([owner.close(), guest.close()]);
});

test('a guest who knocks before the host arrives is told so; the host then sees them and allows', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const guest = await guestKnocks(browser, room.name, 'Early');
  await expect(guest.page.getByTestId('host-not-here')).toBeVisible();
  const owner = await ownerInCall(browser, request, room.name);
  await expect(toast(owner)).toContainText('Early wants to join');
  await expect(guest.page.getByTestId('host-not-here')).toHaveCount(0);
  await toast(owner).getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await expectVideoDecoding(guest.page, 'Olivia');
  await Promise.all([owner.close(), guest.close()]);
});

test('public → private: people inside stay; a new visitor gets the lobby, or the private screen without knocking', async ({ browser, request }) => {
  const room = await createRoom(request);
  const inside = await newPerson(browser);
  await inside.page.goto(`/${room.name}`);
  await joinCall(inside.page, 'Ivy');
  const other = await newPerson(browser);
  await other.page.goto(`/${room.name}`);
  await joinCall(other.page, 'Otto');
  await expectVideoDecoding(inside.page, 'Otto');

  await updateRoom(request, room.name, { privacy: 'private', properties: { enable_knocking: true } });
  const knocker = await newPerson(browser);
  await knocker.page.goto(`/${room.name}`);
  await expect(knocker.page.getByTestId('join-button')).toHaveText('Ask to join');

  await updateRoom(request, room.name, { properties: { enable_knocking: false } });
  const stranger = await newPerson(browser);
  await stranger.page.goto(`/${room.name}`);
  await expect(stranger.page.getByTestId('access-error')).toHaveAttribute('data-error-detail', 'room-private');

  // Those inside were never removed and still receive media.
  await expect(inside.page.getByTestId('call')).toBeVisible();
  await expectVideoDecoding(inside.page, 'Otto');
  await Promise.all([inside.close(), other.close(), knocker.close(), stranger.close()]);
});

test('knocking turned off while a guest waits tells them the room is private', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const guest = await guestKnocks(browser, room.name, 'Wes');
  await updateRoom(request, room.name, { properties: { enable_knocking: false } });
  await expect(guest.page.getByTestId('access-error')).toHaveAttribute('data-error-detail', 'room-private');
  await expect(guest.page.getByTestId('access-screen').getByRole('heading')).toHaveText('This room is private');
  await guest.close();
});

test('deleting the room while a guest waits tells them the room is gone', async ({ browser, request }) => {
  const room = await knockingRoom(request);
  const guest = await guestKnocks(browser, room.name, 'Del');
  await deleteRoom(request, room.name);
  await expect(guest.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'no-room');
  await guest.close();
});

test('with the prejoin turned off, a named guest knocks on arrival', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private', properties: { enable_knocking: true, enable_prejoin_ui: false } });
  const ownerToken = await createToken(request, { room_name: room.name, is_owner: true, user_name: 'Olivia' });
  const owner = await newPerson(browser);
  await owner.page.goto(`/${room.name}?t=${ownerToken}`);
  await expect(owner.page.getByTestId('call')).toBeVisible();
  const guest = await newPerson(browser);
  await guest.page.goto(`/${room.name}?name=Nora`);
  await expect(guest.page.getByTestId('waiting')).toBeVisible();
  await expect(toast(owner)).toContainText('Nora wants to join');
  await toast(owner).getByRole('button', { name: 'Allow' }).click();
  await expect(guest.page.getByTestId('call')).toBeVisible();
  await Promise.all([owner.close(), guest.close()]);
});

test('a room made private while someone is on the prejoin: Join turns into Ask to join', async ({ browser, request }) => {
  const room = await createRoom(request);
  const visitor = await newPerson(browser);
  await visitor.page.goto(`/${room.name}`);
  await visitor.page.getByTestId('name-input').fill('Vic');
  await expect(visitor.page.getByTestId('join-button')).toHaveText('Join');
  await updateRoom(request, room.name, { privacy: 'private', properties: { enable_knocking: true } });
  await visitor.page.getByTestId('join-button').click();
  await expect(visitor.page.getByTestId('join-button')).toHaveText('Ask to join');
  await expect(visitor.page.getByTestId('join-error')).toBeVisible();
  expect(connectedToLivekit(visitor)).toBe(false);
  await visitor.close();
});
