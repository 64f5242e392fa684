// The bench's private Foyer (server + real LiveKit on loopback), its Chromium, and the statistics it prints.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

const PORT = 3200;
// Overridable so two benches (each in its own network namespace) keep separate data.
const DATA = process.env.FOYER_BENCH_DATA ?? 'data/bench';
// A fixed, strong key (Foyer refuses weak API keys at start); the bench's server is private to it.
const API_KEY = 'bench_4Rk8Wq2Zp7Lx1Nc5Vb9Hm3Jt6Yd0Fs2Ga8Ue4Io7Pq1';
/** Foyer's address inside the bench's network namespace. */
export const base = `http://127.0.0.1:${PORT}`;

/** A bench server's environment: its port, data dir and key, with the per-client limits out of the way. */
export const serverEnv = ({ port = PORT, data = DATA, apiKey = API_KEY } = {}) => ({
  ...process.env,
  FOYER_PORT: String(port),
  FOYER_DATA_DIR: data,
  FOYER_API_KEY: apiKey,
  FOYER_LIVEKIT_PORT: '7880',
  FOYER_LOG_LEVEL: 'warn',
  FOYER_CLIENT_REQUESTS_PER_10S: '100000',
  FOYER_KNOCKS_PER_MINUTE: '100000',
  FOYER_MAX_WAITING_PER_CLIENT: '100000',
});

/** Starts Foyer (which starts LiveKit) on a fresh data dir, with the per-client limits out of the way. */
export async function startServer() {
  rmSync(DATA, { recursive: true, force: true });
  const env = serverEnv();
  const server = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => String(d).includes('listening') && resolve());
    server.on('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return server;
}

/** POST to Foyer with the REST API key (also accepted by the client API, which ignores it). */
export async function api(path, body) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Chromium with fake camera and mic, never throttling pages the bench is not looking at. */
export const launchChromium = () =>
  chromium.launch({
    executablePath: process.env.FOYER_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--allow-loopback-in-peer-connection',
      '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-features=WebRtcHideLocalIpsWithMdns',
      '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
      '--disable-backgrounding-occluded-windows'],
  });

/** The value below which `q` (0..1) of the samples lie (nearest rank). */
export function quantile(xs, q) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
export const median = (xs) => quantile(xs, 0.5);
export const p95 = (xs) => quantile(xs, 0.95);


/** Runs `step`; if it fails, saves what `page` showed (data/bench-failure-<label>.png) and adds its text to the error. */
export async function explained(page, label, step) {
  try {
    return await step();
  } catch (err) {
    const shot = `data/bench-failure-${label}.png`;
    const text = await page.screenshot({ path: shot }).then(() => page.innerText('body'), () => '(page gone)').catch(() => '(no text)');
    err.message += `\n${label} page showed (${shot}): ${text.slice(0, 500)}`;
    throw err;
  }
}
