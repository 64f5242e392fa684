/**
 * What the shared contract cannot show of the PostgreSQL store: several control planes (stores with pools
 * of their own) on one database deciding races, migrations run by instances starting at once,
 * transactions that calls inside them join, and what an operator is told when the database cannot be used.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type RunningService } from '../../testing/services.ts';
import { openStore } from '../open-store.ts';
import { RoomNameTakenError, type Room, type Store } from '../store.ts';
import { pgDb } from './db.ts';
import { migrate, PG_MIGRATIONS } from './migrations.ts';
import { openPostgresStore } from './store.ts';

let server: RunningService | undefined;
let admin: pg.Pool | undefined;

beforeAll(async () => {
  server = await startPostgres(54_322);
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
});

afterAll(async () => {
  await admin?.end();
  await server?.stop();
});

let schemas = 0;
let open: Store[] = [];
let schema = '';

/** A fresh, empty schema: the database the next `instance()` calls share. */
async function freshDatabase(): Promise<void> {
  schema = `instances_${++schemas}`;
  await admin!.query(`CREATE SCHEMA ${schema}`);
}

/** A control plane's store on the current schema (its own pool), closed after the test. */
async function instance(): Promise<Store> {
  const store = await openPostgresStore({ url: server!.url, schema, maxConnections: 4 });
  open.push(store);
  return store;
}

afterEach(async () => {
  await Promise.all(open.map((s) => s.close()));
  open = [];
});

const room = (name: string, id: string): Room =>
  ({ id, name, api_created: true, privacy: 'private', created_at: '2025-01-01T00:00:00.000Z', config: {} });

describe('two instances on one database', () => {

  it('of creates of one name on both at once, exactly one wins and the other gets RoomNameTakenError (100 rounds)', async () => {
    await freshDatabase();
    const [a, b] = [await instance(), await instance()];
    for (let round = 0; round < 100; round++) {
      const name = `standup-${round}`;
      const outcomes = await Promise.allSettled([a.createRoom(room(name, `a-${round}`)), b.createRoom(room(name, `b-${round}`))]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toBeInstanceOf(RoomNameTakenError);
      const winner = outcomes[0]!.status === 'fulfilled' ? `a-${round}` : `b-${round}`;
      expect((await b.getRoom(name))?.id).toBe(winner);
    }
    expect((await a.listRooms({ limit: 1, now: 0 })).total_count).toBe(100);
  });

  it('each lobby record taken on both at once goes to exactly one, without an error', async () => {
    await freshDatabase();
    const [a, b] = [await instance(), await instance()];
    const entries = 100;
    for (let i = 0; i < entries; i++) {
      await a.lobby.addWaiting({ id: `w${i}`, roomId: 'r', resumeKeyHash: `k${i}`, name: 'Guest', since: i, clientKey: 'c', expiresAt: 1e12 });
      await a.lobby.holdAnswer({ resumeKeyHash: `k${i}`, roomId: 'r', answer: '{}', until: 1e12 });
      await a.lobby.addAdmission({ ticketHash: `t${i}`, roomId: 'r', name: 'Guest', expiresAt: 1e12 });
    }
    const takeAll = async (store: Store) => {
      let taken = 0;
      for (let i = 0; i < entries; i++) {
        const got = await Promise.all([store.lobby.takeWaiting(`w${i}`), store.lobby.takeHeldAnswer(`k${i}`, 'r', 0), store.lobby.takeAdmission(`t${i}`)]);
        taken += got.filter((g) => g !== null).length;
      }
      return taken;
    };
    const [byA, byB] = await Promise.all([takeAll(a), takeAll(b)]);
    expect(byA + byB).toBe(3 * entries);
  });

  it('agree on claimed settings, applied LiveKit events, the first sign-up as the only owner, and the webhook maximum', async () => {
    await freshDatabase();
    const [a, b] = [await instance(), await instance()];
    for (let i = 0; i < 20; i++) {
      const kept = await Promise.all([a.claimSetting(`k${i}`, 'from-a'), b.claimSetting(`k${i}`, 'from-b')]);
      expect(kept[0]).toBe(kept[1]);
      const claims = await Promise.all([a.meetingRecords.claimEvent(`EV_${i}`, 0), b.meetingRecords.claimEvent(`EV_${i}`, 0)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
    const signup = (name: string) => ({
      member: { id: `m-${name}`, email: `${name}@example.com`, name, created_at: '2025-01-01T00:00:00.000Z' },
      passkey: { id: `pk-${name}`, publicKey: new Uint8Array([1]), counter: 0, transports: [] },
      session: { idHash: `s-${name}`, createdAt: 0, expiresAt: 10 },
    });
    const members = await Promise.all(['ada', 'bob', 'cy', 'dee'].map((n, i) => (i % 2 ? a : b).team.addMember(signup(n))));
    expect(members.filter((m) => m.role === 'owner')).toHaveLength(1);
    const hook = (uuid: string) => ({
      uuid, url: 'https://hooks.example/', hmac: 'c2VjcmV0', basicAuth: null, retryType: 'circuit-breaker' as const, eventTypes: [],
      state: 'ACTIVE' as const, failedCount: 0, lastMomentPushed: null, createdAt: '', updatedAt: '',
    });
    const added = await Promise.all(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((u, i) => (i % 2 ? a : b).webhooks.add(hook(u), 3)));
    expect(added.filter(Boolean)).toHaveLength(3);
    expect(await a.webhooks.list()).toHaveLength(3);
  });
});

describe('rooms', () => {
  it("ending_before=OLDEST (Daily's) gives the oldest rooms, newest first, as on SQLite", async () => {
    await freshDatabase();
    const a = await instance();
    for (const name of ['r0', 'r1', 'r2']) await a.createRoom(room(name, `id-${name}`));
    const page = await a.listRooms({ limit: 2, endingBefore: 'OLDEST', now: 0 });
    expect(page.data.map((r) => r.name)).toEqual(['r1', 'r0']);
  });
});

describe('transactions', () => {
  it('calls inside transaction(fn) join it: they see its writes, others do not until it commits, and a throw undoes them', async () => {
    await freshDatabase();
    const [a, b] = [await instance(), await instance()];
    const meeting = { id: 'm1', roomId: 'r', roomName: 'standup', startTime: 1, endTime: null, maxParticipants: 1 };
    let seenInside: unknown;
    let seenOutside: unknown;
    await a.meetingRecords.transaction(async () => {
      await a.meetingRecords.createMeeting(meeting);
      seenInside = await a.meetingRecords.meeting('m1');
      seenOutside = await b.meetingRecords.meeting('m1');
    });
    expect(seenInside).toStrictEqual(meeting);
    expect(seenOutside).toBeNull();
    expect(await b.meetingRecords.meeting('m1')).toStrictEqual(meeting);

    await expect(a.meetingRecords.transaction(async () => {
      await a.meetingRecords.updateMeeting('m1', { endTime: 9, maxParticipants: 2 });
      await a.meetingRecords.claimEvent('EV_1', 0);
      throw new Error('half way');
    })).rejects.toThrow('half way');
    expect(await a.meetingRecords.meeting('m1')).toStrictEqual(meeting);
    expect(await a.meetingRecords.claimEvent('EV_1', 0)).toBe(true);
  });

  it('a failing transaction nested in one undoes only its own part', async () => {
    await freshDatabase();
    const a = await instance();
    const signup = (name: string, passkeyId: string) => ({
      member: { id: `m-${name}`, email: `${name}@example.com`, name, created_at: '2025-01-01T00:00:00.000Z' },
      passkey: { id: passkeyId, publicKey: new Uint8Array([1]), counter: 0, transports: [] },
      session: { idHash: `s-${name}`, createdAt: 0, expiresAt: 10 },
    });
    await a.meetingRecords.transaction(async () => {
      await a.meetingRecords.claimEvent('EV_kept', 0);
      await a.team.addMember(signup('ada', 'pk-1'));
      // The same passkey again: addMember's own transaction fails, the outer one goes on.
      await expect(a.team.addMember(signup('bob', 'pk-1'))).rejects.toThrow();
      await a.meetingRecords.claimEvent('EV_after', 0);
    });
    expect(await a.meetingRecords.claimEvent('EV_kept', 1)).toBe(false);
    expect(await a.meetingRecords.claimEvent('EV_after', 1)).toBe(false);
    expect((await a.team.members()).map((m) => m.name)).toEqual(['ada']);
  });

  it('work a transaction started without awaiting it, run after it ended, is not part of a later transaction', async () => {
    await freshDatabase();
    // One connection: the later transaction gets the very connection the first one had.
    const a = await openPostgresStore({ url: server!.url, schema, maxConnections: 1 });
    open.push(a);
    await a.setSetting('k', 'committed');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let later!: Promise<string | null>;
    await a.meetingRecords.transaction(async () => {
      later = gate.then(() => a.getSetting('k'));
    });
    await expect(a.meetingRecords.transaction(async () => {
      await a.setSetting('k', 'rolled back');
      release();
      throw new Error('undone');
    })).rejects.toThrow('undone');
    expect(await later).toBe('committed');
  });

  it("while another instance holds the meetings record, this one's waiting transactions leave its pool free for requests", async () => {
    await freshDatabase();
    const a = await openPostgresStore({ url: server!.url, schema, maxConnections: 2 });
    open.push(a);
    const b = await instance();
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const holding = b.meetingRecords.transaction(async () => {
      entered();
      await gate;
    });
    await inside;
    const waiting = Array.from({ length: 30 }, (_, i) => a.meetingRecords.transaction(() => a.meetingRecords.claimEvent(`EV_${i}`, 0)));
    try {
      // Answered while b still holds the lock (otherwise the pool's connection timeout fails it).
      expect(await a.getSetting('anything')).toBeNull();
    } finally {
      release();
      await holding;
    }
    expect((await Promise.all(waiting)).every(Boolean)).toBe(true);
  });

  it('meetings-record transactions of two instances take turns (a read-then-write in each creates one meeting)', async () => {
    await freshDatabase();
    const [a, b] = [await instance(), await instance()];
    const startIfNone = (store: Store, id: string) => store.meetingRecords.transaction(async () => {
      if (await store.meetingRecords.openMeeting('r')) return;
      await store.meetingRecords.createMeeting({ id, roomId: 'r', roomName: 'standup', startTime: 1, endTime: null, maxParticipants: 1 });
    });
    await Promise.all([startIfNone(a, 'from-a'), startIfNone(b, 'from-b'), startIfNone(a, 'from-a2'), startIfNone(b, 'from-b2')]);
    expect((await a.meetingRecords.listMeetings({ limit: 10 })).total_count).toBe(1);
  });
});

describe('migrations', () => {
  const versions = async () =>
    (await admin!.query<{ version: number }>(`SELECT version FROM ${schema}.foyer_schema_version ORDER BY version`)).rows.map((r) => r.version);

  it('instances starting at once on an empty database migrate it once between them, without an error', async () => {
    await freshDatabase();
    await Promise.all([instance(), instance(), instance()]);
    expect(await versions()).toEqual(PG_MIGRATIONS.map((_, i) => i + 1));
  });

  it('a later start applies only the migrations added since', async () => {
    await freshDatabase();
    await instance();
    const pool = new pg.Pool({ connectionString: server!.url, options: `-c search_path=${schema}`, max: 1 });
    const later = [...PG_MIGRATIONS, 'CREATE TABLE added_later (x integer)'];
    await migrate(pgDb(pool), later);
    await migrate(pgDb(pool), later);
    await pool.end();
    expect(await versions()).toEqual(later.map((_, i) => i + 1));
    // The older code still opens it (a rolling upgrade runs both for a while).
    const older = await instance();
    expect(await older.getSetting('x')).toBeNull();
  });
});

describe('the database restarting', () => {
  it('a store answers with an error while it is down, and works again once it is back (no crash, no reopening)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foyer-pg-restart-'));
    let database = await startPostgres(54_323, { dir });
    try {
      const store = await openPostgresStore({ url: database.url, maxConnections: 2 });
      open.push(store);
      await store.setSetting('k', 'kept');
      // Two connections sit idle in the pool when the server goes.
      await Promise.all([store.getSetting('k'), store.getSetting('k')]);
      await database.kill();
      await expect(store.getSetting('k')).rejects.toThrow();
      database = await startPostgres(54_323, { dir });
      expect(await store.getSetting('k')).toBe('kept');
    } finally {
      await database.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('openStore', () => {
  it('opens the store on PostgreSQL when the config has a database URL, never touching the data dir', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foyer-open-store-'));
    try {
      const store = await openStore({ dataDir, databaseUrl: server!.url });
      open.push(store);
      await store.setSetting('opened-by', 'openStore');
      const { rows } = await admin!.query("SELECT value FROM public.settings WHERE key = 'opened-by'");
      expect(rows).toEqual([{ value: 'openStore' }]);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('opening fails with the next step', () => {
  it('for a server that is not there: names the URL without its password, and what to check', async () => {
    const opening = openPostgresStore({ url: 'postgres://foyer:s3cret@127.0.0.1:1/foyer' });
    await expect(opening).rejects.toThrow(/postgres:\/\/foyer:\*\*\*@127\.0\.0\.1:1\/foyer.*ECONNREFUSED.*PostgreSQL is running/);
    await expect(opening).rejects.toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('for a database that does not exist: says to create it', async () => {
    const url = server!.url.replace(/\/foyer$/, '/nowhere');
    await expect(openPostgresStore({ url })).rejects.toThrow(/\/nowhere.*does not exist.*create it/);
  });
});
