/**
 * Several control planes (stores with pools of their own) on one PostgreSQL database: whatever two of them
 * do at once, the database decides, exactly as one instance would. And Daily's ending_before=OLDEST, which
 * the contract does not cover.
 */
import { describe, expect, it } from 'vitest';
import { RoomNameTakenError, type Store } from '../store.ts';
import { room, signup, useTestDatabase } from './test-database.ts';

const db = useTestDatabase(25_432);

describe('two instances on one database', () => {
  it('of creates of one name on both at once, exactly one wins and the other gets RoomNameTakenError (100 rounds)', async () => {
    await db.freshDatabase();
    const [a, b] = [await db.instance(), await db.instance()];
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
    await db.freshDatabase();
    const [a, b] = [await db.instance(), await db.instance()];
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
    await db.freshDatabase();
    const [a, b] = [await db.instance(), await db.instance()];
    for (let i = 0; i < 20; i++) {
      const kept = await Promise.all([a.claimSetting(`k${i}`, 'from-a'), b.claimSetting(`k${i}`, 'from-b')]);
      expect(kept[0]).toBe(kept[1]);
      const claims = await Promise.all([a.meetingRecords.claimEvent(`EV_${i}`, 0), b.meetingRecords.claimEvent(`EV_${i}`, 0)]);
      expect(claims.filter(Boolean)).toHaveLength(1);
    }
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
    await db.freshDatabase();
    const a = await db.instance();
    for (const name of ['r0', 'r1', 'r2']) await a.createRoom(room(name, `id-${name}`));
    const page = await a.listRooms({ limit: 2, endingBefore: 'OLDEST', now: 0 });
    expect(page.data.map((r) => r.name)).toEqual(['r1', 'r0']);
  });
});
