/**
 * The meeting store's join row and the record it makes (see ../meeting-store.ts). The row is as
 * PostgreSQL gives it back (ban keys as parsed jsonb); the SQLite store parses its JSON text into that first.
 */
import type { EjectReason } from '../../../shared/client-api.ts';
import type { BanKey, CallParticipantRecord } from '../meeting-store.ts';

/** A `call_participants` row (the removal claim's columns left out: no record carries them). */
export interface JoinRow {
  room_id: string;
  identity: string;
  ban_keys: BanKey[];
  joined_at: number;
  removal_at: number | null;
  removal_reason: EjectReason | null;
}

/** The join of a row; it has a removal only when both its columns are set. */
export const toCallParticipant = (row: JoinRow): CallParticipantRecord => ({
  roomId: row.room_id,
  identity: row.identity,
  banKeys: row.ban_keys,
  joinedAt: row.joined_at,
  ...(row.removal_at !== null && row.removal_reason !== null ? { removal: { at: row.removal_at, reason: row.removal_reason } } : {}),
});
