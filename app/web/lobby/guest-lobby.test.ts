import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeSocketFactory } from './fake-lobby-socket.ts';
import { GuestLobby, WARM_CHANNEL_MS, type AccessRequestResult } from './guest-lobby.ts';

const pageEvents = { addEventListener: () => {}, removeEventListener: () => {} };

function setup() {
  const sockets = fakeSocketFactory();
  const lobby = new GuestLobby('standup', { openSocket: sockets.open, pageEvents });
  const connection: boolean[] = [];
  lobby.on('connection', ({ reconnecting }) => connection.push(reconnecting));
  let result: AccessRequestResult | undefined;
  const knock = () => void lobby.requestAccess({ name: 'Gus' }).then((r) => (result = r));
  return { sockets, lobby, connection, knock, result: () => result };
}

const waiting = (resumeKey = 'key-1') =>
  ({ type: 'waiting', id: 'w1', resumeKey, ownerPresent: true, expiresAt: '2030-01-01T00:15:00Z' }) as const;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('GuestLobby: a dropped channel while waiting', () => {
  it('keeps reconnecting with growing delays (0.5, 1, 2, 4, 4 s ...), sending its resume key each time', async () => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    expect(t.sockets.latest().sent).toEqual([{ type: 'request-access', name: 'Gus' }]);

    t.sockets.latest().drop();
    expect(t.connection).toEqual([true]);
    const opened: number[] = [];
    for (const delay of [500, 1000, 2000, 4000, 4000, 4000]) {
      const before = t.sockets.sockets.length;
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(t.sockets.sockets.length).toBe(before);
      await vi.advanceTimersByTimeAsync(1);
      expect(t.sockets.sockets.length).toBe(before + 1);
      opened.push(delay);
      t.sockets.latest().drop(); // the server is still down
    }
    expect(t.result()).toBeUndefined();

    // The server is back: the guest resumes its place with the key from `waiting`.
    await vi.advanceTimersByTimeAsync(4000);
    t.sockets.latest().open();
    expect(t.sockets.latest().sent).toEqual([{ type: 'request-access', name: 'Gus', resume: 'key-1' }]);
    t.sockets.latest().receive(waiting('key-1'));
    expect(t.connection).toEqual([true, false]);
    expect(t.result()).toBeUndefined();

    // A later drop starts again from the shortest delay.
    t.sockets.latest().drop();
    const before = t.sockets.sockets.length;
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sockets.sockets.length).toBe(before + 1);
  });

  it('gives up after about a minute of failed reconnects, with a message that says what to do', async () => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    t.sockets.latest().drop();
    const droppedAt = Date.now();
    // Every attempt fails at once, until the minute is up.
    while (t.result() === undefined && vi.getTimerCount() > 0) {
      await vi.runOnlyPendingTimersAsync();
      if (t.result() === undefined) t.sockets.latest().drop();
    }
    const gaveUpAfter = Date.now() - droppedAt;
    expect(gaveUpAfter).toBeGreaterThanOrEqual(59_000);
    expect(gaveUpAfter).toBeLessThanOrEqual(64_000);
    await vi.waitFor(() => expect(t.result()).toEqual({ granted: false, problem: 'Lost the connection to the server while waiting. Ask to join again.' }));
    expect(t.sockets.sockets.length).toBeGreaterThan(10);
  });

  it('still waiting after a restart of about 8 s: no problem shown, admitted when the owner allows', async () => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    t.sockets.latest().drop();
    // Down for 8 s: attempts at 0.5, 1.5, 3.5, 7.5 fail; the one at 11.5 s succeeds.
    for (let i = 0; i < 4; i++) {
      await vi.runOnlyPendingTimersAsync();
      t.sockets.latest().drop();
    }
    await vi.runOnlyPendingTimersAsync();
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    t.sockets.latest().receive({ type: 'granted', admission: 'adm-1' });
    await vi.waitFor(() => expect(t.result()).toEqual({ granted: true, admission: 'adm-1' }));
  });

  it('a drop before the knock was acknowledged knocks again, without a resume key', async () => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    t.sockets.latest().open();
    expect(t.sockets.latest().sent).toEqual([{ type: 'request-access', name: 'Gus' }]);
  });

  it('a drop before knocking (the channel opened early) does not reconnect by itself', async () => {
    const t = setup();
    t.lobby.preconnect();
    t.sockets.latest().open();
    t.sockets.latest().drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets.sockets.length).toBe(1);
  });
});

describe('GuestLobby: the channel opened early', () => {
  it('is let go before the server closes it for silence, so a knock after a long prejoin goes on a fresh channel', async () => {
    const t = setup();
    t.lobby.preconnect();
    const warm = t.sockets.latest();
    warm.open();
    // The server closes a channel that says nothing for 10 s, with an error that would read as a refused knock.
    await vi.advanceTimersByTimeAsync(WARM_CHANNEL_MS);
    expect(warm.readyState).toBe(3);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets.sockets.length).toBe(1);
    t.knock();
    expect(t.sockets.sockets.length).toBe(2);
    t.sockets.latest().open();
    expect(t.sockets.latest().sent).toEqual([{ type: 'request-access', name: 'Gus' }]);
    expect(warm.sent).toEqual([]);
  });

  it('a knock within that time uses the open channel, which then stays', async () => {
    const t = setup();
    t.lobby.preconnect();
    t.sockets.latest().open();
    await vi.advanceTimersByTimeAsync(WARM_CHANNEL_MS - 1);
    t.knock();
    expect(t.sockets.sockets.length).toBe(1);
    expect(t.sockets.latest().sent).toEqual([{ type: 'request-access', name: 'Gus' }]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets.latest().readyState).toBe(1);
  });
});

describe('GuestLobby: answers and refusals', () => {
  it('a wait that timed out says how long the guest waited, and can knock again', async () => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    t.sockets.latest().receive({ type: 'expired' });
    await vi.waitFor(() => expect(t.result()).toEqual({ granted: false, expired: true, waitedMs: 15 * 60_000 }));
  });

  it.each([
    ['rate-limit-error', 'You asked to join too many times. Wait a minute and try again.'],
    ['lobby-full', 'too many people are already waiting (at most 50); try again in a moment'],
  ])('a refused knock (%s) ends with the server\'s words and its error type', async (error, info) => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive({ type: 'error', error, info });
    await vi.waitFor(() => expect(t.result()).toEqual({ granted: false, problem: info, error }));
  });

  it('a refused knock does not reconnect', async () => {
    const t = setup();
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive({ type: 'error', error: 'lobby-full', info: 'full' });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.sockets.sockets.length).toBe(1);
  });
});

describe('GuestLobby: messages with the host', () => {
  const at = '2030-01-01T00:00:05Z';

  function waitingGuest() {
    const t = setup();
    const threads: unknown[] = [];
    const refused: unknown[] = [];
    t.lobby.on('messages', ({ messages }) => threads.push(messages));
    t.lobby.on('reply-refused', (e) => refused.push(e));
    t.knock();
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    return { ...t, threads, refused };
  }

  it('shows what the host wrote; a reply goes to the server and shows once it confirms', () => {
    const t = waitingGuest();
    t.sockets.latest().receive({ type: 'host-message', text: 'One moment', at });
    expect(t.lobby.messages()).toEqual([{ from: 'host', text: 'One moment', at }]);
    expect(t.lobby.reply('  Sure  ')).toEqual({ ok: true });
    expect(t.sockets.latest().sent.at(-1)).toEqual({ type: 'reply', text: 'Sure' });
    expect(t.lobby.messages()).toHaveLength(1);
    t.sockets.latest().receive({ type: 'reply-sent', text: 'Sure', at });
    expect(t.lobby.messages()).toEqual([{ from: 'host', text: 'One moment', at }, { from: 'guest', text: 'Sure', at }]);
    // Emptied at the knock, then once per line the server confirmed.
    expect(t.threads.map((m) => (m as unknown[]).length)).toEqual([0, 1, 2]);
  });

  it('cannot write first, nor send an empty or too long reply: refused here, nothing sent', () => {
    const t = waitingGuest();
    expect(t.lobby.reply('hello?')).toEqual({ ok: false, problem: 'host-first' });
    t.sockets.latest().receive({ type: 'host-message', text: 'One moment', at });
    expect(t.lobby.reply('   ')).toEqual({ ok: false, problem: 'empty' });
    expect(t.lobby.reply('x'.repeat(201))).toEqual({ ok: false, problem: 'too-long' });
    expect(t.sockets.latest().sent).toEqual([{ type: 'request-access', name: 'Gus' }]);
  });

  it("a refused reply (the server's rate limit) is reported and the wait goes on", () => {
    const t = waitingGuest();
    t.sockets.latest().receive({ type: 'host-message', text: 'One moment', at });
    t.sockets.latest().receive({ type: 'error', error: 'rate-limit-error', info: 'too many', about: 'reply' });
    expect(t.refused).toEqual([{ problem: 'too-many' }]);
    expect(t.result()).toBeUndefined();
    expect(t.sockets.latest().readyState).toBe(1);
  });

  it('after a dropped channel, the thread the server sends back replaces the one kept here', async () => {
    const t = waitingGuest();
    t.sockets.latest().receive({ type: 'host-message', text: 'One moment', at });
    t.sockets.latest().drop();
    await vi.advanceTimersByTimeAsync(500);
    t.sockets.latest().open();
    t.sockets.latest().receive(waiting());
    const thread = [{ from: 'host' as const, text: 'One moment', at }, { from: 'host' as const, text: 'Written while you were away', at }];
    t.sockets.latest().receive({ type: 'thread', messages: thread });
    expect(t.lobby.messages()).toEqual(thread);
  });
});
