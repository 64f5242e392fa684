#!/usr/bin/env node
// `npm run bench`: Foyer's speed figures, measured in real Chromium against the real stack on loopback,
// printed beside bench/baseline.json. `--update-baseline` writes the new figures as the baseline.
// As root on Linux it re-runs itself inside a loopback-only network namespace, like the e2e suite.
import { chromium } from '@playwright/test';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { ensureLivekit } from './install-livekit.mjs';
import { ensureBuilt } from './start.mjs';

const RUNS = Number(process.env.FOYER_BENCH_RUNS ?? 5);
const PORT = 3200;
// A fixed, strong key (Foyer refuses weak API keys at start); the bench's server is private to it.
const API_KEY = 'bench_4Rk8Wq2Zp7Lx1Nc5Vb9Hm3Jt6Yd0Fs2Ga8Ue4Io7Pq1';
const BASELINE = 'bench/baseline.json';

if (!process.env.FOYER_BENCH_NETNS && process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['--version']).status === 0) {
  ensureLivekit();
  ensureBuilt();
  const args = process.argv.slice(1).map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('unshare', ['-n', '--', 'sh', '-c', `ip link set lo up && exec '${process.execPath}' ${args}`], {
    stdio: 'inherit',
    env: { ...process.env, FOYER_BENCH_NETNS: '1' },
  });
  process.exit(r.status ?? 1);
}
if (!process.env.FOYER_BENCH_NETNS) {
  ensureLivekit();
  ensureBuilt();
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** JS the browser must load before the prejoin: the entry script and its modulepreloads, gzipped. */
function prejoinJsGzipKb() {
  const html = readFileSync('dist/web/index.html', 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/web${f}`)).length, 0);
  return Math.round(bytes / 102.4) / 10;
}

async function startServer() {
  rmSync('data/bench', { recursive: true, force: true });
  const env = {
    ...process.env,
    FOYER_PORT: String(PORT),
    FOYER_DATA_DIR: 'data/bench',
    FOYER_API_KEY: API_KEY,
    FOYER_LIVEKIT_PORT: '7880',
    FOYER_LOG_LEVEL: 'warn',
    FOYER_CLIENT_REQUESTS_PER_10S: '100000',
    FOYER_KNOCKS_PER_MINUTE: '100000',
  };
  const server = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => String(d).includes('listening') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return server;
}

const base = `http://127.0.0.1:${PORT}`;
async function api(path, body) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const firstRemoteFrameAt = (page) =>
  page.waitForFunction(() => {
    const v = document.querySelector('video[data-remote="true"]');
    return v && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0 ? Date.now() : false;
  }, null, { polling: 'raf', timeout: 30_000 }).then((h) => h.jsonValue());

/** A page that notes, in-page, when selectors of interest first appear (performance.now(): ms since navigation). */
async function person(browser) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript(() => {
    window.__seen = {};
    const watch = { join: '[data-testid="join-button"]:not([disabled])', toast: '[data-testid="knock-toast"]' };
    const check = () => {
      for (const [name, selector] of Object.entries(watch)) {
        if (!window.__seen[name] && document.querySelector(selector)) window.__seen[name] = { at: performance.now(), wall: Date.now() };
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  });
  return context.newPage();
}

const seen = (page, name) => page.waitForFunction((n) => window.__seen[n], name).then((h) => h.jsonValue());

async function measureJoin(browser) {
  const room = await api('/v1/rooms', {});
  const host = await person(browser);
  await host.goto(`${base}/${room.name}`);
  await host.getByTestId('name-input').fill('Host');
  await host.getByTestId('join-button').click();
  await host.getByTestId('call').waitFor();
  const guest = await person(browser);
  await guest.goto(`${base}/${room.name}`);
  const interactive = Math.round((await seen(guest, 'join')).at);
  await guest.getByTestId('name-input').fill('Guest');
  // Let the background chunk load and connection warm-up finish, as a person reading the prejoin would.
  await guest.waitForLoadState('networkidle');
  const clicked = Date.now();
  await guest.getByTestId('join-button').click();
  const frame = await firstRemoteFrameAt(guest);
  await Promise.all([host.context().close(), guest.context().close()]);
  return { interactive, joinToFrame: frame - clicked };
}

async function measureKnock(browser) {
  const room = await api('/v1/rooms', { privacy: 'private', properties: { enable_knocking: true } });
  const { token } = await api('/v1/meeting-tokens', { properties: { room_name: room.name, is_owner: true, user_name: 'Owner' } });
  const owner = await person(browser);
  await owner.goto(`${base}/${room.name}?t=${token}`);
  await owner.getByTestId('join-button').click();
  await owner.getByTestId('call').waitFor();
  const guest = await person(browser);
  await guest.goto(`${base}/${room.name}`);
  await guest.getByTestId('name-input').fill('Guest');
  await guest.waitForLoadState('networkidle');
  const asked = await guest.evaluate(() => {
    const t = Date.now();
    document.querySelector('[data-testid="join-button"]').click();
    return t;
  });
  const toastAt = (await seen(owner, 'toast')).wall;
  const frameSeen = firstRemoteFrameAt(guest);
  const allowed = await owner.evaluate(() => {
    const t = Date.now();
    [...document.querySelectorAll('.toast button')].find((b) => b.textContent === 'Allow').click();
    return t;
  });
  const frameAt = await frameSeen;
  await Promise.all([owner.context().close(), guest.context().close()]);
  return { knockToToast: toastAt - asked, allowToFrame: frameAt - allowed };
}

const server = await startServer();
const browser = await chromium.launch({
  executablePath: process.env.FOYER_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-features=WebRtcHideLocalIpsWithMdns',
    '--autoplay-policy=no-user-gesture-required'],
});
const samples = { interactive: [], joinToFrame: [], knockToToast: [], allowToFrame: [] };
try {
  for (let i = 1; i <= RUNS; i++) {
    process.stdout.write(`run ${i}/${RUNS} ...\r`);
    const j = await measureJoin(browser);
    const k = await measureKnock(browser);
    samples.interactive.push(j.interactive);
    samples.joinToFrame.push(j.joinToFrame);
    samples.knockToToast.push(k.knockToToast);
    samples.allowToFrame.push(k.allowToFrame);
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

const figures = {
  'navigation → prejoin interactive (ms, median)': median(samples.interactive),
  'Join → first remote frame (ms, median)': median(samples.joinToFrame),
  'Ask to join → owner toast (ms, median)': median(samples.knockToToast),
  'Allow → first remote frame (ms, median)': median(samples.allowToFrame),
  'prejoin JS (KB gzip)': prejoinJsGzipKb(),
};
const baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : {};
console.log(`\nFoyer bench, ${RUNS} runs each (lower is better)`);
for (const [name, value] of Object.entries(figures)) {
  const was = baseline[name];
  const delta = was === undefined ? '' : `  (baseline ${was}, ${value - was >= 0 ? '+' : ''}${Math.round(((value - was) / was) * 100)}%)`;
  console.log(`  ${name.padEnd(48)} ${String(value).padStart(7)}${delta}`);
}
if (process.argv.includes('--update-baseline')) {
  writeFileSync(BASELINE, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`baseline written to ${BASELINE}`);
}
