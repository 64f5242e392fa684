/** The operator REST API, as the tests' set-up uses it. */
import { expect, type APIRequestContext } from '@playwright/test';
import { E2E_API_KEY } from '../../playwright.config.ts';

const auth = { Authorization: `Bearer ${E2E_API_KEY}` };
let counter = 0;

/** A unique room name per test, so tests never share a call. */
export const uniqueRoomName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter++}`;

export async function createRoom(request: APIRequestContext, body: Record<string, unknown> = {}) {
  const res = await request.post('/v1/rooms', { headers: auth, data: { name: uniqueRoomName('room'), ...body } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { id: string; name: string; url: string };
}

export async function updateRoom(request: APIRequestContext, name: string, body: Record<string, unknown>) {
  const res = await request.post(`/v1/rooms/${name}`, { headers: auth, data: body });
  expect(res.status(), await res.text()).toBe(200);
}

export async function createToken(request: APIRequestContext, properties: Record<string, unknown>) {
  const res = await request.post('/v1/meeting-tokens', { headers: auth, data: { properties } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

export async function deleteRoom(request: APIRequestContext, name: string) {
  const res = await request.delete(`/v1/rooms/${name}`, { headers: auth });
  expect(res.status(), await res.text()).toBe(200);
}
