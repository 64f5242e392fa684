/** The contract of the `Store`'s own methods: rooms (create, read, update, delete, list) and settings. */
import { describe, expect, it } from 'vitest';
import { RoomNameTakenError } from '../store.ts';
import { freshStore, room, T, type CloseStore, type MakeStore } from './harness.ts';

/** Rooms and settings, as `store.ts` promises them. */
export function describeRoomsContract(makeStore: MakeStore, close?: CloseStore): void {
  describe('store contract: rooms and settings', () => {
    const store = freshStore(makeStore, close);

    /** Creates rooms `r0`…`r{n-1}` in that order (creation order is listing order). */
    async function createRooms(n: number) {
      for (let i = 0; i < n; i++) await store().createRoom(room(`r${i}`));
    }
    const names = (page: { data: { name: string }[] }) => page.data.map((r) => r.name);

    it('gives back a created room whole, by name and by id', async () => {
      const created = room('standup', { privacy: 'org', api_created: false, config: { exp: T + 60, enable_knocking: true, max_participants: 5 } });
      await store().createRoom(created);
      expect(await store().getRoom('standup')).toEqual(created);
      expect(await store().roomById('id-standup')).toEqual(created);
      expect(await store().getRoom('id-standup')).toBeNull();
      expect(await store().roomById('standup')).toBeNull();
      expect(await store().getRoom('nope')).toBeNull();
    });

    it('refuses a second room of the same name with RoomNameTakenError, and keeps the first', async () => {
      await store().createRoom(room('standup', { id: 'first' }));
      await expect(async () => store().createRoom(room('standup', { id: 'second' }))).rejects.toThrow(RoomNameTakenError);
      expect((await store().getRoom('standup'))?.id).toBe('first');
      expect(await store().roomById('second')).toBeNull();
    });

    it('updates privacy and config, returns the room as it now is, and null for a room that does not exist', async () => {
      await store().createRoom(room('standup', { config: { enable_chat: true } }));
      const updated = await store().updateRoom('standup', { privacy: 'public', config: { exp: T + 5 } });
      expect(updated).toEqual(room('standup', { privacy: 'public', config: { exp: T + 5 } }));
      expect(await store().getRoom('standup')).toEqual(updated);
      expect(await store().updateRoom('nope', { privacy: 'public', config: {} })).toBeNull();
      expect(await store().getRoom('nope')).toBeNull();
    });

    it('updates only if unchanged when given what it expects: null and nothing written once the room changed', async () => {
      await store().createRoom(room('standup', { config: { enable_chat: true, max_participants: 5 } }));
      const read = await store().getRoom('standup');
      const expected = { privacy: read!.privacy, config: read!.config };
      const first = await store().updateRoom('standup', { privacy: 'public', config: { enable_chat: false } }, expected);
      expect(first).toEqual(room('standup', { privacy: 'public', config: { enable_chat: false } }));
      // A second change computed from the same (now stale) read loses.
      expect(await store().updateRoom('standup', { privacy: 'private', config: {} }, expected)).toBeNull();
      expect(await store().getRoom('standup')).toEqual(first);
      expect(await store().updateRoom('nope', { privacy: 'public', config: {} }, expected)).toBeNull();
    });

    it('of updates made at once from one read, exactly one applies', async () => {
      await store().createRoom(room('standup', { config: { enable_chat: true } }));
      const read = (await store().getRoom('standup'))!;
      const expected = { privacy: read.privacy, config: read.config };
      const results = await Promise.all([1, 2, 3].map((n) => store().updateRoom('standup', { privacy: 'private', config: { max_participants: n } }, expected)));
      expect(results.filter((r) => r !== null)).toHaveLength(1);
    });

    it('deletes a room, returning it once; the name is free again afterwards', async () => {
      await store().createRoom(room('standup'));
      expect(await store().deleteRoom('standup')).toEqual(room('standup'));
      expect(await store().deleteRoom('standup')).toBeNull();
      expect(await store().getRoom('standup')).toBeNull();
      expect(await store().roomById('id-standup')).toBeNull();
      await store().createRoom(room('standup', { id: 'again' }));
      expect((await store().getRoom('standup'))?.id).toBe('again');
    });

    it('lists newest first, at most `limit`, while total_count counts all', async () => {
      expect(await store().listRooms({ limit: 10, now: T })).toEqual({ total_count: 0, data: [] });
      await createRooms(5);
      const page = await store().listRooms({ limit: 2, now: T });
      expect(page.total_count).toBe(5);
      expect(names(page)).toEqual(['r4', 'r3']);
      expect(page.data[0]).toEqual(room('r4'));
    });

    it('pages onwards with startingAfter (a room id) through every room exactly once', async () => {
      await createRooms(5);
      expect(names(await store().listRooms({ limit: 2, startingAfter: 'id-r3', now: T }))).toEqual(['r2', 'r1']);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await store().listRooms({ limit: 2, now: T, ...(cursor !== undefined ? { startingAfter: cursor } : {}) });
        if (page.data.length === 0) break;
        seen.push(...names(page));
        cursor = page.data[page.data.length - 1]!.id;
      }
      expect(seen).toEqual(['r4', 'r3', 'r2', 'r1', 'r0']);
    });

    it('pages backwards with endingBefore: the rooms just newer than the cursor, still newest first', async () => {
      await createRooms(5);
      const page = await store().listRooms({ limit: 2, endingBefore: 'id-r1', now: T });
      expect(names(page)).toEqual(['r3', 'r2']);
      expect(page.total_count).toBe(5);
      expect(names(await store().listRooms({ limit: 10, endingBefore: 'id-r3', now: T }))).toEqual(['r4']);
    });

    it('gives an empty page (with the total) for a cursor naming no room', async () => {
      await createRooms(2);
      expect(await store().listRooms({ limit: 10, startingAfter: 'nope', now: T })).toEqual({ total_count: 2, data: [] });
      expect(await store().listRooms({ limit: 10, endingBefore: 'nope', now: T })).toEqual({ total_count: 2, data: [] });
    });

    it('leaves out rooms past their exp, in the page and in total_count, but still gets them by name', async () => {
      await store().createRoom(room('past', { config: { exp: T - 1 } }));
      await store().createRoom(room('ending-now', { config: { exp: T } }));
      await store().createRoom(room('later', { config: { exp: T + 1 } }));
      await store().createRoom(room('forever'));
      const page = await store().listRooms({ limit: 10, now: T });
      expect(page).toEqual({ total_count: 2, data: [room('forever'), room('later', { config: { exp: T + 1 } })] });
      expect(await store().getRoom('past')).not.toBeNull();
      // The same rooms seen from earlier: exp is compared with the query's `now`, not the clock.
      expect(names(await store().listRooms({ limit: 10, now: T - 10 }))).toEqual(['forever', 'later', 'ending-now', 'past']);
    });

    it('pages past expired rooms without counting them against the limit', async () => {
      await store().createRoom(room('a'));
      await store().createRoom(room('gone', { config: { exp: T - 1 } }));
      await store().createRoom(room('b'));
      await store().createRoom(room('c'));
      expect(names(await store().listRooms({ limit: 2, startingAfter: 'id-c', now: T }))).toEqual(['b', 'a']);
      expect(names(await store().listRooms({ limit: 2, endingBefore: 'id-a', now: T }))).toEqual(['c', 'b']);
    });

    it('keeps settings: null until set, set overwrites', async () => {
      expect(await store().getSetting('k')).toBeNull();
      await store().setSetting('k', 'one');
      await store().setSetting('k', 'two');
      expect(await store().getSetting('k')).toBe('two');
      expect(await store().getSetting('other')).toBeNull();
    });

    it('claimSetting: the first value wins, and every claim gets back the value kept', async () => {
      expect(await store().claimSetting('secret', 'first')).toBe('first');
      expect(await store().claimSetting('secret', 'second')).toBe('first');
      expect(await store().getSetting('secret')).toBe('first');
      await store().setSetting('set-before', 'kept');
      expect(await store().claimSetting('set-before', 'claimed')).toBe('kept');
    });

    it('claimSetting: claims made at once agree on one value', async () => {
      // Against an async store these interleave; against a synchronous one they run in turn. Either way one wins.
      const kept = await Promise.all(['a', 'b', 'c', 'd'].map((v) => store().claimSetting('race', v)));
      expect(new Set(kept).size).toBe(1);
      expect(await store().getSetting('race')).toBe(kept[0]);
    });
  });
}
