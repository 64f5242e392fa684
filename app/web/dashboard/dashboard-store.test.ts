import { describe, expect, it, vi } from 'vitest';
import { createDashboardStore, type CopyText } from './dashboard-store.ts';
import { fakeDashboardApi, member, refusal, room } from './testing/fake-dashboard-api.ts';

const copied: CopyText = async () => true;

async function loaded(opts: Parameters<typeof fakeDashboardApi>[0] = {}, copy: CopyText = copied) {
  const fake = fakeDashboardApi({ rooms: [room('standup'), room('retro')], ...opts });
  const store = createDashboardStore(fake.api, copy);
  await store.getState().refresh();
  return { ...fake, store, s: () => store.getState() };
}

describe('the dashboard store: loading', () => {
  it('loads the team and its rooms', async () => {
    const { s } = await loaded();
    expect(s().view).toEqual({ name: 'ready' });
    expect(s().team?.name).toBe('example.com');
    expect(s().rooms.map((r) => r.name)).toEqual(['standup', 'retro']);
    expect(s().total).toBe(2);
  });

  it('no session (401): the signed-out screen, and it stops asking', async () => {
    const { s, sent } = await loaded({ fail: { team: refusal(401, 'authentication-error', 'not signed in') } });
    expect(s().view).toEqual({ name: 'signed-out' });
    const before = sent.length;
    await s().refresh();
    expect(sent.length).toBe(before);
  });

  it('a first load that fails says why in words (with the server’s info), and Try again loads', async () => {
    const { s, state } = await loaded({ fail: { rooms: refusal(503, 'server-error', 'database busy') } });
    expect(s().view).toEqual({ name: 'failed', problem: { key: 'error.server', detail: 'database busy' } });
    state.fail = {};
    await s().refresh();
    expect(s().view).toEqual({ name: 'ready' });
  });

  it('a later refresh that fails keeps the list and says it may be out of date; the next one clears that', async () => {
    const { s, state } = await loaded();
    state.fail = { rooms: refusal(0, 'network-error', 'Failed to fetch') };
    await s().refresh();
    expect(s().view.name).toBe('ready');
    expect(s().rooms).toHaveLength(2);
    expect(s().stale).toEqual({ key: 'error.network' });
    state.fail = {};
    await s().refresh();
    expect(s().stale).toBeNull();
  });

  it('refreshes asked for while one is under way share it', async () => {
    const { s, sent } = await loaded();
    sent.length = 0;
    await Promise.all([s().refresh(), s().refresh(), s().refresh()]);
    expect(sent.map(([name]) => name)).toEqual(['team', 'rooms']);
  });

  it('who is in the call and who is waiting come from the server on each refresh', async () => {
    const { s, state } = await loaded();
    state.rooms[0]!.inCall = [{ name: 'Ada', owner: true, joinedAt: 1 }];
    state.rooms[0]!.waiting = [{ name: 'Bob', since: 2 }];
    await s().refresh();
    expect(s().rooms[0]).toMatchObject({ inCall: [{ name: 'Ada', owner: true }], waiting: [{ name: 'Bob' }] });
  });
});

describe('the dashboard store: actions', () => {
  it('creates a room: first in the list, said, and the form may clear', async () => {
    const { s, sent } = await loaded();
    expect(await s().createRoom({ name: 'design', privacy: 'private', knocking: true })).toBe(true);
    expect(sent).toContainEqual(['createRoom', { name: 'design', privacy: 'private', knocking: true }]);
    expect(s().rooms[0]).toMatchObject({ name: 'design', privacy: 'private', knocking: true });
    expect(s().total).toBe(3);
    expect(s().said).toEqual({ key: 'dashboard.said.created', name: 'design' });
    expect(s().busy).toEqual({});
  });

  it("a refused create says why where it was asked, with the server's words, and keeps the form", async () => {
    const { s } = await loaded({ fail: { createRoom: refusal(400, 'invalid-request-error', 'standup already exists') } });
    expect(await s().createRoom({ name: 'standup', privacy: 'org', knocking: false })).toBe(false);
    expect(s().problem).toEqual({ target: 'create', problem: { key: 'dashboard.problem.refused', detail: 'standup already exists' } });
    expect(s().rooms).toHaveLength(2);
  });

  it('a change shows at once, and is undone when the server refuses it', async () => {
    const { s, state } = await loaded();
    state.fail = { updateRoom: refusal(400, 'invalid-request-error', 'no') };
    const pending = s().updateRoom('retro', { privacy: 'public' });
    expect(s().rooms[1]).toMatchObject({ name: 'retro', privacy: 'public' });
    await pending;
    expect(s().rooms[1]).toMatchObject({ name: 'retro', privacy: 'org' });
    expect(s().problem?.target).toBe('room:retro');
  });

  it('changes privacy and knocking in place; a room gone meanwhile says so on that room', async () => {
    const { s, state } = await loaded();
    await s().updateRoom('retro', { privacy: 'public' });
    expect(s().rooms[1]).toMatchObject({ name: 'retro', privacy: 'public' });
    state.rooms = state.rooms.filter((r) => r.name !== 'retro');
    await s().updateRoom('retro', { knocking: true });
    expect(s().problem).toEqual({ target: 'room:retro', problem: { key: 'dashboard.problem.gone', detail: 'room retro not found' } });
  });

  it('deletes a room; a refresh that was under way does not bring it back', async () => {
    const { s, api } = await loaded();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const rooms = api.rooms;
    // A poll that read the list before the delete, and answers after it.
    const slow = vi.fn(async () => {
      const before = await rooms();
      await gate;
      return before;
    });
    // The store keeps the api object it was made with: swap the fake's method on it.
    (api as { rooms: typeof api.rooms }).rooms = slow;
    const poll = s().refresh();
    await vi.waitFor(() => expect(slow).toHaveBeenCalled());
    await s().deleteRoom('standup');
    release();
    await poll;
    expect(s().rooms.map((r) => r.name)).toEqual(['retro']);
    expect(s().said).toEqual({ key: 'dashboard.said.deleted', name: 'standup' });
  });

  it('an owner link is minted, copied and shown with its expiry; when the clipboard refuses it is shown to copy by hand', async () => {
    const { s } = await loaded();
    await s().copyRoomLink('standup', true);
    expect(s().link).toEqual({ target: 'room:standup', kind: 'owner', url: 'http://localhost:3000/standup?t=owner-token', expiresAt: 1_800_000_000, copied: true });
    const refused = await loaded({}, async () => false);
    await refused.s().copyRoomLink('retro', false);
    expect(refused.s().link).toMatchObject({ target: 'room:retro', kind: 'guest', copied: false });
    refused.s().dismissLink();
    expect(refused.s().link).toBeNull();
  });

  it('copies the invite link; an owner makes a new one (copied at once), a member is refused in words', async () => {
    const copy = vi.fn(async () => true);
    const { s } = await loaded({}, copy);
    await s().copyInvite();
    expect(copy).toHaveBeenLastCalledWith('http://localhost:3000/?tk=one');
    await s().rotateInvite();
    expect(s().team?.inviteLink).toBe('http://localhost:3000/?tk=two');
    expect(s().link).toMatchObject({ target: 'invite', kind: 'invite', url: 'http://localhost:3000/?tk=two' });
    const asMember = await loaded({ me: member, fail: { rotateInvite: refusal(403, 'forbidden', 'only a team owner can do this') } });
    await asMember.s().rotateInvite();
    expect(asMember.s().problem).toEqual({ target: 'invite', problem: { key: 'dashboard.problem.forbidden', detail: 'only a team owner can do this' } });
  });

  it('removes a member from the list', async () => {
    const { s } = await loaded();
    await s().removeMember(member.email);
    expect(s().team?.members.map((m) => m.email)).toEqual(['olive@example.com']);
    expect(s().said).toEqual({ key: 'dashboard.said.removed', name: member.email });
  });

  it('a session that ended (removed, signed out elsewhere) during an action: the signed-out screen', async () => {
    const { s } = await loaded({ fail: { deleteRoom: refusal(401, 'authentication-error', 'not signed in') } });
    await s().deleteRoom('standup');
    expect(s().view).toEqual({ name: 'signed-out' });
  });
});
