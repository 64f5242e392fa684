/**
 * The PostgreSQL schema, in migrations applied in order at start; `foyer_schema_version` records the ones
 * applied, so each runs once. The first one is the whole schema as the SQLite store had it at its
 * migration 8 (nothing older ever ran on PostgreSQL); after it, one entry per later change (the SQLite
 * migration it matches named), appended, never edited.
 *
 * Types: unix-second times are `double precision` (fractional seconds, and pg reads them as numbers);
 * ISO times stay `text`, given back exactly as stored; JSON is `jsonb`. Text that is sorted on is
 * `COLLATE "C"` (byte order, as SQLite sorts), whatever the database's own collation.
 */
import type { PgDb } from './db.ts';

export const PG_MIGRATIONS: readonly string[] = [
  `CREATE TABLE rooms (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text NOT NULL UNIQUE,
     name text NOT NULL CONSTRAINT rooms_name_key UNIQUE,
     api_created boolean NOT NULL,
     privacy text NOT NULL CHECK (privacy IN ('public', 'private', 'org')),
     created_at text NOT NULL,
     config jsonb NOT NULL
   );
   CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL);

   CREATE TABLE waiting (
     seq bigint GENERATED ALWAYS AS IDENTITY,
     id text PRIMARY KEY,
     room_id text NOT NULL,
     resume_key_hash text NOT NULL UNIQUE,
     name text NOT NULL,
     since double precision NOT NULL,
     meeting_token text,
     client_key text NOT NULL,
     gone_at double precision,
     expires_at double precision NOT NULL
   );
   CREATE INDEX waiting_by_room ON waiting (room_id, since, seq);
   CREATE INDEX waiting_by_client ON waiting (client_key);
   CREATE TABLE held_answers (
     resume_key_hash text PRIMARY KEY,
     room_id text NOT NULL,
     answer text NOT NULL,
     until double precision NOT NULL
   );
   CREATE TABLE admissions (
     ticket_hash text PRIMARY KEY,
     room_id text NOT NULL,
     name text NOT NULL,
     meeting_token text,
     expires_at double precision NOT NULL
   );

   CREATE TABLE call_participants (
     room_id text NOT NULL,
     identity text NOT NULL,
     ban_keys jsonb NOT NULL,
     joined_at double precision NOT NULL,
     removal_at double precision,
     removal_reason text CHECK (removal_reason IN ('room-expired', 'token-expired', 'elapsed')),
     PRIMARY KEY (room_id, identity)
   );
   CREATE INDEX call_participants_by_time ON call_participants (joined_at);
   CREATE INDEX call_participants_by_removal ON call_participants (removal_at) WHERE removal_at IS NOT NULL;
   CREATE TABLE meeting_bans (
     room_id text NOT NULL,
     kind text NOT NULL CHECK (kind IN ('token', 'user', 'client', 'member')),
     value text NOT NULL,
     since double precision NOT NULL,
     PRIMARY KEY (room_id, kind, value)
   );
   CREATE TABLE promoted_owners (
     room_id text NOT NULL,
     identity text NOT NULL,
     PRIMARY KEY (room_id, identity)
   );

   CREATE TABLE webhooks (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     uuid text NOT NULL UNIQUE,
     url text NOT NULL,
     hmac text NOT NULL,
     basic_auth text,
     retry_type text NOT NULL CHECK (retry_type IN ('circuit-breaker', 'exponential')),
     event_types jsonb NOT NULL,
     state text NOT NULL CHECK (state IN ('ACTIVE', 'FAILED')),
     failed_count integer NOT NULL,
     last_moment_pushed text,
     created_at text NOT NULL,
     updated_at text NOT NULL
   );

   CREATE TABLE meeting_records (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     id text NOT NULL UNIQUE,
     room_id text NOT NULL,
     room_name text NOT NULL,
     start_time double precision NOT NULL,
     end_time double precision,
     max_participants integer NOT NULL
   );
   CREATE INDEX meeting_records_by_room ON meeting_records (room_id, seq);
   CREATE INDEX meeting_records_open ON meeting_records (end_time) WHERE end_time IS NULL;
   CREATE TABLE meeting_sessions (
     session_sid text COLLATE "C" PRIMARY KEY,
     meeting_id text NOT NULL,
     participant_id text NOT NULL,
     user_id text,
     user_name text,
     owner boolean NOT NULL,
     permissions jsonb NOT NULL,
     join_time double precision NOT NULL,
     leave_time double precision,
     leave_estimated boolean NOT NULL DEFAULT false
   );
   CREATE INDEX meeting_sessions_by_meeting ON meeting_sessions (meeting_id, participant_id);
   CREATE TABLE livekit_events_applied (
     id text PRIMARY KEY,
     applied_at double precision NOT NULL
   );
   CREATE INDEX livekit_events_applied_by_time ON livekit_events_applied (applied_at);

   CREATE TABLE team_members (
     id text PRIMARY KEY,
     email text COLLATE "C" NOT NULL CONSTRAINT team_members_email_key UNIQUE,
     name text NOT NULL,
     role text NOT NULL CHECK (role IN ('owner', 'member')),
     created_at text COLLATE "C" NOT NULL
   );
   CREATE TABLE team_passkeys (
     id text PRIMARY KEY,
     member_id text NOT NULL REFERENCES team_members (id) ON DELETE CASCADE,
     public_key bytea NOT NULL,
     counter bigint NOT NULL,
     transports jsonb NOT NULL,
     created_at text NOT NULL
   );
   CREATE INDEX team_passkeys_by_member ON team_passkeys (member_id);
   CREATE TABLE team_sessions (
     id_hash text PRIMARY KEY,
     member_id text NOT NULL REFERENCES team_members (id) ON DELETE CASCADE,
     created_at double precision NOT NULL,
     expires_at double precision NOT NULL
   );
   CREATE INDEX team_sessions_by_member ON team_sessions (member_id);
   CREATE INDEX team_sessions_by_expiry ON team_sessions (expires_at);
   CREATE TABLE team_participants (
     participant_id text PRIMARY KEY,
     member_id text NOT NULL,
     email text NOT NULL,
     room_id text NOT NULL,
     owner_by_membership boolean NOT NULL,
     joined_at double precision NOT NULL
   );
   CREATE INDEX team_participants_by_member ON team_participants (member_id);
   CREATE INDEX team_participants_by_time ON team_participants (joined_at);`,
  // The instance carrying out a removal on schedule claims it first, for a while, so each removal is acted
  // on by one instance (another takes over if the claim runs out). SQLite's migration 9.
  `ALTER TABLE call_participants ADD COLUMN removal_claimed_by text, ADD COLUMN removal_claimed_until double precision;`,
];

/** Any fixed number, the same in every Foyer: the advisory lock that migrating instances take turns on. */
const MIGRATION_LOCK = 0x466f7965; // "Foye"

/**
 * Applies the migrations not applied yet, all in one transaction under a transaction-level advisory lock:
 * two instances starting at once take turns, and the second finds the work done. A database migrated
 * further than this code knows is left alone (an older instance still running beside a newer one during
 * a rolling upgrade); later migrations only ever add.
 */
export async function migrate(db: PgDb, migrations: readonly string[] = PG_MIGRATIONS): Promise<void> {
  await db.transaction(async () => {
    await db.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await db.run(
      `CREATE TABLE IF NOT EXISTS foyer_schema_version (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const { applied } = (await db.row<{ applied: number }>('SELECT coalesce(max(version), 0) AS applied FROM foyer_schema_version'))!;
    for (let version = applied + 1; version <= migrations.length; version++) {
      await db.run(migrations[version - 1]!);
      await db.run('INSERT INTO foyer_schema_version (version) VALUES ($1)', [version]);
    }
  });
}
