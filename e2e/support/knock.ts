/** Knocking set-ups shared by specs: a private knocking room, its owner in the call, a guest waiting. */
import { expect, type APIRequestContext, type Browser } from '@playwright/test';
import { createRoom, createToken } from './api.ts';
import { joinCall, newPerson, type Person } from './call.ts';

export function knockingRoom(request: APIRequestContext, properties: Record<string, unknown> = {}) {
  return createRoom(request, { privacy: 'private', properties: { enable_knocking: true, ...properties } });
}

/** An owner (meeting token with is_owner) who joined the call. */
export async function ownerInCall(browser: Browser, request: APIRequestContext, room: string, name = 'Olivia'): Promise<Person> {
  const token = await createToken(request, { room_name: room, is_owner: true, user_name: name });
  const owner = await newPerson(browser);
  await owner.page.goto(`/${room}?t=${token}`);
  await joinCall(owner.page);
  return owner;
}

/** A guest without a token who pressed Ask to join and sees the waiting screen. */
export async function guestKnocks(browser: Browser, room: string, name: string): Promise<Person> {
  const guest = await newPerson(browser);
  await guest.page.goto(`/${room}`);
  await expect(guest.page.getByTestId('join-button')).toHaveText('Ask to join');
  await guest.page.getByTestId('name-input').fill(name);
  await guest.page.getByTestId('join-button').click();
  await expect(guest.page.getByTestId('waiting')).toContainText('Waiting for the host to let you in');
  return guest;
}
