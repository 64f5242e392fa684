import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDeployment } from '../server/deployment.ts';
import { openSqliteStore } from '../server/store/sqlite-store.ts';
import { foyerUrl, resolveApiKey, storedApiKey } from './connection.ts';

describe('foyerUrl', () => {
  it.each<[NodeJS.ProcessEnv, string]>([
    [{}, 'http://127.0.0.1:3000'],
    [{ FOYER_PORT: '3920' }, 'http://127.0.0.1:3920'],
    [{ FOYER_HOST: '0.0.0.0', FOYER_PORT: '8080' }, 'http://127.0.0.1:8080'],
    [{ FOYER_HOST: '::' }, 'http://127.0.0.1:3000'],
    [{ FOYER_HOST: '::1' }, 'http://[::1]:3000'],
    [{ FOYER_URL: 'https://meet.example.com/' }, 'https://meet.example.com'],
    [{ FOYER_URL: 'http://10.0.0.5:3000', FOYER_PORT: '1' }, 'http://10.0.0.5:3000'],
  ])('%j → %s', (env, expected) => {
    expect(foyerUrl(env)).toBe(expected);
  });

  it.each(['meet.example.com', 'ftp://x', 'ws://127.0.0.1:3000'])('refuses FOYER_URL=%s', (raw) => {
    expect(() => foyerUrl({ FOYER_URL: raw })).toThrow(/FOYER_URL must be an http/);
  });
});

describe('the API key from the data dir (as the server generated and kept it)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'foyer-cli-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the key a first start generated, read-only, while the server holds the database open', async () => {
    const store = openSqliteStore(join(dir, 'foyer.db'));
    try {
      const { deployment, newKey } = await loadDeployment(store, undefined, 'http://127.0.0.1:3000');
      expect(newKey).toBe(true);
      expect(storedApiKey(dir)).toBe(deployment.apiKey);
      expect(resolveApiKey({ FOYER_DATA_DIR: dir })).toBe(deployment.apiKey);
      // FOYER_API_KEY wins, as it does for the server.
      expect(resolveApiKey({ FOYER_DATA_DIR: dir, FOYER_API_KEY: 'from-env' })).toBe('from-env');
    } finally {
      await store.close();
    }
  });

  it('finds none in a data dir whose server was given FOYER_API_KEY (nothing generated)', async () => {
    const store = openSqliteStore(join(dir, 'foyer.db'));
    await loadDeployment(store, 'configured_key_Zq8Wm3Rx6Tn1Vb4Yk7Pc2Hd5Jf9Ls0Ga', 'http://127.0.0.1:3000');
    await store.close();
    expect(storedApiKey(dir)).toBeNull();
    expect(() => resolveApiKey({ FOYER_DATA_DIR: dir })).toThrow(/no API key: set FOYER_API_KEY/);
  });

  it('finds none in an empty dir, or in a file that is not a Foyer database, and creates nothing', () => {
    expect(storedApiKey(dir)).toBeNull();
    expect(storedApiKey(join(dir, 'missing'))).toBeNull();
    writeFileSync(join(dir, 'foyer.db'), 'not sqlite');
    expect(storedApiKey(dir)).toBeNull();
  });
});
