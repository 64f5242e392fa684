/**
 * Where the CLI finds Foyer and its API key, the way the server does: FOYER_URL, or the address the
 * server listens on by default (FOYER_HOST, FOYER_PORT); FOYER_API_KEY, or the key the server
 * generated on its first start and keeps in its data dir (FOYER_DATA_DIR, `./data` by default).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from './args.ts';

export interface Connection {
  baseUrl: string;
  apiKey: () => string;
}

/** FOYER_URL, or where a local `npm start` listens (an any-address host is reached on loopback). */
export function foyerUrl(env: NodeJS.ProcessEnv): string {
  if (env.FOYER_URL) {
    let url: URL | undefined;
    try {
      url = new URL(env.FOYER_URL);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new UsageError(`FOYER_URL must be an http:// or https:// URL (like http://127.0.0.1:3000), got "${env.FOYER_URL}"`);
    }
    return env.FOYER_URL.replace(/\/+$/, '');
  }
  const host = env.FOYER_HOST || '127.0.0.1';
  const port = env.FOYER_PORT || '3000';
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

/** The key a first start generated, from `<dataDir>/foyer.db` (read-only); null when there is none. */
export function storedApiKey(dataDir: string): string | null {
  const file = join(dataDir, 'foyer.db');
  if (!existsSync(file)) return null;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get('api_key');
    return row?.value ?? null;
  } catch {
    // Not a Foyer database, or one still being created: as if there were no key.
    return null;
  } finally {
    db?.close();
  }
}

/** The API key, or a `UsageError` that says how to give the CLI one. */
export function resolveApiKey(env: NodeJS.ProcessEnv): string {
  if (env.FOYER_API_KEY) return env.FOYER_API_KEY;
  const dataDir = resolve(env.FOYER_DATA_DIR || 'data');
  const apiKey = storedApiKey(dataDir);
  if (!apiKey) {
    throw new UsageError(
      `no API key: set FOYER_API_KEY (the key Foyer printed on its first start, or the one you configured it with); ` +
        `no generated key was found in ${join(dataDir, 'foyer.db')} (set FOYER_DATA_DIR to Foyer's data dir, or run this from Foyer's directory)`,
    );
  }
  return apiKey;
}

/** Where Foyer is, and its API key (looked up at the first request, once). */
export function resolveConnection(env: NodeJS.ProcessEnv): Connection {
  let key: string | undefined;
  return { baseUrl: foyerUrl(env), apiKey: () => (key ??= resolveApiKey(env)) };
}
