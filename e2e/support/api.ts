/** The operator REST API, as the tests' set-up uses it. */
import { expect, type APIRequestContext } from '@playwright/test';
import { SignJWT } from 'jose';
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

/**
 * Signs a meeting token here, as an operator may (HS256 with the API key, Daily's short claims:
 * `r` room, `exp`, `nbf`, `o` owner, `u` name), so a test can make one already expired or not yet valid.
 */
export function signToken(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(E2E_API_KEY));
}

/** What the door says right now to someone opening the bare room link (the SPA's own preauth call). */
export async function preauthError(request: APIRequestContext, room: string) {
  const res = await request.post(`/api/rooms/${encodeURIComponent(room)}/preauth`, { data: {} });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { error?: { type: string; detail?: string } }).error;
}
