import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TeamApiError } from './team-client.ts';
import { ada, fakeTeamApi } from './testing/fake-team-api.ts';
import { firstView } from './use-team.ts';

const kept = new Map<string, string>();
beforeEach(() => {
  kept.clear();
  kept.set('foyer.invite', 'code');
  vi.stubGlobal('window', { sessionStorage: { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => kept.set(k, v), removeItem: (k: string) => kept.delete(k) } });
});
afterEach(() => vi.unstubAllGlobals());

describe('firstView', () => {
  it('a member already signed in gets the home page, invite or not, without the invite being checked', async () => {
    const { api, sent } = fakeTeamApi();
    await expect(firstView(api, 'code')).resolves.toEqual({ name: 'home', member: ada });
    expect(sent.map(([name]) => name)).toEqual(['me']);
  });

  it("no one signed in: the invite's sign-up form with the team's name, else the home page with Sign in", async () => {
    await expect(firstView(fakeTeamApi({ signedIn: null }).api, 'code')).resolves.toEqual({ name: 'signup', team: 'example.com' });
    await expect(firstView(fakeTeamApi({ signedIn: null }).api, undefined)).resolves.toEqual({ name: 'home', member: null });
    expect(kept.get('foyer.invite')).toBe('code');
  });

  it('an invite code that is not the current one says so, and is forgotten for this tab', async () => {
    await expect(firstView(fakeTeamApi({ signedIn: null, inviteValid: false }).api, 'code')).resolves.toEqual({ name: 'invite-invalid' });
    expect(kept.has('foyer.invite')).toBe(false);
  });

  it('a server that cannot answer rejects (the screen offers Try again)', async () => {
    const { api } = fakeTeamApi({ fail: { me: new TeamApiError(0, 'network-error', 'down') } });
    await expect(firstView(api, undefined)).rejects.toMatchObject({ status: 0 });
  });
});
