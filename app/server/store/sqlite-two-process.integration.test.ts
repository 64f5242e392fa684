/**
 * Two processes on one database file (a restart overlapping the old process, which `busy_timeout` is
 * there for): a take that loses the race must get null, as the lobby's TSDoc promises, not an error.
 * SQLite-specific (two connections to one file), so it is not part of the shared contract.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store.ts';

const run = promisify(execFile);
const storeModule = fileURLToPath(new URL('./sqlite-store.ts', import.meta.url));
const ENTRIES = 150;

/** A process that waits for `startAt`, then tries to take every waiting entry, held answer and admission; prints what it got. */
const taker = (path: string, startAt: number) => `
  const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
  const store = openSqliteStore(${JSON.stringify(path)});
  while (Date.now() < ${startAt});
  let taken = 0, errors = [];
  const tries = [(i) => store.lobby.takeWaiting('w' + i), (i) => store.lobby.takeHeldAnswer('k' + i, 'r', 0), (i) => store.lobby.takeAdmission('t' + i)];
  for (let i = 0; i < ${ENTRIES}; i++) {
    for (const take of tries) {
      try { if (await take(i)) taken++; } catch (err) { errors.push(err.code ?? String(err)); }
    }
  }
  await store.close();
  console.log(JSON.stringify({ taken, errors: [...new Set(errors)], errorCount: errors.length }));
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the SQLite store, two processes on one file', () => {
  it('of two processes taking the same lobby records at once, each record goes to exactly one, and neither gets an error', async () => {
    dir = mkdtempSync(join(tmpdir(), 'foyer-two-process-'));
    const path = join(dir, 'foyer.db');
    const store = openSqliteStore(path);
    for (let i = 0; i < ENTRIES; i++) {
      await store.lobby.addWaiting({ id: `w${i}`, roomId: 'r', resumeKeyHash: `k${i}`, name: 'Guest', since: i, clientKey: 'c', expiresAt: 1e12 });
      await store.lobby.holdAnswer({ resumeKeyHash: `k${i}`, roomId: 'r', answer: '{}', until: 1e12 });
      await store.lobby.addAdmission({ ticketHash: `t${i}`, roomId: 'r', name: 'Guest', expiresAt: 1e12 });
    }
    await store.close();
    // Both start together, well after both have loaded (tsx takes a moment).
    const startAt = Date.now() + 3000;
    const results = await Promise.all([0, 1].map(async () => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', taker(path, startAt)], { timeout: 30_000 });
      return JSON.parse(stdout) as { taken: number; errors: string[]; errorCount: number };
    }));
    expect(results.map((r) => r.errors)).toEqual([[], []]);
    expect(results[0]!.taken + results[1]!.taken).toBe(3 * ENTRIES);
  }, 40_000);

  it('two processes opening a new file at once both migrate it without an error, each migration run once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'foyer-two-process-'));
    const path = join(dir, 'foyer.db');
    const startAt = Date.now() + 3000;
    const opener = `
      const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
      while (Date.now() < ${startAt});
      const store = openSqliteStore(${JSON.stringify(path)});
      store.close();
      console.log('ok');
    `;
    const outcomes = await Promise.all([0, 1].map(() => run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', opener], { timeout: 30_000 }).then((r) => r.stdout.trim(), (err: { stderr?: string }) => err.stderr ?? String(err))));
    expect(outcomes).toEqual(['ok', 'ok']);
    const store = openSqliteStore(path);
    expect(await store.getSetting('nothing')).toBeNull();
    await store.close();
  }, 40_000);
});
