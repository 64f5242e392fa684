/**
 * The contract of `store.meetings` (meeting-store.ts): what owner powers leave behind for one meeting
 * (join records, bans by every kind of key, promotions), ended with the meeting, and pruned by age.
 */
import { describe, expect, it } from 'vitest';
import type { BanKey, CallParticipantRecord } from '../meeting-store.ts';
import { freshStore, T, type CloseStore, type MakeStore } from './harness.ts';

const token: BanKey = { kind: 'token', value: 'token-hash' };
const user: BanKey = { kind: 'user', value: 'user-9' };
const client: BanKey = { kind: 'client', value: '10.0.0.7' };
const member: BanKey = { kind: 'member', value: 'member-id' };

/** Meeting records, bans and promotions, as `meeting-store.ts` promises them. */
export function describeMeetingsContract(makeStore: MakeStore, close?: CloseStore): void {
  describe('store contract: meetings (joins, bans, promotions)', () => {
    const store = freshStore(makeStore, close);
    const meetings = () => store().meetings;
    const join = (identity: string, over: Partial<CallParticipantRecord> = {}): CallParticipantRecord =>
      ({ roomId: 'r1', identity, banKeys: [client], joinedAt: T, ...over });

    it('records a join per room and identity, with its keys and removal; optional removal absent when none', async () => {
      const withRemoval = join('p_a', { banKeys: [token, user, client, member], joinedAt: T + 0.5, removal: { at: T + 900, reason: 'elapsed' } });
      const plain = join('p_b');
      await meetings().recordJoin(withRemoval);
      await meetings().recordJoin(plain);
      expect(await meetings().callParticipant('r1', 'p_a')).toStrictEqual(withRemoval);
      expect(await meetings().callParticipant('r1', 'p_b')).toStrictEqual(plain);
      expect(await meetings().callParticipant('r2', 'p_a')).toBeNull();
    });

    it('a second join of one identity (a rejoin) replaces the record', async () => {
      await meetings().recordJoin(join('p_a', { banKeys: [client] }));
      const again = join('p_a', { banKeys: [token, client], joinedAt: T + 60 });
      await meetings().recordJoin(again);
      expect(await meetings().callParticipant('r1', 'p_a')).toStrictEqual(again);
    });

    it('forgetJoin forgets one join only', async () => {
      await meetings().recordJoin(join('p_a'));
      await meetings().recordJoin(join('p_b'));
      await meetings().forgetJoin('r1', 'p_a');
      await meetings().forgetJoin('r1', 'nobody');
      expect(await meetings().callParticipant('r1', 'p_a')).toBeNull();
      expect(await meetings().callParticipant('r1', 'p_b')).not.toBeNull();
    });

    it.each([token, user, client, member])('bans by a key of kind $kind, in its room only', async (key) => {
      await meetings().ban('r1', [key], T);
      expect(await meetings().isBanned('r1', [key])).toBe(true);
      expect(await meetings().isBanned('r2', [key])).toBe(false);
      // The same value under another kind is another key.
      const otherKind = ([token, user, client, member].find((k) => k.kind !== key.kind))!.kind;
      expect(await meetings().isBanned('r1', [{ kind: otherKind, value: key.value }])).toBe(false);
    });

    it('is banned when any one of the keys presented is; never on no keys', async () => {
      await meetings().ban('r1', [client, user], T);
      expect(await meetings().isBanned('r1', [user])).toBe(true);
      expect(await meetings().isBanned('r1', [token, client])).toBe(true);
      expect(await meetings().isBanned('r1', [token, member])).toBe(false);
      expect(await meetings().isBanned('r1', [])).toBe(false);
    });

    it('banning a key twice is fine; unban takes back the keys named, and only those', async () => {
      await meetings().ban('r1', [client, user, member], T);
      await meetings().ban('r1', [client], T + 1);
      await meetings().unban('r1', [client, user]);
      expect(await meetings().isBanned('r1', [client])).toBe(false);
      expect(await meetings().isBanned('r1', [user])).toBe(false);
      expect(await meetings().isBanned('r1', [member])).toBe(true);
      // Unbanning what is not banned is fine too.
      await meetings().unban('r2', [token]);
    });

    it('promotes per room and identity; promoting twice is fine', async () => {
      await meetings().promote('r1', 'p_a');
      await meetings().promote('r1', 'p_a');
      expect(await meetings().isPromoted('r1', 'p_a')).toBe(true);
      expect(await meetings().isPromoted('r1', 'p_b')).toBe(false);
      expect(await meetings().isPromoted('r2', 'p_a')).toBe(false);
    });

    it("endMeeting forgets the room's joins, bans and promotions, and only that room's", async () => {
      for (const roomId of ['r1', 'r2']) {
        await meetings().recordJoin(join('p_a', { roomId }));
        await meetings().ban(roomId, [client], T);
        await meetings().promote(roomId, 'p_a');
      }
      await meetings().endMeeting('r1');
      const state = async (roomId: string) => [
        (await meetings().callParticipant(roomId, 'p_a')) !== null,
        await meetings().isBanned(roomId, [client]),
        await meetings().isPromoted(roomId, 'p_a'),
      ];
      expect(await state('r1')).toEqual([false, false, false]);
      expect(await state('r2')).toEqual([true, true, true]);
    });

    it('prune forgets joins older than the cut-off, but keeps an old join whose removal is still due', async () => {
      await meetings().recordJoin(join('old', { joinedAt: T }));
      await meetings().recordJoin(join('new', { joinedAt: T + 100 }));
      await meetings().recordJoin(join('old-due', { joinedAt: T, removal: { at: T + 400, reason: 'token-expired' } }));
      await meetings().recordJoin(join('old-past', { joinedAt: T, removal: { at: T + 20, reason: 'elapsed' } }));
      await meetings().ban('r1', [client], T);
      await meetings().prune(T + 50);
      const left: string[] = [];
      for (const identity of ['old', 'new', 'old-due', 'old-past']) {
        if (await meetings().callParticipant('r1', identity)) left.push(identity);
      }
      expect(left).toEqual(['new', 'old-due']);
      // Prune is about join records: bans last as long as the meeting.
      expect(await meetings().isBanned('r1', [client])).toBe(true);
    });

    it('claimRemoval: one instance at a time holds a removal, until its claim runs out; a rejoin clears it', async () => {
      const due = join('p_a', { removal: { at: T + 60, reason: 'elapsed' } });
      await meetings().recordJoin(due);
      await meetings().recordJoin(join('p_none'));
      expect(await meetings().claimRemoval('r1', 'p_a', { by: 'A', now: T + 60, until: T + 120 })).toBe(true);
      expect(await meetings().claimRemoval('r1', 'p_a', { by: 'B', now: T + 61, until: T + 121 })).toBe(false);
      // The holder renews its own claim; once it runs out, another instance takes over.
      expect(await meetings().claimRemoval('r1', 'p_a', { by: 'A', now: T + 100, until: T + 160 })).toBe(true);
      expect(await meetings().claimRemoval('r1', 'p_a', { by: 'B', now: T + 159, until: T + 219 })).toBe(false);
      expect(await meetings().claimRemoval('r1', 'p_a', { by: 'B', now: T + 160, until: T + 220 })).toBe(true);
      await meetings().recordJoin(due);
      expect(await meetings().claimRemoval('r1', 'p_a', { by: 'C', now: T + 161, until: T + 221 })).toBe(true);
      // Nothing to claim: no removal, or no such participant.
      expect(await meetings().claimRemoval('r1', 'p_none', { by: 'A', now: T, until: T + 60 })).toBe(false);
      expect(await meetings().claimRemoval('r1', 'nobody', { by: 'A', now: T, until: T + 60 })).toBe(false);
      expect(await meetings().callParticipant('r1', 'p_a')).toStrictEqual(due);
    });

    it('claimRemoval: of claims made at once by several instances, exactly one wins', async () => {
      await meetings().recordJoin(join('p_a', { removal: { at: T + 60, reason: 'elapsed' } }));
      const wins = await Promise.all(['A', 'B', 'C'].map((by) => meetings().claimRemoval('r1', 'p_a', { by, now: T + 60, until: T + 120 })));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('scheduledRemovals lists every join with a removal on schedule, and no other', async () => {
      const a = join('p_a', { removal: { at: T + 900, reason: 'elapsed' } });
      const b = join('p_b', { roomId: 'r2', removal: { at: T + 500, reason: 'room-expired' } });
      for (const r of [a, b, join('p_c')]) await meetings().recordJoin(r);
      const byIdentity = (rs: CallParticipantRecord[]) => [...rs].sort((x, y) => x.identity.localeCompare(y.identity));
      expect(byIdentity(await meetings().scheduledRemovals())).toStrictEqual([a, b]);
      await meetings().forgetJoin('r2', 'p_b');
      expect(await meetings().scheduledRemovals()).toStrictEqual([a]);
    });
  });
}
