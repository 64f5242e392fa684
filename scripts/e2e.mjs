#!/usr/bin/env node
// Runs the Playwright suite, then the scaled-out specs (e2e/cluster/, playwright.cluster.config.ts: PostgreSQL,
// Redis, two LiveKit nodes, two control planes). `--cluster [args]` runs only the latter; other arguments go to
// the main suite alone. As root on Linux with `unshare`, each runs inside a private network namespace with only
// loopback up, so WebRTC cannot reach (or offer candidates on) anything else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureLivekit } from './install-livekit.mjs';
import { ensureServices } from './install-services.mjs';
import { ensureBuilt } from './start.mjs';
import { runIsolated } from './netns.mjs';

const chromium = process.env.FOYER_CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromium) && !process.env.FOYER_CHROMIUM && process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0) {
  console.log("Chromium is missing: installing Debian's chromium package (apt-get; a minute or two) ...");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
}
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: install it (as root: apt-get install -y chromium) or set FOYER_CHROMIUM.`);
  process.exit(1);
}
ensureLivekit();
ensureBuilt();

const args = process.argv.slice(2);
const clusterOnly = args[0] === '--cluster';
if (!clusterOnly) {
  const status = runIsolated(['playwright', 'test', ...args], 'the e2e suite');
  if (status !== 0 || args.length > 0) process.exit(status);
}
ensureServices();
process.exit(runIsolated(['playwright', 'test', '-c', 'playwright.cluster.config.ts', ...(clusterOnly ? args.slice(1) : [])], 'the scaled-out e2e specs'));
