#!/usr/bin/env node
// `npm start`: installs LiveKit if needed, builds the SPA and embed.js if missing or stale, then runs
// Foyer (control plane + a local LiveKit) on 127.0.0.1. On a fresh data dir it makes a demo room and
// prints its links; `npm start -- --demo` prints fresh ones at any start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLivekit } from './install-livekit.mjs';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function ensureBuilt() {
  // FOYER_WEB_DIR (what the server serves) is also where it is built, so parallel runs keep their own build.
  const outDir = process.env.FOYER_WEB_DIR || 'dist/web';
  // The SPA's shell and embed.js (built last, from app/embed): both there and newer than every source.
  const built = [`${outDir}/index.html`, `${outDir}/embed.js`];
  const sources = Math.max(
    ...['app/web', 'app/shared', 'app/embed', 'public'].map(newestMtime),
    ...['index.html', 'vite.config.ts', 'vite.embed.config.ts'].map((f) => statSync(f).mtimeMs),
  );
  if (built.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources)) return;
  console.log('Building the web app ...');
  // The SPA first (it empties outDir), then embed.js beside it.
  for (const config of ['vite.config.ts', 'vite.embed.config.ts']) {
    const result = spawnSync('npx', ['vite', 'build', '-c', config, '--logLevel', 'warn', '--outDir', outDir, ...(config === 'vite.config.ts' ? ['--emptyOutDir'] : [])], { stdio: 'inherit' });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!process.env.LIVEKIT_URL) ensureLivekit();
  ensureBuilt();
  const args = process.argv.slice(2).filter((arg) => arg === '--demo');
  const server = spawn(process.execPath, ['--import', 'tsx', 'app/server/main.ts', ...args], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}
