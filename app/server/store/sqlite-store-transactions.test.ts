/**
 * The SQLite store while a meetings-record transaction is open on its one connection: calls made inside it
 * join it, every other call (any method, any sub-store) waits for it to end, so a rollback never undoes a
 * write whose caller was told it succeeded.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';
import type { Store } from './store.ts';

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(() => store.close());

/** Lets other promise chains run a turn of the event loop. */
const aTurn = () => new Promise((resolve) => setImmediate(resolve));

it("a failing transaction does not undo another request's write made while it was open", async () => {
  // Another request's chain of awaits on the store (as a route handler's), started first.
  const otherRequest = (async () => {
    await store.getSetting('x');
    await store.getSetting('x');
    await store.setSetting('other-request', 'written');
  })();
  const failing = store.meetingRecords.transaction(async () => {
    await store.meetingRecords.claimEvent('EV_1', 1);
    await store.getSetting('y');
    await store.getSetting('y');
    await store.getSetting('y');
    throw new Error('apply failed');
  });
  await otherRequest;
  await expect(failing).rejects.toThrow('apply failed');
  expect(await store.getSetting('other-request')).toBe('written');
  expect(await store.meetingRecords.claimEvent('EV_1', 2)).toBe(true);
});

it('calls made inside the transaction run at once, at once together too, and see its writes', async () => {
  const seen = await store.meetingRecords.transaction(async () => {
    await store.setSetting('k', 'inside');
    const [setting, claimed, members] = await Promise.all([
      store.getSetting('k'),
      store.meetingRecords.claimEvent('EV_1', 1),
      store.team.members(),
    ]);
    return { setting, claimed, members };
  });
  expect(seen).toStrictEqual({ setting: 'inside', claimed: true, members: [] });
});

for (const outcome of ['commits', 'rolls back'] as const) {
  it(`a call made outside while the transaction is open runs after it ${outcome}, and its write stays`, async () => {
    const order: string[] = [];
    let entered!: () => void;
    let release!: () => void;
    const open = new Promise<void>((resolve) => (entered = resolve));
    const gate = new Promise<void>((resolve) => (release = resolve));
    const transaction = store.meetingRecords.transaction(async () => {
      entered();
      await gate;
      // Not written yet: it would be part of this transaction.
      expect(await store.getSetting('k')).toBeNull();
      await store.meetingRecords.claimEvent('EV_1', 1);
      order.push('transaction ends');
      if (outcome === 'rolls back') throw new Error('undone');
    });
    await open;
    const outside = Promise.all([
      store.setSetting('k', 'outside').then(() => order.push('setting written')),
      store.meetings.promote('r1', 'p_a'),
      store.lobby.holdAnswer({ resumeKeyHash: 'h1', roomId: 'r1', answer: 'admitted', until: 10 }),
    ]);
    release();
    await Promise.allSettled([transaction, outside]);
    expect(order).toEqual(['transaction ends', 'setting written']);
    expect(await store.getSetting('k')).toBe('outside');
    expect(await store.meetings.isPromoted('r1', 'p_a')).toBe(true);
    expect(await store.lobby.takeHeldAnswer('h1', 'r1', 0)).not.toBeNull();
    expect(await store.meetingRecords.claimEvent('EV_1', 2)).toBe(outcome === 'rolls back');
  });
}

it('work a transaction left behind, run during a later one, is not part of that one', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let leftBehind!: Promise<void>;
  await store.meetingRecords.transaction(async () => {
    leftBehind = gate.then(() => store.setSetting('k', 'left behind'));
  });
  await expect(store.meetingRecords.transaction(async () => {
    release();
    await aTurn();
    throw new Error('undone');
  })).rejects.toThrow('undone');
  await leftBehind;
  expect(await store.getSetting('k')).toBe('left behind');
});
