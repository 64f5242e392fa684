/** Every refusal reachable now shows its own screen and never connects to LiveKit. */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SignJWT } from 'jose';
import { createRoom, createToken, preauthError, signToken, uniqueRoomName, updateRoom } from './support/api.ts';
import { connectedToLivekit, newPerson } from './support/call.ts';

const now = () => Math.floor(Date.now() / 1000);

interface Case {
  name: string;
  /** Returns the path to open. */
  setup(request: APIRequestContext): Promise<string>;
  type: string;
  detail?: string;
  title: string;
}

const cases: Case[] = [
  { name: 'no such room', setup: async () => `/${uniqueRoomName('missing')}`, type: 'no-room', title: "This room doesn't exist" },
  {
    name: 'expired room',
    setup: async (request) => {
      // The API only takes an exp in the future (fractional seconds allowed): half a second ahead, then
      // wait until the server itself answers that the room has expired, not for a guessed time.
      const room = await createRoom(request, { properties: { exp: Date.now() / 1000 + 0.5 } });
      await expect.poll(async () => (await preauthError(request, room.name))?.type).toBe('exp-room');
      return `/${room.name}`;
    },
    type: 'exp-room',
    title: 'This call is no longer available',
  },
  {
    name: 'room before nbf',
    setup: async (request) => `/${(await createRoom(request, { properties: { nbf: now() + 3600 } })).name}`,
    type: 'nbf-room',
    title: "This call hasn't started yet",
  },
  {
    name: 'forged token',
    setup: async (request) => {
      const room = await createRoom(request, { privacy: 'private' });
      const forged = await new SignJWT({ r: room.name, o: true }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-api-key'));
      return `/${room.name}?t=${forged}`;
    },
    type: 'not-allowed',
    detail: 'token-invalid',
    title: 'This meeting link is not valid',
  },
  {
    name: 'malformed token',
    setup: async (request) => `/${(await createRoom(request, { privacy: 'private' })).name}?t=not-a-token`,
    type: 'not-allowed',
    detail: 'token-invalid',
    title: 'This meeting link is not valid',
  },
  {
    name: 'expired token',
    setup: async (request) => {
      const room = await createRoom(request, { privacy: 'private' });
      // Signed here as an operator may, with exp already past, so nothing waits for the clock.
      return `/${room.name}?t=${await signToken({ r: room.name, exp: now() - 60 })}`;
    },
    type: 'exp-token',
    title: 'This meeting link has expired',
  },
  {
    name: 'token before nbf',
    setup: async (request) => {
      const room = await createRoom(request, { privacy: 'private' });
      return `/${room.name}?t=${await signToken({ r: room.name, nbf: now() + 3600 })}`;
    },
    type: 'nbf-token',
    title: "This meeting link isn't valid yet",
  },
  {
    name: 'token for another room',
    setup: async (request) => {
      const room = await createRoom(request, { privacy: 'private' });
      const other = await createRoom(request);
      return `/${room.name}?t=${await createToken(request, { room_name: other.name, is_owner: true })}`;
    },
    type: 'not-allowed',
    detail: 'token-wrong-room',
    title: 'This meeting link is for a different room',
  },
  {
    name: 'private room without knocking',
    setup: async (request) => `/${(await createRoom(request, { privacy: 'private' })).name}`,
    type: 'not-allowed',
    detail: 'room-private',
    title: 'This room is private',
  },
];

for (const c of cases) {
  test(`refusal: ${c.name}`, async ({ browser, request }) => {
    const path = await c.setup(request);
    const person = await newPerson(browser);
    await person.page.goto(path);
    const screen = person.page.getByTestId('access-screen');
    await expect(screen.getByRole('heading')).toHaveText(c.title);
    const error = person.page.getByTestId('access-error');
    await expect(error).toHaveAttribute('data-error-type', c.type);
    await expect(error).toHaveAttribute('data-error-detail', c.detail ?? '');
    expect(person.page.url()).not.toContain('t=');
    await expect(person.page.getByTestId('prejoin')).toHaveCount(0);
    expect(connectedToLivekit(person)).toBe(false);
    await person.close();
  });
}

test('a bad token in a public room offers to continue as a guest, and that works', async ({ browser, request }) => {
  const room = await createRoom(request);
  const person = await newPerson(browser);
  await person.page.goto(`/${room.name}?t=garbage`);
  await expect(person.page.getByTestId('access-error')).toHaveAttribute('data-error-detail', 'token-invalid');
  await person.page.getByRole('button', { name: 'Continue as a guest' }).click();
  await expect(person.page.getByTestId('prejoin')).toBeVisible();
  await person.close();
});

test('a room before nbf: once the host starts it, Try again gets in', async ({ browser, request }) => {
  const room = await createRoom(request, { properties: { nbf: now() + 3600 } });
  const person = await newPerson(browser);
  await person.page.goto(`/${room.name}`);
  await expect(person.page.getByTestId('access-screen').getByRole('heading')).toHaveText("This call hasn't started yet");
  await expect(person.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'nbf-room');
  // The operator moves the start to now (null restores the default: no nbf).
  await updateRoom(request, room.name, { properties: { nbf: null } });
  await person.page.getByRole('button', { name: 'Try again' }).click();
  await expect(person.page.getByTestId('prejoin')).toBeVisible();
  await person.close();
});

test('a link not valid yet: Try again in the same tab asks again with the same link', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private' });
  const token = await signToken({ r: room.name, nbf: now() + 3600 });
  const person = await newPerson(browser);
  await person.page.goto(`/${room.name}?t=${token}`);
  await expect(person.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'nbf-token');
  // The link is forgotten for later loads of the bare URL, but this page keeps it for Try again.
  const retried = person.page.waitForRequest((r) => r.url().endsWith('/preauth'));
  await person.page.getByRole('button', { name: 'Try again' }).click();
  expect((await retried).postDataJSON()).toEqual({ token });
  await expect(person.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'nbf-token');
  await person.close();
});

const refusedLinks: { name: string; token(room: string, other: string): Promise<string>; bare: 'knock' | 'private' }[] = [
  { name: 'damaged link', token: async () => 'not-a-token', bare: 'knock' },
  { name: 'forged link', token: async (room) => forge(room), bare: 'private' },
  { name: 'link for another room', token: (_room, other) => signToken({ r: other }), bare: 'knock' },
  { name: 'expired link', token: (room) => signToken({ r: room, exp: now() - 60 }), bare: 'private' },
  { name: 'link not valid yet', token: (room) => signToken({ r: room, nbf: now() + 3600 }), bare: 'knock' },
];

const forge = (room: string) =>
  new SignJWT({ r: room, o: true }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('not-the-api-key'));

for (const c of refusedLinks) {
  test(`a refused link is forgotten: after the ${c.name}, the bare room link offers what it offers anyone`, async ({ browser, request }) => {
    const room = await createRoom(request, { privacy: 'private', properties: { enable_knocking: c.bare === 'knock' } });
    const other = await createRoom(request);
    const person = await newPerson(browser);
    await person.page.goto(`/${room.name}?t=${await c.token(room.name, other.name)}`);
    await expect(person.page.getByTestId('access-screen')).toBeVisible();
    expect(await person.page.getByTestId('access-error').getAttribute('data-error-detail')).not.toBe('room-private');

    await person.page.goto(`/${room.name}`);
    if (c.bare === 'knock') {
      await expect(person.page.getByTestId('join-button')).toHaveText('Ask to join');
    } else {
      await expect(person.page.getByTestId('access-error')).toHaveAttribute('data-error-detail', 'room-private');
      await expect(person.page.getByTestId('access-screen').getByRole('heading')).toHaveText('This room is private');
    }
    await person.close();
  });
}

test('an accepted link is still kept for a reload in the same tab', async ({ browser, request }) => {
  const room = await createRoom(request, { privacy: 'private' });
  const person = await newPerson(browser);
  await person.page.goto(`/${room.name}?t=${await createToken(request, { room_name: room.name, user_name: 'Rae' })}`);
  await expect(person.page.getByTestId('prejoin')).toBeVisible();
  await person.page.goto(`/${room.name}`);
  await expect(person.page.getByTestId('name-input')).toHaveValue('Rae');
  await person.close();
});
