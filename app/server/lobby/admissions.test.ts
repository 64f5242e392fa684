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
  it('redeems a ticket once, for its room, with the name (and token) it was issued for', async () => {
    const meetingToken = 'eyJ.knocking.token';
    const ticket = await admissions.issue({ roomId: 'room-1', name: 'Ada', meetingToken }, T);
    expect(await admissions.redeem(ticket, 'room-1', T + 1)).toEqual({ roomId: 'room-1', name: 'Ada', meetingToken, expiresAt: T + 30 });
    expect(await admissions.redeem(ticket, 'room-1', T + 1)).toBeUndefined();
  });

  it('issues distinct, random-looking tickets', async () => {
    const all = await Promise.all(Array.from({ length: 200 }, () => admissions.issue({ roomId: 'r', name: 'Ada' }, T)));
    expect(new Set(all).size).toBe(200);
    for (const ticket of all) expect(ticket).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('keeps only the ticket\'s hash: the hash itself is not a ticket', async () => {
    const ticket = await admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const stored = await store.lobby.getAdmission(secretHash(ticket));
    expect(stored).toMatchObject({ roomId: 'r', name: 'Ada' });
    expect(Object.values(stored!)).not.toContain(ticket);
    expect(await admissions.redeem(secretHash(ticket), 'r', T)).toBeUndefined();
    expect((await admissions.redeem(ticket, 'r', T))?.name).toBe('Ada');
  });

  it('refuses an unknown ticket', async () => {
    await admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect(await admissions.redeem('made-up', 'r', T)).toBeUndefined();
    expect(await admissions.redeem('', 'r', T)).toBeUndefined();
  });

  it('refuses a ticket for another room, and the ticket is then used up', async () => {
    const ticket = await admissions.issue({ roomId: 'room-1', name: 'Ada' }, T);
    expect(await admissions.redeem(ticket, 'room-2', T)).toBeUndefined();
    expect(await admissions.redeem(ticket, 'room-1', T)).toBeUndefined();
  });

  it('accepts a ticket up to its ttl and refuses it after', async () => {
    const fresh = await admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const stale = await admissions.issue({ roomId: 'r', name: 'Bob' }, T);
    expect((await admissions.redeem(fresh, 'r', T + 30))?.name).toBe('Ada');
    expect(await admissions.redeem(stale, 'r', T + 30.5)).toBeUndefined();
  });

  it('keeps tickets independent: redeeming one leaves the others', async () => {
    const a = await admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const b = await admissions.issue({ roomId: 'r', name: 'Bob' }, T);
    expect((await admissions.redeem(a, 'r', T))?.name).toBe('Ada');
    expect((await admissions.redeem(b, 'r', T))?.name).toBe('Bob');
  });

  it('peek shows a fresh admission for its room without using it up', async () => {
    const ticket = await admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect(await admissions.peek(ticket, 'other', T)).toBeUndefined();
    expect(await admissions.peek(ticket, 'r', T + 31)).toBeUndefined();
    expect(await admissions.peek(ticket, 'r', T + 30)).toEqual({ roomId: 'r', name: 'Ada', expiresAt: T + 30 });
    expect((await admissions.peek(ticket, 'r', T + 30))?.name).toBe('Ada');
    expect((await admissions.redeem(ticket, 'r', T + 30))?.name).toBe('Ada');
    expect(await admissions.peek(ticket, 'r', T + 30)).toBeUndefined();
  });

  it('survives a new Admissions over the same store (a restart between Allow and join)', async () => {
    const ticket = await admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect((await new Admissions(store.lobby, 30).redeem(ticket, 'r', T + 1))?.name).toBe('Ada');
  });

  it('the store\'s prune forgets expired tickets only', async () => {
    const old = await admissions.issue({ roomId: 'r', name: 'Old' }, T);
    const recent = await admissions.issue({ roomId: 'r', name: 'Recent' }, T + 20);
    await store.lobby.prune(T + 30);
    expect((await store.lobby.getAdmission(secretHash(old)))?.name).toBe('Old');
    await store.lobby.prune(T + 31);
    expect(await store.lobby.getAdmission(secretHash(old))).toBeNull();
    expect((await store.lobby.getAdmission(secretHash(recent)))?.name).toBe('Recent');
    // Gone for good: even asked at a time it was still fresh, it is not found.
    expect(await admissions.redeem(old, 'r', T)).toBeUndefined();
    expect((await admissions.redeem(recent, 'r', T + 31))?.name).toBe('Recent');
  });
});
