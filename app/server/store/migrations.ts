/**
 * Schema migrations, applied in order at start. The database's `user_version` records how many
 * have run, so each runs once; append new ones, never edit old ones.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE rooms (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL UNIQUE,
     api_created INTEGER NOT NULL,
     privacy TEXT NOT NULL CHECK (privacy IN ('public', 'private')),
     created_at TEXT NOT NULL,
     config TEXT NOT NULL
   );
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  // The lobby survives restarts: waiting participants, answers held for a dropped guest, admissions.
  `CREATE TABLE waiting (
     id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     resume_key_hash TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     since REAL NOT NULL,
     meeting_token TEXT,
     client_key TEXT NOT NULL,
     gone_at REAL,
     expires_at REAL NOT NULL
   );
   CREATE INDEX waiting_by_room ON waiting (room_id, since);
   CREATE INDEX waiting_by_client ON waiting (client_key);
   CREATE TABLE held_answers (
     resume_key_hash TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     answer TEXT NOT NULL,
     until REAL NOT NULL
   );
   CREATE TABLE admissions (
     ticket_hash TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     name TEXT NOT NULL,
     meeting_token TEXT,
     expires_at REAL NOT NULL
   );`,
  // Owner powers last for one meeting: who joined with what (so a ban can name them), bans, promotions.
  `CREATE TABLE call_participants (
     room_id TEXT NOT NULL,
     identity TEXT NOT NULL,
     ban_keys TEXT NOT NULL,
     joined_at REAL NOT NULL,
     PRIMARY KEY (room_id, identity)
   );
   CREATE INDEX call_participants_by_time ON call_participants (joined_at);
   CREATE TABLE meeting_bans (
     room_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('token', 'user', 'client')),
     value TEXT NOT NULL,
     since REAL NOT NULL,
     PRIMARY KEY (room_id, kind, value)
   );
   CREATE TABLE promoted_owners (
     room_id TEXT NOT NULL,
     identity TEXT NOT NULL,
     PRIMARY KEY (room_id, identity)
   );`,
  // Operator webhooks (Daily's /webhooks): where to deliver, the signing secret, and how delivery goes.
  `CREATE TABLE webhooks (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     uuid TEXT NOT NULL UNIQUE,
     url TEXT NOT NULL,
     hmac TEXT NOT NULL,
     basic_auth TEXT,
     retry_type TEXT NOT NULL CHECK (retry_type IN ('circuit-breaker', 'exponential')),
     event_types TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('ACTIVE', 'FAILED')),
     failed_count INTEGER NOT NULL,
     last_moment_pushed TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
];
