/**
 * The PostgreSQL store's transactions: calls made inside `transaction(fn)` join it (and nest as savepoints),
 * work it leaves behind does not, and the meetings record's transactions take turns across instances
 * without tying up an instance's pool.
 */
import { describe, expect, it } from 'vitest';
import type { Store } from '../store.ts';
import { signup, useTestDatabase } from './test-database.ts';

const db = useTestDatabase(25_433);

describe('transactions', () => {
  it('calls inside transaction(fn) join it: they see its writes, others do not until it commits, and a throw undoes them', async () => {
    await db.freshDatabase();
    const [a, b] = [await db.instance(), await db.instance()];
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
    await db.freshDatabase();
    const a = await db.instance();
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

  it('of two transactions nested in one at once, the failing one undoes only its own part', async () => {
    await db.freshDatabase();
    const records = (await db.instance()).meetingRecords;
    const outcomes = await records.transaction(() => Promise.allSettled([
      records.transaction(async () => {
        await records.claimEvent('EV_undone', 0);
        throw new Error('undone');
      }),
      records.transaction(() => records.claimEvent('EV_kept', 0)),
    ]));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    expect(await records.claimEvent('EV_kept', 1)).toBe(false);
    expect(await records.claimEvent('EV_undone', 1)).toBe(true);
  });

  it('a call the enclosing transaction makes while one nested in it is going on is not undone with it', async () => {
    await db.freshDatabase();
    const a = await db.instance();
    await a.meetingRecords.transaction(() => Promise.allSettled([
      a.meetingRecords.transaction(async () => {
        await a.meetingRecords.claimEvent('EV_undone', 0);
        await a.getSetting('k');
        throw new Error('undone');
      }),
      a.setSetting('k', 'kept'),
    ]));
    expect(await a.getSetting('k')).toBe('kept');
    expect(await a.meetingRecords.claimEvent('EV_undone', 1)).toBe(true);
  });

  it('work a transaction started without awaiting it, run after it ended, is not part of a later transaction', async () => {
    await db.freshDatabase();
    // One connection: the later transaction gets the very connection the first one had.
    const a = await db.instance({ maxConnections: 1 });
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
    await db.freshDatabase();
    const a = await db.instance({ maxConnections: 2 });
    const b = await db.instance();
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
    await db.freshDatabase();
    const [a, b] = [await db.instance(), await db.instance()];
    const startIfNone = (store: Store, id: string) => store.meetingRecords.transaction(async () => {
      if (await store.meetingRecords.openMeeting('r')) return;
      await store.meetingRecords.createMeeting({ id, roomId: 'r', roomName: 'standup', startTime: 1, endTime: null, maxParticipants: 1 });
    });
    await Promise.all([startIfNone(a, 'from-a'), startIfNone(b, 'from-b'), startIfNone(a, 'from-a2'), startIfNone(b, 'from-b2')]);
    expect((await a.meetingRecords.listMeetings({ limit: 10 })).total_count).toBe(1);
  });
});
