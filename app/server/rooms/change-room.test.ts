/** A room change computed from a read keeps another instance's change made between the read and the write. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { Room, Store } from '../store/store.ts';
import { changeRoom } from './change-room.ts';

const T = 1_735_689_600;
let store: Store;
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.createRoom({ id: 'id-standup', name: 'standup', api_created: true, privacy: 'private', created_at: new Date(T * 1000).toISOString(), config: {} });
});
afterEach(() => store.close());

const withChat = (room: Room) => ({ privacy: room.privacy, config: { ...room.config, enable_chat: true } });

it('applies the change to the room as it is, and answers it before and after', async () => {
  const changed = await changeRoom(store, 'standup', withChat);
  expect(changed?.before.config).toEqual({});
  expect(changed?.after.config).toEqual({ enable_chat: true });
  expect((await store.getRoom('standup'))?.config).toEqual({ enable_chat: true });
});

it('when another instance changes the room between the read and the write, reads again: both changes stay', async () => {
  let reads = 0;
  const racing: Pick<Store, 'getRoom' | 'updateRoom'> = {
    async getRoom(name) {
      const room = await store.getRoom(name);
      // Right after the first read, "another instance" sets a different property.
      if (++reads === 1) await store.updateRoom(name, { privacy: 'private', config: { max_participants: 4 } });
      return room;
    },
    updateRoom: (name, change, expected) => store.updateRoom(name, change, expected),
  };
  const changed = await changeRoom(racing, 'standup', withChat);
  expect(reads).toBe(2);
  expect(changed?.after.config).toEqual({ max_participants: 4, enable_chat: true });
});

it('answers null for a room that does not exist, and writes nothing when the change is refused', async () => {
  expect(await changeRoom(store, 'nope', withChat)).toBeNull();
  await expect(changeRoom(store, 'standup', () => { throw new Error('bad body'); })).rejects.toThrow('bad body');
  expect((await store.getRoom('standup'))?.config).toEqual({});
});
