import { describe, expect, it } from 'vitest';
import type { DailyWaitingParticipant, OwnerLobby } from './owner-lobby.ts';
import { useOwnerLobbyStore } from './owner-lobby-store.ts';

const person = (id: string, name: string, since: string): DailyWaitingParticipant => ({ id, name, since, awaitingAccess: { level: 'full' } });

/** Stands in for the owner's lobby channel: a waiting list the test controls, and the answers sent. */
function fakeLobby() {
  const waiting = new Map<string, DailyWaitingParticipant>();
  const listeners = new Map<string, Set<() => void>>();
  const sent: Record<string, { grantRequestedAccess: boolean }>[] = [];
  const lobby = {
    on(type: string, fn: () => void) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(fn);
      return lobby;
    },
    waitingParticipants: () => Object.fromEntries(waiting),
    updateWaitingParticipants(updates: Record<string, { grantRequestedAccess: boolean }>) {
      sent.push(updates);
      return { ids: Object.keys(updates) };
    },
  };
  const arrive = (p: DailyWaitingParticipant) => {
    waiting.set(p.id, p);
    for (const fn of listeners.get('waiting-participant-added') ?? []) fn();
  };
  return { lobby: lobby as unknown as OwnerLobby, arrive, sent };
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
