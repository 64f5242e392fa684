import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiKeyWeakness } from './api-key-strength.ts';
import { loadDeployment } from './deployment.ts';
import { openSqliteStore } from './store/sqlite-store.ts';
import type { Store } from './store/store.ts';

const ENV_KEY = '039f8228982b91dfbed6710eeaf8b156133a49cff894522ca4c9c65455e5e178';
const PUBLIC_URL = 'https://meet.example.com';

let dir: string;
let dbFile: string;
const opened: Store[] = [];
const open = () => {
  const store = openSqliteStore(dbFile);
  opened.push(store);
  return store;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'foyer-deployment-'));
  dbFile = join(dir, 'foyer.db');
});
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A store whose reads of settings come back empty, as they would for two first starts that both read before either writes. */
const staleReads = (store: Store): Store => Object.assign(Object.create(store) as Store, { getSetting: async () => null });

describe('loadDeployment', () => {
  it('generates a strong API key on the first start, stores it, and says it is new', async () => {
    const { deployment, newKey } = await loadDeployment(open(), undefined, PUBLIC_URL);
    expect(newKey).toBe(true);
    expect(deployment.apiKey).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeyWeakness(deployment.apiKey)).toBeNull();
    expect(await open().getSetting('api_key')).toBe(deployment.apiKey);
  });

  it('keeps the generated key and domain id across restarts, and does not call the key new again', async () => {
    const first = await loadDeployment(open(), undefined, PUBLIC_URL);
    const again = await loadDeployment(open(), undefined, PUBLIC_URL);
    expect(again.newKey).toBe(false);
    expect(again.deployment).toEqual(first.deployment);
  });

  it('uses FOYER_API_KEY when set, storing nothing, and leaves a stored key alone', async () => {
    const generated = (await loadDeployment(open(), undefined, PUBLIC_URL)).deployment.apiKey;
    const { deployment, newKey } = await loadDeployment(open(), ENV_KEY, PUBLIC_URL);
    expect(deployment.apiKey).toBe(ENV_KEY);
    expect(newKey).toBe(false);
    expect(await open().getSetting('api_key')).toBe(generated);
    // Unset again: back to the kept key.
    expect((await loadDeployment(open(), undefined, PUBLIC_URL)).deployment.apiKey).toBe(generated);
  });

  it('with FOYER_API_KEY on a fresh data dir, generates no key', async () => {
    const { newKey } = await loadDeployment(open(), ENV_KEY, PUBLIC_URL);
    expect(newKey).toBe(false);
    expect(await open().getSetting('api_key')).toBeNull();
  });

  it('makes a stable uuid domain id, whichever key is used', async () => {
    const a = (await loadDeployment(open(), ENV_KEY, PUBLIC_URL)).deployment.domainId;
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await loadDeployment(open(), undefined, PUBLIC_URL)).deployment.domainId).toBe(a);
  });

  it("names the domain after the public URL's host", async () => {
    expect((await loadDeployment(open(), undefined, 'https://meet.example.com:8443')).deployment.domainName).toBe('meet.example.com');
  });

  it('two first starts on one database agree on the key and the domain id, and only one calls the key new', async () => {
    // Both read "no key yet" before either writes: the race a read-then-write loses.
    const a = await loadDeployment(staleReads(open()), undefined, PUBLIC_URL);
    const b = await loadDeployment(staleReads(open()), undefined, PUBLIC_URL);
    expect(b.deployment).toEqual(a.deployment);
    expect([a.newKey, b.newKey].filter(Boolean)).toHaveLength(1);
    const kept = open();
    expect(await kept.getSetting('api_key')).toBe(a.deployment.apiKey);
    expect(await kept.getSetting('domain_id')).toBe(a.deployment.domainId);
  });
});
