/**
 * The lobby's records in SQLite, method by method, on a real store: atomic takes, recovery after a
 * restart, pruning, and that what would let someone take a guest's place is never stored in plain.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Admissions } from '../lobby/admissions.ts';
import { secretHash, WaitingList } from '../lobby/waiting-list.ts';
import type { AdmissionRecord, LobbyStore, WaitingRecord } from './lobby-store.ts';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

const T = 1_735_689_600;

let store: Store;
let lobby: LobbyStore;
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  lobby = store.lobby;
  await addRoom('room-1');
  await addRoom('room-2');
});
afterEach(() => store.close());

async function addRoom(id: string, into: Store = store) {
  await into.createRoom({ id, name: `name-${id}`, api_created: true, privacy: 'private', created_at: new Date(T * 1000).toISOString(), config: { enable_knocking: true } });
}

let seq = 0;
/** A waiting record; every field can be overridden. */
function waiting(over: Partial<WaitingRecord> = {}): WaitingRecord {
  seq++;
  return { id: `w${seq}`, roomId: 'room-1', resumeKeyHash: `hash-${seq}`, name: `Guest ${seq}`, since: T, clientKey: '10.0.0.1', expiresAt: T + 900, ...over };
}

function admission(over: Partial<AdmissionRecord> = {}): AdmissionRecord {
  seq++;
  return { ticketHash: `ticket-hash-${seq}`, roomId: 'room-1', name: `Guest ${seq}`, expiresAt: T + 30, ...over };
}

describe('waiting records', () => {
  it('addWaiting then getWaiting and waitingByResumeKey give the record back, optional fields absent when unset', async () => {
    const plain = waiting();
    const full = waiting({ meetingToken: 'eyJ.token', goneAt: T + 5, since: T + 0.25 });
    await lobby.addWaiting(plain);
    await lobby.addWaiting(full);
    expect(await lobby.getWaiting(plain.id)).toEqual(plain);
    expect(await lobby.getWaiting(plain.id)).not.toHaveProperty('meetingToken');
    expect(await lobby.getWaiting(plain.id)).not.toHaveProperty('goneAt');
    expect(await lobby.getWaiting(full.id)).toEqual(full);
    expect(await lobby.waitingByResumeKey(full.resumeKeyHash)).toEqual(full);
    expect(await lobby.getWaiting('nobody')).toBeNull();
    expect(await lobby.waitingByResumeKey('no-such-hash')).toBeNull();
  });

  it('refuses a second record with the same resume key hash', async () => {
    await lobby.addWaiting(waiting({ resumeKeyHash: 'same' }));
    await expect(lobby.addWaiting(waiting({ resumeKeyHash: 'same' }))).rejects.toThrow(/UNIQUE/);
  });

  it('waitingInRoom lists one room in knock order (ties in insertion order); the counts agree', async () => {
    const late = waiting({ since: T + 2, name: 'late' });
    const early = waiting({ since: T + 1, name: 'early' });
    const tieA = waiting({ since: T + 3, name: 'tie A' });
    const tieB = waiting({ since: T + 3, name: 'tie B', clientKey: '10.0.0.2' });
    const elsewhere = waiting({ roomId: 'room-2', since: T, name: 'elsewhere' });
    for (const r of [late, early, tieA, tieB, elsewhere]) await lobby.addWaiting(r);
    expect((await lobby.waitingInRoom('room-1')).map((r) => r.name)).toEqual(['early', 'late', 'tie A', 'tie B']);
    expect(await lobby.waitingInRoom('room-2')).toEqual([elsewhere]);
    expect(await lobby.waitingInRoom('room-3')).toEqual([]);
    expect(await lobby.countWaitingInRoom('room-1')).toBe(4);
    expect(await lobby.countWaitingInRoom('room-3')).toBe(0);
    // Per client, across rooms.
    expect(await lobby.countWaitingFrom('10.0.0.1')).toBe(4);
    expect(await lobby.countWaitingFrom('10.0.0.2')).toBe(1);
    expect(await lobby.countWaitingFrom('10.0.0.3')).toBe(0);
  });

  it('renameWaiting changes the name only', async () => {
    const r = waiting();
    await lobby.addWaiting(r);
    await lobby.renameWaiting(r.id, 'Ada L.');
    expect(await lobby.getWaiting(r.id)).toEqual({ ...r, name: 'Ada L.' });
  });

  it('setGoneAt sets and clears the time a dropped guest loses their place', async () => {
    const r = waiting();
    await lobby.addWaiting(r);
    await lobby.setGoneAt(r.id, T + 5);
    expect((await lobby.getWaiting(r.id))?.goneAt).toBe(T + 5);
    await lobby.setGoneAt(r.id, null);
    expect(await lobby.getWaiting(r.id)).toEqual(r);
  });

  it('takeWaiting removes and returns the record once: a second take gets null', async () => {
    const r = waiting();
    const other = waiting();
    await lobby.addWaiting(r);
    await lobby.addWaiting(other);
    expect(await lobby.takeWaiting(r.id)).toEqual(r);
    expect(await lobby.takeWaiting(r.id)).toBeNull();
    expect(await lobby.getWaiting(r.id)).toBeNull();
    expect(await lobby.waitingInRoom('room-1')).toEqual([other]);
  });

  it('takeWaiting through two connections to one database file (two processes): the second take gets null', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foyer-lobby-store-'));
    try {
      const first = openSqliteStore(join(dir, 'foyer.db'));
      const second = openSqliteStore(join(dir, 'foyer.db'));
      await addRoom('room-1', first);
      const r = waiting();
      await first.lobby.addWaiting(r);
      expect(await second.lobby.takeWaiting(r.id)).toEqual(r);
      expect(await first.lobby.takeWaiting(r.id)).toBeNull();
      await first.close();
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('expiredWaiting finds entries gone past their grace, or past their maximum wait, in knock order', async () => {
    const connected = waiting({ since: T, name: 'connected' });
    const goneLong = waiting({ since: T + 2, goneAt: T + 10, name: 'gone long' });
    const goneEdge = waiting({ since: T + 1, goneAt: T + 20, name: 'gone at the edge' });
    const timedOut = waiting({ since: T + 3, expiresAt: T + 20, name: 'timed out', roomId: 'room-2' });
    for (const r of [connected, goneLong, goneEdge, timedOut]) await lobby.addWaiting(r);
    // goneAt is the last moment the place is kept; expiresAt is the first moment the wait is over.
    expect((await lobby.expiredWaiting(T + 20)).map((r) => r.name)).toEqual(['gone long', 'timed out']);
    expect((await lobby.expiredWaiting(T + 20.5)).map((r) => r.name)).toEqual(['gone at the edge', 'gone long', 'timed out']);
    // Finding is not taking.
    expect(await lobby.countWaitingInRoom('room-1')).toBe(3);
    expect(await lobby.expiredWaiting(T + 9)).toEqual([]);
  });
});

describe('held answers', () => {
  it('takeHeldAnswer returns the answer for its key and room once, while fresh', async () => {
    await lobby.holdAnswer({ resumeKeyHash: 'k1', roomId: 'room-1', answer: '{"type":"denied"}', until: T + 10 });
    expect(await lobby.takeHeldAnswer('k1', 'room-1', T + 10)).toEqual({ resumeKeyHash: 'k1', roomId: 'room-1', answer: '{"type":"denied"}', until: T + 10 });
    expect(await lobby.takeHeldAnswer('k1', 'room-1', T + 10)).toBeNull();
  });

  it('a key presented in another room gets nothing, and the answer stays for its own room', async () => {
    await lobby.holdAnswer({ resumeKeyHash: 'k1', roomId: 'room-1', answer: 'a', until: T + 10 });
    expect(await lobby.takeHeldAnswer('k1', 'room-2', T)).toBeNull();
    expect(await lobby.takeHeldAnswer('nope', 'room-1', T)).toBeNull();
    expect((await lobby.takeHeldAnswer('k1', 'room-1', T))?.answer).toBe('a');
  });

  it('a stale answer is not given, and is gone after the try', async () => {
    await lobby.holdAnswer({ resumeKeyHash: 'k1', roomId: 'room-1', answer: 'a', until: T + 10 });
    expect(await lobby.takeHeldAnswer('k1', 'room-1', T + 10.5)).toBeNull();
    expect(await lobby.takeHeldAnswer('k1', 'room-1', T)).toBeNull();
  });

  it('holding again for the same key replaces the answer', async () => {
    await lobby.holdAnswer({ resumeKeyHash: 'k1', roomId: 'room-1', answer: 'first', until: T + 10 });
    await lobby.holdAnswer({ resumeKeyHash: 'k1', roomId: 'room-1', answer: 'second', until: T + 20 });
    expect((await lobby.takeHeldAnswer('k1', 'room-1', T + 15))?.answer).toBe('second');
  });
});

describe('admissions', () => {
  it('addAdmission then getAdmission (not using it up) and takeAdmission (once)', async () => {
    const plain = admission();
    const withToken = admission({ meetingToken: 'eyJ.knock' });
    await lobby.addAdmission(plain);
    await lobby.addAdmission(withToken);
    expect(await lobby.getAdmission(plain.ticketHash)).toEqual(plain);
    expect(await lobby.getAdmission(plain.ticketHash)).not.toHaveProperty('meetingToken');
    expect(await lobby.getAdmission(withToken.ticketHash)).toEqual(withToken);
    expect(await lobby.takeAdmission(plain.ticketHash)).toEqual(plain);
    expect(await lobby.takeAdmission(plain.ticketHash)).toBeNull();
    expect(await lobby.getAdmission(plain.ticketHash)).toBeNull();
    expect(await lobby.getAdmission(withToken.ticketHash)).toEqual(withToken);
    expect(await lobby.getAdmission('made-up')).toBeNull();
  });
});

describe('prune', () => {
  it('forgets held answers and admissions past their time, and nothing else', async () => {
    await lobby.holdAnswer({ resumeKeyHash: 'old', roomId: 'room-1', answer: 'a', until: T + 10 });
    await lobby.holdAnswer({ resumeKeyHash: 'edge', roomId: 'room-1', answer: 'b', until: T + 20 });
    const oldTicket = admission({ expiresAt: T + 10 });
    const edgeTicket = admission({ expiresAt: T + 20 });
    await lobby.addAdmission(oldTicket);
    await lobby.addAdmission(edgeTicket);
    // Waiting entries are ended by the lobby's sweep (it tells the guest and the owners), never by prune.
    const timedOut = waiting({ expiresAt: T, goneAt: T });
    await lobby.addWaiting(timedOut);
    await lobby.prune(T + 20);
    expect(await lobby.getAdmission(oldTicket.ticketHash)).toBeNull();
    expect(await lobby.getAdmission(edgeTicket.ticketHash)).toEqual(edgeTicket);
    expect(await lobby.getWaiting(timedOut.id)).toEqual(timedOut);
    // Asked at a time it would still be fresh, the pruned answer is gone; the one at the edge is kept.
    expect(await lobby.takeHeldAnswer('old', 'room-1', T)).toBeNull();
    expect((await lobby.takeHeldAnswer('edge', 'room-1', T))?.answer).toBe('b');
  });
});

describe('recover (at start, nobody connected)', () => {
  it('drops every record of rooms that no longer exist', async () => {
    await addRoom('doomed');
    const kept = waiting();
    const orphan = waiting({ roomId: 'doomed' });
    await lobby.addWaiting(kept);
    await lobby.addWaiting(orphan);
    await lobby.holdAnswer({ resumeKeyHash: 'kept', roomId: 'room-1', answer: 'a', until: T + 100 });
    await lobby.holdAnswer({ resumeKeyHash: 'orphan', roomId: 'doomed', answer: 'b', until: T + 100 });
    const keptTicket = admission();
    const orphanTicket = admission({ roomId: 'doomed' });
    await lobby.addAdmission(keptTicket);
    await lobby.addAdmission(orphanTicket);
    await store.deleteRoom('name-doomed');
    await lobby.recover(T + 60);
    expect(await lobby.getWaiting(orphan.id)).toBeNull();
    expect((await lobby.getWaiting(kept.id))?.name).toBe(kept.name);
    expect(await lobby.takeHeldAnswer('orphan', 'doomed', T)).toBeNull();
    expect((await lobby.takeHeldAnswer('kept', 'room-1', T))?.answer).toBe('a');
    expect(await lobby.getAdmission(orphanTicket.ticketHash)).toBeNull();
    expect(await lobby.getAdmission(keptTicket.ticketHash)).toEqual(keptTicket);
  });

  it('gives everyone waiting until goneAt to come back, never less than they had', async () => {
    const connected = waiting();
    const dropped = waiting({ goneAt: T + 5 });
    const later = waiting({ goneAt: T + 500 });
    for (const r of [connected, dropped, later]) await lobby.addWaiting(r);
    await lobby.recover(T + 60);
    expect((await lobby.getWaiting(connected.id))?.goneAt).toBe(T + 60);
    expect((await lobby.getWaiting(dropped.id))?.goneAt).toBe(T + 60);
    expect((await lobby.getWaiting(later.id))?.goneAt).toBe(T + 500);
    // Places, names and wait ends are untouched.
    expect((await lobby.waitingInRoom('room-1')).map((r) => ({ ...r, goneAt: undefined }))).toEqual(
      [connected, dropped, later].map((r) => ({ ...r, goneAt: undefined })),
    );
  });

  it('keeps held answers at least until goneAt', async () => {
    await lobby.holdAnswer({ resumeKeyHash: 'short', roomId: 'room-1', answer: 'a', until: T + 5 });
    await lobby.holdAnswer({ resumeKeyHash: 'long', roomId: 'room-1', answer: 'b', until: T + 500 });
    await lobby.recover(T + 60);
    expect((await lobby.takeHeldAnswer('short', 'room-1', T + 60))?.answer).toBe('a');
    expect((await lobby.takeHeldAnswer('long', 'room-1', T + 500))?.answer).toBe('b');
  });

  it('survives closing and reopening the database file (a restart)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foyer-lobby-store-'));
    try {
      const path = join(dir, 'foyer.db');
      const before = openSqliteStore(path);
      await addRoom('room-1', before);
      const r = waiting();
      await before.lobby.addWaiting(r);
      await before.lobby.addAdmission(admission({ ticketHash: 'th' }));
      await before.close();
      const after = openSqliteStore(path);
      await after.lobby.recover(T + 60);
      expect(await after.lobby.getWaiting(r.id)).toEqual({ ...r, goneAt: T + 60 });
      expect((await after.lobby.takeAdmission('th'))?.name).toEqual(expect.any(String));
      await after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('secrets at rest', () => {
  it('never stores a resume key or an admission ticket in plain: only their hashes are in the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foyer-lobby-store-'));
    try {
      const path = join(dir, 'foyer.db');
      const onDisk = openSqliteStore(path);
      await addRoom('room-1', onDisk);
      const list = new WaitingList(onDisk.lobby, 'room-1', { maxWaiting: 50, maxWaitingPerClient: 50, maxWaitSeconds: 900, graceSeconds: 5 });
      const admissions = new Admissions(onDisk.lobby, 30);
      const resumeKeys: string[] = [];
      const tickets: string[] = [];
      for (let i = 0; i < 5; i++) {
        const added = await list.add(`Guest ${i}`, T, { clientKey: '10.0.0.1' });
        if (!added.ok) throw new Error(added.info);
        resumeKeys.push(added.resumeKey);
        if (i % 2) await list.dropped(added.entry.id, T + 1);
        tickets.push(await admissions.issue({ roomId: 'room-1', name: `Guest ${i}` }, T));
      }
      await onDisk.close();

      // Every value of every lobby table, read straight from the file.
      const raw = new Database(path, { readonly: true });
      const values = ['waiting', 'held_answers', 'admissions'].flatMap((table) =>
        (raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).flatMap((row) => Object.values(row).map(String)),
      );
      const hashes = raw.prepare('SELECT resume_key_hash FROM waiting').all() as { resume_key_hash: string }[];
      const ticketHashes = raw.prepare('SELECT ticket_hash FROM admissions').all() as { ticket_hash: string }[];
      raw.close();
      expect(hashes.map((h) => h.resume_key_hash).sort()).toEqual(resumeKeys.map(secretHash).sort());
      expect(ticketHashes.map((h) => h.ticket_hash).sort()).toEqual(tickets.map(secretHash).sort());
      for (const secret of [...resumeKeys, ...tickets]) {
        expect(values.some((v) => v.includes(secret))).toBe(false);
      }
      // Nor anywhere in the files (free pages, the write-ahead log).
      const bytes = readdirSync(dir).map((f) => readFileSync(join(dir, f)).toString('latin1')).join('\n');
      for (const secret of [...resumeKeys, ...tickets]) expect(bytes.includes(secret)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
