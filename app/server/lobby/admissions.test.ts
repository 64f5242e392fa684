import { describe, expect, it } from 'vitest';
import { Admissions } from './admissions.ts';

const T = 1_735_689_600;

const tickets = (a: Admissions) => (a as unknown as { tickets: Map<string, unknown> }).tickets;

describe('Admissions', () => {
  it('redeems a ticket once, for its room, with the name (and token) it was issued for', () => {
    const admissions = new Admissions(30);
    const meetingToken = 'eyJ.knocking.token';
    const ticket = admissions.issue({ roomId: 'room-1', name: 'Ada', meetingToken }, T);
    expect(admissions.redeem(ticket, 'room-1', T + 1)).toEqual({ roomId: 'room-1', name: 'Ada', meetingToken, expiresAt: T + 30 });
    expect(admissions.redeem(ticket, 'room-1', T + 1)).toBeUndefined();
  });

  it('issues distinct, random-looking tickets', () => {
    const admissions = new Admissions(30);
    const all = Array.from({ length: 200 }, () => admissions.issue({ roomId: 'r', name: 'Ada' }, T));
    expect(new Set(all).size).toBe(200);
    for (const ticket of all) expect(ticket).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('refuses an unknown ticket', () => {
    const admissions = new Admissions(30);
    admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    expect(admissions.redeem('made-up', 'r', T)).toBeUndefined();
    expect(admissions.redeem('', 'r', T)).toBeUndefined();
  });

  it('refuses a ticket for another room, and the ticket is then used up', () => {
    const admissions = new Admissions(30);
    const ticket = admissions.issue({ roomId: 'room-1', name: 'Ada' }, T);
    expect(admissions.redeem(ticket, 'room-2', T)).toBeUndefined();
    expect(admissions.redeem(ticket, 'room-1', T)).toBeUndefined();
  });

  it('accepts a ticket up to its ttl and refuses it after', () => {
    const admissions = new Admissions(30);
    const fresh = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const stale = admissions.issue({ roomId: 'r', name: 'Bob' }, T);
    expect(admissions.redeem(fresh, 'r', T + 30)?.name).toBe('Ada');
    expect(admissions.redeem(stale, 'r', T + 30.5)).toBeUndefined();
  });

  it('keeps tickets independent: redeeming one leaves the others', () => {
    const admissions = new Admissions(30);
    const a = admissions.issue({ roomId: 'r', name: 'Ada' }, T);
    const b = admissions.issue({ roomId: 'r', name: 'Bob' }, T);
    expect(admissions.redeem(a, 'r', T)?.name).toBe('Ada');
    expect(admissions.redeem(b, 'r', T)?.name).toBe('Bob');
  });

  it('prune drops expired tickets only', () => {
    const admissions = new Admissions(30);
    const old = admissions.issue({ roomId: 'r', name: 'Old' }, T);
    const recent = admissions.issue({ roomId: 'r', name: 'Recent' }, T + 20);
    admissions.prune(T + 30);
    expect(tickets(admissions).size).toBe(2);
    admissions.prune(T + 31);
    expect([...tickets(admissions).keys()]).toEqual([recent]);
    expect(admissions.redeem(old, 'r', T)).toBeUndefined();
    expect(admissions.redeem(recent, 'r', T + 31)?.name).toBe('Recent');
  });
});
