import { beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Store } from '../store/store.ts';
import { Admissions } from './admissions.ts';
import { secretHash } from './waiting-list.ts';

const T = 1_735_689_600;

let store: Store;
let admissions: Admissions;
beforeEach(() => {
  store = openSqliteStore(':memory:');
  admissions = new Admissions(store.lobby, 30);
});

describe('Admissions', () => {
  it('redeems a ticket once, for its room, with the name (and token) it was issued for', () => {
    const meetingToken = 'eyJ.knocking.token';
    const ticket = admissions.issue({ roomId: 'room-1', name: 'Ada', meetingToken }, T);
    expect(admissions.redeem(ticket, 'room-1', T + 1)).toEqual({ roomId: 'room-1', name: 'Ada', meetingToken, expiresAt: T + 30 });
    expect(admissions.redeem(ticket, 'room-1', T + 1)).toBeUndefined();
  });

  it('issues distinct, random-looking tickets', () => {
    const all = Array.from({ length: 200 }, () => admissions.issue({ roomId: 'r', name: 'Ada' }, T));
    expect(new Set(all).size).toBe(200);
    for (const ticket of all) expect(ticket).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('keeps only the ticket\'s hash: the hash itself is not a ticket', () => {
    const ticket = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const stored = store.lobby.getAdmission(secretHash(ticket));
    expect(stored).toMatchObject({ roomId: 'r', name: 'Ada' });
    expect(Object.values(stored!)).not.toContain(ticket);
    expect(admissions.redeem(secretHash(ticket), 'r', T)).toBeUndefined();
    expect(admissions.redeem(ticket, 'r', T)?.name).toBe('Ada');
  });

  it('refuses an unknown ticket', () => {
    admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect(admissions.redeem('made-up', 'r', T)).toBeUndefined();
    expect(admissions.redeem('', 'r', T)).toBeUndefined();
  });

  it('refuses a ticket for another room, and the ticket is then used up', () => {
    const ticket = admissions.issue({ roomId: 'room-1', name: 'Ada' }, T);
    expect(admissions.redeem(ticket, 'room-2', T)).toBeUndefined();
    expect(admissions.redeem(ticket, 'room-1', T)).toBeUndefined();
  });

  it('accepts a ticket up to its ttl and refuses it after', () => {
    const fresh = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const stale = admissions.issue({ roomId: 'r', name: 'Bob' }, T);
    expect(admissions.redeem(fresh, 'r', T + 30)?.name).toBe('Ada');
    expect(admissions.redeem(stale, 'r', T + 30.5)).toBeUndefined();
  });

  it('keeps tickets independent: redeeming one leaves the others', () => {
    const a = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const b = admissions.issue({ roomId: 'r', name: 'Bob' }, T);
    expect(admissions.redeem(a, 'r', T)?.name).toBe('Ada');
    expect(admissions.redeem(b, 'r', T)?.name).toBe('Bob');
  });

  it('peek shows a fresh admission for its room without using it up', () => {
    const ticket = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect(admissions.peek(ticket, 'other', T)).toBeUndefined();
    expect(admissions.peek(ticket, 'r', T + 31)).toBeUndefined();
    expect(admissions.peek(ticket, 'r', T + 30)).toEqual({ roomId: 'r', name: 'Ada', expiresAt: T + 30 });
    expect(admissions.peek(ticket, 'r', T + 30)?.name).toBe('Ada');
    expect(admissions.redeem(ticket, 'r', T + 30)?.name).toBe('Ada');
    expect(admissions.peek(ticket, 'r', T + 30)).toBeUndefined();
  });

  it('survives a new Admissions over the same store (a restart between Allow and join)', () => {
    const ticket = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect(new Admissions(store.lobby, 30).redeem(ticket, 'r', T + 1)?.name).toBe('Ada');
  });

  it('the store\'s prune forgets expired tickets only', () => {
    const old = admissions.issue({ roomId: 'r', name: 'Old' }, T);
    const recent = admissions.issue({ roomId: 'r', name: 'Recent' }, T + 20);
    store.lobby.prune(T + 30);
    expect(store.lobby.getAdmission(secretHash(old))?.name).toBe('Old');
    store.lobby.prune(T + 31);
    expect(store.lobby.getAdmission(secretHash(old))).toBeNull();
    expect(store.lobby.getAdmission(secretHash(recent))?.name).toBe('Recent');
    // Gone for good: even asked at a time it was still fresh, it is not found.
    expect(admissions.redeem(old, 'r', T)).toBeUndefined();
    expect(admissions.redeem(recent, 'r', T + 31)?.name).toBe('Recent');
  });
});
