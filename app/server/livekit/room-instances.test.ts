/** Which LiveKit room events are about the current meeting's room, row by row. */
import { describe, expect, it } from 'vitest';
import { RoomInstances } from './room-instances.ts';

const ev = (event: string, sid: string, name = 'room-1') => ({ event, room: { name, sid } });

describe('RoomInstances', () => {
  it('a meeting that ends: its room_finished is accepted', () => {
    const rooms = new RoomInstances();
    expect(rooms.accept(ev('room_started', 'RM_1'))).toBe(true);
    expect(rooms.accept(ev('participant_joined', 'RM_1'))).toBe(true);
    expect(rooms.accept(ev('room_finished', 'RM_1'))).toBe(true);
  });

  it("a late room_finished of the last meeting, once the next one's room is open: refused", () => {
    const rooms = new RoomInstances();
    rooms.accept(ev('participant_joined', 'RM_1'));
    rooms.accept(ev('participant_joined', 'RM_2'));
    expect(rooms.accept(ev('room_finished', 'RM_1'))).toBe(false);
    expect(rooms.accept(ev('room_finished', 'RM_2'))).toBe(true);
  });

  it('nothing known (after a restart), another room, or no sid: accepted', () => {
    const rooms = new RoomInstances();
    expect(rooms.accept(ev('room_finished', 'RM_1'))).toBe(true);
    rooms.accept(ev('participant_joined', 'RM_2', 'room-2'));
    expect(rooms.accept(ev('room_finished', 'RM_1'))).toBe(true);
    expect(rooms.accept({ event: 'room_finished', room: { name: 'room-2', sid: '' } })).toBe(true);
  });

  it('other events of an old instance (a late leave) are accepted: the record keys them by session', () => {
    const rooms = new RoomInstances();
    rooms.accept(ev('participant_joined', 'RM_2'));
    expect(rooms.accept(ev('participant_left', 'RM_1'))).toBe(true);
  });
});
