/**
 * What every implementation of the lobby's state seams promises (lobby-state.ts): knock budgets, owner
 * presence, threads and the bus. memory-state.test.ts runs it in memory, redis-state.integration.test.ts
 * against a real Redis.
 */
import { describe, expect, it, vi } from 'vitest';
import type { LobbyMessage } from '../../../shared/lobby.ts';
import type { KnockBudget, LobbyBus, LobbyBusMessage, OwnerPresence, Threads } from './lobby-state.ts';

const T = 1_735_689_600;

export interface StateMakers {
  knocks(max: number, windowSeconds: number): KnockBudget;
  presence(): OwnerPresence;
  threads(): Threads;
  bus(): LobbyBus;
}

export function describeStateContract(make: StateMakers): void {
  describe('knock budget', () => {
    it('allows max knocks per client in the window, then refuses; other clients have their own', async () => {
      const knocks = make.knocks(3, 60);
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await knocks.allow('10.0.0.1', T + i));
      expect(results).toEqual([true, true, true, false]);
      expect(await knocks.allow('10.0.0.2', T + 4)).toBe(true);
    });

    it('slides: a knock leaves the window windowSeconds after it was made', async () => {
      const knocks = make.knocks(2, 60);
      expect([await knocks.allow('c', T), await knocks.allow('c', T + 10), await knocks.allow('c', T + 59.9)]).toEqual([true, true, false]);
      expect(await knocks.allow('c', T + 60)).toBe(true);
      await knocks.prune(T + 200);
      expect([await knocks.allow('c', T + 200), await knocks.allow('c', T + 200)]).toEqual([true, true]);
    });

    it('counts two knocks in the same instant as two', async () => {
      const knocks = make.knocks(1, 60);
      expect(await Promise.all([knocks.allow('c', T), knocks.allow('c', T)])).toEqual(expect.arrayContaining([true, false]));
    });
  });

  describe('owner presence', () => {
    it('the first owner in makes the room present, the last one out makes it absent', async () => {
      const presence = make.presence();
      expect(await presence.present('r')).toBe(false);
      expect(await presence.join('r')).toBe(true);
      expect(await presence.join('r')).toBe(false);
      expect(await presence.present('r')).toBe(true);
      expect(await presence.present('other')).toBe(false);
      expect(await presence.leave('r')).toBe(false);
      expect(await presence.present('r')).toBe(true);
      expect(await presence.leave('r')).toBe(true);
      expect(await presence.present('r')).toBe(false);
    });
  });

  describe('threads', () => {
    const line = (n: number): LobbyMessage => ({ from: n % 2 ? 'host' : 'guest', text: `line ${n}`, at: new Date((T + n) * 1000).toISOString() });

    it('keeps the last lines of each thread, in order, and forgets a thread deleted', async () => {
      const threads = make.threads();
      expect(await threads.get('e1')).toEqual([]);
      for (let n = 1; n <= 4; n++) await threads.add('e1', line(n), 3);
      expect(await threads.add('e2', line(9), 3)).toEqual([line(9)]);
      expect(await threads.get('e1')).toEqual([line(2), line(3), line(4)]);
      expect(await threads.getMany(['e1', 'e2', 'nobody'])).toEqual(new Map([['e1', [line(2), line(3), line(4)]], ['e2', [line(9)]]]));
      expect(await threads.getMany([])).toEqual(new Map());
      await threads.delete('e1');
      expect(await threads.get('e1')).toEqual([]);
      expect(await threads.get('e2')).toEqual([line(9)]);
    });
  });

  describe('bus', () => {
    it('delivers what is published to the subscriber, in order', async () => {
      const bus = make.bus();
      const heard: LobbyBusMessage[] = [];
      await bus.subscribe((m) => {
        heard.push(m);
      });
      const sent: LobbyBusMessage[] = [
        { type: 'to-owners', roomId: 'r', event: { type: 'waiting-participants', participants: [] } },
        { type: 'left-call', roomId: 'r', identity: 'p_1' },
        { type: 'wait-ended', roomId: 'r', entryId: 'e', resumeKeyHash: 'h', tell: 'held-answer' },
      ];
      for (const m of sent) await bus.publish(m);
      await vi.waitFor(() => expect(heard).toEqual(sent));
    });
  });
}
