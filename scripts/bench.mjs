#!/usr/bin/env node
// `npm run bench`: Foyer's speed figures, measured in real Chromium against the real stack on loopback,
// printed beside bench/baseline.json. `--update-baseline` writes the new figures as the baseline;
// `--only size,join,knockload,load,mute,throughput` runs some parts:
//   size       the prejoin entry JS against its 80 KB gzip budget (over it, the bench exits 1), the
//              call chunks prefetched during the prejoin, and embed.js/embed.mjs (reported only);
//   join       Join → first remote frame and Ask → toast / Allow → frame with two people, with the phases
//              each went through (bench/phases.mjs);
//   knockload  Ask → toast and Allow → frame with an owner and a member publishing (bench/knock-load.mjs);
//   load       owner tab CPU with 16 camera tiles beside a livekit-client minimal page;
//   mute       owner mute click → the guest sees their mic off;
//   throughput preauth and join requests per second on one core, with autocannon (bench/throughput.mjs).
// As root on Linux it re-runs itself inside a loopback-only network namespace, like the e2e suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ensureLivekit } from './install-livekit.mjs';
import { ensureBuilt } from './start.mjs';
import { api, base, launchChromium, median, p95, startServer } from '../bench/stack.mjs';
import { serveMinimalPage } from '../bench/minimal-page.mjs';
import { measureTileLoad } from '../bench/tile-load.mjs';
import { measureOwnerMute } from '../bench/owner-mute.mjs';
import { navigationPhases, phaseProbe, phasesSince, summarizePhases } from '../bench/phases.mjs';
import { measureSizeBudget } from '../bench/size-budget.mjs';
import { measureKnockLoad } from '../bench/knock-load.mjs';
import { measureThroughput } from '../bench/throughput.mjs';

const RUNS = Number(process.env.FOYER_BENCH_RUNS ?? 10);
const BASELINE = 'bench/baseline.json';
const WEB_DIR = process.env.FOYER_WEB_DIR || 'dist/web';

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

const round1 = (x) => Math.round(x * 10) / 10;

const firstRemoteFrameAt = (page) =>
  page.waitForFunction(() => {
    const v = document.querySelector('video[data-remote="true"]');
    return v && v.videoWidth > 0 && v.getVideoPlaybackQuality().totalVideoFrames > 0 ? performance.timeOrigin + performance.now() : false;
  }, null, { polling: 'raf', timeout: 30_000 }).then((h) => h.jsonValue());

/** A page that notes, in-page, when selectors of interest first appear (performance.now(): ms since navigation). */
async function person(browser) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  await context.addInitScript(() => {
    window.__seen = {};
    const watch = { join: '[data-testid="join-button"]:not([disabled])', toast: '[data-testid="knock-toast"]' };
    const check = () => {
      for (const [name, selector] of Object.entries(watch)) {
        if (!window.__seen[name] && document.querySelector(selector)) window.__seen[name] = { at: performance.now(), wall: performance.timeOrigin + performance.now() };
      }
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await context.addInitScript(phaseProbe);
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
  const navigation = await navigationPhases(guest, interactive);
  await guest.getByTestId('name-input').fill('Guest');
  // Let the background chunk load and connection warm-up finish, as a person reading the prejoin would.
  await guest.waitForLoadState('networkidle');
  // Clicked in the page, so the figure starts at the click itself, not at Playwright's checks before it.
  const clicked = await guest.evaluate(() => {
    const t = performance.timeOrigin + performance.now();
    document.querySelector('[data-testid="join-button"]').click();
    return t;
  });
  const frame = await firstRemoteFrameAt(guest);
  const phases = { guest: await phasesSince(guest, clicked), host: await phasesSince(host, clicked) };
  await Promise.all([host.context().close(), guest.context().close()]);
  return { interactive, joinToFrame: frame - clicked, phases, navigation };
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
    const t = performance.timeOrigin + performance.now();
    document.querySelector('[data-testid="join-button"]').click();
    return t;
  });
  const toastAt = (await seen(owner, 'toast')).wall;
  const frameSeen = firstRemoteFrameAt(guest);
  const allowed = await owner.evaluate(() => {
    const t = performance.timeOrigin + performance.now();
    [...document.querySelectorAll('.toast button')].find((b) => b.textContent === 'Allow').click();
    return t;
  });
  const frameAt = await frameSeen;
  const phases = { guest: await phasesSince(guest, allowed), host: await phasesSince(owner, allowed) };
  await Promise.all([owner.context().close(), guest.context().close()]);
  return { knockToToast: toastAt - asked, allowToFrame: frameAt - allowed, phases };
}

/** The parts `--only` names (default all). */
function parts() {
  const at = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return new Set(['size', 'join', 'knockload', 'load', 'mute', 'throughput']);
  const arg = process.argv[at].startsWith('--only=') ? process.argv[at].slice('--only='.length) : process.argv[at + 1] ?? '';
  return new Set(arg.split(','));
}

const only = parts();
/** Figure name → samples (lower is better unless the name says so), printed as median and p95. */
const figures = {};
const notes = [];
/** `<moment>|<side>` → per run, the phases after the click (see bench/phases.mjs). */
const phaseRuns = {};
let overBudget = false;
if (only.has('size')) {
  // Fails the bench (exit code 1, after the figures print), never the tests.
  const r = await measureSizeBudget({ webDir: WEB_DIR });
  Object.assign(figures, r.figures);
  notes.push(...r.notes);
  overBudget = !r.withinBudget;
}
const server = await startServer();
const browser = await launchChromium();
try {
  if (only.has('join')) {
    const names = ['navigation → prejoin interactive (ms)', 'Join → first remote frame (ms)', 'Ask to join → owner toast (ms)', 'Allow → first remote frame (ms)'];
    for (const name of names) figures[name] = [];
    for (let i = 1; i <= RUNS; i++) {
      process.stdout.write(`join and knock, run ${i}/${RUNS} ...\r`);
      const j = await measureJoin(browser);
      const k = await measureKnock(browser);
      [j.interactive, j.joinToFrame, k.knockToToast, k.allowToFrame].forEach((v, n) => figures[names[n]].push(v));
      (phaseRuns['navigation|guest'] ??= []).push(j.navigation);
      for (const [moment, run] of [['Join', j], ['Allow', k]]) {
        for (const side of ['guest', 'host']) (phaseRuns[`${moment}|${side}`] ??= []).push(run.phases[side]);
      }
    }
  }
  if (only.has('knockload')) {
    process.stdout.write('knocking with an owner and a member publishing ...\r');
    const r = await measureKnockLoad(browser, Math.max(RUNS, 10));
    Object.assign(figures, r.figures);
    notes.push(...r.notes);
  }
  if (only.has('load')) {
    process.stdout.write('16 camera tiles: publishers, then Foyer and the livekit-client minimal page in turns ...\r');
    const minimal = await serveMinimalPage();
    // The publishers get a browser of their own, so only the watching tab shares the measured browser.
    const publisherBrowser = await launchChromium();
    try {
      const { foyer, livekit } = await measureTileLoad(browser, publisherBrowser, minimal);
      figures['owner tab CPU, 16 camera tiles (% of a core)'] = foyer.cpu;
      figures['livekit-client minimal page, same (% of a core)'] = livekit.cpu;
      const round = (x) => Math.round(x);
      for (const [who, r] of [['Foyer owner tab', foyer], ['livekit-client minimal page', livekit]]) {
        // CPU per decoded frame keeps the comparison honest when one tab decoded fewer frames.
        const perFrame = (r.mean * 10) / Math.max(1, r.fps * r.tiles);
        notes.push(`${who}: ${r.tiles} tiles decoding, ${r.fps.toFixed(1)} fps each, element ${r.element.w}×${r.element.h}, received ${r.received.w}×${r.received.h}, mean ${round(r.mean)}% of a core, ${perFrame.toFixed(2)} ms CPU per frame`);
      }
      const verdict = median(foyer.cpu) <= median(livekit.cpu) ? 'met' : 'NOT met';
      notes.push(`goal Foyer ≤ livekit-client minimal page: ${verdict} (${round1(median(foyer.cpu))}% vs ${round1(median(livekit.cpu))}%, medians of 1 s windows over 20 s each, in halves F L L F)`);
    } finally {
      await publisherBrowser.close();
      await minimal.close();
    }
  }
  if (only.has('mute')) {
    process.stdout.write('owner mute → guest sees mic off ...\r');
    figures['owner mute → guest sees mic off (ms)'] = await measureOwnerMute(browser, RUNS);
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
if (only.has('throughput')) {
  // Alone, after the browser pages are gone: its own Foyer pinned to one core.
  const r = await measureThroughput();
  Object.assign(figures, r.figures);
  notes.push(...r.notes);
}

// The baseline holds {median, p95} per figure (older baselines: the median alone).
const baseline = existsSync(BASELINE) ? JSON.parse(readFileSync(BASELINE, 'utf8')) : {};
const summary = Object.fromEntries(Object.entries(figures).map(([name, xs]) => [name, { median: round1(median(xs)), p95: round1(p95(xs)) }]));
console.log(`\nFoyer bench, ${RUNS} runs for timings, 1 s windows for CPU (lower is better unless said; ${cpus().length} cores; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
console.log(`  ${''.padEnd(52)} ${'median'.padStart(7)} ${'p95'.padStart(7)}`);
for (const [name, { median: value, p95: high }] of Object.entries(summary)) {
  const was = typeof baseline[name] === 'number' ? baseline[name] : baseline[name]?.median;
  const delta = was === undefined ? '' : `  (baseline ${was}, ${value - was >= 0 ? '+' : ''}${Math.round(((value - was) / was) * 100)}%)`;
  console.log(`  ${name.padEnd(52)} ${String(value).padStart(7)} ${String(high).padStart(7)}${delta}`);
}
for (const note of notes) console.log(`  ${note}`);
for (const [key, runs] of Object.entries(phaseRuns)) {
  const [moment, side] = key.split('|');
  if (moment === 'navigation') console.log('  where navigation → prejoin interactive goes, a new visitor (median ms after navigation start):');
  else console.log(`  where ${moment} → first remote frame goes, ${side === 'guest' ? 'the joining page' : 'the page already in the call'} (median ms after the click):`);
  for (const { name, median: ms, runs: n } of summarizePhases(runs)) console.log(`    ${String(ms).padStart(6)}  ${name}${n < runs.length ? ` (${n}/${runs.length} runs)` : ''}`);
}
if (process.argv.includes('--update-baseline')) {
  // Figures not run this time (--only) keep their baseline.
  writeFileSync(BASELINE, `${JSON.stringify({ ...baseline, ...summary }, null, 2)}\n`);
  console.log(`baseline written to ${BASELINE}`);
}
if (overBudget) {
  console.error('The prejoin entry JS is over its 80 KB gzip budget (see "size budget" above): move what the prejoin does not need into a lazy chunk.');
  process.exit(1);
}
