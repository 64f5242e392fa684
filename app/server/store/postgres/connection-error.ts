/**
 * What to say when the database cannot be used at start: which server (never its password) and what to
 * check next, for the errors an operator meets while setting up FOYER_DATABASE_URL.
 */

/** What a value that is not a PostgreSQL URL is called: it may hold a secret anywhere. */
const NOT_A_URL = '(FOYER_DATABASE_URL, not a postgres:// URL)';

/** The URL with its password (in its user part or a `password` parameter) replaced, fit for logs and error messages. */
export function withoutPassword(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return NOT_A_URL;
  }
  // Anything can parse as some URL ("user:secret@host" has the scheme "user:"): only ours are shown.
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') return NOT_A_URL;
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString();
}

/** PostgreSQL's SQLSTATEs for the setup mistakes that have a clear next step. */
const NEXT_STEP: Record<string, string> = {
  '28P01': 'the password was refused: check the user and password in FOYER_DATABASE_URL',
  '28000': 'the server refused this user or host: check the user in FOYER_DATABASE_URL and the server\'s pg_hba.conf',
  '3D000': 'that database does not exist: create it (createdb, or CREATE DATABASE) or fix its name in FOYER_DATABASE_URL',
  '42501': 'the user may not create tables: grant it CREATE on the database\'s schema (Foyer creates its own tables at start)',
  '53300': 'the server has no connection left: raise its max_connections or lower the other clients\' pools',
};

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ECONNRESET', 'ENETUNREACH']);

/** An Error for a store that could not open on `url`, from what went wrong, naming the server and the next step. */
export function openError(url: string, err: unknown): Error {
  const code = (err as { code?: string } | undefined)?.code ?? '';
  const detail = err instanceof Error ? err.message : String(err);
  const timedOut = /timeout/i.test(detail);
  const next = NEXT_STEP[code]
    ?? (NETWORK_CODES.has(code) || timedOut
      ? 'check that PostgreSQL is running and accepts TCP connections from this host, and the host and port in FOYER_DATABASE_URL'
      : 'check FOYER_DATABASE_URL and the server\'s log');
  return new Error(`could not open the PostgreSQL store at ${withoutPassword(url)} (${detail || code}): ${next}`, { cause: err });
}
