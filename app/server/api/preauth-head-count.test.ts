import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectError, expectOk } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let roomId: string;
/** LiveKit's head-count answers, held until the test lets them go. */
let release: () => void;
let asked: number;
let arrived: number;
beforeEach(async () => {
  t = await makeTestApp();
  roomId = expectOk(await t.api('POST', '/v1/rooms', { name: 'busy', properties: { max_participants: 3 } })).id;
  const answer = t.livekit.participants.bind(t.livekit);
  const newGate = () => {
    let open!: () => void;
    return { promise: new Promise<void>((resolve) => (open = resolve)), open };
  };
  let gate = newGate();
  release = () => {
    gate.open();
    gate = newGate();
  };
  asked = 0;
  t.livekit.participants = async (id) => {
    asked++;
    await gate.promise;
    return answer(id);
  };
  // Every preauth reads the room first; once all have, each has asked for the head count or joined a read in flight.
  arrived = 0;
  const getRoom = t.store.getRoom.bind(t.store);
  t.store.getRoom = (name) => {
    arrived++;
    return getRoom(name);
  };
});
afterEach(async () => {
  // Requests still held would keep the app from closing.
  release();
  await t.close();
});

/** Sends `n` preauths at once and waits until every one is waiting on LiveKit's head count. */
async function preauthsWaiting(n: number) {
  const before = arrived;
  const answers = Promise.all(Array.from({ length: n }, () => t.client('/api/rooms/busy/preauth', {})));
  await vi.waitFor(() => expect(arrived - before).toBe(n));
  await new Promise((resolve) => setImmediate(resolve));
  // Wrapped: an async function returning the promise itself would wait for it.
  return { answers };
}

describe('preauth under load: one head count per room in flight', () => {
  it('preauths to one room arriving together share one LiveKit call, and each gets the answer', async () => {
    t.livekit.counts.set(roomId, 3);
    const { answers } = await preauthsWaiting(20);
    expect(asked).toBe(1);
    release();
    for (const res of await answers) expect(expectOk(res).error?.type).toBe('meeting-full');
  });

  it('never reuses an answer once it is in: the next preauth asks LiveKit again and sees the seat freed', async () => {
    t.livekit.counts.set(roomId, 3);
    const { answers: first } = await preauthsWaiting(5);
    release();
    await first;
    t.livekit.counts.set(roomId, 2);
    const { answers: second } = await preauthsWaiting(5);
    expect(asked).toBe(2);
    release();
    for (const res of await second) expect(expectOk(res)).toMatchObject({ access: { level: 'full' } });
  });

  it('a failed head count fails every preauth that shared it (closed, never "nobody there"), and the next one asks afresh', async () => {
    const { answers: failing } = await preauthsWaiting(5);
    t.livekit.down = true;
    release();
    for (const res of await failing) expect(res.statusCode).toBeGreaterThanOrEqual(500);
    t.livekit.down = false;
    const { answers: next } = await preauthsWaiting(1);
    release();
    expect(expectOk((await next)[0]!).access.level).toBe('full');
    expect(asked).toBe(2);
  });

  it('joins still count for themselves: a join never takes a preauth head count that was read before it', async () => {
    t.livekit.counts.set(roomId, 2);
    const { answers: preauths } = await preauthsWaiting(3);
    const join = t.client('/api/rooms/busy/join', { name: 'Ada' });
    await vi.waitFor(() => expect(asked).toBe(2));
    release();
    await preauths;
    expect(expectOk(await join).livekitToken).toBeTruthy();
    // The seat just given counts at once for the next join, with LiveKit's list read again.
    const second = t.client('/api/rooms/busy/join', { name: 'Bo' });
    await vi.waitFor(() => expect(asked).toBe(3));
    release();
    expectError(await second, 403, 'forbidden-error');
  });
});
