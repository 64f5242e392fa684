import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

const client = { kind: 'client' as const, value: '10.0.0.7' };
const user = { kind: 'user' as const, value: 'user-9' };

describe('the meeting store', () => {
  it('records how someone joined, per room and identity', async () => {
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_a', banKeys: [client], joinedAt: 100 });
    expect(await store.meetings.callParticipant('r1', 'p_a')).toEqual({ roomId: 'r1', identity: 'p_a', banKeys: [client], joinedAt: 100 });
    expect(await store.meetings.callParticipant('r2', 'p_a')).toBeNull();
  });

  it('bans per room, by any of the keys; unban takes them back; banning twice is fine', async () => {
    await store.meetings.ban('r1', [client, user], 100);
    await store.meetings.ban('r1', [client], 101);
    expect(await store.meetings.isBanned('r1', [user])).toBe(true);
    expect(await store.meetings.isBanned('r1', [{ kind: 'token', value: 'x' }, client])).toBe(true);
    expect(await store.meetings.isBanned('r2', [client])).toBe(false);
    expect(await store.meetings.isBanned('r1', [])).toBe(false);
    // The same value under another kind is another key.
    expect(await store.meetings.isBanned('r1', [{ kind: 'token', value: '10.0.0.7' }])).toBe(false);
    await store.meetings.unban('r1', [client, user]);
    expect(await store.meetings.isBanned('r1', [client, user])).toBe(false);
  });

  it('endMeeting forgets the room\'s bans, promotions and join records, and only that room\'s', async () => {
    for (const roomId of ['r1', 'r2']) {
      await store.meetings.recordJoin({ roomId, identity: 'p_a', banKeys: [client], joinedAt: 100 });
      await store.meetings.ban(roomId, [client], 100);
      await store.meetings.promote(roomId, 'p_a');
    }
    await store.meetings.endMeeting('r1');
    expect([await store.meetings.callParticipant('r1', 'p_a'), await store.meetings.isBanned('r1', [client]), await store.meetings.isPromoted('r1', 'p_a')]).toEqual([null, false, false]);
    expect([await store.meetings.callParticipant('r2', 'p_a') !== null, await store.meetings.isBanned('r2', [client]), await store.meetings.isPromoted('r2', 'p_a')]).toEqual([true, true, true]);
  });

  it('prune forgets join records older than the cut-off', async () => {
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_old', banKeys: [client], joinedAt: 100 });
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_new', banKeys: [client], joinedAt: 200 });
    await store.meetings.prune(150);
    expect(await store.meetings.callParticipant('r1', 'p_old')).toBeNull();
    expect(await store.meetings.callParticipant('r1', 'p_new')).not.toBeNull();
  });

  it('keeps a removal on schedule with the join, lists every one due, soonest first', async () => {
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_a', banKeys: [client], joinedAt: 100, removal: { at: 900, reason: 'elapsed' } });
    await store.meetings.recordJoin({ roomId: 'r2', identity: 'p_b', banKeys: [client], joinedAt: 100, removal: { at: 500, reason: 'room-expired' } });
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_c', banKeys: [client], joinedAt: 100 });
    expect((await store.meetings.callParticipant('r1', 'p_a'))?.removal).toEqual({ at: 900, reason: 'elapsed' });
    expect(await store.meetings.callParticipant('r1', 'p_c')).not.toHaveProperty('removal');
    expect((await store.meetings.scheduledRemovals()).map((r) => [r.identity, r.removal])).toEqual([
      ['p_b', { at: 500, reason: 'room-expired' }],
      ['p_a', { at: 900, reason: 'elapsed' }],
    ]);
    await store.meetings.forgetJoin('r2', 'p_b');
    expect((await store.meetings.scheduledRemovals()).map((r) => r.identity)).toEqual(['p_a']);
  });

  it('prune keeps an old join whose removal is still due', async () => {
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_due', banKeys: [client], joinedAt: 100, removal: { at: 400, reason: 'token-expired' } });
    await store.meetings.recordJoin({ roomId: 'r1', identity: 'p_past', banKeys: [client], joinedAt: 100, removal: { at: 120, reason: 'elapsed' } });
    await store.meetings.prune(150);
    expect(await store.meetings.callParticipant('r1', 'p_due')).not.toBeNull();
    expect(await store.meetings.callParticipant('r1', 'p_past')).toBeNull();
  });

  it('finds a room by id (the LiveKit room name)', async () => {
    await store.createRoom({ id: 'id-1', name: 'standup', api_created: true, privacy: 'public', created_at: new Date(0).toISOString(), config: {} });
    expect((await store.roomById('id-1'))?.name).toBe('standup');
    expect(await store.roomById('standup')).toBeNull();
  });
});
