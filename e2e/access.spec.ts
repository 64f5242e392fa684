/** Every refusal reachable now shows its own screen and never connects to LiveKit. */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { SignJWT } from 'jose';
import { createRoom, createToken, uniqueRoomName } from './support/api.ts';
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
      const room = await createRoom(request, { properties: { exp: now() + 2 } });
      // The room expires two seconds after it is made; wait for the server's clock to pass it.
      await expect.poll(() => now(), { timeout: 5000 }).toBeGreaterThan(now() + 2);
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
      const token = await createToken(request, { room_name: room.name, exp: now() + 2 });
      await expect.poll(() => now(), { timeout: 5000 }).toBeGreaterThan(now() + 2);
      return `/${room.name}?t=${token}`;
    },
    type: 'exp-token',
    title: 'This meeting link has expired',
  },
  {
    name: 'token before nbf',
    setup: async (request) => {
      const room = await createRoom(request, { privacy: 'private' });
      return `/${room.name}?t=${await createToken(request, { room_name: room.name, nbf: now() + 3600 })}`;
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

test('a room before nbf: Try again asks the server again', async ({ browser, request }) => {
  const room = await createRoom(request, { properties: { nbf: now() + 3 } });
  const person = await newPerson(browser);
  await person.page.goto(`/${room.name}`);
  await expect(person.page.getByTestId('access-error')).toHaveAttribute('data-error-type', 'nbf-room');
  await expect(async () => {
    await person.page.getByRole('button', { name: 'Try again' }).click();
    await expect(person.page.getByTestId('prejoin')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await person.close();
});
