/**
 * The lobby's rows as both engines give them back (no booleans or JSON among them, so SQLite's and
 * PostgreSQL's are the same), and the records they make (see ../lobby-store.ts).
 */
import type { AdmissionRecord, HeldAnswer, WaitingRecord } from '../lobby-store.ts';

/** A `waiting` row. */
export interface WaitingRow {
  id: string;
  room_id: string;
  resume_key_hash: string;
  name: string;
  since: number;
  meeting_token: string | null;
  client_key: string;
  gone_at: number | null;
  expires_at: number;
}

/** A `held_answers` row. */
export interface HeldRow {
  resume_key_hash: string;
  room_id: string;
  answer: string;
  until: number;
}

/** An `admissions` row. */
export interface AdmissionRow {
  ticket_hash: string;
  room_id: string;
  name: string;
  meeting_token: string | null;
  expires_at: number;
}

/** The waiting participant of a row; absent optional fields stay absent, not undefined. */
export const toWaiting = (r: WaitingRow): WaitingRecord => ({
  id: r.id,
  roomId: r.room_id,
  resumeKeyHash: r.resume_key_hash,
  name: r.name,
  since: r.since,
  ...(r.meeting_token !== null ? { meetingToken: r.meeting_token } : {}),
  clientKey: r.client_key,
  ...(r.gone_at !== null ? { goneAt: r.gone_at } : {}),
  expiresAt: r.expires_at,
});

/** The held answer of a row. */
export const toHeldAnswer = (r: HeldRow): HeldAnswer => ({
  resumeKeyHash: r.resume_key_hash,
  roomId: r.room_id,
  answer: r.answer,
  until: r.until,
});

/** The admission of a row; a missing meeting token stays absent, not undefined. */
export const toAdmission = (r: AdmissionRow): AdmissionRecord => ({
  ticketHash: r.ticket_hash,
  roomId: r.room_id,
  name: r.name,
  ...(r.meeting_token !== null ? { meetingToken: r.meeting_token } : {}),
  expiresAt: r.expires_at,
});
