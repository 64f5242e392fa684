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
  // The meetings record (GET /v1/meetings, presence), fed by LiveKit webhooks: one row per meeting, one
  // per LiveKit session of a participant (a rejoin is a new session of the same participant), and the
  // ids of webhooks already applied (LiveKit retries; each is applied once).
  `CREATE TABLE meeting_records (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     room_id TEXT NOT NULL,
     room_name TEXT NOT NULL,
     start_time REAL NOT NULL,
     end_time REAL,
     max_participants INTEGER NOT NULL
   );
   CREATE INDEX meeting_records_by_room ON meeting_records (room_id, seq);
   CREATE INDEX meeting_records_open ON meeting_records (end_time) WHERE end_time IS NULL;
   CREATE TABLE meeting_sessions (
     session_sid TEXT PRIMARY KEY,
     meeting_id TEXT NOT NULL,
     participant_id TEXT NOT NULL,
     user_id TEXT,
     user_name TEXT,
     owner INTEGER NOT NULL,
     permissions TEXT NOT NULL,
     join_time REAL NOT NULL,
     leave_time REAL,
     leave_estimated INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX meeting_sessions_by_meeting ON meeting_sessions (meeting_id, participant_id);
   CREATE TABLE livekit_events_applied (
     id TEXT PRIMARY KEY,
     applied_at REAL NOT NULL
   );
   CREATE INDEX livekit_events_applied_by_time ON livekit_events_applied (applied_at);`,
  // Lifecycle: each participant's removal on schedule, fixed at join, kept so a restart re-arms it.
  `ALTER TABLE call_participants ADD COLUMN removal_at REAL;
   ALTER TABLE call_participants ADD COLUMN removal_reason TEXT CHECK (removal_reason IN ('room-expired', 'token-expired', 'elapsed'));
   CREATE INDEX call_participants_by_removal ON call_participants (removal_at) WHERE removal_at IS NOT NULL;`,  // Teams (issue 16): members, their passkeys and their sign-in sessions (ids stored hashed). Removing a
  // member removes their passkeys and sessions with them (foreign keys), so they are signed out at once.
  // The invite code lives in settings (team_invite_code).
  `CREATE TABLE team_members (
     id TEXT PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
     created_at TEXT NOT NULL
   );
   CREATE TABLE team_passkeys (
     id TEXT PRIMARY KEY,
     member_id TEXT NOT NULL REFERENCES team_members (id) ON DELETE CASCADE,
     public_key BLOB NOT NULL,
     counter INTEGER NOT NULL,
     transports TEXT NOT NULL,
     created_at TEXT NOT NULL
   );
   CREATE INDEX team_passkeys_by_member ON team_passkeys (member_id);
   CREATE TABLE team_sessions (
     id_hash TEXT PRIMARY KEY,
     member_id TEXT NOT NULL REFERENCES team_members (id) ON DELETE CASCADE,
     created_at REAL NOT NULL,
     expires_at REAL NOT NULL
   );
   CREATE INDEX team_sessions_by_member ON team_sessions (member_id);
   CREATE INDEX team_sessions_by_expiry ON team_sessions (expires_at);`,
  // Teams (issue 16): privacy `org` (signed-in members enter as owners), which the CHECK refused, so the
  // rooms table is rebuilt with the new one (SQLite cannot alter a CHECK); bans keyed by team member too
  // (same rebuild); and which team member each call participant was, for the team API's meetings list (the
  // email as it was at the join) and for ending a removed member's owner rights in calls going on.
  `CREATE TABLE rooms_new (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL UNIQUE,
     api_created INTEGER NOT NULL,
     privacy TEXT NOT NULL CHECK (privacy IN ('public', 'private', 'org')),
     created_at TEXT NOT NULL,
     config TEXT NOT NULL
   );
   INSERT INTO rooms_new (seq, id, name, api_created, privacy, created_at, config)
     SELECT seq, id, name, api_created, privacy, created_at, config FROM rooms;
   DROP TABLE rooms;
   ALTER TABLE rooms_new RENAME TO rooms;
   CREATE TABLE meeting_bans_new (
     room_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('token', 'user', 'client', 'member')),
     value TEXT NOT NULL,
     since REAL NOT NULL,
     PRIMARY KEY (room_id, kind, value)
   );
   INSERT INTO meeting_bans_new SELECT room_id, kind, value, since FROM meeting_bans;
   DROP TABLE meeting_bans;
   ALTER TABLE meeting_bans_new RENAME TO meeting_bans;
   CREATE TABLE team_participants (
     participant_id TEXT PRIMARY KEY,
     member_id TEXT NOT NULL,
     email TEXT NOT NULL,
     room_id TEXT NOT NULL,
     owner_by_membership INTEGER NOT NULL,
     joined_at REAL NOT NULL
   );
   CREATE INDEX team_participants_by_member ON team_participants (member_id);
   CREATE INDEX team_participants_by_time ON team_participants (joined_at);`,
  // Several instances (issue 17): the instance carrying out a removal on schedule claims it first, for a
  // while, so each removal is acted on by one instance (another takes over if the claim runs out).
  `ALTER TABLE call_participants ADD COLUMN removal_claimed_by TEXT;
   ALTER TABLE call_participants ADD COLUMN removal_claimed_until REAL;`,
];
