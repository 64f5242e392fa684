/**
 * The dashboard's rooms over the app (fake LiveKit): the list, newest first, with who is in each call
 * and who waits in each lobby (names only); create, change and delete through the room service, with
 * exactly `/v1/rooms`' refusals.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { newRoom } from '../rooms/rooms.ts';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { ORIGIN, t, useTeamApp } from '../team/team-test-app.ts';
import { D, joinCall, knock, ownerAndMember, v1Room } from './dashboard-test-app.ts';

useTeamApp();

/** The room as /v1 shows it. */
const v1 = async (name: string) => expectOk(await t.api('GET', `/v1/rooms/${name}`));

describe('the rooms list', () => {
  it('shows the newest rooms first, at most 100, and how many there are in all', async () => {
    const { asMember } = await ownerAndMember();
    // Straight into the store: 102 creations through /v1 would pass its per-key budget.
    for (let i = 1; i <= 102; i++) {
      await t.store.createRoom(newRoom({ name: `room-${i}` }, t.clock.now));
      t.clock.now += 1;
    }
    const list = expectOk(await asMember.get(D.rooms));
    expect(list.total).toBe(102);
    expect(list.rooms).toHaveLength(100);
    expect(list.rooms[0].name).toBe('room-102');
    expect(list.rooms[99].name).toBe('room-3');
  });

  it('shows each room as the contract says: privacy, knocking, plain link, creation time, nobody in yet', async () => {
    const { asMember } = await ownerAndMember();
    const created = await v1Room('standup', { privacy: 'org', properties: { enable_knocking: true } });
    await v1Room('open');
    const { rooms } = expectOk(await asMember.get(D.rooms));
    expect(rooms).toEqual([
      { name: 'open', privacy: 'public', knocking: false, url: `${ORIGIN}/open`, created_at: expect.any(String), inCall: [], waiting: [] },
      { name: 'standup', privacy: 'org', knocking: true, url: `${ORIGIN}/standup`, created_at: created.created_at, inCall: [], waiting: [] },
    ]);
  });

  it('shows who is in the call now (name, owner, join time) and who waits in the lobby, by name only', async () => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup', { privacy: 'private', properties: { enable_knocking: true } });
    await v1Room('quiet');
    const joinedAt = t.clock.now;
    const ada = await joinCall('standup', { name: 'Ada', owner: true });
    t.clock.now += 5;
    await joinCall('standup', { name: null });
    const leaving = await joinCall('standup', { name: 'Gone Soon' });
    t.clock.now += 5;
    const waitingId = await knock('standup', 'Carol at the door');
    // Someone who left is no longer shown.
    await leave('standup', leaving);
    const res = await asMember.get(D.rooms);
    const standup = expectOk(res).rooms.find((r: { name: string }) => r.name === 'standup');
    expect(standup.inCall).toEqual([
      { name: 'Ada', owner: true, joinedAt },
      { name: null, owner: false, joinedAt: joinedAt + 5 },
    ]);
    expect(standup.waiting).toEqual([{ name: 'Carol at the door', since: joinedAt + 10 }]);
    expect(expectOk(res).rooms.find((r: { name: string }) => r.name === 'quiet')).toMatchObject({ inCall: [], waiting: [] });
    // Names and times only: no LiveKit identity, waiting id or anything else that could grant something.
    for (const secret of [ada, leaving, waitingId, 'hash-']) expect(res.body).not.toContain(secret);
  });
});

/** Someone leaves the call (LiveKit's participant_left, as the meetings record takes it). */
async function leave(roomName: string, identity: string) {
  const room = (await t.store.getRoom(roomName))!;
  const meeting = (await t.store.meetingRecords.openMeeting(room.id))!;
  const session = (await t.store.meetingRecords.sessionsOf([meeting.id])).find((s) => s.participantId === identity)!;
  await t.store.meetingRecords.transaction(() => t.store.meetingRecords.closeSession(session.sessionSid, t.clock.now, false));
}

/** The same request's refusal from /v1 and from the dashboard: same status, type and sentence. */
function sameRefusal(dashboard: LightMyRequestResponse, v1res: LightMyRequestResponse, status: number, type: string) {
  const ours = expectError(dashboard, status, type);
  const theirs = expectError(v1res, status, type);
  expect(ours.info).toBe(theirs.info);
}

describe('create, change and delete, through the room service', () => {
  it('creates a room as asked (name, privacy, knocking) and /v1 sees it as it would its own', async () => {
    const { asMember } = await ownerAndMember();
    const { room } = expectOk(await asMember.post(D.rooms, { name: 'standup', privacy: 'org', knocking: true }));
    expect(room).toEqual({ name: 'standup', privacy: 'org', knocking: true, url: `${ORIGIN}/standup`, created_at: new Date(t.clock.now * 1000).toISOString(), inCall: [], waiting: [] });
    expect(await v1('standup')).toMatchObject({ name: 'standup', privacy: 'org', api_created: true, config: { enable_knocking: true } });
  });

  it('generates an unguessable name when none is given', async () => {
    const { asMember } = await ownerAndMember();
    const { room } = expectOk(await asMember.post(D.rooms, { privacy: 'private', knocking: false }));
    expect(room.name).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(room).toMatchObject({ privacy: 'private', knocking: false });
    expect(await t.store.getRoom(room.name)).not.toBeNull();
  });

  it('refuses what /v1/rooms refuses, with the same words: bad, reserved, taken names; nothing is created', async () => {
    const { asMember } = await ownerAndMember();
    await v1Room('taken');
    for (const name of ['', 'has space', 'x'.repeat(129), 'dashboard', 'embed-demo', 'taken']) {
      sameRefusal(
        await asMember.post(D.rooms, { name, privacy: 'public', knocking: false }),
        await t.api('POST', '/v1/rooms', { name, privacy: 'public', properties: { enable_knocking: false } }),
        400, 'invalid-request-error',
      );
    }
    expect((await t.store.listRooms({ limit: 100, now: t.clock.now })).data.map((r) => r.name)).toEqual(['taken']);
  });

  it('changes privacy and knocking, one or both; the rest of the room stays', async () => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup', { properties: { max_participants: 7 } });
    expect(expectOk(await asMember.post(D.room('standup'), { privacy: 'private' })).room).toMatchObject({ privacy: 'private', knocking: false });
    expect(expectOk(await asMember.post(D.room('standup'), { knocking: true })).room).toMatchObject({ privacy: 'private', knocking: true });
    expect(expectOk(await asMember.post(D.room('standup'), { privacy: 'org', knocking: false })).room).toMatchObject({ privacy: 'org', knocking: false });
    expect(expectOk(await asMember.post(D.room('standup'), {})).room).toMatchObject({ privacy: 'org', knocking: false });
    expect(await v1('standup')).toMatchObject({ privacy: 'org', config: { enable_knocking: false, max_participants: 7 } });
  });

  it('a change reaches those waiting: a room made public lets its lobby go (the lobby hears of it)', async () => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup', { privacy: 'private', properties: { enable_knocking: true } });
    const heard: string[] = [];
    const original = t.app.lobby.roomChanged.bind(t.app.lobby);
    t.app.lobby.roomChanged = (room, deleted) => {
      heard.push(`${room.name}:${room.privacy}${deleted ? ':deleted' : ''}`);
      return original(room, deleted);
    };
    expectOk(await asMember.post(D.room('standup'), { privacy: 'public' }));
    expectOk(await asMember.delete(D.room('standup')));
    expect(heard).toEqual(['standup:public', 'standup:public:deleted']);
  });

  it('refuses a change or deletion of an unknown room as /v1 does (404), and a delete ends the call first', async () => {
    const { asMember } = await ownerAndMember();
    sameRefusal(await asMember.post(D.room('nope'), { privacy: 'private' }), await t.api('POST', '/v1/rooms/nope', { privacy: 'private' }), 404, 'not-found');
    sameRefusal(await asMember.delete(D.room('nope')), await t.api('DELETE', '/v1/rooms/nope'), 404, 'not-found');
    await v1Room('standup');
    expect(expectOk(await asMember.delete(D.room('standup')))).toEqual({ deleted: true });
    expect(await t.store.getRoom('standup')).toBeNull();
    expectError(await t.api('GET', '/v1/rooms/standup'), 404, 'not-found');
  });

  it('deletes nothing when the call cannot be ended (LiveKit down): 503, and the room stays', async () => {
    const { asMember } = await ownerAndMember();
    await v1Room('standup');
    t.livekit.down = true;
    expectError(await asMember.delete(D.room('standup')), 503, 'server-error');
    expect(await t.store.getRoom('standup')).not.toBeNull();
    t.livekit.down = false;
    expectOk(await asMember.delete(D.room('standup')));
  });
});
