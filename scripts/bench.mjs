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
//   throughput preauth and join requests per second on one core, with autocannon (bench/throughput.mjs);
//   cluster    the same knock across two control planes on PostgreSQL + Redis, and both instances' req/s
//              (bench/cluster.mjs).
// As root on Linux it re-runs itself inside a loopback-only network namespace, like the e2e suite.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { ensureLivekit } from './install-livekit.mjs';
import { ensureServices } from './install-services.mjs';
import { ensureBuilt } from './start.mjs';
import { api, base, launchChromium, median, p95, startServer } from '../bench/stack.mjs';
import { serveMinimalPage } from '../bench/minimal-page.mjs';
import { measureTileLoad } from '../bench/tile-load.mjs';
import { measureOwnerMute } from '../bench/owner-mute.mjs';
import { summarizePhases } from '../bench/phases.mjs';
import { measureSizeBudget } from '../bench/size-budget.mjs';
import { measureKnockLoad } from '../bench/knock-load.mjs';
import { measureThroughput } from '../bench/throughput.mjs';
import { measureJoin, measureKnock } from '../bench/two-people.mjs';
import { measureCluster } from '../bench/cluster.mjs';

const RUNS = Number(process.env.FOYER_BENCH_RUNS ?? 10);
const BASELINE = 'bench/baseline.json';
const WEB_DIR = process.env.FOYER_WEB_DIR || 'dist/web';

if (!process.env.FOYER_BENCH_NETNS && process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('unshare', ['--version']).status === 0) {
  ensureLivekit();
  ensureServices();
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
  ensureServices();
  ensureBuilt();
}

const round1 = (x) => Math.round(x * 10) / 10;

/** The parts `--only` names (default all). */
function parts() {
  const at = process.argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return new Set(['size', 'join', 'knockload', 'load', 'mute', 'throughput', 'cluster']);
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
      const j = await measureJoin(browser, base, api);
      const k = await measureKnock(browser, { owner: base, guest: base, api });
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
  if (only.has('cluster')) {
    const r = await measureCluster(browser, RUNS);
    Object.assign(figures, r.figures);
    notes.push(...r.notes);
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
