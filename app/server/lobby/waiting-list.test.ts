import { beforeEach, describe, expect, it } from 'vitest';
import type { LobbyStore } from '../store/lobby-store.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { expireWaiting, secretHash, toWaitingParticipant, WaitingList, type AddResult, type WaitingEntry, type WaitingListLimits } from './waiting-list.ts';

const T = 1_735_689_600;
const ROOM = 'room-1';
const limits: WaitingListLimits = { maxWaiting: 3, maxWaitingPerClient: 100, maxWaitSeconds: 900, graceSeconds: 5 };
const from = { clientKey: '10.0.0.1' };

let store: Store;
let lobbyStore: LobbyStore;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  lobbyStore = store.lobby;
});

/** A waiting list over the real (in-memory SQLite) store. */
const waitingList = (more: Partial<WaitingListLimits> = {}, roomId = ROOM) => new WaitingList(lobbyStore, roomId, { ...limits, ...more });

function added(result: AddResult): WaitingEntry {
  if (!result.ok) throw new Error(`expected the knock to be added, got ${result.error}: ${result.info}`);
  return result.entry;
}

/** The entry and the resume key its guest got. */
function knocked(result: AddResult): { entry: WaitingEntry; resumeKey: string } {
  if (!result.ok) throw new Error(`expected the knock to be added, got ${result.error}: ${result.info}`);
  return { entry: result.entry, resumeKey: result.resumeKey };
}

const names = (list: WaitingList) => list.list().map((e) => e.name);

describe('WaitingList.add', () => {
  it('adds a knock with the trimmed name, the time it arrived, who knocked and when the wait ends', () => {
    const list = waitingList();
    const entry = added(list.add('  Ada Lovelace \t', T, from));
    expect(entry.name).toBe('Ada Lovelace');
    expect(entry.since).toBe(T);
    expect(entry.roomId).toBe(ROOM);
    expect(entry.clientKey).toBe('10.0.0.1');
    expect(entry.expiresAt).toBe(T + limits.maxWaitSeconds);
    expect(entry.goneAt).toBeUndefined();
    expect(entry.meetingToken).toBeUndefined();
    expect(list.size).toBe(1);
    expect(list.get(entry.id)).toEqual(entry);
  });

  it('keeps the knocking token, when there is one', () => {
    const list = waitingList();
    const entry = added(list.add('Ada', T, { ...from, meetingToken: 'eyJ.raw.token' }));
    expect(entry.meetingToken).toBe('eyJ.raw.token');
    expect(list.get(entry.id)?.meetingToken).toBe('eyJ.raw.token');
  });

  it('accepts names of exactly 1 and 64 characters (64 counted in code points)', () => {
    const list = waitingList({ maxWaiting: 10 });
    expect(added(list.add('A', T, from)).name).toBe('A');
    expect(added(list.add('x'.repeat(64), T, from)).name).toBe('x'.repeat(64));
    expect(added(list.add('😀'.repeat(64), T, from)).name).toBe('😀'.repeat(64));
  });

  it.each([
    ['empty', ''],
    ['only spaces', '   '],
    ['65 characters', 'x'.repeat(65)],
    ['a control character', 'Ada\u0007'],
    ['a newline inside', 'Ada\nLovelace'],
    ['a DEL', 'Ada\u007f'],
    ['a line separator', 'Ada\u2028B'],
    ['a number', 42],
    ['undefined', undefined],
    ['null', null],
  ])('refuses %s as invalid-name, adding nothing', (_label, name) => {
    const list = waitingList();
    const result = list.add(name, T, from);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe('invalid-name');
    expect(result.info.length).toBeGreaterThan(0);
    expect(list.size).toBe(0);
    expect(list.list()).toEqual([]);
  });

  it('refuses a knock past maxWaiting with lobby-full and a clear info, changing nothing', () => {
    const list = waitingList();
    const before = ['A', 'B', 'C'].map((n, i) => added(list.add(n, T + i, from)));
    const snapshot = list.list().map((e) => ({ ...e }));
    const result = list.add('D', T + 10, from);
    expect(result).toEqual({ ok: false, error: 'lobby-full', info: expect.stringContaining('3') });
    if (!result.ok) expect(result.info).toMatch(/waiting/);
    expect(list.size).toBe(3);
    expect(list.list()).toEqual(snapshot);
    expect(list.list().map((e) => e.id)).toEqual(before.map((e) => e.id));
  });

  it('takes a knock again once a place is free', () => {
    const list = waitingList();
    const [a] = ['A', 'B', 'C'].map((n) => added(list.add(n, T, from)));
    expect(list.add('D', T, from).ok).toBe(false);
    list.leave(a!.id);
    expect(added(list.add('D', T, from)).name).toBe('D');
    expect(list.size).toBe(3);
  });

  it('caps the places one client holds, across rooms, with too-many-waiting; other clients are not affected', () => {
    const one = waitingList({ maxWaiting: 10, maxWaitingPerClient: 2 });
    const two = waitingList({ maxWaiting: 10, maxWaitingPerClient: 2 }, 'room-2');
    added(one.add('A1', T, { clientKey: 'client-a' }));
    const a2 = added(two.add('A2', T, { clientKey: 'client-a' }));
    const refused = one.add('A3', T, { clientKey: 'client-a' });
    expect(refused).toEqual({ ok: false, error: 'too-many-waiting', info: expect.stringContaining('2') });
    expect(one.size + two.size).toBe(2);
    expect(added(one.add('B1', T, { clientKey: 'client-b' })).name).toBe('B1');
    // A place given back (answered, left, expired) can be taken again.
    two.leave(a2.id);
    expect(added(one.add('A3', T, { clientKey: 'client-a' })).name).toBe('A3');
  });

  it('gives every knock a distinct, random-looking id and resume key, and keeps only the key\'s hash', () => {
    const list = waitingList({ maxWaiting: 500, maxWaitingPerClient: 500 });
    const knocks = Array.from({ length: 300 }, () => knocked(list.add('Same Name', T, from)));
    const ids = new Set(knocks.map((k) => k.entry.id));
    const keys = new Set(knocks.map((k) => k.resumeKey));
    expect(ids.size).toBe(300);
    expect(keys.size).toBe(300);
    for (const { entry, resumeKey } of knocks) {
      expect(entry.id).toMatch(/^[A-Za-z0-9_-]{12,}$/);
      // At least 128 bits of base64url for the secret that takes a place back.
      expect(resumeKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(resumeKey).not.toContain(entry.id);
      expect(ids.has(resumeKey)).toBe(false);
      expect(entry.resumeKeyHash).toBe(secretHash(resumeKey));
      expect(Object.values(list.get(entry.id)!)).not.toContain(resumeKey);
    }
  });
});

describe('WaitingList.list', () => {
  it('lists in knock order, whatever the order of insertion', () => {
    const list = waitingList({ maxWaiting: 10 });
    added(list.add('Second', T + 2, from));
    added(list.add('First', T + 1, from));
    added(list.add('Third', T + 3, from));
    expect(names(list)).toEqual(['First', 'Second', 'Third']);
  });

  it('keeps insertion order for knocks in the same second', () => {
    const list = waitingList({ maxWaiting: 10 });
    for (const n of ['A', 'B', 'C', 'D']) added(list.add(n, T, from));
    expect(names(list)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('returns a copy: changing the array does not change the list', () => {
    const list = waitingList();
    added(list.add('A', T, from));
    list.list().pop();
    expect(list.size).toBe(1);
  });

  it('holds only its own room: another room\'s list over the same store is separate', () => {
    const one = waitingList();
    const two = waitingList({}, 'room-2');
    const a = added(one.add('Ada', T, from));
    added(two.add('Bob', T, from));
    expect(names(one)).toEqual(['Ada']);
    expect(names(two)).toEqual(['Bob']);
    expect(two.get(a.id)).toBeUndefined();
    expect(two.answer(a.id, true)).toEqual({ outcome: 'no-op' });
    expect(two.leave(a.id)).toBeUndefined();
    expect(one.get(a.id)?.name).toBe('Ada');
  });
});

describe('WaitingList.rename', () => {
  it('changes the name (trimmed), keeping id, place and time', () => {
    const list = waitingList();
    const a = added(list.add('A', T, from));
    added(list.add('B', T + 1, from));
    const result = list.rename(a.id, '  Ada  ');
    expect(result).toEqual({ ok: true, entry: expect.objectContaining({ id: a.id, name: 'Ada', since: T, resumeKeyHash: a.resumeKeyHash }) });
    expect(names(list)).toEqual(['Ada', 'B']);
  });

  it('refuses an invalid new name, keeping the old one', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    for (const bad of ['', ' ', 'x'.repeat(65), 'A\u0000', 7]) {
      const result = list.rename(a.id, bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBe('invalid-name');
    }
    expect(list.get(a.id)?.name).toBe('Ada');
  });

  it('refuses to rename someone not waiting', () => {
    const list = waitingList();
    const result = list.rename('nobody', 'Ada');
    expect(result.ok).toBe(false);
    expect(list.size).toBe(0);
  });

  it('works even when the list is full (a rename takes no new place; the knock budget is the lobby\'s)', () => {
    const list = waitingList();
    const [a] = ['A', 'B', 'C'].map((n) => added(list.add(n, T, from)));
    expect(list.rename(a!.id, 'Ada').ok).toBe(true);
    expect(list.get(a!.id)?.name).toBe('Ada');
  });
});

describe('WaitingList.answer', () => {
  it('grant removes the entry and returns it as granted', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    const b = added(list.add('Bob', T, from));
    expect(list.answer(a.id, true)).toEqual({ outcome: 'granted', entry: a });
    expect(list.get(a.id)).toBeUndefined();
    expect(list.list()).toEqual([b]);
  });

  it('deny removes the entry and returns it as denied', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    expect(list.answer(a.id, false)).toEqual({ outcome: 'denied', entry: a });
    expect(list.size).toBe(0);
  });

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('first answer wins: %s then %s, the second is a no-op', (first, second) => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    const other = added(list.add('Bob', T, from));
    expect(list.answer(a.id, first).outcome).toBe(first ? 'granted' : 'denied');
    expect(list.answer(a.id, second)).toEqual({ outcome: 'no-op' });
    expect(list.list()).toEqual([other]);
  });

  it('first answer wins across two lists over one store (two owners, or two processes)', () => {
    const a = added(waitingList().add('Ada', T, from));
    expect(waitingList().answer(a.id, true).outcome).toBe('granted');
    expect(waitingList().answer(a.id, false)).toEqual({ outcome: 'no-op' });
  });

  it('an unknown id is a no-op and changes nothing', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    expect(list.answer('unknown', true)).toEqual({ outcome: 'no-op' });
    expect(list.answer('', false)).toEqual({ outcome: 'no-op' });
    expect(list.list()).toEqual([a]);
  });

  it('answering someone who left is a no-op', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    list.leave(a.id);
    expect(list.answer(a.id, true)).toEqual({ outcome: 'no-op' });
  });
});

describe('WaitingList.leave', () => {
  it('removes the entry and returns it', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    const b = added(list.add('Bob', T, from));
    expect(list.leave(a.id)).toEqual(a);
    expect(list.list()).toEqual([b]);
  });

  it('returns undefined for someone not waiting', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    expect(list.leave('nobody')).toBeUndefined();
    expect(list.leave(a.id)).toEqual(a);
    expect(list.leave(a.id)).toBeUndefined();
    expect(list.size).toBe(0);
  });
});

describe('WaitingList drop, resume and expire', () => {
  it('a dropped guest back within the grace period gets the same entry, goneAt cleared', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    list.dropped(a.id, T + 10);
    expect(list.get(a.id)?.goneAt).toBe(T + 10 + limits.graceSeconds);
    const back = list.resume(resumeKey, T + 13);
    expect(back).toEqual(a);
    expect(back?.goneAt).toBeUndefined();
    expect(list.list()).toEqual([a]);
  });

  it('resume works up to exactly graceSeconds after the drop', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    list.dropped(a.id, T);
    expect(list.resume(resumeKey, T + 5)).toEqual(a);
  });

  it('resume fails after the grace period', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    list.dropped(a.id, T);
    expect(list.resume(resumeKey, T + 5.001)).toBeUndefined();
    expect(list.resume(resumeKey, T + 60)).toBeUndefined();
    expect(list.get(a.id)?.goneAt).toBe(T + 5);
  });

  it('resume needs the exact resume key (not the id, not its hash, not another guest key)', () => {
    const list = waitingList();
    const { entry: a, resumeKey: aKey } = knocked(list.add('Ada', T, from));
    const { entry: b, resumeKey: bKey } = knocked(list.add('Bob', T, from));
    list.dropped(a.id, T);
    expect(list.resume(a.id, T + 1)).toBeUndefined();
    expect(list.resume(a.resumeKeyHash, T + 1)).toBeUndefined();
    expect(list.resume(bKey, T + 1)).toEqual(b);
    expect(list.resume('', T + 1)).toBeUndefined();
    expect(list.resume(aKey.slice(1), T + 1)).toBeUndefined();
    expect(list.get(a.id)?.goneAt).toBe(T + 5);
  });

  it('resume is for this room only', () => {
    const { resumeKey } = knocked(waitingList().add('Ada', T, from));
    expect(waitingList({}, 'room-2').resume(resumeKey, T + 1)).toBeUndefined();
    expect(waitingList().resume(resumeKey, T + 1)?.name).toBe('Ada');
  });

  it('the resume key also works while the old connection still looks open (it may be half-open)', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    expect(list.resume(resumeKey, T + 1)).toEqual(a);
  });

  it('a resumed entry is live again: it no longer expires, and can be resumed again', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    list.dropped(a.id, T);
    expect(list.resume(resumeKey, T + 1)).toEqual(a);
    expect(expireWaiting(lobbyStore, T + 100)).toEqual([]);
    list.dropped(a.id, T + 200);
    expect(list.resume(resumeKey, T + 201)).toEqual(a);
  });

  it('dropped on an unknown id changes nothing', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T, from));
    list.dropped('nobody', T);
    expect(list.get(a.id)?.goneAt).toBeUndefined();
    expect(expireWaiting(lobbyStore, T + 100)).toEqual([]);
  });

  it('expire removes only entries dropped longer than the grace period, and returns them', () => {
    const list = waitingList({ maxWaiting: 10 });
    const connected = added(list.add('Connected', T, from));
    const old = added(list.add('Old', T, from));
    const recent = added(list.add('Recent', T, from));
    const edge = added(list.add('Edge', T, from));
    list.dropped(old.id, T + 1);
    list.dropped(recent.id, T + 8);
    list.dropped(edge.id, T + 5);
    const gone = expireWaiting(lobbyStore, T + 10);
    expect(gone).toEqual([{ entry: { ...old, goneAt: T + 6 }, reason: 'gone' }]);
    expect(list.list().map((e) => e.id)).toEqual([connected.id, recent.id, edge.id]);
    // Edge was dropped exactly graceSeconds ago at T + 10: still kept; a moment later it goes.
    expect(expireWaiting(lobbyStore, T + 10.5).map((g) => g.entry.id)).toEqual([edge.id]);
    expect(expireWaiting(lobbyStore, T + 100).map((g) => g.entry.id)).toEqual([recent.id]);
    expect(list.list()).toEqual([connected]);
  });

  it('a resumed entry does not expire', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    list.dropped(a.id, T);
    list.resume(resumeKey, T + 2);
    expect(expireWaiting(lobbyStore, T + 800)).toEqual([]);
    expect(list.list()).toEqual([a]);
  });

  it('an expired entry cannot be resumed or answered', () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    list.dropped(a.id, T);
    expect(expireWaiting(lobbyStore, T + 6).map((g) => g.entry.id)).toEqual([a.id]);
    expect(list.resume(resumeKey, T + 6)).toBeUndefined();
    expect(list.answer(a.id, true)).toEqual({ outcome: 'no-op' });
  });

  it('dropped entries still count toward the cap until they expire', () => {
    const list = waitingList();
    const [a] = ['A', 'B', 'C'].map((n) => added(list.add(n, T, from)));
    list.dropped(a!.id, T);
    expect(list.add('D', T + 1, from)).toMatchObject({ ok: false, error: 'lobby-full' });
    expireWaiting(lobbyStore, T + 6);
    expect(added(list.add('D', T + 6, from)).name).toBe('D');
  });

  it('a wait nobody answers ends at maxWaitSeconds, connected or not, as timed-out; it cannot be resumed after', () => {
    const list = waitingList({ maxWaitSeconds: 60 });
    const { entry: a, resumeKey } = knocked(list.add('Ada', T, from));
    const b = added(list.add('Bob', T + 30, from));
    expect(list.resume(resumeKey, T + 59)?.id).toBe(a.id);
    expect(expireWaiting(lobbyStore, T + 59.9)).toEqual([]);
    expect(expireWaiting(lobbyStore, T + 60)).toEqual([{ entry: a, reason: 'timed-out' }]);
    expect(list.resume(resumeKey, T + 60)).toBeUndefined();
    expect(list.list()).toEqual([b]);
    expect(expireWaiting(lobbyStore, T + 90).map((g) => [g.entry.id, g.reason])).toEqual([[b.id, 'timed-out']]);
  });

  it('a resume key is refused once the wait has run out, even before the sweep removes the entry', () => {
    const list = waitingList({ maxWaitSeconds: 60 });
    const { resumeKey } = knocked(list.add('Ada', T, from));
    expect(list.resume(resumeKey, T + 60)).toBeUndefined();
  });

  it('expires entries of every room at once', () => {
    const one = waitingList({ maxWaitSeconds: 60 });
    const two = waitingList({ maxWaitSeconds: 60 }, 'room-2');
    added(one.add('Ada', T, from));
    added(two.add('Bob', T, from));
    expect(expireWaiting(lobbyStore, T + 60).map((g) => g.entry.name)).toEqual(['Ada', 'Bob']);
    expect(one.size + two.size).toBe(0);
  });
});

describe('toWaitingParticipant', () => {
  it('shows id, name and the ISO time only (no resume key, no token, no client address)', () => {
    const list = waitingList();
    const a = added(list.add('Ada', T + 0.5, { ...from, meetingToken: 'eyJ.raw.token' }));
    expect(toWaitingParticipant(a)).toEqual({ id: a.id, name: 'Ada', since: '2025-01-01T00:00:00.500Z' });
  });
});
