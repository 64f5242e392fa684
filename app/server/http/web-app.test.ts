import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../testing/http-expect.ts';
import { makeTestApp, type TestApp } from '../testing/test-app.ts';

/** A built SPA as `vite build` leaves it: hashed assets with their .br/.gz siblings, and (when asked for) source maps. */
const script = `console.log(${JSON.stringify('Foyer '.repeat(2000))});\n`;
const shell = '<!doctype html><title>Foyer</title><div id="root"></div><script type="module" src="/assets/index-AbC123.js"></script>';
const embedScript = `var Foyer=(function(){${'/* call frame */'.repeat(200)}})();\n`;
const embedTypes = `export interface FoyerCall { leave(): Promise<void> }\n${'// types\n'.repeat(200)}`;
const demo = '<!doctype html><title>Foyer embed demo</title><script src="/embed-demo.js"></script>';
let webDir: string;
let t: TestApp;
beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'foyer-web-'));
  mkdirSync(join(webDir, 'assets'));
  const files: Record<string, string> = {
    'index.html': shell,
    'assets/index-AbC123.js': script,
    'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'embed.js': embedScript,
    'embed.mjs': `export default {};${embedScript}`,
    'embed.d.ts': embedTypes,
    'embed-demo.html': demo,
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(webDir, name), text);
    writeFileSync(join(webDir, `${name}.br`), brotliCompressSync(text));
    writeFileSync(join(webDir, `${name}.gz`), gzipSync(text));
  }
  writeFileSync(join(webDir, 'assets/index-AbC123.js.map'), '{"version":3,"sources":["../../app/web/secret.ts"]}');
  t = await makeTestApp({ env: { FOYER_WEB_DIR: webDir } });
});
afterAll(async () => {
  await t.close();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  t.app.inject({ method: 'GET', url, headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });

/** `Vary` names Accept-Encoding, so a shared cache never hands one encoding to a client that asked for another. */
const variesOnEncoding = (res: LightMyRequestResponse) => expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');

describe('the built SPA is served precompressed', () => {
  it('a brotli-accepting browser gets the .br file, which decompresses to the script', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    variesOnEncoding(res);
    expect(res.rawPayload.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('a gzip-only client gets the .gz file', async () => {
    const res = await get('/assets/index-AbC123.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/javascript/);
    variesOnEncoding(res);
    expect(gunzipSync(res.rawPayload).toString()).toBe(script);
  });

  it.each([undefined, 'identity', 'compress'])('a client accepting %j gets the file as is', async (acceptEncoding) => {
    const res = await get('/assets/index-AbC123.js', acceptEncoding);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    variesOnEncoding(res);
    expect(res.body).toBe(script);
  });

  it('the HTML shell is compressed too, for every room link', async () => {
    for (const url of ['/', '/standup', '/standup?t=abc']) {
      const res = await get(url, 'br');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(shell);
    }
  });
});

describe('caching', () => {
  it.each(['br', 'gzip', ''])('hashed files under /assets/ are cached for a year and never revalidated (accept-encoding %j)', async (enc) => {
    const res = await get('/assets/index-AbC123.js', enc);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/standup', '/standup?t=abc'])('the shell at %s is revalidated every time (a new build must reach people)', async (url) => {
    for (const enc of ['br', 'gzip', '']) {
      const res = await get(url, enc);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body.length).toBeGreaterThan(0);
    }
  });

  it('files outside /assets/ (not hashed) are revalidated', async () => {
    const res = await get('/favicon.svg', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});

describe('nothing but the app itself is public', () => {
  it.each(['br', 'gzip', ''])('a source map is not found (accept-encoding %j)', async (enc) => {
    expectError(await get('/assets/index-AbC123.js.map', enc), 404, 'not-found');
  });

  it.each(['/assets/index-AbC123.js.br', '/assets/index-AbC123.js.gz'])('the compressed sibling %s is not a URL of its own', async (url) => {
    expectError(await get(url), 404, 'not-found');
  });

  it('a path outside the web dir is not served', async () => {
    const res = await get('/assets/..%2f..%2fetc%2fpasswd', 'br');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});

describe('the embed script, for other sites', () => {
  const EMBED = ['/embed.js', '/embed.mjs', '/embed.d.ts'];

  it.each(EMBED)('%s may be used from any origin: CORS for module imports, and a cross-origin resource policy', async (url) => {
    for (const enc of ['br', 'gzip', '']) {
      const res = await t.app.inject({ method: 'GET', url, headers: { origin: 'https://host.example', 'accept-encoding': enc } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      // Its name does not change with a build: revalidated, like the shell.
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('embed.js and embed.mjs are JavaScript, precompressed like the rest', async () => {
    for (const url of ['/embed.js', '/embed.mjs']) {
      const res = await get(url, 'br');
      expect(res.headers['content-type']).toMatch(/^(application|text)\/javascript/);
      expect(res.headers['content-encoding']).toBe('br');
      variesOnEncoding(res);
      expect(brotliDecompressSync(res.rawPayload).toString()).toBe(url === '/embed.js' ? embedScript : `export default {};${embedScript}`);
    }
  });

  it('embed.d.ts is text (not video/mp2t, which .ts means to a file server), compressed or not', async () => {
    for (const enc of ['br', 'gzip', '']) {
      const res = await get('/embed.d.ts', enc);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    }
    expect((await get('/embed.d.ts')).body).toBe(embedTypes);
  });

  it("the rest of the app keeps helmet's same-origin resource policy and no CORS", async () => {
    for (const url of ['/', '/standup', '/assets/index-AbC123.js', '/favicon.svg', '/embed-demo']) {
      const res = await get(url, 'br');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('/dashboard is the SPA shell (the team dashboard is a page of the SPA, not a room), revalidated', async () => {
    const res = await get('/dashboard', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(res.rawPayload).toString()).toBe(shell);
  });

  it('/embed-demo is the demo page (from public/), revalidated', async () => {
    const res = await get('/embed-demo', 'gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(gunzipSync(res.rawPayload).toString()).toBe(demo);
  });
});
