import { describe, expect, it } from 'vitest';
import { toWaitingParticipant, WaitingList, type AddResult, type WaitingEntry } from './waiting-list.ts';

const T = 1_735_689_600;
const limits = { maxWaiting: 3, graceSeconds: 5 };

function added(result: AddResult): WaitingEntry {
  if (!result.ok) throw new Error(`expected the knock to be added, got ${result.error}: ${result.info}`);
  return result.entry;
}

const names = (list: WaitingList) => list.list().map((e) => e.name);

describe('WaitingList.add', () => {
  it('adds a knock with the trimmed name and the time it arrived', () => {
    const list = new WaitingList(limits);
    const entry = added(list.add('  Ada Lovelace \t', T));
    expect(entry.name).toBe('Ada Lovelace');
    expect(entry.since).toBe(T);
    expect(entry.droppedAt).toBeUndefined();
    expect(entry.meetingToken).toBeUndefined();
    expect(list.size).toBe(1);
    expect(list.get(entry.id)).toBe(entry);
  });

  it('keeps the knocking token, when there is one', () => {
    const list = new WaitingList(limits);
    expect(added(list.add('Ada', T, 'eyJ.raw.token')).meetingToken).toBe('eyJ.raw.token');
  });

  it('accepts names of exactly 1 and 64 characters (64 counted in code points)', () => {
    const list = new WaitingList({ maxWaiting: 10, graceSeconds: 5 });
    expect(added(list.add('A', T)).name).toBe('A');
    expect(added(list.add('x'.repeat(64), T)).name).toBe('x'.repeat(64));
    expect(added(list.add('😀'.repeat(64), T)).name).toBe('😀'.repeat(64));
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
    const list = new WaitingList(limits);
    const result = list.add(name, T);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe('invalid-name');
    expect(result.info.length).toBeGreaterThan(0);
    expect(list.size).toBe(0);
    expect(list.list()).toEqual([]);
  });

  it('refuses a knock past maxWaiting with lobby-full and a clear info, changing nothing', () => {
    const list = new WaitingList(limits);
    const before = ['A', 'B', 'C'].map((n, i) => added(list.add(n, T + i)));
    const snapshot = list.list().map((e) => ({ ...e }));
    const result = list.add('D', T + 10);
    expect(result).toEqual({ ok: false, error: 'lobby-full', info: expect.stringContaining('3') });
    if (!result.ok) expect(result.info).toMatch(/waiting/);
    expect(list.size).toBe(3);
    expect(list.list()).toEqual(snapshot);
    expect(list.list().map((e) => e.id)).toEqual(before.map((e) => e.id));
  });

  it('takes a knock again once a place is free', () => {
    const list = new WaitingList(limits);
    const [a] = ['A', 'B', 'C'].map((n) => added(list.add(n, T)));
    expect(list.add('D', T).ok).toBe(false);
    list.leave(a!.id);
    expect(added(list.add('D', T)).name).toBe('D');
    expect(list.size).toBe(3);
  });

  it('gives every knock a distinct, random-looking id and resume key', () => {
    const list = new WaitingList({ maxWaiting: 500, graceSeconds: 5 });
    const entries = Array.from({ length: 300 }, () => added(list.add('Same Name', T)));
    const ids = new Set(entries.map((e) => e.id));
    const keys = new Set(entries.map((e) => e.resumeKey));
    expect(ids.size).toBe(300);
    expect(keys.size).toBe(300);
    for (const e of entries) {
      expect(e.id).toMatch(/^[A-Za-z0-9_-]{12,}$/);
      // At least 128 bits of base64url for the secret that takes a place back.
      expect(e.resumeKey).toMatch(/^[A-Za-z0-9_-]{22,}$/);
      expect(e.resumeKey).not.toContain(e.id);
      expect(ids.has(e.resumeKey)).toBe(false);
    }
  });
});

describe('WaitingList.list', () => {
  it('lists in knock order, whatever the order of insertion', () => {
    const list = new WaitingList({ maxWaiting: 10, graceSeconds: 5 });
    added(list.add('Second', T + 2));
    added(list.add('First', T + 1));
    added(list.add('Third', T + 3));
    expect(names(list)).toEqual(['First', 'Second', 'Third']);
  });

  it('keeps insertion order for knocks in the same second', () => {
    const list = new WaitingList({ maxWaiting: 10, graceSeconds: 5 });
    for (const n of ['A', 'B', 'C', 'D']) added(list.add(n, T));
    expect(names(list)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('returns a copy: changing the array does not change the list', () => {
    const list = new WaitingList(limits);
    added(list.add('A', T));
    list.list().pop();
    expect(list.size).toBe(1);
  });
});

describe('WaitingList.rename', () => {
  it('changes the name (trimmed), keeping id, place and time', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('A', T));
    added(list.add('B', T + 1));
    const result = list.rename(a.id, '  Ada  ');
    expect(result).toEqual({ ok: true, entry: expect.objectContaining({ id: a.id, name: 'Ada', since: T, resumeKey: a.resumeKey }) });
    expect(names(list)).toEqual(['Ada', 'B']);
  });

  it('refuses an invalid new name, keeping the old one', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    for (const bad of ['', ' ', 'x'.repeat(65), 'A\u0000', 7]) {
      const result = list.rename(a.id, bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toBe('invalid-name');
    }
    expect(list.get(a.id)?.name).toBe('Ada');
  });

  it('refuses to rename someone not waiting', () => {
    const list = new WaitingList(limits);
    const result = list.rename('nobody', 'Ada');
    expect(result.ok).toBe(false);
    expect(list.size).toBe(0);
  });

  it('works even when the list is full (a rename is not a knock)', () => {
    const list = new WaitingList(limits);
    const [a] = ['A', 'B', 'C'].map((n) => added(list.add(n, T)));
    expect(list.rename(a!.id, 'Ada').ok).toBe(true);
    expect(list.get(a!.id)?.name).toBe('Ada');
  });
});

describe('WaitingList.answer', () => {
  it('grant removes the entry and returns it as granted', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    const b = added(list.add('Bob', T));
    expect(list.answer(a.id, true)).toEqual({ outcome: 'granted', entry: a });
    expect(list.get(a.id)).toBeUndefined();
    expect(list.list()).toEqual([b]);
  });

  it('deny removes the entry and returns it as denied', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    expect(list.answer(a.id, false)).toEqual({ outcome: 'denied', entry: a });
    expect(list.size).toBe(0);
  });

  it.each([
    [true, true],
    [true, false],
    [false, true],
    [false, false],
  ])('first answer wins: %s then %s, the second is a no-op', (first, second) => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    const other = added(list.add('Bob', T));
    expect(list.answer(a.id, first).outcome).toBe(first ? 'granted' : 'denied');
    expect(list.answer(a.id, second)).toEqual({ outcome: 'no-op' });
    expect(list.list()).toEqual([other]);
  });

  it('an unknown id is a no-op and changes nothing', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    expect(list.answer('unknown', true)).toEqual({ outcome: 'no-op' });
    expect(list.answer('', false)).toEqual({ outcome: 'no-op' });
    expect(list.list()).toEqual([a]);
  });

  it('answering someone who left is a no-op', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.leave(a.id);
    expect(list.answer(a.id, true)).toEqual({ outcome: 'no-op' });
  });
});

describe('WaitingList.leave', () => {
  it('removes the entry and returns it', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    const b = added(list.add('Bob', T));
    expect(list.leave(a.id)).toBe(a);
    expect(list.list()).toEqual([b]);
  });

  it('returns undefined for someone not waiting', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    expect(list.leave('nobody')).toBeUndefined();
    expect(list.leave(a.id)).toBe(a);
    expect(list.leave(a.id)).toBeUndefined();
    expect(list.size).toBe(0);
  });
});

describe('WaitingList drop, resume and expire', () => {
  it('a dropped guest back within the grace period gets the same entry, droppedAt cleared', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped(a.id, T + 10);
    expect(list.get(a.id)?.droppedAt).toBe(T + 10);
    const back = list.resume(a.resumeKey, T + 13);
    expect(back).toBe(a);
    expect(back?.droppedAt).toBeUndefined();
    expect(list.list()).toEqual([a]);
  });

  it('resume works up to exactly graceSeconds after the drop', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped(a.id, T);
    expect(list.resume(a.resumeKey, T + 5)).toBe(a);
  });

  it('resume fails after the grace period', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped(a.id, T);
    expect(list.resume(a.resumeKey, T + 5.001)).toBeUndefined();
    expect(list.resume(a.resumeKey, T + 60)).toBeUndefined();
    expect(list.get(a.id)?.droppedAt).toBe(T);
  });

  it('resume needs the exact resume key (not the id, not another guest key)', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    const b = added(list.add('Bob', T));
    list.dropped(a.id, T);
    expect(list.resume(a.id, T + 1)).toBeUndefined();
    expect(list.resume(b.resumeKey, T + 1)).toBe(b);
    expect(list.resume('', T + 1)).toBeUndefined();
    expect(list.resume(a.resumeKey.slice(1), T + 1)).toBeUndefined();
    expect(list.get(a.id)?.droppedAt).toBe(T);
  });

  it('the resume key also works while the old connection still looks open (it may be half-open)', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    expect(list.resume(a.resumeKey, T + 1)).toBe(a);
  });

  it('a resumed entry is live again: it no longer expires, and can be resumed again', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped(a.id, T);
    expect(list.resume(a.resumeKey, T + 1)).toBe(a);
    expect(list.expire(T + 100)).toEqual([]);
    list.dropped(a.id, T + 200);
    expect(list.resume(a.resumeKey, T + 201)).toBe(a);
  });

  it('dropped on an unknown id changes nothing', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped('nobody', T);
    expect(list.get(a.id)?.droppedAt).toBeUndefined();
    expect(list.expire(T + 100)).toEqual([]);
  });

  it('expire removes only entries dropped longer than the grace period, and returns them', () => {
    const list = new WaitingList({ maxWaiting: 10, graceSeconds: 5 });
    const connected = added(list.add('Connected', T));
    const old = added(list.add('Old', T));
    const recent = added(list.add('Recent', T));
    const edge = added(list.add('Edge', T));
    list.dropped(old.id, T + 1);
    list.dropped(recent.id, T + 8);
    list.dropped(edge.id, T + 5);
    const gone = list.expire(T + 10);
    expect(gone).toEqual([old]);
    expect(list.list().map((e) => e.id)).toEqual([connected.id, recent.id, edge.id]);
    // Edge was dropped exactly graceSeconds ago at T + 10: still kept; a moment later it goes.
    expect(list.expire(T + 10.5)).toEqual([edge]);
    expect(list.expire(T + 100)).toEqual([recent]);
    expect(list.list()).toEqual([connected]);
  });

  it('a resumed entry does not expire', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped(a.id, T);
    list.resume(a.resumeKey, T + 2);
    expect(list.expire(T + 1000)).toEqual([]);
    expect(list.list()).toEqual([a]);
  });

  it('an expired entry cannot be resumed or answered', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T));
    list.dropped(a.id, T);
    expect(list.expire(T + 6)).toEqual([a]);
    expect(list.resume(a.resumeKey, T + 6)).toBeUndefined();
    expect(list.answer(a.id, true)).toEqual({ outcome: 'no-op' });
  });

  it('dropped entries still count toward the cap until they expire', () => {
    const list = new WaitingList(limits);
    const [a] = ['A', 'B', 'C'].map((n) => added(list.add(n, T)));
    list.dropped(a!.id, T);
    expect(list.add('D', T + 1)).toMatchObject({ ok: false, error: 'lobby-full' });
    list.expire(T + 6);
    expect(added(list.add('D', T + 6)).name).toBe('D');
  });
});

describe('toWaitingParticipant', () => {
  it('shows id, name and the ISO time only (no resume key, no token)', () => {
    const list = new WaitingList(limits);
    const a = added(list.add('Ada', T + 0.5, 'eyJ.raw.token'));
    expect(toWaitingParticipant(a)).toEqual({ id: a.id, name: 'Ada', since: '2025-01-01T00:00:00.500Z' });
  });
});
