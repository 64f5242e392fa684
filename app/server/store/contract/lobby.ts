/**
 * The contract of `store.lobby` (lobby-store.ts): the waiting list, held answers and admissions, taken
 * once each, and what a restart (`recover`) and `prune` do to them.
 */
import { describe, expect, it } from 'vitest';
import type { AdmissionRecord, WaitingRecord } from '../lobby-store.ts';
import { freshStore, room, T, type CloseStore, type MakeStore } from './harness.ts';

/** Lobby records, as `lobby-store.ts` promises them. */
export function describeLobbyContract(makeStore: MakeStore, close?: CloseStore): void {
  describe('store contract: lobby', () => {
    const store = freshStore(makeStore, close);
    const lobby = () => store().lobby;

    let n = 0;
    /** A waiting record in room `id-a` (unique id and resume key); any field can be overridden. */
    const waiting = (over: Partial<WaitingRecord> = {}): WaitingRecord => {
      n++;
      return { id: `w${n}`, roomId: 'id-a', resumeKeyHash: `key-${n}`, name: `Guest ${n}`, since: T, clientKey: '10.0.0.1', expiresAt: T + 900, ...over };
    };
    const admission = (over: Partial<AdmissionRecord> = {}): AdmissionRecord => {
      n++;
      return { ticketHash: `ticket-${n}`, roomId: 'id-a', name: `Guest ${n}`, expiresAt: T + 30, ...over };
    };
    const add = async (...records: WaitingRecord[]) => {
      for (const r of records) await lobby().addWaiting(r);
    };
    const namesIn = async (roomId: string) => (await lobby().waitingInRoom(roomId)).map((r) => r.name);

    describe('waiting', () => {
      it('gives a record back by id and by resume key, optional fields absent when unset', async () => {
        const plain = waiting();
        const full = waiting({ meetingToken: 'eyJ.token', goneAt: T + 5, since: T + 0.25 });
        await add(plain, full);
        expect(await lobby().getWaiting(plain.id)).toStrictEqual(plain);
        expect(await lobby().getWaiting(full.id)).toStrictEqual(full);
        expect(await lobby().waitingByResumeKey(full.resumeKeyHash)).toStrictEqual(full);
        expect(await lobby().getWaiting('nobody')).toBeNull();
        expect(await lobby().waitingByResumeKey('no-such-key')).toBeNull();
      });

      it('refuses a second record under a resume key already waiting (a key names one place)', async () => {
        await add(waiting({ resumeKeyHash: 'same', name: 'first' }));
        await expect(async () => lobby().addWaiting(waiting({ resumeKeyHash: 'same' }))).rejects.toThrow();
        expect((await lobby().waitingByResumeKey('same'))?.name).toBe('first');
      });

      it('lists a room in knock order (ties in arrival order) and counts per room and per client', async () => {
        await add(
          waiting({ since: T + 2, name: 'late' }),
          waiting({ since: T + 1, name: 'early' }),
          waiting({ since: T + 3, name: 'tie A' }),
          waiting({ since: T + 3, name: 'tie B', clientKey: '10.0.0.2' }),
          waiting({ roomId: 'id-b', since: T, name: 'elsewhere' }),
        );
        expect(await namesIn('id-a')).toEqual(['early', 'late', 'tie A', 'tie B']);
        expect(await namesIn('id-b')).toEqual(['elsewhere']);
        expect(await lobby().waitingInRoom('id-c')).toEqual([]);
        expect([await lobby().countWaitingInRoom('id-a'), await lobby().countWaitingInRoom('id-c')]).toEqual([4, 0]);
        // A client's count spans rooms (the per-client cap is across the lobby).
        expect([await lobby().countWaitingFrom('10.0.0.1'), await lobby().countWaitingFrom('10.0.0.2'), await lobby().countWaitingFrom('10.9.9.9')]).toEqual([4, 1, 0]);
      });

      it('renames, and sets then clears goneAt, touching nothing else', async () => {
        const r = waiting();
        await add(r);
        await lobby().renameWaiting(r.id, 'Ada L.');
        await lobby().setGoneAt(r.id, T + 5);
        expect(await lobby().getWaiting(r.id)).toStrictEqual({ ...r, name: 'Ada L.', goneAt: T + 5 });
        await lobby().setGoneAt(r.id, null);
        expect(await lobby().getWaiting(r.id)).toStrictEqual({ ...r, name: 'Ada L.' });
      });

      it('takeWaiting removes and returns the entry once; a second take gets null', async () => {
        const r = waiting();
        const other = waiting();
        await add(r, other);
        expect(await lobby().takeWaiting(r.id)).toStrictEqual(r);
        expect(await lobby().takeWaiting(r.id)).toBeNull();
        expect(await lobby().getWaiting(r.id)).toBeNull();
        expect(await lobby().waitingByResumeKey(r.resumeKeyHash)).toBeNull();
        expect(await lobby().waitingInRoom('id-a')).toStrictEqual([other]);
      });

      it('of two answers at once, only one takes the entry', async () => {
        const r = waiting();
        await add(r);
        const takes = await Promise.all([lobby().takeWaiting(r.id), lobby().takeWaiting(r.id)]);
        expect(takes.filter((t) => t !== null)).toStrictEqual([r]);
      });

      it('expiredWaiting finds entries gone past their grace or past their wait, without taking them', async () => {
        await add(
          waiting({ since: T, name: 'connected' }),
          waiting({ since: T + 2, goneAt: T + 10, name: 'gone long' }),
          waiting({ since: T + 1, goneAt: T + 20, name: 'gone at the edge' }),
          waiting({ since: T + 3, expiresAt: T + 20, name: 'timed out', roomId: 'id-b' }),
        );
        // Sorted: the interface promises which entries, not in what order.
        const expiredAt = async (now: number) => (await lobby().expiredWaiting(now)).map((r) => r.name).sort();
        expect(await expiredAt(T + 9)).toEqual([]);
        // goneAt is the last moment the place is kept; expiresAt is the first moment the wait is over.
        expect(await expiredAt(T + 20)).toEqual(['gone long', 'timed out']);
        expect(await expiredAt(T + 20.5)).toEqual(['gone at the edge', 'gone long', 'timed out']);
        expect(await lobby().countWaitingInRoom('id-a')).toBe(3);
      });
    });

    describe('held answers', () => {
      const held = (key: string, answer: string, until: number, roomId = 'id-a') => ({ resumeKeyHash: key, roomId, answer, until });

      it('takeHeldAnswer gives the answer for its key and room once, while fresh (until is inclusive)', async () => {
        await lobby().holdAnswer(held('k1', '{"type":"denied"}', T + 10));
        expect(await lobby().takeHeldAnswer('k1', 'id-a', T + 10)).toStrictEqual(held('k1', '{"type":"denied"}', T + 10));
        expect(await lobby().takeHeldAnswer('k1', 'id-a', T + 10)).toBeNull();
      });

      it('gives nothing for the key in another room, and keeps the answer for its own', async () => {
        await lobby().holdAnswer(held('k1', 'a', T + 10));
        expect(await lobby().takeHeldAnswer('k1', 'id-b', T)).toBeNull();
        expect(await lobby().takeHeldAnswer('unknown', 'id-a', T)).toBeNull();
        expect((await lobby().takeHeldAnswer('k1', 'id-a', T))?.answer).toBe('a');
      });

      it('does not give a stale answer', async () => {
        await lobby().holdAnswer(held('k1', 'a', T + 10));
        expect(await lobby().takeHeldAnswer('k1', 'id-a', T + 10.5)).toBeNull();
      });

      it('holding again under the same key replaces the answer', async () => {
        await lobby().holdAnswer(held('k1', 'first', T + 10));
        await lobby().holdAnswer(held('k1', 'second', T + 20));
        expect(await lobby().takeHeldAnswer('k1', 'id-a', T + 15)).toStrictEqual(held('k1', 'second', T + 20));
      });
    });

    describe('admissions', () => {
      it('getAdmission reads without using up; takeAdmission uses it once', async () => {
        const plain = admission();
        const withToken = admission({ meetingToken: 'eyJ.knock' });
        await lobby().addAdmission(plain);
        await lobby().addAdmission(withToken);
        expect(await lobby().getAdmission(plain.ticketHash)).toStrictEqual(plain);
        expect(await lobby().getAdmission(withToken.ticketHash)).toStrictEqual(withToken);
        expect(await lobby().takeAdmission(plain.ticketHash)).toStrictEqual(plain);
        expect(await lobby().takeAdmission(plain.ticketHash)).toBeNull();
        expect(await lobby().getAdmission(plain.ticketHash)).toBeNull();
        expect(await lobby().getAdmission(withToken.ticketHash)).toStrictEqual(withToken);
        expect(await lobby().getAdmission('made-up')).toBeNull();
      });

      it('of two uses at once, only one gets the admission', async () => {
        const a = admission();
        await lobby().addAdmission(a);
        const takes = await Promise.all([lobby().takeAdmission(a.ticketHash), lobby().takeAdmission(a.ticketHash)]);
        expect(takes.filter((t) => t !== null)).toStrictEqual([a]);
      });
    });

    it('prune forgets held answers and admissions past their time, and never a waiting entry', async () => {
      await lobby().holdAnswer({ resumeKeyHash: 'old', roomId: 'id-a', answer: 'a', until: T + 10 });
      await lobby().holdAnswer({ resumeKeyHash: 'edge', roomId: 'id-a', answer: 'b', until: T + 20 });
      const oldTicket = admission({ expiresAt: T + 10 });
      const edgeTicket = admission({ expiresAt: T + 20 });
      await lobby().addAdmission(oldTicket);
      await lobby().addAdmission(edgeTicket);
      // Waiting entries are ended by the lobby's sweep (it tells the guest and the owners), never by prune.
      const timedOut = waiting({ expiresAt: T, goneAt: T });
      await add(timedOut);
      await lobby().prune(T + 20);
      expect(await lobby().getAdmission(oldTicket.ticketHash)).toBeNull();
      expect(await lobby().getAdmission(edgeTicket.ticketHash)).toStrictEqual(edgeTicket);
      expect(await lobby().getWaiting(timedOut.id)).toStrictEqual(timedOut);
      // Asked at a time it would have been fresh, the pruned answer is gone; the one at the edge is kept.
      expect(await lobby().takeHeldAnswer('old', 'id-a', T)).toBeNull();
      expect((await lobby().takeHeldAnswer('edge', 'id-a', T))?.answer).toBe('b');
    });

    describe('recover (a restart: nobody is connected)', () => {
      it('drops the waiting entries, held answers and admissions of rooms that no longer exist', async () => {
        await store().createRoom(room('a'));
        await store().createRoom(room('doomed'));
        const kept = waiting();
        const orphan = waiting({ roomId: 'id-doomed' });
        await add(kept, orphan);
        await lobby().holdAnswer({ resumeKeyHash: 'kept', roomId: 'id-a', answer: 'a', until: T + 100 });
        await lobby().holdAnswer({ resumeKeyHash: 'orphan', roomId: 'id-doomed', answer: 'b', until: T + 100 });
        const keptTicket = admission();
        const orphanTicket = admission({ roomId: 'id-doomed' });
        await lobby().addAdmission(keptTicket);
        await lobby().addAdmission(orphanTicket);
        await store().deleteRoom('doomed');
        await lobby().recover(T + 60);
        expect(await lobby().getWaiting(orphan.id)).toBeNull();
        expect((await lobby().getWaiting(kept.id))?.name).toBe(kept.name);
        expect(await lobby().takeHeldAnswer('orphan', 'id-doomed', T)).toBeNull();
        expect((await lobby().takeHeldAnswer('kept', 'id-a', T))?.answer).toBe('a');
        expect(await lobby().getAdmission(orphanTicket.ticketHash)).toBeNull();
        expect(await lobby().getAdmission(keptTicket.ticketHash)).toStrictEqual(keptTicket);
      });

      it('gives everyone waiting until goneAt to come back, never less than they had, places unchanged', async () => {
        await store().createRoom(room('a'));
        const connected = waiting({ since: T });
        const dropped = waiting({ since: T + 1, goneAt: T + 5 });
        const later = waiting({ since: T + 2, goneAt: T + 500 });
        await add(connected, dropped, later);
        await lobby().recover(T + 60);
        expect(await lobby().waitingInRoom('id-a')).toStrictEqual([
          { ...connected, goneAt: T + 60 },
          { ...dropped, goneAt: T + 60 },
          later,
        ]);
      });

      it('keeps held answers at least until goneAt', async () => {
        await store().createRoom(room('a'));
        await lobby().holdAnswer({ resumeKeyHash: 'short', roomId: 'id-a', answer: 'a', until: T + 5 });
        await lobby().holdAnswer({ resumeKeyHash: 'long', roomId: 'id-a', answer: 'b', until: T + 500 });
        await lobby().recover(T + 60);
        expect((await lobby().takeHeldAnswer('short', 'id-a', T + 60))?.answer).toBe('a');
        expect((await lobby().takeHeldAnswer('long', 'id-a', T + 500))?.answer).toBe('b');
      });
    });
  });
}
