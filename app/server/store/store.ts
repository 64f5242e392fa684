/**
 * The one store interface. SQLite implements it today; a PostgreSQL store can implement it later
 * without touching the rules that use it.
 */
import type { RoomProperties } from '../rooms/properties.ts';
import type { LobbyStore } from './lobby-store.ts';
import type { MeetingStore } from './meeting-store.ts';
import type { WebhookStore } from './webhook-store.ts';
import type { MeetingRecordStore } from './meeting-record-store.ts';
import type { TeamStore } from '../team/team-store.ts';

/** `org`: signed-in team members enter as owners; everyone else as in `private` (Daily's kept value). */
export type Privacy = 'public' | 'private' | 'org';

export interface Room {
  id: string;
  name: string;
  api_created: boolean;
  privacy: Privacy;
  created_at: string;
  config: RoomProperties;
}

/** What an update changes of a room. */
export type RoomSettings = Pick<Room, 'privacy' | 'config'>;

export interface RoomPage {
  total_count: number;
  data: Room[];
}

export interface ListRoomsQuery {
  limit: number;
  startingAfter?: string;
  endingBefore?: string;
  /** Unix seconds; rooms past `exp` (`exp <= now`, the moment joins are refused too) are not listed. */
  now: number;
}

export class RoomNameTakenError extends Error {
  constructor(name: string) {
    super(`a room named ${name} already exists`);
  }
}

export interface Store {
  /** The lobby's waiting list, held answers and admissions. */
  readonly lobby: LobbyStore;
  /** Bans, promotions and join records of the meeting going on in each room. */
  readonly meetings: MeetingStore;
  /** Operator webhooks (where events go, and how delivery is going). */
  readonly webhooks: WebhookStore;
  /** The meetings record (`/v1/meetings`, presence), fed by LiveKit webhooks. */
  readonly meetingRecords: MeetingRecordStore;
  /** The team: members, their passkeys and their sign-in sessions. */
  readonly team: TeamStore;
  createRoom(room: Room): Promise<void>;
  getRoom(name: string): Promise<Room | null>;
  /** The room with this id (the LiveKit room's name), if it still exists. */
  roomById(id: string): Promise<Room | null>;
  /**
   * Sets the room's privacy and config; null when there is no such room. With `expected`, only if the room
   * still has that privacy and config (compare-and-set, in one statement): a change computed from a read is
   * applied only if no other instance changed the room since, else null (read again: rooms/change-room.ts).
   */
  updateRoom(name: string, change: RoomSettings, expected?: RoomSettings): Promise<Room | null>;
  deleteRoom(name: string): Promise<Room | null>;
  /**
   * Newest first. Cursors are room ids: `startingAfter` pages on to older rooms, `endingBefore` gives the
   * rooms just newer than it (still newest first); a cursor naming no room gives an empty page.
   */
  listRooms(query: ListRoomsQuery): Promise<RoomPage>;
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
  /** Sets `key` only if it has no value yet, atomically; returns the value that is kept (two first starts agree). */
  claimSetting(key: string, value: string): Promise<string>;
  close(): Promise<void>;
}
