/** GET /domains/by-name/<team> and DELETE …/user/<email>, over the real app. */
import { describe, expect, it } from 'vitest';
import { addMember, BASE, legacyError, legacyOk, send, t, TEAM, useLegacyApp } from './legacy-test-app.ts';

useLegacyApp();

describe('GET /domains/by-name/<team>', () => {
  it('answers the team in that era\'s shape: name, invite link, rooms, users keyed by email with their role', async () => {
    await addMember('ada@example.com', 'Ada Lovelace');
    await addMember('grace@example.com', 'Grace Hopper');
    legacyOk(await send('POST', `${BASE}/room`, { name: 'standup' }));
    legacyOk(await t.api('POST', '/v1/rooms', { name: 'made-by-v1', privacy: 'public' }));

    const body = legacyOk(await send('GET', BASE));
    expect(body).toEqual({
      name: TEAM,
      teamInviteLink: await t.app.team.inviteLink(),
      rooms: expect.arrayContaining([{ name: 'standup' }, { name: 'made-by-v1' }]),
      users: {
        'ada@example.com': { email: 'ada@example.com', name: 'Ada Lovelace', role: 'owner' },
        'grace@example.com': { email: 'grace@example.com', name: 'Grace Hopper', role: 'member' },
      },
    });
    expect(body.rooms).toHaveLength(2);
    expect(body.teamInviteLink).toMatch(/\/\?tk=/);
  });

  it('lists every room, past the store\'s pages of 100', async () => {
    for (let i = 0; i < 130; i++) await t.store.createRoom({ id: `id-${i}`, name: `r${i}`, api_created: true, privacy: 'org', created_at: new Date().toISOString(), config: {} });
    const body = legacyOk(await send('GET', BASE));
    expect(new Set(body.rooms.map((r: { name: string }) => r.name)).size).toBe(130);
    expect(body.users).toEqual({});
  });

  it('refuses another team\'s name with the right one (HTTP 200, {error: {message}})', async () => {
    const message = legacyError(await send('GET', '/domains/by-name/acme'));
    expect(message).toBe(`no team named "acme" here; this deployment's team is "${TEAM}": use /domains/by-name/${TEAM}`);
  });
});

describe('DELETE /domains/by-name/<team>/user/<email>', () => {
  it('removes the member and ends their sessions at once: {deleted: "true"}', async () => {
    await addMember('ada@example.com');
    const { sessionId } = await addMember('grace@example.com', 'Grace Hopper');
    expect((await t.app.team.member(sessionId))?.email).toBe('grace@example.com');

    expect(legacyOk(await send('DELETE', `${BASE}/user/grace@example.com`))).toEqual({ deleted: 'true' });
    expect(await t.app.team.member(sessionId)).toBeNull();
    expect(Object.keys(legacyOk(await send('GET', BASE)).users)).toEqual(['ada@example.com']);
  });

  it('takes the email in any case, percent-encoded or not', async () => {
    await addMember('ada+team@example.com');
    expect(legacyOk(await send('DELETE', `${BASE}/user/${encodeURIComponent('Ada+Team@Example.com')}`))).toEqual({ deleted: 'true' });
    expect(await t.store.team.members()).toEqual([]);
  });

  it('refuses an unknown user, naming where the users are listed', async () => {
    await addMember('ada@example.com');
    const message = legacyError(await send('DELETE', `${BASE}/user/nobody@example.com`));
    expect(message).toBe(`no user with the email "nobody@example.com" in team "${TEAM}"; GET /domains/by-name/${TEAM} lists its users`);
    expect(await t.store.team.members()).toHaveLength(1);
  });

  it('refuses an email longer than an email can be, and another team\'s path, removing nobody', async () => {
    await addMember('ada@example.com');
    expect(legacyError(await send('DELETE', `${BASE}/user/${'a'.repeat(300)}@example.com`))).toMatch(/1 to 254 characters/);
    expect(legacyError(await send('DELETE', '/domains/by-name/acme/user/ada@example.com'))).toMatch(/no team named "acme"/);
    expect(await t.store.team.members()).toHaveLength(1);
  });
});
