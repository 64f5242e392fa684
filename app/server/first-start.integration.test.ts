/**
 * The real process on a fresh data dir and after: the generated key and demo links are printed once
 * (and work), later starts say how to get fresh links, and unsafe settings stop the start.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDataDir, startServerProcess, type ServerProcess } from './testing/server-process.ts';

const ports = { port: 3410, livekitPort: 8410, udpStart: 52410 };
// As on a fresh clone: no FOYER_API_KEY.
const newcomer = { FOYER_API_KEY: '' };
const dataDir = mkdtempSync(join(tmpdir(), 'foyer-first-start-'));
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  removeDataDir(dataDir);
});

async function preauth(base: string, token?: string) {
  const res = await fetch(`${base}/api/rooms/demo/preauth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(token ? { token } : {}),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { access: { level: string }; user: { isOwner: boolean } };
}

const ownerLink = /owner: (http\S+\/demo)\?t=(\S+)/;
let apiKey = '';

describe('first start and restarts of a data dir', () => {
  it('first start: prints the generated key once and demo links that work', async () => {
    server = await startServerProcess({ ports, dataDir, env: newcomer });
    await server.waitForOutput('guest: ');
    const out = server.output();
    apiKey = /REST API key \(shown once[^:]*\): ([0-9a-f]{64})/.exec(out)?.[1] ?? '';
    expect(apiKey).not.toBe('');
    const v1 = await fetch(`${server.baseUrl}/v1/`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(v1.status).toBe(200);
    const [, base, token] = ownerLink.exec(out) ?? [];
    // At localhost, the default public URL on loopback (passkeys need a host name): the same server.
    expect(base).toBe(`${server.baseUrl.replace('127.0.0.1', 'localhost')}/demo`);
    expect(await preauth(server.baseUrl, token)).toMatchObject({ access: { level: 'full' }, user: { isOwner: true } });
    expect((await preauth(server.baseUrl)).access.level).toBe('lobby');
    expect(await server.stop()).toBe(0);
  });

  it('later start: no key, no owner token, one line on how to get fresh links; the kept key still works', async () => {
    server = await startServerProcess({ ports, dataDir, env: newcomer });
    await server.waitForOutput('only on the first start');
    const out = server.output();
    expect(out).toContain('npm start -- --demo');
    expect(out).not.toContain('?t=');
    expect(out).not.toContain('REST API key');
    const v1 = await fetch(`${server.baseUrl}/v1/`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(v1.status).toBe(200);
    expect(await server.stop()).toBe(0);
  });

  it('--demo: fresh demo links at any start', async () => {
    server = await startServerProcess({ ports, dataDir, env: newcomer, args: ['--demo'] });
    await server.waitForOutput('guest: ');
    const [, , token] = ownerLink.exec(server.output()) ?? [];
    expect(await preauth(server.baseUrl, token)).toMatchObject({ access: { level: 'full' }, user: { isOwner: true } });
    expect(await server.stop()).toBe(0);
  });
});

describe('unsafe settings stop the start with a message saying what to set', () => {
  it.each([
    [{ FOYER_API_KEY: 'e2e-api-key-not-secret' }, /FOYER_API_KEY is too weak.*openssl rand -hex 32/],
    [{ FOYER_TRUST_PROXY: 'true' }, /FOYER_TRUST_PROXY=1/],
  ])('%j', async (env, message) => {
    server = await startServerProcess({ ports, env, waitUntilListening: false });
    await server.waitForOutput(message);
    expect(server.output()).toContain('Foyer could not start');
    expect(server.output()).not.toContain('e2e-api-key-not-secret');
    await server.stop();
    removeDataDir(server.dataDir);
  });
});
