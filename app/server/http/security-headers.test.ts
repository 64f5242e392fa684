import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';

/** A built SPA stand-in: the SPA routes exist only when the web dir has an index.html. */
let webDir: string;
beforeAll(() => {
  webDir = mkdtempSync(join(tmpdir(), 'foyer-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Foyer</title><div id="root"></div>');
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("hi")');
});
afterAll(() => rmSync(webDir, { recursive: true, force: true }));

/** The CSP as a map of directive → sources. */
function csp(header: unknown): Map<string, string[]> {
  expect(typeof header, 'Content-Security-Policy header').toBe('string');
  return new Map(
    String(header).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name, ...sources] = d.split(/\s+/);
      return [name!, sources];
    }),
  );
}

describe('security headers with configured frame ancestors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({ env: { FOYER_WEB_DIR: webDir, FOYER_FRAME_ANCESTORS: 'https://intranet.example https://*.partner.example' } });
  });
  afterAll(async () => t.close());

  const pages = [
    ['the SPA at /', () => t.app.inject({ method: 'GET', url: '/' })],
    ['the SPA at a room link', () => t.app.inject({ method: 'GET', url: '/standup?t=abc' })],
    ['a built asset', () => t.app.inject({ method: 'GET', url: '/assets/app-1234.js' })],
    ['the REST API', () => t.api('GET', '/v1/')],
    ['a REST error', () => t.app.inject({ method: 'GET', url: '/v1/rooms' })],
    ['the client API', () => t.client('/api/rooms/standup/preauth', {})],
    ['the OpenAPI document', () => t.app.inject({ method: 'GET', url: '/v1/openapi.json' })],
  ] as const;

  it('serves the SPA page itself (the routes under test exist)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/standup' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root">');
  });

  it.each(pages)('%s: frame-ancestors is FOYER_FRAME_ANCESTORS, and no X-Frame-Options overrides it', async (_name, request) => {
    const res = await request();
    expect(res.statusCode).toBeLessThan(500);
    expect(csp(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(['https://intranet.example', 'https://*.partner.example']);
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  it.each(pages)('%s: Referrer-Policy no-referrer (a meeting token in the URL never leaks)', async (_name, request) => {
    expect((await request()).headers['referrer-policy']).toBe('no-referrer');
  });

  it('lets pages connect to LiveKit (ws and http forms of its URL) and to Foyer, nowhere else', async () => {
    const policy = csp((await t.app.inject({ method: 'GET', url: '/standup' })).headers['content-security-policy']);
    const lk = t.ctx.livekit.publicUrl;
    expect(lk).toMatch(/^wss?:\/\//);
    expect(policy.get('connect-src')).toEqual(["'self'", lk, lk.replace(/^ws/, 'http')]);
  });

  it('runs only Foyer\'s own scripts: no inline or eval, no other origin', async () => {
    const policy = csp((await t.app.inject({ method: 'GET', url: '/' })).headers['content-security-policy']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('media-src')).toEqual(expect.arrayContaining(["'self'", 'blob:', 'mediastream:']));
  });

  it('a 404 still carries the policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/no/such/page' });
    expectError(res, 404, 'not-found');
    expect(csp(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(['https://intranet.example', 'https://*.partner.example']);
  });
});

describe('security headers by default', () => {
  it('lets any page embed Foyer (frame-ancestors *), still without X-Frame-Options', async () => {
    const t = await makeTestApp({ env: { FOYER_WEB_DIR: webDir } });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/standup' });
      expect(res.statusCode).toBe(200);
      expect(csp(res.headers['content-security-policy']).get('frame-ancestors')).toEqual(['*']);
      expect(res.headers['x-frame-options']).toBeUndefined();
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    } finally {
      await t.close();
    }
  });
});
