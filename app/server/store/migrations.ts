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
];
