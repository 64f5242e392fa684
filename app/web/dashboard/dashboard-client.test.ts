import { afterEach, describe, expect, it, vi } from 'vitest';
import { DashboardApiError, dashboardApi } from './dashboard-client.ts';

const answer = (status: number, body: string) => vi.fn(async (_url: string, _init?: RequestInit) => new Response(body, { status, headers: { 'content-type': 'application/json' } }));
const json = { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' } };

afterEach(() => vi.unstubAllGlobals());

describe('dashboardApi', () => {
  it('GETs with the cookie; POSTs and DELETEs are JSON from this origin (the CSRF guard wants JSON on every change)', async () => {
    const fetch = answer(200, '{}');
    vi.stubGlobal('fetch', fetch);
    await dashboardApi.rooms();
    await dashboardApi.createRoom({ privacy: 'org', knocking: true });
    await dashboardApi.deleteRoom('a b');
    await dashboardApi.roomLink('r1', true);
    await dashboardApi.removeMember('ada@example.com');
    await dashboardApi.rotateInvite();
    expect(fetch.mock.calls).toEqual([
      ['/api/team/dashboard/rooms', { credentials: 'same-origin' }],
      ['/api/team/dashboard/rooms', { ...json, body: '{"privacy":"org","knocking":true}' }],
      ['/api/team/dashboard/rooms/a%20b', { ...json, method: 'DELETE', body: '{}' }],
      ['/api/team/dashboard/rooms/r1/link', { ...json, body: '{"owner":true}' }],
      ['/api/team/dashboard/members/ada%40example.com', { ...json, method: 'DELETE', body: '{}' }],
      ['/api/team/dashboard/invite/rotate', { ...json, body: '{}' }],
    ]);
  });

  it("a refusal keeps the server's type and info; a body that is not JSON still becomes an error by its status", async () => {
    vi.stubGlobal('fetch', answer(400, '{"error":"invalid-request-error","info":"name must be at most 128 characters"}'));
    await expect(dashboardApi.createRoom({ name: 'x', privacy: 'public', knocking: false })).rejects.toMatchObject({
      status: 400,
      error: 'invalid-request-error',
      info: 'name must be at most 128 characters',
    });
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    const proxy = await dashboardApi.team().catch((e: unknown) => e);
    expect(proxy).toBeInstanceOf(DashboardApiError);
    expect(proxy).toMatchObject({ status: 502, error: 'http-error', info: 'HTTP 502' });
  });

  it('no answer at all is status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(dashboardApi.team()).rejects.toMatchObject({ status: 0, error: 'network-error' });
  });
});
