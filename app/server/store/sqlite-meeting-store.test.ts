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
  it('records how someone joined, per room and identity', () => {
    store.meetings.recordJoin({ roomId: 'r1', identity: 'p_a', banKeys: [client], joinedAt: 100 });
    expect(store.meetings.callParticipant('r1', 'p_a')).toEqual({ roomId: 'r1', identity: 'p_a', banKeys: [client], joinedAt: 100 });
    expect(store.meetings.callParticipant('r2', 'p_a')).toBeNull();
  });

  it('bans per room, by any of the keys; unban takes them back; banning twice is fine', () => {
    store.meetings.ban('r1', [client, user], 100);
    store.meetings.ban('r1', [client], 101);
    expect(store.meetings.isBanned('r1', [user])).toBe(true);
    expect(store.meetings.isBanned('r1', [{ kind: 'token', value: 'x' }, client])).toBe(true);
    expect(store.meetings.isBanned('r2', [client])).toBe(false);
    expect(store.meetings.isBanned('r1', [])).toBe(false);
    // The same value under another kind is another key.
    expect(store.meetings.isBanned('r1', [{ kind: 'token', value: '10.0.0.7' }])).toBe(false);
    store.meetings.unban('r1', [client, user]);
    expect(store.meetings.isBanned('r1', [client, user])).toBe(false);
  });

  it('endMeeting forgets the room\'s bans, promotions and join records, and only that room\'s', () => {
    for (const roomId of ['r1', 'r2']) {
      store.meetings.recordJoin({ roomId, identity: 'p_a', banKeys: [client], joinedAt: 100 });
      store.meetings.ban(roomId, [client], 100);
      store.meetings.promote(roomId, 'p_a');
    }
    store.meetings.endMeeting('r1');
    expect([store.meetings.callParticipant('r1', 'p_a'), store.meetings.isBanned('r1', [client]), store.meetings.isPromoted('r1', 'p_a')]).toEqual([null, false, false]);
    expect([store.meetings.callParticipant('r2', 'p_a') !== null, store.meetings.isBanned('r2', [client]), store.meetings.isPromoted('r2', 'p_a')]).toEqual([true, true, true]);
  });

  it('prune forgets join records older than the cut-off', () => {
    store.meetings.recordJoin({ roomId: 'r1', identity: 'p_old', banKeys: [client], joinedAt: 100 });
    store.meetings.recordJoin({ roomId: 'r1', identity: 'p_new', banKeys: [client], joinedAt: 200 });
    store.meetings.prune(150);
    expect(store.meetings.callParticipant('r1', 'p_old')).toBeNull();
    expect(store.meetings.callParticipant('r1', 'p_new')).not.toBeNull();
  });

  it('finds a room by id (the LiveKit room name)', () => {
    store.createRoom({ id: 'id-1', name: 'standup', api_created: true, privacy: 'public', created_at: new Date(0).toISOString(), config: {} });
    expect(store.roomById('id-1')?.name).toBe('standup');
    expect(store.roomById('standup')).toBeNull();
  });
});
