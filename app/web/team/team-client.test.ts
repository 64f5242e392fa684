import { afterEach, describe, expect, it, vi } from 'vitest';
import { TeamApiError, teamApi } from './team-client.ts';

const answer = (status: number, body: string) => vi.fn(async (_url: string, _init?: RequestInit) => new Response(body, { status, headers: { 'content-type': 'application/json' } }));

afterEach(() => vi.unstubAllGlobals());

describe('teamApi', () => {
  it('POSTs JSON from this origin (the CSRF guard wants both), and GETs me with the cookie', async () => {
    const fetch = answer(200, '{"member":null}');
    vi.stubGlobal('fetch', fetch);
    await teamApi.signinOptions();
    await teamApi.me();
    expect(fetch.mock.calls).toEqual([
      ['/api/team/signin/options', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' }],
      ['/api/team/me', { credentials: 'same-origin' }],
    ]);
  });

  it("a refusal keeps the server's type and reason; a body that is not JSON still becomes an error by its status", async () => {
    vi.stubGlobal('fetch', answer(409, '{"error":"conflict-error","info":"in English","reason":"email-taken"}'));
    const refused = await teamApi.signupOptions({ inviteCode: 'c', name: 'A', email: 'a@b.c' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 409, error: 'conflict-error', reason: 'email-taken' });
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    const proxy = await teamApi.me().catch((e: unknown) => e);
    expect(proxy).toBeInstanceOf(TeamApiError);
    expect(proxy).toMatchObject({ status: 502, error: 'http-error', reason: undefined });
  });

  it('no answer at all is status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    await expect(teamApi.me()).rejects.toMatchObject({ status: 0, error: 'network-error' });
  });

  it('the invite code travels encoded in the path', async () => {
    const fetch = answer(200, '{"valid":true,"team":"t"}');
    vi.stubGlobal('fetch', fetch);
    await teamApi.checkInvite('a/b?c');
    expect(fetch.mock.calls[0]![0]).toBe('/api/team/invite/a%2Fb%3Fc');
  });
});
