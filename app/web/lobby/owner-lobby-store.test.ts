import { describe, expect, it } from 'vitest';
import type { LobbyMessage } from '../../shared/lobby.ts';
import type { MessageProblem } from './message-problem.ts';
import type { DailyWaitingParticipant, OwnerLobby } from './owner-lobby.ts';
import { useOwnerLobbyStore } from './owner-lobby-store.ts';

const person = (id: string, name: string, since: string): DailyWaitingParticipant => ({ id, name, since, awaitingAccess: { level: 'full' } });

/** Stands in for the owner's lobby channel: a waiting list the test controls, and the answers sent. */
function fakeLobby() {
  const waiting = new Map<string, DailyWaitingParticipant>();
  const listeners = new Map<string, Set<(e: never) => void>>();
  const sent: Record<string, { grantRequestedAccess: boolean }>[] = [];
  const threads = new Map<string, LobbyMessage[]>();
  const written: { id: string; text: string }[] = [];
  const lobby = {
    on(type: string, fn: (e: never) => void) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(fn);
      return lobby;
    },
    waitingParticipants: () => Object.fromEntries(waiting),
    waitingMessages: (id: string) => threads.get(id) ?? [],
    sendWaitingMessage(id: string, text: string) {
      written.push({ id, text });
      return text ? { ok: true } : { ok: false, problem: 'empty' };
    },
    updateWaitingParticipants(updates: Record<string, { grantRequestedAccess: boolean }>) {
      sent.push(updates);
      return { ids: Object.keys(updates) };
    },
  };
  const emit = (type: string, e?: unknown) => {
    for (const fn of listeners.get(type) ?? []) (fn as (e: unknown) => void)(e);
  };
  const arrive = (p: DailyWaitingParticipant) => {
    waiting.set(p.id, p);
    emit('waiting-participant-added');
  };
  const said = (id: string, message: LobbyMessage) => {
    threads.set(id, [...(threads.get(id) ?? []), message]);
    emit('waiting-message', { id, message });
  };
  const refused = (id: string, problem: MessageProblem) => emit('waiting-message-refused', { id, problem });
  return { lobby: lobby as unknown as OwnerLobby, arrive, sent, said, refused, written };
}

describe('owner lobby store', () => {
  it('keeps the waiting list in knock order', () => {
    const f = fakeLobby();
    useOwnerLobbyStore.getState().attach(f.lobby);
    f.arrive(person('b', 'Ben', '2030-01-01T00:00:02Z'));
    f.arrive(person('a', 'Ann', '2030-01-01T00:00:01Z'));
    expect(useOwnerLobbyStore.getState().waiting.map((p) => p.name)).toEqual(['Ann', 'Ben']);
  });

  it('Allow all admits exactly the people the owner was shown, never someone who knocked after', () => {
    const f = fakeLobby();
    useOwnerLobbyStore.getState().attach(f.lobby);
    f.arrive(person('a', 'Ann', '2030-01-01T00:00:01Z'));
    f.arrive(person('b', 'Ben', '2030-01-01T00:00:02Z'));
    const shown = useOwnerLobbyStore.getState().waiting;
    // Carl knocks between the toast rendering and the owner's click.
    f.arrive(person('c', 'Carl', '2030-01-01T00:00:03Z'));
    useOwnerLobbyStore.getState().allowAll(shown);
    expect(f.sent).toEqual([{ a: { grantRequestedAccess: true }, b: { grantRequestedAccess: true } }]);
    expect(JSON.stringify(f.sent)).not.toContain('*');
  });

  it('Allow and Deny answer one person', () => {
    const f = fakeLobby();
    useOwnerLobbyStore.getState().attach(f.lobby);
    f.arrive(person('a', 'Ann', '2030-01-01T00:00:01Z'));
    useOwnerLobbyStore.getState().answer('a', false);
    expect(f.sent).toEqual([{ a: { grantRequestedAccess: false } }]);
  });

  it('Allow all with nobody shown sends nothing', () => {
    const f = fakeLobby();
    useOwnerLobbyStore.getState().attach(f.lobby);
    useOwnerLobbyStore.getState().allowAll([]);
    expect(f.sent).toEqual([]);
  });
});

describe('owner lobby store: messages with waiting guests', () => {
  const line = (from: 'host' | 'guest', text: string): LobbyMessage => ({ from, text, at: '2030-01-01T00:00:05Z' });

  it("keeps each waiting guest's thread, and a row's thread stays the same object when another row's changes", () => {
    const f = fakeLobby();
    useOwnerLobbyStore.getState().attach(f.lobby);
    f.arrive(person('a', 'Ann', '2030-01-01T00:00:01Z'));
    f.arrive(person('b', 'Ben', '2030-01-01T00:00:02Z'));
    f.said('a', line('host', 'One moment'));
    const annThread = useOwnerLobbyStore.getState().threads.a;
    expect(annThread).toEqual([line('host', 'One moment')]);
    f.said('b', line('host', 'Hi Ben'));
    f.said('b', line('guest', 'Hello'));
    expect(useOwnerLobbyStore.getState().threads.a).toBe(annThread);
    expect(useOwnerLobbyStore.getState().threads.b!.map((m) => m.from)).toEqual(['host', 'guest']);
  });

  it("sends a message through the channel; a refusal (local or the server's) is kept for that guest until the next one goes", () => {
    const f = fakeLobby();
    useOwnerLobbyStore.getState().attach(f.lobby);
    f.arrive(person('a', 'Ann', '2030-01-01T00:00:01Z'));
    expect(useOwnerLobbyStore.getState().sendMessage('a', '')).toEqual({ ok: false, problem: 'empty' });
    expect(useOwnerLobbyStore.getState().messageProblems).toEqual({ a: 'empty' });
    expect(useOwnerLobbyStore.getState().sendMessage('a', 'One moment')).toEqual({ ok: true });
    expect(useOwnerLobbyStore.getState().messageProblems).toEqual({});
    f.refused('a', 'too-many');
    expect(useOwnerLobbyStore.getState().messageProblems).toEqual({ a: 'too-many' });
    expect(f.written).toEqual([{ id: 'a', text: '' }, { id: 'a', text: 'One moment' }]);
  });
});
