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

const names = async (list: WaitingList) => (await list.list()).map((e) => e.name);

/** Runs `f` over `items` one after another (knock order matters), collecting the results. */
async function inOrder<T, R>(items: T[], f: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const [i, item] of items.entries()) out.push(await f(item, i));
  return out;
}

describe('WaitingList.add', () => {
  it('adds a knock with the trimmed name, the time it arrived, who knocked and when the wait ends', async () => {
    const list = waitingList();
    const entry = added(await list.add('  Ada Lovelace \t', T, from));
    expect(entry.name).toBe('Ada Lovelace');
    expect(entry.since).toBe(T);
    expect(entry.roomId).toBe(ROOM);
    expect(entry.clientKey).toBe('10.0.0.1');
    expect(entry.expiresAt).toBe(T + limits.maxWaitSeconds);
    expect(entry.goneAt).toBeUndefined();
    expect(entry.meetingToken).toBeUndefined();
    expect((await list.size())).toBe(1);
    expect(await list.get(entry.id)).toEqual(entry);
  });

  it('gives each waiting participant a UUID (Daily\'s participant ids): none starts with "-", which the CLI would read as an option', async () => {
    const list = waitingList({ maxWaiting: 300, maxWaitingPerClient: 300 });
    const ids = await inOrder([...Array(200).keys()], async (i) => added(await list.add(`Guest ${i}`, T, from)).id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(200);
  });

  it('keeps the knocking token, when there is one', async () => {
    const list = waitingList();
    const entry = added(await list.add('Ada', T, { ...from, meetingToken: 'eyJ.raw.token' }));
    expect(entry.meetingToken).toBe('eyJ.raw.token');
    expect((await list.get(entry.id))?.meetingToken).toBe('eyJ.raw.token');
  });

  it('accepts names of exactly 1 and 64 characters (64 counted in code points)', async () => {
    const list = waitingList({ maxWaiting: 10 });
    expect(added(await list.add('A', T, from)).name).toBe('A');
    expect(added(await list.add('x'.repeat(64), T, from)).name).toBe('x'.repeat(64));
    expect(added(await list.add('😀'.repeat(64), T, from)).name).toBe('😀'.repeat(64));
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
  ])('refuses %s as invalid-name, adding nothing', async (_label, name) => {
    const list = waitingList();
    const result = await list.add(name, T, from);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe('invalid-name');
    expect(result.info.length).toBeGreaterThan(0);
    expect((await list.size())).toBe(0);
    expect(await list.list()).toEqual([]);
  });

  it('refuses a knock past maxWaiting with lobby-full and a clear info, changing nothing', async () => {
    const list = waitingList();
    const before = await inOrder(['A', 'B', 'C'], async (n, i) => added(await list.add(n, T + i, from)));
    const snapshot = (await list.list()).map((e) => ({ ...e }));
    const result = await list.add('D', T + 10, from);
    expect(result).toEqual({ ok: false, error: 'lobby-full', info: expect.stringContaining('3') });
    if (!result.ok) expect(result.info).toMatch(/waiting/);
    expect((await list.size())).toBe(3);
    expect(await list.list()).toEqual(snapshot);
    expect((await list.list()).map((e) => e.id)).toEqual(before.map((e) => e.id));
  });

  it('takes a knock again once a place is free', async () => {
    const list = waitingList();
    const [a] = await inOrder(['A', 'B', 'C'], async (n) => added(await list.add(n, T, from)));
    expect((await list.add('D', T, from)).ok).toBe(false);
    await list.leave(a!.id);
    expect(added(await list.add('D', T, from)).name).toBe('D');
    expect((await list.size())).toBe(3);
  });

  it('caps the places one client holds, across rooms, with too-many-waiting; other clients are not affected', async () => {
    const one = waitingList({ maxWaiting: 10, maxWaitingPerClient: 2 });
    const two = waitingList({ maxWaiting: 10, maxWaitingPerClient: 2 }, 'room-2');
    added(await one.add('A1', T, { clientKey: 'client-a' }));
    const a2 = added(await two.add('A2', T, { clientKey: 'client-a' }));
    const refused = await one.add('A3', T, { clientKey: 'client-a' });
    expect(refused).toEqual({ ok: false, error: 'too-many-waiting', info: expect.stringContaining('2') });
    expect((await one.size()) + (await two.size())).toBe(2);
    expect(added(await one.add('B1', T, { clientKey: 'client-b' })).name).toBe('B1');
    // A place given back (answered, left, expired) can be taken again.
    await two.leave(a2.id);
    expect(added(await one.add('A3', T, { clientKey: 'client-a' })).name).toBe('A3');
  });

  it('gives every knock a distinct, random-looking id and resume key, and keeps only the key\'s hash', async () => {
    const list = waitingList({ maxWaiting: 500, maxWaitingPerClient: 500 });
    const knocks = await inOrder(Array.from({ length: 300 }), async () => knocked(await list.add('Same Name', T, from)));
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
      expect(Object.values((await list.get(entry.id))!)).not.toContain(resumeKey);
    }
  });
});

describe('WaitingList.list', () => {
  it('lists in knock order, whatever the order of insertion', async () => {
    const list = waitingList({ maxWaiting: 10 });
    added(await list.add('Second', T + 2, from));
    added(await list.add('First', T + 1, from));
    added(await list.add('Third', T + 3, from));
    expect(await names(list)).toEqual(['First', 'Second', 'Third']);
  });

  it('keeps insertion order for knocks in the same second', async () => {
    const list = waitingList({ maxWaiting: 10 });
    for (const n of ['A', 'B', 'C', 'D']) added(await list.add(n, T, from));
    expect(await names(list)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('returns a copy: changing the array does not change the list', async () => {
    const list = waitingList();
    added(await list.add('A', T, from));
    (await list.list()).pop();
    expect((await list.size())).toBe(1);
  });

  it('holds only its own room: another room\'s list over the same store is separate', async () => {
    const one = waitingList();
    const two = waitingList({}, 'room-2');
    const a = added(await one.add('Ada', T, from));
    added(await two.add('Bob', T, from));
    expect(await names(one)).toEqual(['Ada']);
    expect(await names(two)).toEqual(['Bob']);
    expect(await two.get(a.id)).toBeUndefined();
    expect(await two.answer(a.id, true)).toEqual({ outcome: 'no-op' });
    expect(await two.leave(a.id)).toBeUndefined();
    expect((await one.get(a.id))?.name).toBe('Ada');
  });
});

describe('WaitingList.rename', () => {
  it('changes the name (trimmed), keeping id, place and time', async () => {
    const list = waitingList();
    const a = added(await list.add('A', T, from));
    added(await list.add('B', T + 1, from));
    const result = await list.rename(a.id, '  Ada  ');
    expect(result).toEqual({ ok: true, entry: expect.objectContaining({ id: a.id, name: 'Ada', since: T, resumeKeyHash: a.resumeKeyHash }) });
    expect(await names(list)).toEqual(['Ada', 'B']);
  });

  it('refuses an invalid new name, keeping the old one', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    for (const bad of ['', ' ', 'x'.repeat(65), 'A\u0000', 7]) {
      const result = await list.rename(a.id, bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBe('invalid-name');
    }
    expect((await list.get(a.id))?.name).toBe('Ada');
  });

  it('refuses to rename someone not waiting', async () => {
    const list = waitingList();
    const result = await list.rename('nobody', 'Ada');
    expect(result.ok).toBe(false);
    expect((await list.size())).toBe(0);
  });

  it('works even when the list is full (a rename takes no new place; the knock budget is the lobby\'s)', async () => {
    const list = waitingList();
    const [a] = await inOrder(['A', 'B', 'C'], async (n) => added(await list.add(n, T, from)));
    expect((await list.rename(a!.id, 'Ada')).ok).toBe(true);
    expect((await list.get(a!.id))?.name).toBe('Ada');
  });
});

describe('WaitingList.answer', () => {
  it('grant removes the entry and returns it as granted', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    const b = added(await list.add('Bob', T, from));
    expect(await list.answer(a.id, true)).toEqual({ outcome: 'granted', entry: a });
    expect(await list.get(a.id)).toBeUndefined();
    expect(await list.list()).toEqual([b]);
  });

  it('deny removes the entry and returns it as denied', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    expect(await list.answer(a.id, false)).toEqual({ outcome: 'denied', entry: a });
    expect((await list.size())).toBe(0);
  });

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('first answer wins: %s then %s, the second is a no-op', async (first, second) => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    const other = added(await list.add('Bob', T, from));
    expect((await list.answer(a.id, first)).outcome).toBe(first ? 'granted' : 'denied');
    expect(await list.answer(a.id, second)).toEqual({ outcome: 'no-op' });
    expect(await list.list()).toEqual([other]);
  });

  it('first answer wins across two lists over one store (two owners, or two processes)', async () => {
    const a = added(await waitingList().add('Ada', T, from));
    expect((await waitingList().answer(a.id, true)).outcome).toBe('granted');
    expect(await waitingList().answer(a.id, false)).toEqual({ outcome: 'no-op' });
  });

  it('an unknown id is a no-op and changes nothing', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    expect(await list.answer('unknown', true)).toEqual({ outcome: 'no-op' });
    expect(await list.answer('', false)).toEqual({ outcome: 'no-op' });
    expect(await list.list()).toEqual([a]);
  });

  it('answering someone who left is a no-op', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    await list.leave(a.id);
    expect(await list.answer(a.id, true)).toEqual({ outcome: 'no-op' });
  });
});

describe('WaitingList.leave', () => {
  it('removes the entry and returns it', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    const b = added(await list.add('Bob', T, from));
    expect(await list.leave(a.id)).toEqual(a);
    expect(await list.list()).toEqual([b]);
  });

  it('returns undefined for someone not waiting', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    expect(await list.leave('nobody')).toBeUndefined();
    expect(await list.leave(a.id)).toEqual(a);
    expect(await list.leave(a.id)).toBeUndefined();
    expect((await list.size())).toBe(0);
  });
});

describe('WaitingList drop, resume and expire', () => {
  it('a dropped guest back within the grace period gets the same entry, goneAt cleared', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    await list.dropped(a.id, T + 10);
    expect((await list.get(a.id))?.goneAt).toBe(T + 10 + limits.graceSeconds);
    const back = await list.resume(resumeKey, T + 13);
    expect(back).toEqual(a);
    expect(back?.goneAt).toBeUndefined();
    expect(await list.list()).toEqual([a]);
  });

  it('resume works up to exactly graceSeconds after the drop', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    await list.dropped(a.id, T);
    expect(await list.resume(resumeKey, T + 5)).toEqual(a);
  });

  it('resume fails after the grace period', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    await list.dropped(a.id, T);
    expect(await list.resume(resumeKey, T + 5.001)).toBeUndefined();
    expect(await list.resume(resumeKey, T + 60)).toBeUndefined();
    expect((await list.get(a.id))?.goneAt).toBe(T + 5);
  });

  it('resume needs the exact resume key (not the id, not its hash, not another guest key)', async () => {
    const list = waitingList();
    const { entry: a, resumeKey: aKey } = knocked(await list.add('Ada', T, from));
    const { entry: b, resumeKey: bKey } = knocked(await list.add('Bob', T, from));
    await list.dropped(a.id, T);
    expect(await list.resume(a.id, T + 1)).toBeUndefined();
    expect(await list.resume(a.resumeKeyHash, T + 1)).toBeUndefined();
    expect(await list.resume(bKey, T + 1)).toEqual(b);
    expect(await list.resume('', T + 1)).toBeUndefined();
    expect(await list.resume(aKey.slice(1), T + 1)).toBeUndefined();
    expect((await list.get(a.id))?.goneAt).toBe(T + 5);
  });

  it('resume is for this room only', async () => {
    const { resumeKey } = knocked(await waitingList().add('Ada', T, from));
    expect(await waitingList({}, 'room-2').resume(resumeKey, T + 1)).toBeUndefined();
    expect((await waitingList().resume(resumeKey, T + 1))?.name).toBe('Ada');
  });

  it('the resume key also works while the old connection still looks open (it may be half-open)', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    expect(await list.resume(resumeKey, T + 1)).toEqual(a);
  });

  it('a resumed entry is live again: it no longer expires, and can be resumed again', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    await list.dropped(a.id, T);
    expect(await list.resume(resumeKey, T + 1)).toEqual(a);
    expect(await expireWaiting(lobbyStore, T + 100)).toEqual([]);
    await list.dropped(a.id, T + 200);
    expect(await list.resume(resumeKey, T + 201)).toEqual(a);
  });

  it('dropped on an unknown id changes nothing', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T, from));
    await list.dropped('nobody', T);
    expect((await list.get(a.id))?.goneAt).toBeUndefined();
    expect(await expireWaiting(lobbyStore, T + 100)).toEqual([]);
  });

  it('expire removes only entries dropped longer than the grace period, and returns them', async () => {
    const list = waitingList({ maxWaiting: 10 });
    const connected = added(await list.add('Connected', T, from));
    const old = added(await list.add('Old', T, from));
    const recent = added(await list.add('Recent', T, from));
    const edge = added(await list.add('Edge', T, from));
    await list.dropped(old.id, T + 1);
    await list.dropped(recent.id, T + 8);
    await list.dropped(edge.id, T + 5);
    const gone = await expireWaiting(lobbyStore, T + 10);
    expect(gone).toEqual([{ entry: { ...old, goneAt: T + 6 }, reason: 'gone' }]);
    expect((await list.list()).map((e) => e.id)).toEqual([connected.id, recent.id, edge.id]);
    // Edge was dropped exactly graceSeconds ago at T + 10: still kept; a moment later it goes.
    expect((await expireWaiting(lobbyStore, T + 10.5)).map((g) => g.entry.id)).toEqual([edge.id]);
    expect((await expireWaiting(lobbyStore, T + 100)).map((g) => g.entry.id)).toEqual([recent.id]);
    expect(await list.list()).toEqual([connected]);
  });

  it('a resumed entry does not expire', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    await list.dropped(a.id, T);
    await list.resume(resumeKey, T + 2);
    expect(await expireWaiting(lobbyStore, T + 800)).toEqual([]);
    expect(await list.list()).toEqual([a]);
  });

  it('an expired entry cannot be resumed or answered', async () => {
    const list = waitingList();
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    await list.dropped(a.id, T);
    expect((await expireWaiting(lobbyStore, T + 6)).map((g) => g.entry.id)).toEqual([a.id]);
    expect(await list.resume(resumeKey, T + 6)).toBeUndefined();
    expect(await list.answer(a.id, true)).toEqual({ outcome: 'no-op' });
  });

  it('dropped entries still count toward the cap until they expire', async () => {
    const list = waitingList();
    const [a] = await inOrder(['A', 'B', 'C'], async (n) => added(await list.add(n, T, from)));
    await list.dropped(a!.id, T);
    expect(await list.add('D', T + 1, from)).toMatchObject({ ok: false, error: 'lobby-full' });
    await expireWaiting(lobbyStore, T + 6);
    expect(added(await list.add('D', T + 6, from)).name).toBe('D');
  });

  it('a wait nobody answers ends at maxWaitSeconds, connected or not, as timed-out; it cannot be resumed after', async () => {
    const list = waitingList({ maxWaitSeconds: 60 });
    const { entry: a, resumeKey } = knocked(await list.add('Ada', T, from));
    const b = added(await list.add('Bob', T + 30, from));
    expect((await list.resume(resumeKey, T + 59))?.id).toBe(a.id);
    expect(await expireWaiting(lobbyStore, T + 59.9)).toEqual([]);
    expect(await expireWaiting(lobbyStore, T + 60)).toEqual([{ entry: a, reason: 'timed-out' }]);
    expect(await list.resume(resumeKey, T + 60)).toBeUndefined();
    expect(await list.list()).toEqual([b]);
    expect((await expireWaiting(lobbyStore, T + 90)).map((g) => [g.entry.id, g.reason])).toEqual([[b.id, 'timed-out']]);
  });

  it('a resume key is refused once the wait has run out, even before the sweep removes the entry', async () => {
    const list = waitingList({ maxWaitSeconds: 60 });
    const { resumeKey } = knocked(await list.add('Ada', T, from));
    expect(await list.resume(resumeKey, T + 60)).toBeUndefined();
  });

  it('expires entries of every room at once', async () => {
    const one = waitingList({ maxWaitSeconds: 60 });
    const two = waitingList({ maxWaitSeconds: 60 }, 'room-2');
    added(await one.add('Ada', T, from));
    added(await two.add('Bob', T, from));
    expect((await expireWaiting(lobbyStore, T + 60)).map((g) => g.entry.name)).toEqual(['Ada', 'Bob']);
    expect((await one.size()) + (await two.size())).toBe(0);
  });
});

describe('toWaitingParticipant', () => {
  it('shows id, name and the ISO time only (no resume key, no token, no client address)', async () => {
    const list = waitingList();
    const a = added(await list.add('Ada', T + 0.5, { ...from, meetingToken: 'eyJ.raw.token' }));
    expect(toWaitingParticipant(a)).toEqual({ id: a.id, name: 'Ada', since: '2025-01-01T00:00:00.500Z' });
  });
});
