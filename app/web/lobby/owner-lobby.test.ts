import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocketFactory } from './fake-lobby-socket.ts';
import { OwnerLobby } from './owner-lobby.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('OwnerLobby', () => {
  it('reconnects a dropped channel with growing delays, capped at 4 s, and says hello each time', async () => {
    const sockets = fakeSocketFactory();
    const lobby = new OwnerLobby('standup', 'sess-1', { openSocket: sockets.open });
    sockets.latest().open();
    expect(sockets.latest().sent).toEqual([{ type: 'hello', session: 'sess-1' }]);
    sockets.latest().drop();
    for (const delay of [500, 1000, 2000, 4000, 4000]) {
      const before = sockets.sockets.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(sockets.sockets.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(sockets.sockets.length).toBe(before + 1);
      sockets.latest().drop();
    }
    // Back: hello again, the whole list comes back, and the next drop starts from the shortest delay.
    await vi.advanceTimersByTimeAsync(4000);
    sockets.latest().open();
    expect(sockets.latest().sent).toEqual([{ type: 'hello', session: 'sess-1' }]);
    sockets.latest().receive({ type: 'waiting-participants', participants: [{ id: 'a', name: 'Ann', since: '2030-01-01T00:00:00Z' }] });
    expect(Object.keys(lobby.waitingParticipants())).toEqual(['a']);
    sockets.latest().drop();
    const before = sockets.sockets.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets.sockets.length).toBe(before + 1);
    lobby.close();
  });

  it('a refusal (the server cannot see this owner in the call, e.g. just after a restart) clears the stale list and tries again later', async () => {
    const sockets = fakeSocketFactory();
    const lobby = new OwnerLobby('standup', 'sess-1', { openSocket: sockets.open });
    const loaded: number[] = [];
    lobby.on('waiting-participants-loaded', ({ participants }) => loaded.push(participants.length));
    sockets.latest().open();
    sockets.latest().receive({ type: 'waiting-participants', participants: [{ id: 'a', name: 'Ann', since: '2030-01-01T00:00:00Z' }] });
    sockets.latest().receive({ type: 'error', error: 'forbidden-error', info: 'only owners in this call can see who is waiting' });
    // No toast with buttons that can no longer do anything.
    expect(lobby.waitingParticipants()).toEqual({});
    expect(loaded).toEqual([1, 0]);
    expect(sockets.latest().readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(500);
    expect(sockets.sockets.length).toBe(2);
    lobby.close();
  });

  it('an answer clicked while the channel is down is sent once the server accepts the owner again', async () => {
    const sockets = fakeSocketFactory();
    const lobby = new OwnerLobby('standup', 'sess-1', { openSocket: sockets.open });
    sockets.latest().open();
    const waitingAnn = { type: 'waiting-participants' as const, participants: [{ id: 'a', name: 'Ann', since: '2030-01-01T00:00:00Z' }] };
    sockets.latest().receive(waitingAnn);
    sockets.latest().drop();
    lobby.updateWaitingParticipant('a', { grantRequestedAccess: true });
    await vi.advanceTimersByTimeAsync(500);
    sockets.latest().open();
    // Not before the server has accepted this owner (hello answered with the list).
    expect(sockets.latest().sent).toEqual([{ type: 'hello', session: 'sess-1' }]);
    sockets.latest().receive(waitingAnn);
    expect(sockets.latest().sent).toEqual([
      { type: 'hello', session: 'sess-1' },
      { type: 'update-waiting-participants', updates: { a: { grantRequestedAccess: true } } },
    ]);
    lobby.close();
  });

  it('stops for good after close()', async () => {
    const other = fakeSocketFactory();
    const lobby = new OwnerLobby('standup', 'sess-2', { openSocket: other.open });
    other.latest().open();
    lobby.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(other.sockets.length).toBe(1);
  });

  it("'*' stays available to API callers and is sent as is", () => {
    const sockets = fakeSocketFactory();
    const lobby = new OwnerLobby('standup', 'sess-1', { openSocket: sockets.open });
    sockets.latest().open();
    sockets.latest().receive({ type: 'waiting-participants', participants: [] });
    lobby.updateWaitingParticipants({ '*': { grantRequestedAccess: true } });
    expect(sockets.latest().sent.at(-1)).toEqual({ type: 'update-waiting-participants', updates: { '*': { grantRequestedAccess: true } } });
    lobby.close();
  });
});
