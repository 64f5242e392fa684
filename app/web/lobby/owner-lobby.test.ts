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

describe('OwnerLobby: messages with waiting guests', () => {
  const at = '2030-01-01T00:00:05Z';
  const ann = { id: 'a', name: 'Ann', since: '2030-01-01T00:00:00Z' };

  function readyOwner() {
    const sockets = fakeSocketFactory();
    const lobby = new OwnerLobby('standup', 'sess-1', { openSocket: sockets.open });
    const refused: unknown[] = [];
    lobby.on('waiting-message-refused', (e) => refused.push(e));
    sockets.latest().open();
    sockets.latest().receive({ type: 'waiting-participants', participants: [ann] });
    return { sockets, lobby, refused };
  }

  it('sends a trimmed message; keeps the thread from the server, for every owner the same; forgets it when the guest leaves', () => {
    const { sockets, lobby } = readyOwner();
    expect(lobby.sendWaitingMessage('a', ' One moment ')).toEqual({ ok: true });
    expect(sockets.latest().sent.at(-1)).toEqual({ type: 'message-waiting', id: 'a', text: 'One moment' });
    sockets.latest().receive({ type: 'waiting-message', id: 'a', from: 'host', text: 'One moment', at });
    sockets.latest().receive({ type: 'waiting-message', id: 'a', from: 'guest', text: 'OK', at });
    expect(lobby.waitingMessages('a')).toEqual([{ from: 'host', text: 'One moment', at }, { from: 'guest', text: 'OK', at }]);
    sockets.latest().receive({ type: 'waiting-participant-removed', participant: ann, reason: 'granted' });
    expect(lobby.waitingMessages('a')).toEqual([]);
    lobby.close();
  });

  it('a reloaded list starts the threads afresh (the server replays them after it)', () => {
    const { sockets, lobby } = readyOwner();
    sockets.latest().receive({ type: 'waiting-message', id: 'a', from: 'host', text: 'One moment', at });
    sockets.latest().receive({ type: 'waiting-participants', participants: [ann] });
    expect(lobby.waitingMessages('a')).toEqual([]);
    lobby.close();
  });

  it("a refused message is reported for that guest and leaves the channel alone; bad text or a channel down is refused here", () => {
    const { sockets, lobby, refused } = readyOwner();
    sockets.latest().receive({ type: 'error', error: 'not-found', info: 'nobody', about: 'message', id: 'a' });
    expect(refused).toEqual([{ id: 'a', problem: 'not-waiting' }]);
    expect(sockets.latest().readyState).toBe(1);
    expect(Object.keys(lobby.waitingParticipants())).toEqual(['a']);
    expect(lobby.sendWaitingMessage('a', 'line\nbreak')).toEqual({ ok: false, problem: 'invalid' });
    sockets.latest().drop();
    expect(lobby.sendWaitingMessage('a', 'One moment')).toEqual({ ok: false, problem: 'offline' });
    expect(sockets.sockets[0]!.sent.filter((m) => m.type === 'message-waiting')).toEqual([]);
    lobby.close();
  });
});
